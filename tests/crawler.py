"""A crawler that visits every internal page reachable from / and the sitemap.

Every page is fetched and checked for what breaks the platform's promises: a bad status, a cookie
set on an anonymous read, a missing `lang`, HTML over 30 KB, a resource or form that points to
another origin. The first page found of each kind (same view, same query keys, French or
English) is also opened in Chromium at 320 px: accessibility (axe-core), requests actually made
to other origins, CSP violations, horizontal scrolling. Pages of one kind share their template, so this keeps the
crawl fast enough for every CI run while still reading every page.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve

from tests.browser import axe_violations, describe_violations

MAX_HTML_BYTES = 30 * 1024
MAX_PAGES = 20000
BROWSER_PAGES_PER_KIND = 1
FOREIGN_RESOURCE = re.compile(
    r"<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)=\"(?:https?:)?//",
    re.IGNORECASE,
)
FOREIGN_FORM = re.compile(r"<form\b[^>]*\baction=\"(?:https?:)?//", re.IGNORECASE)
# Not pages for people, or not ours to audit (Django's admin has its own accessibility work).
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/api/")
# Addresses that answer with a file rather than a page: checked for status only.
FILE_SUFFIXES = (".json", ".csv", ".ics", ".xml", ".txt", ".zip", ".svg", ".ico", ".atom")


@dataclass
class CrawlReport:
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    largest_page: tuple[int, str] = (0, "")

    def fail(self, url: str, message: str) -> None:
        self.problems.append(f"{url}: {message}")


def crawl(context, base_url: str, *, anonymous: bool, start: list[str]) -> CrawlReport:
    report = CrawlReport()
    origin = _origin(base_url)
    foreign_requests: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith("data:") or _origin(url) == origin:
            route.continue_()
        else:
            foreign_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.set_viewport_size({"width": 320, "height": 720})

    queue = list(dict.fromkeys(start))
    seen = set(queue)
    opened_per_kind: dict[str, int] = {}
    while queue and len(report.pages) < MAX_PAGES:
        path = queue.pop(0)
        kind = _kind(path)
        if opened_per_kind.get(kind, 0) < BROWSER_PAGES_PER_KIND:
            opened_per_kind[kind] = opened_per_kind.get(kind, 0) + 1
            links = _visit(page, context, base_url, path, report, anonymous)
        else:
            links = _fetch(context, base_url, path, report, anonymous)
        if foreign_requests:
            report.fail(path, f"request to another origin: {foreign_requests}")
            foreign_requests.clear()
        if csp_errors:
            report.fail(path, f"CSP violation: {csp_errors}")
            csp_errors.clear()
        for link in links:
            if link not in seen:
                seen.add(link)
                queue.append(link)
    page.close()
    return report


def _visit(page, context, base_url, path, report, anonymous) -> list[str]:
    if path.split("?")[0].endswith(FILE_SUFFIXES):
        response = context.request.get(base_url + path)
        report.files.append(path)
        if response.status != 200:
            report.fail(path, f"status {response.status}")
        return []
    response = page.goto(base_url + path)
    if response is None or response.status != 200:
        report.pages.append(path)
        report.fail(path, f"status {response.status if response else 'none'}")
        return []
    if not response.headers.get("content-type", "").startswith("text/html"):
        report.files.append(path)  # a feed, a download: its status is all we check
        return []
    report.pages.append(path)
    body = response.body()
    if len(body) > report.largest_page[0]:
        report.largest_page = (len(body), path)
    if len(body) > MAX_HTML_BYTES:
        report.fail(path, f"HTML is {len(body)} bytes (limit {MAX_HTML_BYTES})")
    _check_cookies(page, response, path, report, anonymous)
    if not page.evaluate("document.documentElement.lang"):
        report.fail(path, "no lang attribute")
    if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
        report.fail(path, "scrolls horizontally at 320 px")
    violations = axe_violations(page)
    if violations:
        report.fail(path, "axe:\n" + describe_violations(violations))
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return _internal_paths(base_url, path, hrefs)


def _fetch(context, base_url, path, report, anonymous) -> list[str]:
    """Checks that need no rendering, on the HTML as served."""
    response = context.request.get(base_url + path, max_redirects=5)
    if response.status != 200:
        report.pages.append(path)
        report.fail(path, f"status {response.status}")
        return []
    if not response.headers.get("content-type", "").startswith("text/html"):
        report.files.append(path)
        return []
    report.pages.append(path)
    body = response.body()
    html = body.decode()
    if len(body) > report.largest_page[0]:
        report.largest_page = (len(body), path)
    if len(body) > MAX_HTML_BYTES:
        report.fail(path, f"HTML is {len(body)} bytes (limit {MAX_HTML_BYTES})")
    if not re.search(r'<html lang="[a-z]{2}', html):
        report.fail(path, "no lang attribute")
    if FOREIGN_RESOURCE.search(html) or FOREIGN_FORM.search(html):
        report.fail(path, "loads a resource from, or sends a form to, another origin")
    has_post_form = re.search(r'<form\b[^>]*method="post"', html, re.IGNORECASE) is not None
    _check_set_cookies(response.headers_array, has_post_form, path, report, anonymous)
    hrefs = re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html)
    return _internal_paths(base_url, path, [unescape(href) for href in hrefs])


def _kind(path: str) -> str:
    """Pages of one kind share a view and a template: same route, same query keys, any language."""
    parts = urlsplit(path)
    try:
        view = resolve(parts.path).view_name
    except Resolver404:
        view = parts.path
    keys = sorted(key for key in parse_qs(parts.query) if key != "page")
    return f"{view}?{'&'.join(keys)}"


def _check_cookies(page, response, path, report, anonymous):
    has_post_form = page.locator("form[method=post]").count() > 0
    _check_set_cookies(response.headers_array(), has_post_form, path, report, anonymous)


def _check_set_cookies(headers, has_post_form, path, report, anonymous):
    if not anonymous:
        return
    set_cookies = [
        header["value"].split("=", 1)[0]
        for header in headers
        if header["name"].lower() == "set-cookie"
    ]
    # The CSRF cookie protects a form a visitor is about to send; any other cookie, or one set
    # on a page without a form to send, breaks the promise of a cookie-free read.
    allowed = {"csrftoken"} if has_post_form else set()
    unexpected = [name for name in set_cookies if name not in allowed]
    if unexpected:
        report.fail(path, f"cookie set on an anonymous read: {unexpected}")


def _internal_paths(base_url: str, current: str, hrefs: list[str]) -> list[str]:
    paths = []
    for href in hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        absolute, _fragment = urldefrag(urljoin(base_url + current, href))
        if _origin(absolute) != _origin(base_url):
            continue
        parts = urlsplit(absolute)
        # "next" only says where to go after signing in: the page is the same without it.
        query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("next="))
        path = parts.path + (f"?{query}" if query else "")
        if not path.startswith(SKIPPED_PREFIXES):
            paths.append(path)
    return paths


def sitemap_paths(context, base_url: str) -> list[str]:
    response = context.request.get(base_url + "/sitemap.xml")
    root = ET.fromstring(response.body())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [re.sub(r"^https?://[^/]+", "", loc.text) for loc in root.findall("s:url/s:loc", ns)]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
