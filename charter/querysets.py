from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from charter.models import Diagnostic, Questionnaire


class QuestionnaireQuerySet(models.QuerySet):
    def published(self) -> QuestionnaireQuerySet:
        return self.filter(is_published=True)

    def with_content(self) -> QuestionnaireQuerySet:
        """Themes, questions, answers and actions in five queries, in their order."""
        return self.prefetch_related("themes__questions__answers", "themes__questions__action")

    def current(self) -> Questionnaire | None:
        """The version visitors take: the published one with the highest number."""
        return self.published().order_by("-version").first()


class DiagnosticQuerySet(models.QuerySet):
    def owned_by(self, user) -> DiagnosticQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def published(self) -> DiagnosticQuerySet:
        return self.filter(published_at__isnull=False, public_slug__isnull=False)

    def earlier_than(self, diagnostic: Diagnostic) -> DiagnosticQuerySet:
        """Results taken before this one, the latest first (to show progress)."""
        return self.filter(created_at__lt=diagnostic.created_at).order_by("-created_at", "-pk")
