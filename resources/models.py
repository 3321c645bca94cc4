from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import deleted_user
from resources.querysets import ArticleQuerySet
from revisions.models import Document


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("resources:article-list") + f"?etiquette={self.slug}"


class Article(models.Model):
    """A wiki page. Its text and fields live in revisions; these columns copy the accepted ones."""

    class Kind(models.TextChoices):
        REFLECTION = "reflexion", _("Reflection")
        STRATEGY = "strategie", _("Usage strategy")
        TUTORIAL = "tutoriel", _("Tutorial")
        TOOLKIT = "boite-a-outils", _("Toolkit")  # tools for a situation, in the order to set up

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="article")
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REFLECTION)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    published = models.BooleanField(_("published"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["title"]
        # The listing pages through published articles by title.
        indexes = [models.Index(fields=["title"], name="article_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:article-detail", args=[self.slug])


class Comment(models.Model):
    """A message on an article's talk page."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(deleted_user), related_name="comments"
    )
    text = models.TextField(_("message"), max_length=5000)
    hidden = models.BooleanField(_("hidden by moderation"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.article}: {self.text[:40]}"


class Follow(models.Model):
    """A member asked to be told by email about changes to an article or to a tag's articles."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("at each change")
        DAILY = "daily", _("once a day (digest)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    tag = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="unique_follow_article"),
            models.UniqueConstraint(fields=["user", "tag"], name="unique_follow_tag"),
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, tag__isnull=True)
                | models.Q(article__isnull=True, tag__isnull=False),
                name="follow_one_thing",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.article or self.tag}"


class PendingNotification(models.Model):
    """A change waiting for a member's daily digest."""

    follow = models.ForeignKey(Follow, on_delete=models.CASCADE, related_name="pending")
    revision = models.ForeignKey("revisions.Revision", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follow", "revision"], name="unique_pending_notification"
            )
        ]

    def __str__(self):
        return f"{self.follow}: {self.revision_id}"


class Image(models.Model):
    """An image uploaded for the wiki: re-encoded without metadata, light, with its alt text."""

    file = models.FileField(_("file"), upload_to="images/")
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = models.BooleanField(_("decorative image"), default=False)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET(deleted_user), related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_text or self.file.name

    @property
    def markdown(self) -> str:
        return f"![{self.alt_text}]({self.file.url})"
