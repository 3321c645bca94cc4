"""The crawler test: every page reachable by links, anonymous then signed in as a member."""

import pytest
from django.core.management import call_command

from conftest import sign_in
from tests.crawler import crawl, sitemap_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def shipped_content():
    """Crawl the site as it ships: with its articles, tools, workshops and charter."""
    call_command("load_content", verbosity=0)


def _report(report):
    import os

    if os.environ.get("PRESENCE_CRAWL_DUMP"):
        with open(os.environ["PRESENCE_CRAWL_DUMP"], "a") as dump:
            dump.write("\n".join(report.pages) + "\n")
    largest, where = report.largest_page
    return (
        f"{len(report.pages)} pages, {len(report.files)} files, largest page {largest} bytes "
        f"({where})\n" + "\n".join(report.problems)
    )


def test_every_page_keeps_the_promises_for_an_anonymous_visitor(browser, live_server):
    context = browser.new_context(locale="fr-FR")
    start = [
        "/",
        "/en/",
        "/recherche/?q=hébergeurs",
        # Pages reached through GET forms, which the crawler does not fill in.
        "/outils/trouver/?besoin=reseaux&actuel=facebook&niveau=debutant&hebergement=egal",
        "/outils/comparer/?outils=mastodon",
        *sitemap_paths(context, live_server.url),
    ]
    report = crawl(context, live_server.url, anonymous=True, start=start)
    context.close()
    print(_report(report))
    assert len(report.pages) >= 10
    assert not report.problems, _report(report)


def test_every_page_keeps_the_promises_for_a_member(browser, live_server, member):
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    page = context.new_page()
    sign_in(page, member)
    assert "Mon compte" in page.content()
    page.close()
    report = crawl(context, live_server.url, anonymous=False, start=["/", "/compte/", "/en/"])
    context.close()
    print(_report(report))
    assert "/compte/jeton/" in report.pages
    assert "/compte/supprimer/" in report.pages
    assert not report.problems, _report(report)
