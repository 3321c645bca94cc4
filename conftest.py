"""Fixtures shared by the whole suite: members of each role, a browser, axe."""

import os

import pytest

from tests import factories
from tests.browser import CHROMIUM, CHROMIUM_ARGS, chromium_available, missing

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make around
# it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttling counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    from charter import markup

    cache.clear()
    markup._answers.clear()  # answers kept by the process for a content generation


@pytest.fixture
def member(db):
    return factories.UserFactory()


@pytest.fixture
def facilitator(db):
    return factories.facilitator()


@pytest.fixture
def moderator(db):
    return factories.moderator()


@pytest.fixture
def admin_user(db):
    return factories.admin()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        missing("Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, user, password=factories.PASSWORD):
    page.goto("/compte/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
