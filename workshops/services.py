"""Every write on workshops goes through these functions: views, API, commands and loaders alike.

Capacity is never exceeded: every change of a session's seats (a registration taking a seat, a
cancellation promoting the waiting list, a capacity change) first locks the session's row inside
the transaction. On PostgreSQL that is `SELECT … FOR UPDATE`; on SQLite the transaction itself
starts with `BEGIN IMMEDIATE` (settings.SQLITE_OPTIONS), which takes the database's write lock,
so seat changes are serialised there too. Primary keys of registrations are given inside that
lock, so they are the arrival order the waiting list follows.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import markdown, search
from core.site import ensure_writable
from workshops import notifications
from workshops.models import (
    CalendarFeed,
    Feedback,
    Place,
    Programme,
    Registration,
    TopicProposal,
    Workshop,
)

RESERVED_SLUGS = {
    "programmes",
    "passes",
    "sujets",
    "nouveau",
    "animer",
    "mes-inscriptions",
    "inscription",
    "avis",
    "agenda",
    "atom",
}
MAX_CAPACITY = 10_000


class WorkshopError(Exception):
    """A refused change, with a message for people."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class WorkshopFields:
    """What a facilitator sets on a session (the form, the API and the demo build one)."""

    title: str
    starts_at: object
    ends_at: object
    capacity: int
    format: str
    topic: str
    description: str = ""
    place: Place | None = None
    online_url: str = ""
    sign_language: bool = False
    subtitles: bool = False
    accessibility_notes: str = ""
    registration_opens_at: object = None
    registration_closes_at: object = None
    requires_approval: bool = False
    show_count: bool = True
    programme: Programme | None = None
    tools: list = field(default_factory=list)
    resources: list = field(default_factory=list)

    SCHEDULE = ("starts_at", "ends_at", "place", "format", "online_url")
    SIMPLE = (
        "title",
        "description",
        "starts_at",
        "ends_at",
        "capacity",
        "format",
        "topic",
        "place",
        "online_url",
        "sign_language",
        "subtitles",
        "accessibility_notes",
        "registration_opens_at",
        "registration_closes_at",
        "requires_approval",
        "show_count",
        "programme",
    )


def fields_from_programme(programme: Programme) -> dict:
    """Initial values of a new session made from `programme`."""
    return {
        "title": programme.title,
        "description": programme.summary,
        "topic": programme.topic,
        "capacity": programme.max_participants,
        "programme": programme,
        "tools": list(programme.tools.all()),
        "resources": list(programme.resources.all()),
    }


def fields_of(workshop: Workshop) -> WorkshopFields:
    values = {name: getattr(workshop, name) for name in WorkshopFields.SIMPLE}
    return WorkshopFields(
        **values, tools=list(workshop.tools.all()), resources=list(workshop.resources.all())
    )


def _check(fields: WorkshopFields) -> WorkshopFields:
    fields.title = " ".join(fields.title.split())
    if not fields.title or len(fields.title) > 200:
        raise WorkshopError(_("The title must be 1 to 200 characters long."), field="title")
    if fields.ends_at <= fields.starts_at:
        raise WorkshopError(_("The end must come after the start."), field="ends_at")
    if not 1 <= fields.capacity <= MAX_CAPACITY:
        raise WorkshopError(
            _("The capacity must be between 1 and %(max)s.") % {"max": MAX_CAPACITY},
            field="capacity",
        )
    if fields.format != Workshop.Format.ONLINE and fields.place is None:
        raise WorkshopError(_("A session in person needs a place."), field="place")
    if fields.format == Workshop.Format.ONLINE:
        fields.place = None
    opens, closes = fields.registration_opens_at, fields.registration_closes_at
    if closes and closes > fields.ends_at:
        raise WorkshopError(
            _("Registration must close before the end of the session."),
            field="registration_closes_at",
        )
    if opens and opens >= (closes or fields.starts_at):
        raise WorkshopError(
            _("Registration must open before it closes."), field="registration_opens_at"
        )
    return fields


def _unique_slug(title: str, starts_at) -> str:
    base = slugify(f"{title[:80]} {timezone.localtime(starts_at):%Y-%m-%d}") or "atelier"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Workshop.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _lock(workshop: Workshop) -> Workshop:
    """The session's row, locked until the end of the transaction (see the module docstring)."""
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


# Sessions ----------------------------------------------------------------------------------------


@transaction.atomic
def workshop_create(
    *, fields: WorkshopFields, author, facilitators=None, status: str = Workshop.Status.DRAFT
) -> Workshop:
    """A new session; its author is one of its facilitators."""
    ensure_writable()
    fields = _check(fields)
    workshop = Workshop(slug=_unique_slug(fields.title, fields.starts_at), created_by=author)
    for name in WorkshopFields.SIMPLE:
        setattr(workshop, name, getattr(fields, name))
    workshop.save()
    workshop.facilitators.set({author, *(facilitators or [])})
    workshop.tools.set(fields.tools)
    workshop.resources.set(fields.resources)
    if status == Workshop.Status.PUBLISHED:
        workshop_publish(workshop=workshop)
    return workshop


@transaction.atomic
def workshop_update(*, workshop: Workshop, fields: WorkshopFields) -> Workshop:
    """Change a session. People registered are told when its time or place changes; a capacity
    below the seats already confirmed is refused; a larger one lets the waiting list in."""
    ensure_writable()
    fields = _check(fields)
    workshop = _lock(workshop)
    confirmed = workshop.registrations.confirmed().count()
    if fields.capacity < confirmed:
        raise WorkshopError(
            _(
                "The capacity cannot be lower than the %(count)s people already confirmed. "
                "Cancel registrations first, or keep a capacity of at least %(count)s."
            )
            % {"count": confirmed},
            field="capacity",
        )
    moved = [
        name for name in WorkshopFields.SCHEDULE if getattr(workshop, name) != getattr(fields, name)
    ]
    for name in WorkshopFields.SIMPLE:
        setattr(workshop, name, getattr(fields, name))
    workshop.save()
    workshop.tools.set(fields.tools)
    workshop.resources.set(fields.resources)
    if workshop.status == Workshop.Status.PUBLISHED:
        _promote_waiting(workshop)
        if moved:
            for registration in workshop.registrations.active():
                if "starts_at" in moved or "ends_at" in moved:
                    registration.reminded_at = None  # remind again before the new date
                    registration.save(update_fields=["reminded_at"])
                notifications.send(registration, "changed", changes=moved)
        workshop_index(workshop)
    return workshop


@transaction.atomic
def workshop_publish(*, workshop: Workshop) -> Workshop:
    ensure_writable()
    workshop = _lock(workshop)
    if workshop.status != Workshop.Status.DRAFT:
        raise WorkshopError(_("Only a draft can be published."))
    workshop.status = Workshop.Status.PUBLISHED
    workshop.published_at = timezone.now()
    workshop.save(update_fields=["status", "published_at"])
    workshop_index(workshop)
    return workshop


@transaction.atomic
def workshop_cancel(*, workshop: Workshop, reason: str = "") -> Workshop:
    """Cancel a session and tell everyone registered (or waiting)."""
    ensure_writable()
    workshop = _lock(workshop)
    if workshop.status == Workshop.Status.CANCELLED:
        raise WorkshopError(_("This session is already cancelled."))
    was_published = workshop.status == Workshop.Status.PUBLISHED
    workshop.status = Workshop.Status.CANCELLED
    workshop.save(update_fields=["status"])
    if was_published:
        for registration in workshop.registrations.filter(
            status__in=[*Registration.ACTIVE, Registration.Status.UNCONFIRMED]
        ):
            notifications.send(registration, "workshop_cancelled", reason=reason.strip())
    search.remove(kind="workshop", key=workshop.pk)
    return workshop


@transaction.atomic
def workshop_duplicate(*, workshop: Workshop, author) -> Workshop:
    """A draft copy one week later, with the same facilitators and no registration."""
    fields = fields_of(workshop)
    fields.starts_at += timedelta(days=7)
    fields.ends_at += timedelta(days=7)
    for name in ("registration_opens_at", "registration_closes_at"):
        if getattr(fields, name):
            setattr(fields, name, getattr(fields, name) + timedelta(days=7))
    return workshop_create(fields=fields, author=author, facilitators=workshop.facilitators.all())


@transaction.atomic
def workshop_show_count(*, workshop: Workshop, show: bool) -> Workshop:
    ensure_writable()
    workshop.show_count = show
    workshop.save(update_fields=["show_count"])
    return workshop


@transaction.atomic
def workshop_report_create(*, workshop: Workshop, author) -> Workshop:
    """Start the session's report as a page of the resources wiki, linked from the session.

    The report is a normal wiki page (history, talk page, anyone may improve it); the session
    keeps a link to it. An existing page can also be linked from the admin.
    """
    from resources import services as resources

    ensure_writable()
    if workshop.report_id:
        raise WorkshopError(_("This session already has a report page."))
    date = timezone.localtime(workshop.starts_at)
    title = _("Report: %(title)s (%(date)s)") % {
        "title": workshop.title,
        "date": date.strftime("%d/%m/%Y"),
    }
    text = _(
        "Report of the session [%(title)s](%(url)s).\n\n## What we did\n\n\n"
        "## What we learnt\n\n\n## Resources shared\n\n\n## What comes next\n"
    ) % {"title": workshop.title, "url": workshop.get_absolute_url()}
    slug = slugify(f"compte-rendu {workshop.slug}")[:120]
    fields = resources.ArticleFields(title=title[:200], text=text, kind="reflexion")
    article = resources.article_create(fields=fields, author=author, slug=slug)
    workshop.report = article
    workshop.save(update_fields=["report"])
    return workshop


def workshop_index(workshop: Workshop) -> None:
    if workshop.status != Workshop.Status.PUBLISHED:
        search.remove(kind="workshop", key=workshop.pk)
        return
    when = timezone.localtime(workshop.starts_at).strftime("%d/%m/%Y")
    place = str(workshop.place) if workshop.place_id else ""
    search.index(
        kind="workshop",
        key=workshop.pk,
        title=f"{workshop.title} ({when})",
        url=workshop.get_absolute_url(),
        text=f"{place}\n{markdown.plain_text(workshop.description)}",
    )


@transaction.atomic
def workshop_search_rebuild() -> int:
    workshops = Workshop.objects.filter(status=Workshop.Status.PUBLISHED).select_related("place")
    for workshop in workshops:
        workshop_index(workshop)
    return len(workshops)


def programme_index(programme: Programme) -> None:
    search.index(
        kind="programme",
        key=programme.pk,
        title=programme.title,
        url=programme.get_absolute_url(),
        text="\n".join(
            [
                programme.summary,
                programme.audience,
                *programme.objectives,
                markdown.plain_text(programme.outline),
            ]
        ),
    )


@transaction.atomic
def programme_search_rebuild() -> int:
    programmes = list(Programme.objects.all())
    for programme in programmes:
        programme_index(programme)
    return len(programmes)


PATHS = re.compile(r"^(?:/en)?/ateliers/(?:(programmes)/)?([\w-]+)/$")


def workshops_related(*, kind: str, key: str, title: str) -> list[dict]:
    """For a tool's page: the programmes that cover it and its next sessions."""
    if kind != "tool":
        return []
    programmes = Programme.objects.filter(tools__slug=key).order_by("title")[:3]
    sessions = Workshop.objects.upcoming().filter(status="published", tools__slug=key)[:3]
    return [
        {"group": _("Workshop programme"), "title": p.title, "url": p.get_absolute_url()}
        for p in programmes
    ] + [{"group": _("Workshop"), "title": w.title, "url": w.get_absolute_url()} for w in sessions]


def link_exists(path: str) -> bool | None:
    """Link checker for core.registry: does /ateliers/programmes/<slug>/ (or a session) exist?"""
    match = PATHS.match(path.split("?")[0].split("#")[0])
    if match is None:
        return None
    is_programme, slug = match.groups()
    if is_programme:
        return Programme.objects.filter(slug=slug).exists()
    if slug in RESERVED_SLUGS:
        return None
    return Workshop.objects.public().filter(slug=slug).exists()


# Registrations -----------------------------------------------------------------------------------


def _ensure_open(workshop: Workshop) -> None:
    state = workshop.registration_state()
    messages = {
        "cancelled": _("This session is cancelled: registration is closed."),
        "draft": _("This session is not published: registration is not open."),
        "not-yet": _("Registration for this session is not open yet."),
        "closed": _("Registration for this session is closed."),
    }
    if state != "open":
        raise WorkshopError(messages[state])


@transaction.atomic
def registration_create(
    *,
    workshop: Workshop,
    name: str,
    email: str,
    consent_data: bool,
    consent_feedback: bool = False,
    needs: str = "",
    user=None,
) -> Registration:
    """Register someone. A member's registration takes its place at once; a visitor's waits
    for the confirmation link sent to the address given (it takes its place when confirmed)."""
    ensure_writable()
    name, email = " ".join(name.split())[:120], email.strip()
    if user is not None:
        name, email = name or user.public_name, user.email
    try:
        validate_email(email)
    except ValidationError as error:
        raise WorkshopError(_("Enter a valid email address."), field="email") from error
    if not name:
        raise WorkshopError(_("Enter your name."), field="name")
    if not consent_data:
        raise WorkshopError(
            _("We need your agreement to keep your name and email for this registration."),
            field="consent_data",
        )
    workshop = _lock(workshop)
    _ensure_open(workshop)
    existing = (
        workshop.registrations.exclude(status=Registration.Status.CANCELLED)
        .filter(email__iexact=email)
        .first()
    )
    if existing is not None and existing.status == Registration.Status.UNCONFIRMED and not user:
        notifications.send(existing, "confirm_request")  # they lost the first email
        return existing
    if existing is not None:
        raise WorkshopError(
            _("This email address is already registered for this session."), field="email"
        )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                workshop=workshop,
                user=user,
                name=name,
                email=email,
                needs=needs.strip()[:2000],
                consent_data=True,
                consent_feedback=consent_feedback,
            )
    except IntegrityError as error:  # the unique constraint, should a check above be bypassed
        raise WorkshopError(
            _("This email address is already registered for this session."), field="email"
        ) from error
    if user is None:
        notifications.send(registration, "confirm_request")
    else:
        _take_seat(workshop, registration)
    return registration


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """The visitor followed the link of the confirmation email: take a seat (or wait)."""
    ensure_writable()
    workshop = _lock(registration.workshop)
    registration.refresh_from_db()
    if registration.status != Registration.Status.UNCONFIRMED:
        return registration  # already done: following the link twice changes nothing
    _ensure_open(workshop)
    _take_seat(workshop, registration)
    return registration


def _take_seat(workshop: Workshop, registration: Registration) -> None:
    """Under the session's lock: confirmed if a seat is free, else waiting (or pending)."""
    registration.confirmed_at = timezone.now()
    if workshop.requires_approval:
        registration.status = Registration.Status.PENDING
    elif workshop.registrations.confirmed().count() < workshop.capacity:
        registration.status = Registration.Status.CONFIRMED
    else:
        registration.status = Registration.Status.WAITING
    registration.save(update_fields=["status", "confirmed_at"])
    notifications.send(registration, registration.status)


def _promote_waiting(workshop: Workshop) -> list[Registration]:
    """Under the session's lock: give the free seats to the waiting list, first come first."""
    free = workshop.capacity - workshop.registrations.confirmed().count()
    promoted = list(workshop.registrations.waiting()[: max(free, 0)])
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        notifications.send(registration, "promoted")
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, notify: bool = True) -> Registration:
    """Cancel a registration; a freed seat goes to the first person waiting, in this same
    transaction, and they are told."""
    ensure_writable()
    workshop = _lock(registration.workshop)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return registration
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if notify:  # not when the account is being deleted: nothing may be sent to it any more
        notifications.send(registration, "cancelled")
    if was_confirmed and workshop.status == Workshop.Status.PUBLISHED and not workshop.is_past:
        _promote_waiting(workshop)
    return registration


def registrations_cancel_for_deleted_user(sender, instance, **kwargs) -> None:
    """pre_delete of a member: cancel their live registrations (promoting the waiting list);
    the rows themselves go with the account."""
    for registration in Registration.objects.filter(user=instance).active():
        if not registration.workshop.is_past:
            registration_cancel(registration=registration, notify=False)


@transaction.atomic
def registration_approve(*, registration: Registration) -> Registration:
    """A facilitator accepts a registration waiting for approval: a seat if one is free."""
    ensure_writable()
    workshop = _lock(registration.workshop)
    registration.refresh_from_db()
    if registration.status != Registration.Status.PENDING:
        raise WorkshopError(_("This registration is not waiting for approval."))
    if workshop.registrations.confirmed().count() < workshop.capacity:
        registration.status = Registration.Status.CONFIRMED
    else:
        registration.status = Registration.Status.WAITING
    registration.save(update_fields=["status"])
    notifications.send(registration, registration.status)
    return registration


@transaction.atomic
def registration_decline(*, registration: Registration) -> Registration:
    ensure_writable()
    _lock(registration.workshop)
    registration.refresh_from_db()
    if registration.status != Registration.Status.PENDING:
        raise WorkshopError(_("This registration is not waiting for approval."))
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    notifications.send(registration, "declined")
    return registration


@transaction.atomic
def attendance_mark(*, workshop: Workshop, present: set[int]) -> int:
    """Mark who came among the confirmed participants (the others are marked absent)."""
    ensure_writable()
    confirmed = workshop.registrations.confirmed()
    confirmed.filter(pk__in=present).update(attended=True)
    confirmed.exclude(pk__in=present).update(attended=False)
    return confirmed.filter(attended=True).count()


@transaction.atomic
def participants_message(*, workshop: Workshop, subject: str, text: str, author) -> int:
    """Email the confirmed participants, through the outbox; returns how many."""
    ensure_writable()
    subject, text = " ".join(subject.split()), text.strip()
    if not subject or not text:
        raise WorkshopError(_("Write a subject and a message."))
    registrations = list(workshop.registrations.confirmed())
    for registration in registrations:
        notifications.send(
            registration, "message", subject=subject, text=text, author=author.public_name
        )
    return len(registrations)


@transaction.atomic
def feedback_create(
    *, registration: Registration, rating: int, useful: str = "", improve: str = ""
) -> Feedback:
    """Record anonymous feedback: the registration is only marked as having answered."""
    ensure_writable()
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.feedback_given:
        raise WorkshopError(_("You have already given your opinion on this session. Thank you!"))
    if not registration.workshop.is_past:
        raise WorkshopError(_("The form opens once the session is over."))
    if not 1 <= rating <= 5:
        raise WorkshopError(_("Choose a rating from 1 to 5."), field="rating")
    registration.feedback_given = True
    registration.save(update_fields=["feedback_given"])
    return Feedback.objects.create(
        workshop=registration.workshop,
        rating=rating,
        useful=useful.strip()[:3000],
        improve=improve.strip()[:3000],
    )


def feedback_summary(workshop: Workshop) -> dict:
    """Aggregates shown to facilitators: count, mean, distribution, and the comments shuffled
    out of their arrival order (sorted by text), so that none can be tied to a person."""
    feedback = workshop.feedback.all()
    numbers = feedback.aggregate(count=Count("pk"), mean=Avg("rating"))
    distribution = dict(feedback.values_list("rating").annotate(n=Count("pk")))
    return {
        **numbers,
        "distribution": [(r, distribution.get(r, 0)) for r in range(5, 0, -1)],
        "useful": sorted(t for t in feedback.values_list("useful", flat=True) if t),
        "improve": sorted(t for t in feedback.values_list("improve", flat=True) if t),
    }


def registrations_erase_expired(now=None) -> int:
    """Periodic task: erase participants' personal data WORKSHOPS_ERASE_AFTER_DAYS days after
    their session. The session keeps the figures (confirmed, attended), not the people."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.WORKSHOPS_ERASE_AFTER_DAYS)
    erased = 0
    for workshop in Workshop.objects.filter(ends_at__lte=limit, erased_at__isnull=True):
        erased += registrations_erase(workshop=workshop, now=now)
    return erased


@transaction.atomic
def registrations_erase(*, workshop: Workshop, now=None) -> int:
    workshop = _lock(workshop)
    registrations = workshop.registrations.all()
    workshop.final_confirmed = registrations.confirmed().count()
    workshop.final_attended = registrations.filter(attended=True).count()
    workshop.erased_at = now or timezone.now()
    workshop.save(update_fields=["final_confirmed", "final_attended", "erased_at"])
    deleted, _details = registrations.delete()
    return deleted


# Participation -----------------------------------------------------------------------------------


@transaction.atomic
def topic_propose(*, author, title: str, topic: str, description: str = "") -> TopicProposal:
    ensure_writable()
    title = " ".join(title.split())
    if not title or len(title) > 200:
        raise WorkshopError(_("The title must be 1 to 200 characters long."), field="title")
    proposal = TopicProposal.objects.create(
        author=author, title=title, topic=topic, description=description.strip()[:3000]
    )
    proposal.interested.add(author)
    return proposal


@transaction.atomic
def topic_interest_set(*, proposal: TopicProposal, user, interested: bool) -> TopicProposal:
    ensure_writable()
    if interested:
        proposal.interested.add(user)
    else:
        proposal.interested.remove(user)
    return proposal


@transaction.atomic
def calendar_feed_get(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user) -> None:
    """The old address stops working at once; a new one is made when asked for."""
    CalendarFeed.objects.filter(user=user).delete()


def personal_data_export(user) -> dict:
    return {
        "registrations": [
            {
                "session": r.workshop.title,
                "starts_at": r.workshop.starts_at.isoformat(),
                "name": r.name,
                "email": r.email,
                "status": r.status,
                "needs": r.needs,
                "consent_feedback": r.consent_feedback,
                "registered_at": r.created_at.isoformat(),
            }
            for r in Registration.objects.filter(user=user).select_related("workshop")
        ],
        "topic_proposals": list(
            TopicProposal.objects.filter(author=user).values_list("title", flat=True)
        ),
        "topics_interested_in": list(user.workshop_interests.values_list("title", flat=True)),
        "private_calendar": CalendarFeed.objects.filter(user=user).exists(),
    }


@transaction.atomic
def place_create(
    *,
    name: str,
    address: str = "",
    city: str = "",
    step_free_access: bool = False,
    hearing_loop: bool = False,
    access_notes: str = "",
) -> Place:
    ensure_writable()
    base = slugify(f"{name} {city}")[:70] or "lieu"
    slug, n = base, 1
    while Place.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Place.objects.create(
        slug=slug,
        name=name.strip(),
        address=address.strip(),
        city=city.strip(),
        step_free_access=step_free_access,
        hearing_loop=hearing_loop,
        access_notes=access_notes.strip(),
    )
