"""Workshops: programmes (reusable templates), dated sessions, registrations and the rest.

A `Workshop` is one dated session ("atelier du 12 mars"); a `Programme` is the template it may be
made from. Times are stored in UTC and shown in Europe/Paris (settings.TIME_ZONE).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import deleted_user
from workshops.querysets import RegistrationQuerySet, WorkshopQuerySet


class Topic(models.TextChoices):
    """The themes of the 2012 notes, shared with the resources (content/README.md)."""

    TRANSPARENCY = "transparence", _("Transparency")
    ENVIRONMENT = "environnement", _("Environment")
    HOSTING = "choix-hebergeur", _("Choosing a host")
    NEUTRALITY = "neutralite-du-net", _("Net neutrality")
    QUALITY = "qualite-des-contenus", _("Quality of content")
    SHARING = "reciprocite-et-partage", _("Reciprocity and sharing")
    VISIBILITY = "visibilite", _("Visibility")
    NETWORKING = "mise-en-reseau", _("Networking")
    SECURITY = "securite-des-donnees", _("Data security")
    HUMAN = "humain-au-centre", _("The human at the centre")
    TOOLS = "outils-et-valeurs", _("Tools in line with values")
    MUTUAL_HELP = "entraide", _("Mutual help")
    CONSENT = "consentement-et-vie-privee", _("Consent and privacy")
    COMMERCE = "commerce-ethique", _("Ethical commerce")
    ACCESSIBILITY = "accessibilite", _("Accessibility")
    SOCIAL_NETWORKS = "reseaux-sociaux", _("Social networks")


class Programme(models.Model):
    """A reusable workshop template: what is learnt, for whom, how long, in which steps."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices)
    audience = models.TextField(_("audience"), blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), default=120)
    max_participants = models.PositiveIntegerField(_("suggested capacity"), default=12)
    level = models.CharField(_("level"), max_length=20, blank=True)
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    prerequisites = models.JSONField(_("prerequisites"), default=list, blank=True)
    materials = models.JSONField(_("materials"), default=list, blank=True)
    outline = models.TextField(_("outline"), blank=True, help_text=_("Markdown."))
    tools = models.ManyToManyField("tools.Tool", blank=True, verbose_name=_("tools covered"))
    resources = models.ManyToManyField(
        "resources.Article", blank=True, verbose_name=_("resources covered")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:programme-detail", args=[self.slug])


class Place(models.Model):
    """Where in-person sessions happen, with what a person needs to know to come."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    access_notes = models.TextField(
        _("how to get there, access details"),
        blank=True,
        help_text=_("Public transport, entrance, adapted toilets, parking…"),
    )

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name} ({self.city})" if self.city else self.name


class Workshop(models.Model):
    """One dated session of a workshop, made from a programme or from scratch."""

    class Format(models.TextChoices):
        IN_PERSON = "presentiel", _("In person")
        ONLINE = "en-ligne", _("Online")
        HYBRID = "hybride", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("programme"),
    )
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("place"),
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    sign_language = models.BooleanField(_("sign language interpreting"), default=False)
    subtitles = models.BooleanField(_("live subtitles"), default=False)
    accessibility_notes = models.TextField(_("other accessibility information"), blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    show_count = models.BooleanField(_("show the number of participants"), default=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_workshops",
        verbose_name=_("facilitators"),
    )
    tools = models.ManyToManyField("tools.Tool", blank=True, verbose_name=_("tools covered"))
    resources = models.ManyToManyField(
        "resources.Article",
        blank=True,
        related_name="+",
        verbose_name=_("resources covered"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    report = models.ForeignKey(
        "resources.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_reports",
        verbose_name=_("report page"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(deleted_user),
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Figures kept when the participants' personal data is erased.
    erased_at = models.DateTimeField(_("participants' data erased"), null=True, blank=True)
    final_confirmed = models.PositiveIntegerField(
        _("confirmed participants"), null=True, blank=True
    )
    final_attended = models.PositiveIntegerField(_("attended"), null=True, blank=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="workshop_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:workshop-detail", args=[self.slug])

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def has_place(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and self.place_id

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    def registration_state(self, now=None) -> str:
        """'open', 'not-yet', 'closed', 'cancelled' or 'draft'."""
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return "cancelled"
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not-yet"
        if now >= self.closes_at:
            return "closed"
        return "open"


class Registration(models.Model):
    """One person's place (or wait) for a session, with or without an account."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Email not yet confirmed")
        PENDING = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING)

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="workshop_registrations",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"))
    needs = models.TextField(_("needs for the session"), blank=True)
    consent_data = models.BooleanField(_("agreed to the use of their data"), default=False)
    consent_feedback = models.BooleanField(_("accepts a feedback request"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    feedback_requested_at = models.DateTimeField(_("feedback requested"), null=True, blank=True)
    feedback_given = models.BooleanField(_("feedback given"), default=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["pk"]  # arrival order: primary keys are given inside the session's lock
        constraints = [
            models.UniqueConstraint(
                "workshop",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="one_live_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} — {self.workshop}"


class Feedback(models.Model):
    """An anonymous opinion on a session: no link to the registration that allowed it."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("session")
    )
    rating = models.PositiveSmallIntegerField(_("overall rating"))
    useful = models.TextField(_("what was useful"), blank=True)
    improve = models.TextField(_("what to improve"), blank=True)
    created_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.workshop}: {self.rating}/5"


class TopicProposal(models.Model):
    """A topic a member would like a workshop on; others say they are interested."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topic = models.CharField(_("theme"), max_length=40, choices=Topic.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET(deleted_user),
        related_name="+",
        verbose_name=_("proposed by"),
    )
    interested = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="workshop_interests",
        blank=True,
        verbose_name=_("interested members"),
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's private calendar of their own sessions, behind a secret, revocable token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("private calendar")
        verbose_name_plural = _("private calendars")

    def __str__(self):
        return str(self.user)
