"""iCalendar files (RFC 5545, built with the `icalendar` package) and the Atom feed.

Times are written in UTC (`…Z`), which every calendar converts to its reader's zone: a session
that crosses a daylight-saving change keeps its true length.
"""

from datetime import UTC

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event

from core import markdown
from workshops.models import Workshop

PRODID = "-//Présence//Ateliers//FR"


def calendar_for(workshops, *, name: str, private: bool = False) -> bytes:
    """A VCALENDAR of `workshops`; `private` adds the online link (for registered people)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for workshop in workshops:
        calendar.add_component(_event(workshop, private=private))
    return calendar.to_ical()


def _event(workshop: Workshop, *, private: bool) -> Event:
    event = Event()
    url = settings.SITE_URL + workshop.get_absolute_url()
    event.add("uid", f"atelier-{workshop.pk}@{settings.SITE_URL.split('//')[-1]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", workshop.starts_at.astimezone(UTC))
    event.add("dtend", workshop.ends_at.astimezone(UTC))
    event.add("summary", workshop.title)
    event.add("url", url)
    description = [markdown.plain_text(workshop.description).strip(), url]
    if private and workshop.is_online and workshop.online_url:
        description.insert(1, f"{_('Online link:')} {workshop.online_url}")
    event.add("description", "\n\n".join(part for part in description if part))
    location = _location(workshop, private=private)
    if location:
        event.add("location", location)
    cancelled = workshop.status == Workshop.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("last-modified", workshop.published_at or workshop.created_at)
    return event


def _location(workshop, *, private):
    parts = []
    if workshop.place_id and workshop.format != Workshop.Format.ONLINE:
        place = workshop.place
        parts.append(", ".join(p for p in (place.name, place.address, place.city) if p))
    if workshop.is_online:
        parts.append(workshop.online_url if private and workshop.online_url else str(_("Online")))
    return " · ".join(parts)


class NewWorkshopsFeed(Feed):
    """Atom feed of the sessions most recently published."""

    feed_type = Atom1Feed
    title = _("Présence: new workshop sessions")
    subtitle = _("Workshops on ethical and solidary online practices, newest first.")

    def link(self):
        return reverse("workshops:list")

    def items(self):
        return (
            Workshop.objects.upcoming()
            .filter(status=Workshop.Status.PUBLISHED)
            .select_related("place")
            .order_by("-published_at", "-pk")[:30]
        )

    def item_title(self, workshop):
        when = timezone.localtime(workshop.starts_at).strftime("%d/%m/%Y %H:%M")
        return f"{workshop.title} ({when})"

    def item_description(self, workshop):
        return markdown.render(workshop.description)

    def item_pubdate(self, workshop):
        return workshop.published_at or workshop.created_at

    def item_updateddate(self, workshop):
        return workshop.published_at or workshop.created_at
