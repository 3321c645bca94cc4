"""The self-diagnostic as data: a versioned questionnaire, and the results people chose to keep.

A questionnaire version is loaded from content/diagnostic/questionnaire.yml (or copied in the
admin) and never changes in substance once results were saved on it: a result is always read
with the version it was taken on.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter.querysets import DiagnosticQuerySet, QuestionnaireQuerySet

# The answer the platform adds to every question. It is left out of the score and leads to a
# "find out" action instead of a penalty.
DONT_KNOW = "ne-sait-pas"
MAX_SCORE = 3


class Questionnaire(models.Model):
    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Visitors take the published version with the highest number."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self):
        return reverse("charter:diagnostic")


class Theme(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("questionnaire"),
    )
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "slug"], name="charter_theme_slug")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("charter:diagnostic-theme", args=[self.slug])


class Question(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="questions", verbose_name=_("theme")
    )
    key = models.SlugField(
        _("identifier"),
        max_length=80,
        help_text=_("Stable within a questionnaire: saved answers refer to it."),
    )
    text = models.TextField(_("question"))
    why = models.TextField(_("why it matters"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.key

    def clean(self):
        if not self.theme_id:
            return
        duplicates = Question.objects.filter(
            theme__questionnaire_id=self.theme.questionnaire_id, key=self.key
        ).exclude(pk=self.pk)
        if duplicates.exists():
            raise ValidationError(
                {"key": _("Another question of this version has this identifier.")}
            )


class Answer(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.SlugField(_("value"), max_length=40)
    label = models.CharField(_("label"), max_length=300)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MaxValueValidator(MAX_SCORE)], help_text=_("From 0 to 3.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="charter_answer_value")
        ]

    def __str__(self):
        return self.label

    def clean(self):
        if self.value == DONT_KNOW:
            raise ValidationError({"value": _("This value is reserved for “I don't know”.")})


class Action(models.Model):
    """What to do when the answer to a question leaves room for progress."""

    class Effort(models.TextChoices):
        LOW = "faible", _("light")
        MEDIUM = "moyen", _("moderate")
        HIGH = "eleve", _("heavy")

    class Impact(models.TextChoices):
        LOW = "faible", _("low")
        MEDIUM = "moyen", _("medium")
        HIGH = "fort", _("high")

    question = models.OneToOneField(
        Question, on_delete=models.CASCADE, related_name="action", verbose_name=_("question")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    effort = models.CharField(_("effort"), max_length=10, choices=Effort.choices)
    impact = models.CharField(_("impact"), max_length=10, choices=Impact.choices)
    links = models.JSONField(
        _("links"),
        default=list,
        blank=True,
        help_text=_('A list of {"url": "/outils/…/", "label": "…"}: tools, resources, workshops.'),
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.title


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Diagnostic(models.Model):
    """A result someone asked to keep. Reached by its private link; a member may publish it."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="diagnostics",
        verbose_name=_("questionnaire"),
    )
    token = models.CharField(_("private token"), max_length=64, unique=True, default=new_token)
    answers = models.JSONField(_("answers"), default=dict)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="diagnostics",
        verbose_name=_("member"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=120, blank=True)
    # NULL, not "", while unpublished: many results have no public address, one each at most.
    public_slug = models.SlugField(
        _("public address"), max_length=80, unique=True, null=True, blank=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("taken"), default=timezone.now, db_index=True)

    objects = DiagnosticQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("diagnostic result")
        verbose_name_plural = _("diagnostic results")

    def __str__(self):
        name = self.organisation_name or _("Result")
        return f"{name} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("charter:diagnostic-detail", args=[self.token])

    def get_public_url(self):
        return reverse("charter:published-detail", args=[self.public_slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
