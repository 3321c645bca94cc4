"""The directory in Chromium: filters, compare and the finder with the keyboard, axe-clean at 320 px."""

import pytest

from tests import factories
from tests.browser import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory(db):
    factories.tool(slug="mastodon", name="Mastodon", categories=["microblogage"])
    factories.tool(slug="pixelfed", name="Pixelfed", categories=["microblogage"])
    factories.tool(
        slug="x-twitter",
        name="X",
        categories=["microblogage"],
        licence="LicenseRef-Proprietary",
        self_hostable=False,
    )


def _clean(page):
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_filter_then_compare_with_the_keyboard_at_320_px(page, directory):
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto("/outils/")
    _clean(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    free = page.get_by_role("checkbox", name="Licence libre (2)")
    free.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Afficher les outils").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "libre=1" in page.url
    assert page.get_by_role("heading", name="X", exact=True).count() == 0
    for name in ("Mastodon", "Pixelfed"):
        page.get_by_role("checkbox", name=f"comparer {name}").focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Comparer les outils choisis (2 à 4)").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/outils/comparer/" in page.url
    assert page.get_by_role("columnheader", name="Mastodon").count() == 1
    _clean(page)


def test_the_finder_answers_with_the_keyboard(page, directory):
    page.goto("/outils/trouver/")
    _clean(page)
    page.get_by_role("radio", name="être présent sur les réseaux sociaux").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Voir les suggestions").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "besoin=reseaux" in page.url
    assert page.get_by_role("link", name="Mastodon").count() >= 1
    _clean(page)
