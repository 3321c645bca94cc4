import zlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import deleted_user
from revisions.querysets import RevisionQuerySet


class Document(models.Model):
    """Something revised like a wiki page: an article, a tool entry…

    The owning app sets `kind`, `title` and `path`; the engine keeps the history.
    `current_revision` is the last accepted revision: what readers see.
    """

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    path = models.CharField(_("address"), max_length=300)
    current_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    protected = models.BooleanField(
        _("protected"), default=False, help_text=_("Only moderators can edit a protected page.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.path


class Revision(models.Model):
    """One state of a document. Never updated once written (a review is a row of its own)."""

    class Action(models.TextChoices):
        CREATE = "create", _("creation")
        EDIT = "edit", _("edit")
        MERGE = "merge", _("merged edit")
        REVERT = "revert", _("revert")
        IMPORT = "import", _("import")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The revision this one was made from."),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    compressed_text = models.BinaryField(_("text (zlib)"))
    data = models.JSONField(_("structured fields"), default=dict, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(deleted_user), related_name="revisions"
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    minor = models.BooleanField(_("minor edit"), default=False)
    needs_review = models.BooleanField(_("needs review"), default=False)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_revision_number")
        ]
        indexes = [models.Index(fields=["document", "-number"])]

    def __str__(self):
        return f"{self.document} #{self.number}"

    @property
    def text(self) -> str:
        return zlib.decompress(bytes(self.compressed_text)).decode()

    @staticmethod
    def compress(text: str) -> bytes:
        return zlib.compress(text.encode(), 6)

    @property
    def status(self) -> str:
        """accepted, pending or rejected."""
        if not self.needs_review:
            return "accepted"
        review = getattr(self, "review", None)
        if review is None:
            return "pending"
        return "accepted" if review.accepted else "rejected"


class Review(models.Model):
    """A moderator's decision on a revision that needed review."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="review")
    accepted = models.BooleanField(_("accepted"))
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(deleted_user), related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.revision}: {'accepted' if self.accepted else 'rejected'}"
