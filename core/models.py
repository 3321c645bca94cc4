from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SiteSettings(models.Model):
    """Settings an admin changes at run time (one row). The read-only switch lives here."""

    read_only = models.BooleanField(
        _("read-only"),
        default=False,
        help_text=_("Stop every edit on the site (during maintenance or a spam wave)."),
    )
    read_only_message = models.CharField(
        _("message shown while read-only"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))


class SearchEntry(models.Model):
    """One searchable page (an article, a tool, a workshop), kept in step by its app's services.

    The full-text index itself is backend-specific and managed by core/search.py: an FTS5 table
    on SQLite, a tsvector column on PostgreSQL (see migration 0003).
    """

    kind = models.CharField(_("kind"), max_length=30)
    key = models.CharField(_("key"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_search_entry")]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class OutboxEmail(models.Model):
    """An email waiting to be sent by the worker. A failed send is retried later, never lost."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed for good")

    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    send_after = models.DateTimeField(_("send after"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["status", "send_after"])]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class TaskRun(models.Model):
    """When the worker last ran each periodic task (digests, erasure of old personal data…)."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self):
        return self.name
