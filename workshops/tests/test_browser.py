"""What only a browser shows: the registration journey with the keyboard alone, axe-clean, and
every kind of workshops page crawled (anonymous, member, facilitator) at 320 px."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import sign_in
from core.models import OutboxEmail
from tests import factories
from tests.browser import axe_violations, describe_violations
from tests.crawler import crawl
from workshops import notifications, services
from workshops.models import Registration, Workshop
from workshops.tests.conftest import make_fields, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def tab_to(page, text, limit=80):
    """Press Tab until the focused element's text contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.textContent.trim()")
        if text in label:
            return
    raise AssertionError(f"{text!r} not reached with the keyboard")


def test_a_visitor_registers_with_the_keyboard_alone(page, workshop):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(workshop.get_absolute_url())
    assert_accessible(page)
    tab_to(page, "S’inscrire")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    # Send with errors first: the summary takes the focus, what was typed is kept.
    page.focus("input[name=name]")
    page.keyboard.type("Léa Martin")
    page.keyboard.press("Tab")
    page.keyboard.type("pas-une-adresse")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.input_value("input[name=name]") == "Léa Martin"
    assert_accessible(page)
    page.fill("input[name=email]", "")
    page.focus("input[name=email]")
    page.keyboard.type("lea@example.org")
    page.focus("input[name=consent_data]")
    assert not page.is_checked("input[name=consent_data]")
    assert not page.is_checked("input[name=consent_feedback]")
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "lea@example.org" in page.content()
    assert_accessible(page)
    registration = Registration.objects.get(email="lea@example.org")
    page.goto(notifications.url_for(registration, "confirm").split("8000", 1)[-1])
    assert_accessible(page)
    tab_to(page, "Confirmer mon inscription")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert OutboxEmail.objects.filter(to="lea@example.org").count() == 2


def _seed(facilitator, member, place):
    call_command("load_content", verbosity=0)
    now = timezone.now()
    upcoming = services.workshop_create(
        fields=make_fields(place=place, capacity=2, title="Atelier à venir"),
        author=facilitator,
        status="published",
    )
    services.workshop_create(
        fields=make_fields(
            format="en-ligne", online_url="https://visio.example.org/x", title="En ligne"
        ),
        author=facilitator,
        status="published",
    )
    services.workshop_create(fields=make_fields(place=place, title="Brouillon"), author=facilitator)
    cancelled = services.workshop_create(
        fields=make_fields(place=place, title="Annulé"), author=facilitator, status="published"
    )
    services.workshop_cancel(workshop=cancelled)
    past = services.workshop_create(
        fields=make_fields(place=place, title="Passé"), author=facilitator, status="published"
    )
    for n in range(3):
        register(upcoming, n)
    register(past, 9, feedback=True)
    services.registration_create(
        workshop=upcoming, user=member, name="", email="", consent_data=True
    )
    Workshop.objects.filter(pk=past.pk).update(
        starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2) + timedelta(hours=2)
    )
    services.workshop_report_create(workshop=past, author=facilitator)
    services.topic_propose(author=member, title="Lettres d’information", topic="visibilite")
    services.calendar_feed_get(user=member)
    return upcoming


def _check(report):
    assert not report.problems, "\n".join(report.problems)
    return report


@pytest.fixture
def workshops_only(monkeypatch):
    """Follow links inside the workshops section only: the site-wide crawl covers the rest."""
    from tests import crawler

    original = crawler._internal_paths

    def internal_paths(base_url, current, hrefs):
        paths = original(base_url, current, hrefs)
        return [p for p in paths if p.startswith(("/ateliers/", "/en/ateliers/"))]

    monkeypatch.setattr(crawler, "_internal_paths", internal_paths)


def test_every_workshops_page_keeps_the_promises(
    browser, live_server, place, facilitator, workshops_only
):
    member = factories.UserFactory()
    upcoming = _seed(facilitator, member, place)
    start = ["/ateliers/", "/en/ateliers/", upcoming.get_absolute_url()]
    registration = upcoming.registrations.filter(user=None).first()
    start += [
        notifications.url_for(registration, purpose).split("8000", 1)[-1]
        for purpose in ("cancel", "feedback")
    ]
    start.append(f"/ateliers/{upcoming.slug}/inscription/")

    context = browser.new_context(locale="fr-FR")
    anonymous = _check(crawl(context, live_server.url, anonymous=True, start=start))
    context.close()
    assert {"/ateliers/", "/ateliers/passes/", "/ateliers/programmes/", "/ateliers/sujets/"} <= set(
        anonymous.pages
    )
    assert "/ateliers/agenda.ics" in anonymous.files

    for user, pages in [
        (member, ["/ateliers/mes-inscriptions/", "/ateliers/sujets/proposer/"]),
        (
            facilitator,
            ["/ateliers/animer/", "/ateliers/nouveau/", f"/ateliers/{upcoming.slug}/participants/"],
        ),
    ]:
        context = browser.new_context(locale="fr-FR", base_url=live_server.url)
        login = context.new_page()
        sign_in(login, user)
        login.close()
        report = _check(
            crawl(context, live_server.url, anonymous=False, start=["/ateliers/", *pages])
        )
        context.close()
        assert set(pages) <= set(report.pages)
