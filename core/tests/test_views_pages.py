import re

import pytest
from django.urls import reverse

PAGES = ["/", "/accessibilite/", "/confidentialite/", "/mentions-legales/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_served_in_french_by_default(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_each_page_has_an_english_version_under_en(client, path):
    response = client.get("/en" + path)
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_links_to_the_same_page_in_the_other_language(client):
    french = client.get("/confidentialite/").content.decode()
    english = client.get("/en/confidentialite/").content.decode()
    assert 'href="/en/confidentialite/" hreflang="en"' in french
    assert 'href="/confidentialite/" hreflang="fr"' in english


@pytest.mark.django_db
def test_accept_language_does_not_change_the_language_of_a_french_address(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PAGES, "/en/", "/robots.txt", "/sitemap.xml"])
def test_an_anonymous_read_sets_no_cookie(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db
def test_a_form_page_sets_only_the_csrf_cookie(client):
    response = client.get("/compte/login/")
    assert set(response.cookies) == {"csrftoken"}
    assert response.cookies["csrftoken"]["httponly"]
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


@pytest.mark.django_db
def test_the_home_page_presents_the_platform_in_french(client):
    html = client.get("/").content.decode()
    assert "économie sociale et solidaire" in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html


@pytest.mark.django_db
def test_the_legal_notice_shows_the_operator_from_settings(client, settings):
    settings.OPERATOR = {**settings.OPERATOR, "name": "Association Les Tisserands"}
    assert "Association Les Tisserands" in client.get("/mentions-legales/").content.decode()


@pytest.mark.django_db
def test_the_footer_states_both_licences_and_links_the_source(client, settings):
    settings.SOURCE_CODE_URL = "https://forge.example.org/presence"
    html = client.get("/").content.decode()
    assert "creativecommons.org/licenses/by-sa/4.0" in html
    assert "agpl-3.0" in html
    assert 'href="https://forge.example.org/presence"' in html


@pytest.mark.django_db
def test_no_section_link_leads_to_a_page_that_does_not_exist(client):
    html = client.get("/").content.decode()
    for href in re.findall(r'href="(/[^"]*)"', html):
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_pages_refuse_writes(client, path):
    assert client.post(path).status_code == 405


def test_the_page_urls_of_the_public_contract_resolve():
    assert reverse("core:accessibility") == "/accessibilite/"
    assert reverse("core:privacy") == "/confidentialite/"
