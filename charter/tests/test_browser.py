"""What only a browser shows: the questionnaire done with the keyboard alone, and every page of
the charter app (reached through tokens the site crawler cannot guess) keeping the promises."""

import pytest
from django.core.management import call_command

from charter import services
from charter.answers import answers_sign
from charter.models import DONT_KNOW, Questionnaire
from conftest import sign_in
from tests import factories
from tests.browser import axe_violations, describe_violations
from tests.crawler import CrawlReport, _origin, _visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def active(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {name: el.name || '', value: el.value || '', tag: el.tagName,
                    text: el.textContent.trim(), outline: getComputedStyle(el).outlineStyle};
        }"""
    )


def tab_until(page, predicate, limit=40) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = active(page)
        if predicate(element):
            assert element["outline"] != "none", element
            return element
    raise AssertionError("never reached with the Tab key")


def checked(page, name) -> str | None:
    return page.evaluate(
        "name => document.querySelector(`input[name='${name}']:checked`)?.value ?? null", name
    )


def test_the_questionnaire_is_done_with_the_keyboard_alone(page):
    factories.questionnaire_with_content()
    page.goto("/diagnostic/")
    tab_until(page, lambda e: e["text"] == "Commencer le questionnaire")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    tab_until(page, lambda e: e["name"] == "q-t1-q1")
    page.keyboard.press("Space")  # "non"
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # to "oui"
    page.keyboard.press("Tab")
    assert active(page)["name"] == "q-t1-q2"
    page.keyboard.press("Space")
    assert (checked(page, "q-t1-q1"), checked(page, "q-t1-q2")) == ("oui", "non")
    tab_until(page, lambda e: e["text"].startswith("Thème suivant"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    tab_until(page, lambda e: e["name"] == "q-t2-q1")
    page.keyboard.press("Space")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert checked(page, "q-t2-q1") == DONT_KNOW
    tab_until(page, lambda e: e["text"].startswith("Thème précédent"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert checked(page, "q-t1-q1") == "oui", "answers are kept when going back"

    tab_until(page, lambda e: e["text"].startswith("Thème suivant"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert checked(page, "q-t2-q1") == DONT_KNOW, "and when coming forward again"
    tab_until(page, lambda e: e["text"] == "Voir mon résultat")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "Votre résultat"
    assert "50" in page.locator("table.score-table tbody tr").first.inner_text()
    assert page.locator("text=À vérifier d’abord").count() == 1
    assert page.context.cookies() == [] or {c["name"] for c in page.context.cookies()} == {
        "csrftoken"
    }
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def check_pages(context, base_url, paths, *, anonymous) -> CrawlReport:
    """The crawler's checks (tests/crawler.py) on pages given one by one, links not followed."""
    report, foreign, csp = CrawlReport(), [], []

    def guard(route):
        url = route.request.url
        if url.startswith("data:") or _origin(url) == _origin(base_url):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: csp.append(m.text) if "Content Security" in m.text else None)
    page.set_viewport_size({"width": 320, "height": 720})
    for path in paths:
        _visit(page, context, base_url, path, report, anonymous)
        for problem, found in (("request to another origin", foreign), ("CSP", csp)):
            if found:
                report.fail(path, f"{problem}: {found}")
                found.clear()
    page.close()
    return report


def charter_pages(member) -> list[str]:
    call_command("load_content", verbosity=0)
    questionnaire = Questionnaire.objects.with_content().current()
    questions = [q for t in questionnaire.themes.all() for q in t.questions.all()]
    worst = {q.key: q.answers.all()[0].value for q in questions}
    mixed = {
        q.key: (DONT_KNOW if i % 3 == 0 else q.answers.all()[1].value)
        for i, q in enumerate(questions)
    }
    earlier = services.diagnostic_save(questionnaire=questionnaire, answers=worst, owner=member)
    later = services.diagnostic_save(questionnaire=questionnaire, answers=mixed, owner=member)
    services.diagnostic_publish(diagnostic=later, organisation_name="Les Tisserands")
    anonymous = services.diagnostic_save(questionnaire=questionnaire, answers=mixed)
    pages = ["/charte/", "/en/charte/", "/diagnostic/", "/en/diagnostic/", "/diagnostic/publics/"]
    pages += [f"/diagnostic/questions/{t.slug}/" for t in questionnaire.themes.all()]
    for answers in (worst, mixed):
        token = answers_sign(questionnaire=questionnaire, answers=answers)
        for lang in ("", "/en"):
            pages.append(f"{lang}/diagnostic/resultat/?r={token}")
            pages.append(f"{lang}/diagnostic/resultat/themes/transparence/?r={token}")
    pages += [
        f"/diagnostic/questions/reseaux-sociaux/?r={token}",
        "/diagnostic/resultat/?r=1.faux~signature",
        anonymous.get_absolute_url(),
        f"/en{anonymous.get_absolute_url()}",
        f"{anonymous.get_absolute_url()}themes/accessibilite/",
        later.get_public_url(),
        f"/en{later.get_public_url()}",
        "/diagnostic/lien-revoque/",
        f"{anonymous.get_absolute_url()[:-1]}.json",
    ]
    return pages, [
        "/diagnostic/",
        "/diagnostic/mes-resultats/",
        later.get_absolute_url(),
        earlier.get_absolute_url(),
        f"{later.get_absolute_url()}publier/",
        f"/en{later.get_absolute_url()}",
        later.get_public_url(),
        f"/diagnostic/resultat/?r={answers_sign(questionnaire=questionnaire, answers=worst)}",
    ]


def test_every_page_of_the_charter_and_the_diagnostic_keeps_the_promises(browser, live_server):
    member = factories.UserFactory()
    for_anonymous, for_member = charter_pages(member)

    context = browser.new_context(locale="fr-FR")
    report = check_pages(context, live_server.url, for_anonymous, anonymous=True)
    context.close()
    assert not report.problems, "\n".join(report.problems)
    assert len(report.pages) == len(for_anonymous) - 1

    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    page = context.new_page()
    sign_in(page, member)
    page.close()
    report = check_pages(context, live_server.url, for_member, anonymous=False)
    context.close()
    assert not report.problems, "\n".join(report.problems)
