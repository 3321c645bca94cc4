import re

import pytest

from charter import content
from charter.markup import markdown
from core import registry


@pytest.fixture
def no_checkers(monkeypatch):
    monkeypatch.setattr(registry, "link_checkers", [])


@pytest.mark.django_db
def test_the_charter_page_states_the_six_principles_in_french(client):
    response = client.get("/charte/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Respecter les internautes" in html
    assert "Être accessible à toutes et tous" in html
    assert len(re.findall(r'<section class="principle"', html)) == 6
    assert "Les principes de l’économie sociale et solidaire" in html
    assert not response.cookies


@pytest.mark.django_db
def test_the_charter_links_only_to_pages_that_exist(client):
    html = client.get("/charte/").content.decode()
    assert 'href="/diagnostic/"' in html
    for href in re.findall(r'<main.*?href="(/[^"#]*)"', html, re.S):
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
def test_the_english_charter_marks_its_french_text(client):
    html = client.get("/en/charte/").content.decode()
    assert '<html lang="en"' in html
    assert '<h1 lang="fr">' in html
    assert "Where to act on it" in html
    assert 'href="/en/diagnostic/"' in html


@pytest.mark.django_db
def test_the_charter_and_the_diagnostic_are_in_the_navigation_and_the_sitemap(client):
    home = client.get("/").content.decode()
    assert 'href="/charte/"' in home and 'href="/diagnostic/"' in home
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ["/charte/", "/en/charte/", "/diagnostic/", "/diagnostic/publics/"]:
        assert f"http://testserver{path}<" in sitemap


def test_markdown_of_the_content_shows_missing_pages_as_text(no_checkers, settings):
    html = markdown(
        "Voir [un outil](/nulle-part/inconnu/), [la charte](/charte/) et [x](javascript:alert(1))."
    )
    assert '<a href="/charte/">la charte</a>' in html
    assert "un outil" in html and "/nulle-part/inconnu/" not in html
    assert 'href="javascript' not in html


def test_markdown_of_the_content_allows_no_raw_html():
    assert "<script>" not in markdown("<script>alert(1)</script> **gras**")
    assert "<strong>gras</strong>" in markdown("**gras**")


@pytest.mark.django_db
def test_loading_the_content_twice_loads_the_questionnaire_once(settings):
    first = content.load_content(settings.BASE_DIR / "content")
    second = content.load_content(settings.BASE_DIR / "content")
    assert "52 questions over 14 themes" in first and "loaded" in first
    assert "already loaded" in second


def test_links_of_the_content_are_named_after_the_pages_they_lead_to(settings):
    root = settings.BASE_DIR / "content"
    assert content.link_label(root, "/outils/paheko/") == "Paheko"
    assert content.link_label(root, "/outils/remplacer/doodle/") == "Doodle"
    assert content.link_label(root, "/ateliers/programmes/utiliser-facebook/").startswith(
        "Utiliser"
    )
    assert content.link_label(root, "/ailleurs/") == "/ailleurs/"
