import pytest
from django.test import Client


@pytest.mark.django_db
def test_an_unknown_page_gets_a_friendly_404_in_french(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'href="/"' in html


@pytest.mark.django_db
def test_an_unknown_page_under_en_gets_the_english_404(client):
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_an_oversized_form_gets_a_clear_413_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/compte/login/", {"login": "a@example.org", "password": "x" * 5000})
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_an_explanation():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/compte/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Le formulaire n’a pas pu être vérifié" in response.content.decode()


@pytest.mark.django_db
def test_a_server_error_shows_the_500_page(client, settings):
    from core import views

    response = views.server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    assert "Un problème est survenu de notre côté" in response.content.decode()


@pytest.mark.django_db
def test_api_errors_are_json_with_a_message(client):
    response = client.get("/api/v1/inexistant/")
    assert response.status_code == 404
    assert response.json() == {"message": "Point d’accès de l’API inconnu."}
