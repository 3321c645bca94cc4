"""SQL queries per main page: bounded, and the same with a small and a larger site.

The site is built by the benchmark's own generator (bench/generate.py), small then larger, and
each main page is asked for cold (empty cache) at both sizes: the count must not change with the
number of items, and must stay under the page's bound. A regression (a query per row of a
listing, a lost prefetch) fails here, in CI, long before `make bench` would show it.
"""

import random

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import generate
from bench.pages import pages
from charter import content as charter_content
from charter import loaded, markup
from tools import services as tool_services
from tools.models import Category

SMALL, LARGE = 4, 40
# Queries for one cold request of each main page, whatever the size of the site.
BOUNDS = {
    "home": 2,
    "tools": 14,  # cold: the facet counts (cached afterwards) are a dozen GROUP BYs
    "tools-filtered": 14,
    "tool": 13,  # cold: related resources (search) and workshops; cached afterwards
    "compare": 12,
    "articles": 6,
    "article": 6,
    "history": 6,
    "diff": 8,
    "recent": 5,
    "workshops": 10,
    "workshop": 10,
    "search-common": 5,
    "search-rare": 5,
    "diagnostic": 16,  # one query per internal link of the plan's actions (fixed content)
    "api-resources": 5,
    "api-tools": 10,
    "api-workshops": 10,
    "api-search": 5,
}


def _site(rng, items):
    from django.core.management import call_command

    members = generate._members(rng, 5)
    generate._tools(rng, items, members)
    generate._articles_bulk(rng, items, 10, members)
    generate._workshops(rng, items, items * 5, members)
    call_command("search_rebuild", verbosity=0)
    return members


@pytest.fixture
def small_site(db):
    """Two tools written through the services (the templates of the copies), a questionnaire."""
    from accounts.models import system_user

    Category.objects.create(slug="forums", name="Forums")
    for slug, free in (("forum-libre", True), ("forum-ferme", False)):
        tool_services.tool_create(
            slug=slug,
            author=system_user(),
            review=False,
            data={
                "name": slug.replace("-", " ").title(),
                "summary": "Un forum pour une association.",
                "description": "Un forum où l'association discute avec ses membres.\n",
                "categories": ["forums"],
                "licence": "AGPL-3.0-only" if free else "LicenseRef-Proprietary",
                "self_hostable": free,
                "tags": ["forum", "discussion"],
                "platforms": ["web"],
            },
        )
    charter_content.load_content(settings.BASE_DIR / "content")
    rng = random.Random(1)
    members = _site(rng, SMALL)
    return rng, members


def _cold_queries(client, url) -> tuple[int, int]:
    cache.clear()
    markup._answers.clear()  # the links' answers a process keeps between pages
    loaded._loaded.clear()  # and the questionnaires
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries.captured_queries)


def test_main_pages_use_the_same_bounded_queries_at_any_size(client, small_site):
    from django.core.management import call_command

    rng, members = small_site
    small = {page["key"]: (page, _cold_queries(client, page["url"])) for page in pages()}
    generate._tools(rng, LARGE, members)
    generate._articles_bulk(rng, LARGE, 10, members)
    generate._workshops(rng, LARGE - SMALL, (LARGE - SMALL) * 5, members)
    call_command("search_rebuild", verbosity=0)
    checked = []
    for page in pages():
        status, count = _cold_queries(client, page["url"])
        if status == 404:  # a section that does not exist yet (compare, workshops…)
            continue
        assert status == 200, page["url"]
        small_status, small_count = small[page["key"]][1]
        assert small_status == 200, page["url"]
        assert count <= BOUNDS[page["key"]], f"{page['key']}: {count} queries"
        # Not one query more with ten times the items (one less when a search finds nothing).
        assert count <= small_count, f"{page['key']}: {small_count} queries, then {count}"
        checked.append(page["key"])
    assert {"home", "tools", "tool", "article", "history", "recent", "search-common"} <= set(
        checked
    )
    from django.apps import apps

    if apps.is_installed("workshops"):
        assert {"workshops", "workshop", "api-workshops"} <= set(checked)


def test_the_bounds_hold_with_pytest_django(client, small_site, django_assert_max_num_queries):
    """The same bounds, as CI reports them (django_assert_max_num_queries lists the queries)."""
    for page in pages():
        cache.clear()
        if client.get(page["url"]).status_code == 404:
            continue
        cache.clear()
        markup._answers.clear()
        loaded._loaded.clear()
        with django_assert_max_num_queries(BOUNDS[page["key"]]):
            client.get(page["url"])
