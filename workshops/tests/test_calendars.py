from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from workshops import services
from workshops.tests.conftest import register

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_each_session_has_a_valid_calendar(client, workshop):
    calendar = parse(client.get(reverse("workshops:workshop-ics", args=[workshop.slug])))
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == workshop.title
    assert event.decoded("dtstart") == workshop.starts_at.replace(microsecond=0)
    assert "Maison des associations" in str(event["location"])
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]


def test_a_session_across_the_dst_change_keeps_its_length(client, make_workshop):
    # Paris, 28 March 2027: 00:30 (UTC+1) to 04:30 (UTC+2) is 3 hours, 23:30 to 02:30 UTC.
    start = datetime(2027, 3, 27, 23, 30, tzinfo=UTC)
    workshop = make_workshop(starts_at=start, ends_at=start + timedelta(hours=3))
    [event] = parse(client.get(reverse("workshops:workshop-ics", args=[workshop.slug]))).walk(
        "VEVENT"
    )
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=3)
    assert event["dtstart"].to_ical() == b"20270327T233000Z"


def test_the_agenda_filters_by_topic_and_place(client, make_workshop, place):
    make_workshop(title="Réseaux", topic="reseaux-sociaux")
    make_workshop(title="Hébergement", topic="choix-hebergeur")
    make_workshop(title="En ligne", topic="choix-hebergeur", format="en-ligne", place=None)
    titles = lambda url: sorted(str(e["summary"]) for e in parse(client.get(url)).walk("VEVENT"))  # noqa: E731
    assert titles("/ateliers/agenda.ics") == ["En ligne", "Hébergement", "Réseaux"]
    assert titles("/ateliers/agenda.ics?theme=choix-hebergeur") == ["En ligne", "Hébergement"]
    assert titles(f"/ateliers/agenda.ics?theme=choix-hebergeur&lieu={place.slug}") == [
        "Hébergement"
    ]
    assert titles("/ateliers/agenda.ics?theme=inconnu") == ["En ligne", "Hébergement", "Réseaux"]


def test_the_public_agenda_never_shows_the_online_link(client, make_workshop):
    make_workshop(format="en-ligne", place=None, online_url="https://visio.example.org/secret")
    assert b"visio.example.org" not in client.get("/ateliers/agenda.ics").content


def test_a_cancelled_session_is_marked_cancelled(client, workshop):
    services.workshop_cancel(workshop=workshop)
    [event] = parse(client.get(reverse("workshops:workshop-ics", args=[workshop.slug]))).walk(
        "VEVENT"
    )
    assert str(event["status"]) == "CANCELLED"


def test_the_private_feed_lists_my_sessions_with_the_link_and_can_be_revoked(
    client, member, make_workshop
):
    mine = make_workshop(format="en-ligne", place=None, online_url="https://visio.example.org/mine")
    make_workshop(title="Pas la mienne")
    services.registration_create(workshop=mine, user=member, name="", email="", consent_data=True)
    client.force_login(member)
    client.post(reverse("workshops:calendar-feed"), {"action": "create"})
    token = member.workshop_feed.token
    client.logout()
    url = reverse("workshops:private-ics", args=[token])
    response = client.get(url)
    [event] = parse(response).walk("VEVENT")
    assert str(event["summary"]) == mine.title
    assert "visio.example.org/mine" in str(event["description"])
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    client.force_login(member)
    client.post(reverse("workshops:calendar-feed"), {"action": "revoke"})
    client.logout()
    assert client.get(url).status_code == 404


def test_the_atom_feed_lists_new_sessions(client, workshop, make_workshop):
    make_workshop(status="draft", title="Brouillon")
    response = client.get("/ateliers/atom/")
    body = response.content.decode()
    assert response.status_code == 200 and "application/atom+xml" in response["Content-Type"]
    assert workshop.title in body and "Brouillon" not in body
    import xml.etree.ElementTree as ET

    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"


def test_the_calendar_of_a_registered_person_has_the_link(client, member, make_workshop):
    workshop = make_workshop(format="hybride", online_url="https://visio.example.org/h")
    url = reverse("workshops:workshop-ics", args=[workshop.slug])
    assert b"visio.example.org" not in client.get(url).content
    register(workshop, 1)
    services.registration_create(
        workshop=workshop, user=member, name="", email="", consent_data=True
    )
    client.force_login(member)
    assert b"visio.example.org/h" in client.get(url).content
