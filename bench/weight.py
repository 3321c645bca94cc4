"""The weight of a page on a first visit, measured by Chromium (Playwright), and its EcoIndex."""

import gzip
import urllib.request

from bench.ecoindex import ecoindex

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every element less those inside an <svg>, as the EcoIndex scraper counts them.
DOM_NODES = "document.getElementsByTagName('*').length - document.querySelectorAll('svg *').length"


def weigh(pages: list[dict], base: str) -> dict[str, dict]:
    """For each HTML page: bytes of HTML (raw and gzipped), bytes on the wire for a first visit
    with an empty cache (everything the browser fetched, compressed as served), requests, DOM
    nodes, EcoIndex."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page in pages:
            if page["html"]:
                results[page["key"]] = _weigh_one(browser, base + page["url"])
        browser.close()
    return results


def _weigh_one(browser, url: str) -> dict:
    context = browser.new_context()  # empty cache: a first visit
    tab = context.new_page()
    responses = []
    tab.on("requestfinished", lambda request: responses.append(request))
    tab.goto(url, wait_until="load")
    tab.wait_for_timeout(300)  # a favicon or a late image
    dom = tab.evaluate(DOM_NODES)
    transferred = 0
    for request in responses:
        sizes = request.sizes()
        transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    html = urllib.request.urlopen(url).read()
    index = ecoindex(dom=dom, requests=len(responses), size_kb=transferred / 1000)
    return {
        "html_bytes": len(html),
        "html_gzip_bytes": len(gzip.compress(html, 6)),
        "transferred_bytes": transferred,
        "requests": len(responses),
        "dom_nodes": dom,
        "ecoindex": index.score,
        "grade": index.grade,
    }
