import pytest
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_an_active_account_exchanges_its_credentials_for_its_token(client, member):
    response = client.post(
        "/api/v1/token/",
        {"email": member.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=member).key}


@pytest.mark.django_db
def test_the_api_token_is_the_one_shown_on_the_account_page(client, member_client, member):
    member_client.post("/compte/jeton/creer/")
    shown = Token.objects.get(user=member).key
    response = client.post(
        "/api/v1/token/",
        {"email": member.email.upper(), "password": PASSWORD},
        content_type="application/json",
    )
    assert response.json()["token"] == shown
    assert shown in member_client.get("/compte/jeton/").content.decode()


@pytest.mark.django_db
def test_wrong_credentials_get_a_json_message(client, member):
    response = client.post(
        "/api/v1/token/",
        {"email": member.email, "password": "faux"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "message" in response.json()
    assert not Token.objects.exists()


@pytest.mark.django_db
def test_an_inactive_account_gets_no_token(client):
    user = UserFactory(is_active=False)
    response = client.post(
        "/api/v1/token/",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_an_invalid_payload_lists_the_field_errors(client):
    response = client.post(
        "/api/v1/token/", {"email": "pas-une-adresse"}, content_type="application/json"
    )
    body = response.json()
    assert response.status_code == 400
    assert set(body["errors"]) == {"email", "password"}
    assert body["message"]


@pytest.mark.django_db
def test_the_token_endpoint_is_throttled(client, member):
    statuses = [
        client.post(
            "/api/v1/token/",
            {"email": member.email, "password": "faux"},
            content_type="application/json",
        ).status_code
        for _ in range(11)
    ]
    assert statuses[-1] == 429


@pytest.mark.django_db
def test_a_token_authenticates_api_requests(client, member):
    token = Token.objects.create(user=member)
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/").status_code == 200


@pytest.mark.django_db
def test_the_openapi_schema_describes_the_token_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/token/" in schema["paths"]
