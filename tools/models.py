from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revisions.models import Document
from tools.querysets import ToolQuerySet

STALE_AFTER = timedelta(days=365)


class Category(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Platform(models.Model):
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Protocol(models.Model):
    """A federation or syndication protocol (ActivityPub, Matrix, RSS…)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ToolTag(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("tool tag")
        verbose_name_plural = _("tool tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Tool(models.Model):
    """A tool entry. Its fields live in revisions (edited like the wiki); these columns copy the
    accepted revision's values so that the directory can filter and sort them."""

    class Audience(models.TextChoices):
        MASS = "masse", _("mass platform")
        LARGE = "large", _("large audience")
        COMMUNITY = "communaute", _("community")
        NICHE = "niche", _("niche")

    class Skill(models.TextChoices):
        BEGINNER = "debutant", _("beginner")
        INTERMEDIATE = "intermediaire", _("intermediate")
        ADVANCED = "avance", _("advanced")

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="tool")
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("summary"), max_length=200)
    licence = models.CharField(_("licence (SPDX)"), max_length=200, blank=True)
    is_free = models.BooleanField(_("free licence"), default=False, db_index=True)
    website = models.URLField(_("website"), blank=True)
    source_code = models.URLField(_("source code"), blank=True)
    self_hostable = models.BooleanField(_("self-hostable"), default=False, db_index=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True)
    skill_level = models.CharField(
        _("skill to use it"), max_length=20, choices=Skill.choices, blank=True
    )
    tracking = models.CharField(_("tracking"), max_length=30, blank=True)
    last_checked = models.DateField(_("last checked"), null=True, blank=True)
    categories = models.ManyToManyField(
        Category, related_name="tools", verbose_name=_("categories")
    )
    platforms = models.ManyToManyField(
        Platform, blank=True, related_name="tools", verbose_name=_("platforms")
    )
    protocols = models.ManyToManyField(
        Protocol, blank=True, related_name="tools", verbose_name=_("protocols")
    )
    tags = models.ManyToManyField(ToolTag, blank=True, related_name="tools", verbose_name=_("tags"))
    published = models.BooleanField(_("published"), default=False, db_index=True)
    reviewed = models.BooleanField(
        _("reviewed"),
        default=True,
        db_index=True,
        help_text=_("False for an entry imported from public data that nobody has read yet."),
    )
    criteria = models.JSONField(
        _("ethical criteria"), default=dict, blank=True, help_text=_("criterion → value")
    )
    external_id = models.CharField(
        _("identifier in the imported data"), max_length=120, blank=True, db_index=True
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)

    objects = ToolQuerySet.as_manager()

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tools:tool-detail", args=[self.slug])

    @property
    def is_stale(self) -> bool:
        return self.last_checked is None or timezone.localdate() - self.last_checked > STALE_AFTER


class Hoster(models.Model):
    class Type(models.TextChoices):
        ASSOCIATION = "association", _("association")
        COOPERATIVE = "cooperative", _("cooperative")
        COMPANY = "entreprise", _("company")
        PUBLIC = "public", _("public body")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    country = models.CharField(_("country"), max_length=2)
    website = models.URLField(_("website"))
    chatons = models.BooleanField(_("member of CHATONS"), default=False)
    governance = models.TextField(_("governance"), blank=True)
    environment = models.JSONField(_("environmental commitments"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    last_checked = models.DateField(_("last checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("hoster")
        verbose_name_plural = _("hosters")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tools:hoster-detail", args=[self.slug])


class Offer(models.Model):
    """Where a tool can be used without hosting it oneself."""

    hoster = models.ForeignKey(Hoster, on_delete=models.CASCADE, related_name="offers")
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="offers")
    name = models.CharField(_("name"), max_length=120)
    price = models.CharField(_("price"), max_length=120, blank=True)
    audience = models.CharField(_("for whom"), max_length=200, blank=True)
    url = models.URLField(_("address"))

    class Meta:
        verbose_name = _("hosted offer")
        verbose_name_plural = _("hosted offers")
        ordering = ["hoster__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.hoster})"


class Service(models.Model):
    """A proprietary service that free tools can replace ("Remplacer Facebook")."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    used_for = models.TextField(_("used for"), blank=True)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL)
    tradeoffs = models.TextField(_("trade-offs"), blank=True)
    alternatives = models.ManyToManyField(Tool, through="Alternative", related_name="replaces")

    class Meta:
        verbose_name = _("proprietary service")
        verbose_name_plural = _("proprietary services")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tools:service-detail", args=[self.slug])


class Alternative(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE)
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["service", "tool"], name="unique_alternative")
        ]

    def __str__(self):
        return f"{self.service} → {self.tool}"


class Maintenance(models.Model):
    """Maintenance facts of a tool's project, refreshed from public data by an importer.

    They are not wiki content (nobody edits them by hand), so they live beside the revisions.
    """

    tool = models.OneToOneField(Tool, on_delete=models.CASCADE, related_name="maintenance")
    source = models.CharField(_("source"), max_length=60)
    source_url = models.URLField(_("source address"), blank=True)
    archived = models.BooleanField(_("archived"), default=False)
    last_update = models.DateField(_("last activity"), null=True, blank=True)
    release = models.CharField(_("latest release"), max_length=80, blank=True)
    release_date = models.DateField(_("latest release date"), null=True, blank=True)
    stars = models.PositiveIntegerField(_("stars"), null=True, blank=True)
    refreshed_at = models.DateTimeField(_("refreshed"), default=timezone.now)

    class Meta:
        verbose_name = _("maintenance facts")
        verbose_name_plural = _("maintenance facts")

    def __str__(self):
        return f"{self.tool} ({self.source})"
