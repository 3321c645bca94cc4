import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_accounts_out(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /compte/" in body


@pytest.mark.django_db
def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:securite@example.org"
    body = client.get("/.well-known/security.txt").content.decode()
    fields = dict(line.split(": ", 1) for line in body.strip().splitlines())
    assert fields["Contact"] == "mailto:securite@example.org"
    expires = timezone.datetime.fromisoformat(fields["Expires"])
    assert expires > timezone.now() + timezone.timedelta(days=300)
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"


@pytest.mark.django_db
def test_the_sitemap_lists_every_page_in_both_languages(client):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    for path in ["/", "/accessibilite/", "/confidentialite/", "/mentions-legales/"]:
        assert f"http://testserver{path}" in locations
        assert f"http://testserver/en{path}" in locations


@pytest.mark.django_db
def test_the_favicon_is_a_local_svg(client):
    response = client.get("/favicon.ico")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
