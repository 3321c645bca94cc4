"""Fictitious saved results for trying the platform (`make demo`): two results of the demo
member, six months apart, the later one published under a clearly fictitious name."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from charter import services
from charter.models import DONT_KNOW, Diagnostic, Questionnaire

DEMO_MEMBER = "demo-membre@example.org"
DEMO_ORGANISATION = "Association Les Exemples (démo)"


@transaction.atomic
def load_demo_diagnostics() -> str:
    questionnaire = Questionnaire.objects.with_content().current()
    member = User.objects.filter(email=DEMO_MEMBER).first()
    if questionnaire is None or member is None:
        return "skipped: load the content (load_content) and the demo members first"
    if Diagnostic.objects.filter(owner=member).exists():
        return "0 demo results created (already there)"
    questions = [q for theme in questionnaire.themes.all() for q in theme.questions.all()]
    before = {
        q.key: DONT_KNOW if i % 7 == 3 else q.answers.all()[min(1, len(q.answers.all()) - 1)].value
        for i, q in enumerate(questions)
    }
    after = {
        q.key: q.answers.all()[len(q.answers.all()) - 1 - i % 2].value
        for i, q in enumerate(questions)
    }
    first = services.diagnostic_save(questionnaire=questionnaire, answers=before, owner=member)
    Diagnostic.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=180))
    second = services.diagnostic_save(questionnaire=questionnaire, answers=after, owner=member)
    services.diagnostic_publish(diagnostic=second, organisation_name=DEMO_ORGANISATION)
    return f"2 demo results created for {DEMO_MEMBER}, one published as “{DEMO_ORGANISATION}”"
