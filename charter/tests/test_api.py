import pytest

from charter.models import DONT_KNOW, Diagnostic


def post_score(client, payload):
    return client.post("/api/v1/diagnostic/score/", payload, content_type="application/json")


def test_the_api_gives_the_current_questionnaire(client, questionnaire):
    response = client.get("/api/v1/diagnostic/questionnaire/")
    data = response.json()
    assert response.status_code == 200
    assert data["version"] == questionnaire.version
    assert data["dont_know"] == DONT_KNOW
    question = data["themes"][0]["questions"][0]
    assert question["id"] == "t1-q1"
    assert [a["score"] for a in question["answers"]] == [0, 1, 2, 3]
    assert question["action"]["impact"] == "moyen"


def test_the_api_gives_an_older_version_on_request(client, questionnaire):
    url = f"/api/v1/diagnostic/questionnaire/{questionnaire.version}/"
    assert client.get(url).json()["version"] == questionnaire.version
    missing = client.get(f"/api/v1/diagnostic/questionnaire/{questionnaire.version + 9}/")
    assert missing.status_code == 404
    assert missing.json()["message"]


@pytest.mark.django_db
def test_without_a_questionnaire_the_api_says_so_in_json(client):
    response = client.get("/api/v1/diagnostic/questionnaire/")
    assert response.status_code == 404
    assert "message" in response.json()


def test_the_api_scores_answers_without_storing_anything(client, questionnaire):
    response = post_score(client, {"answers": {"t1-q1": "oui", "t1-q2": DONT_KNOW}})
    data = response.json()
    assert response.status_code == 200
    assert data["themes"][0]["score"] == 100
    assert data["themes"][0]["dont_know"] == 1
    assert data["plan"][0]["kind"] == "learn"
    assert data["method"]
    assert not Diagnostic.objects.exists()
    assert not response.cookies


def test_the_api_refuses_unknown_questions_and_answers_with_a_message(client, questionnaire):
    response = post_score(client, {"answers": {"t1-q1": "peut-etre", "inventee": "oui"}})
    body = response.json()
    assert response.status_code == 400
    assert body["message"]
    assert set(body["errors"]["answers"]) == {"t1-q1", "inventee"}


@pytest.mark.parametrize("payload", [{}, {"answers": "oui"}, {"answers": {}, "version": "un"}])
def test_the_api_refuses_an_invalid_payload_with_a_message(client, questionnaire, payload):
    response = post_score(client, payload)
    assert response.status_code == 400
    assert response.json()["message"]


def test_the_api_scores_on_the_version_asked(client, questionnaire):
    response = post_score(client, {"answers": {}, "version": questionnaire.version + 9})
    assert response.status_code == 404
    ok = post_score(client, {"answers": {"t1-q1": "non"}, "version": questionnaire.version})
    assert ok.json()["questionnaire"]["version"] == questionnaire.version


def test_scoring_refuses_get(client, questionnaire):
    response = client.get("/api/v1/diagnostic/score/")
    assert response.status_code == 405
    assert response.json()["message"]


@pytest.mark.django_db
def test_the_openapi_schema_describes_the_diagnostic_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/diagnostic/questionnaire/" in paths
    assert "/api/v1/diagnostic/score/" in paths


@pytest.mark.django_db
def test_draft_questionnaires_are_not_served_by_the_api(client):
    from charter.models import Questionnaire

    Questionnaire.objects.create(version=99, title="Brouillon", is_published=False)
    response = client.get("/api/v1/diagnostic/questionnaire/99/")
    assert response.status_code == 404
    assert "questionnaire" in response.json()["message"]
