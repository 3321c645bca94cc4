import pytest
from rest_framework.authtoken.models import Token

from workshops.models import Registration, Workshop
from workshops.tests.conftest import register

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "title": "Atelier par l’API",
    "topic": "visibilite",
    "format": "en-ligne",
    "online_url": "https://visio.example.org/api",
    "starts_at": "2031-06-01T12:00:00Z",
    "ends_at": "2031-06-01T14:00:00Z",
    "capacity": 2,
    "publish": True,
}


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def test_the_list_and_detail_are_public(client, workshop, make_workshop):
    make_workshop(status="draft", title="Brouillon")
    data = client.get("/api/v1/workshops/").json()
    assert [w["slug"] for w in data["results"]] == [workshop.slug]
    assert data["results"][0]["seats_left"] == 3 and data["results"][0]["registration"] == "open"
    assert "online_url" not in data["results"][0]
    detail = client.get(f"/api/v1/workshops/{workshop.slug}/").json()
    assert detail["place"]["step_free_access"] is True
    assert client.get("/api/v1/workshops/nope/").status_code == 404


def test_filters(client, workshop):
    assert client.get("/api/v1/workshops/?theme=visibilite").json()["count"] == 0
    assert client.get("/api/v1/workshops/?theme=reseaux-sociaux").json()["count"] == 1


def test_a_facilitator_creates_with_a_token(client, facilitator):
    response = client.post(
        "/api/v1/workshops/", PAYLOAD, content_type="application/json", **auth(facilitator)
    )
    assert response.status_code == 201, response.json()
    workshop = Workshop.objects.get()
    assert workshop.status == "published" and facilitator in workshop.facilitators.all()


def test_a_member_cannot_create(client, member):
    response = client.post(
        "/api/v1/workshops/", PAYLOAD, content_type="application/json", **auth(member)
    )
    assert response.status_code == 403 and "message" in response.json()


def test_anonymous_cannot_create(client):
    response = client.post("/api/v1/workshops/", PAYLOAD, content_type="application/json")
    assert response.status_code == 401 and "message" in response.json()


def test_bad_input_is_refused_with_a_message(client, facilitator):
    payload = {**PAYLOAD, "ends_at": "2031-06-01T11:00:00Z"}
    response = client.post(
        "/api/v1/workshops/", payload, content_type="application/json", **auth(facilitator)
    )
    assert response.status_code == 400
    assert response.json()["errors"]["ends_at"] and response.json()["message"]
    response = client.post(
        "/api/v1/workshops/", {"title": ""}, content_type="application/json", **auth(facilitator)
    )
    assert response.status_code == 400 and "message" in response.json()


def test_register_with_a_token_then_the_waiting_list(client, workshop, member):
    for n in range(3):
        register(workshop, n)
    headers = auth(member)
    response = client.post(
        f"/api/v1/workshops/{workshop.slug}/register/",
        {},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    assert response.json()["status"] == "waiting" and response.json()["position"] == 1
    again = client.post(
        f"/api/v1/workshops/{workshop.slug}/register/",
        {},
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 400 and "déjà" in again.json()["message"]
    assert Registration.objects.filter(user=member).count() == 1


def test_register_needs_a_token(client, workshop):
    response = client.post(
        f"/api/v1/workshops/{workshop.slug}/register/", {}, content_type="application/json"
    )
    assert response.status_code == 401


def test_register_for_a_cancelled_session_is_refused(client, workshop, member):
    from workshops import services

    services.workshop_cancel(workshop=workshop)
    response = client.post(
        f"/api/v1/workshops/{workshop.slug}/register/",
        {},
        content_type="application/json",
        **auth(member),
    )
    assert response.status_code == 400 and "annulée" in response.json()["message"]


def test_the_schema_documents_the_workshops(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/workshops/" in schema["paths"]
    assert "/api/v1/workshops/{slug}/register/" in schema["paths"]
