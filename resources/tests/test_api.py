import json
import threading
import urllib.error
import urllib.request

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from resources import services
from resources.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(trusted):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=trusted).key}")
    return client


def payload(**overrides):
    data = {
        "title": "Choisir son hébergeur",
        "text": "Un.\n\nDeux.\n\nTrois.\n",
        "kind": "strategie",
        "tags": ["hébergement"],
    }
    data.update(overrides)
    return data


def test_anyone_reads_articles_and_revisions(client, article):
    listing = client.get("/api/v1/resources/").json()
    assert listing["results"][0]["slug"] == "choisir-son-hebergeur"
    detail = client.get("/api/v1/resources/choisir-son-hebergeur/").json()
    assert detail["text"] == "Un.\n\nDeux.\n\nTrois.\n" and detail["revision"] == 1
    revisions = client.get("/api/v1/resources/choisir-son-hebergeur/revisions/").json()
    assert revisions["results"][0]["number"] == 1
    assert (
        client.get("/api/v1/resources/choisir-son-hebergeur/revisions/1/")
        .json()["text"]
        .startswith("Un.")
    )


def test_writing_needs_a_token(client, article):
    response = client.put(
        "/api/v1/resources/choisir-son-hebergeur/", payload(), content_type="application/json"
    )
    assert response.status_code == 401
    assert "message" in response.json()


def test_a_member_creates_and_edits_with_a_token(api):
    created = api.post("/api/v1/resources/", payload(), format="json")
    assert created.status_code == 201
    base = created.json()["revision_id"]
    edited = api.put(
        "/api/v1/resources/choisir-son-hebergeur/",
        payload(text="Un.\n\nDeux bis.\n\nTrois.\n", base_revision=base),
        format="json",
    )
    assert edited.status_code == 200 and edited.json()["revision"] == 2


def test_a_conflict_answers_409_with_both_texts_and_a_proposal(api, article, trusted):
    base = article.document.current_revision.pk
    api.put(
        "/api/v1/resources/choisir-son-hebergeur/",
        payload(text="Un.\n\nDeux (eux).\n\nTrois.\n", base_revision=base),
        format="json",
    )
    response = api.put(
        "/api/v1/resources/choisir-son-hebergeur/",
        payload(text="Un.\n\nDeux (moi).\n\nTrois.\n", base_revision=base),
        format="json",
    )
    body = response.json()
    assert response.status_code == 409
    assert body["your_text"] == "Un.\n\nDeux (moi).\n\nTrois.\n"
    assert body["current_text"] == "Un.\n\nDeux (eux).\n\nTrois.\n"
    assert "Deux (moi)." in body["proposal"] and "Deux (eux)." in body["proposal"]
    assert body["message"]


def test_invalid_data_gets_field_errors(api, article):
    response = api.put("/api/v1/resources/choisir-son-hebergeur/", {"title": ""}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"title", "text"}


def test_an_unknown_base_revision_is_refused(api, article):
    response = api.put(
        "/api/v1/resources/choisir-son-hebergeur/", payload(base_revision=999999), format="json"
    )
    assert response.status_code == 400


def test_the_schema_lists_the_resources_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/resources/{slug}/" in paths


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_writers_against_a_live_server_lose_nothing(live_server):
    """Every writer adds a word to its own paragraph from the same base revision, over HTTP."""
    writers = []
    for _n in range(20):
        writers.append(Token.objects.create(user=factories.trusted_member()).key)
    paragraphs = [f"Paragraphe {n}." for n in range(20)]
    article = services.article_create(
        fields=services.ArticleFields(title="Texte partagé", text="\n\n".join(paragraphs) + "\n"),
        author=factories.moderator(),
    )
    base = article.document.current_revision.pk
    outcomes, barrier = {}, threading.Barrier(20)

    def write(n):
        mine = paragraphs.copy()
        mine[n] += f" mot{n}"
        body = json.dumps(
            {"title": "Texte partagé", "text": "\n\n".join(mine) + "\n", "base_revision": base}
        ).encode()
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/resources/texte-partage/",
            data=body,
            method="PUT",
            headers={"Authorization": f"Token {writers[n]}", "Content-Type": "application/json"},
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                outcomes[n] = response.status
        except urllib.error.HTTPError as error:
            outcomes[n] = error.code

    threads = [threading.Thread(target=write, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    article = Article.objects.select_related("document__current_revision").get(pk=article.pk)
    final = article.document.current_revision.text
    assert len(outcomes) == 20
    assert set(outcomes.values()) <= {200, 409}, outcomes
    for n, status in outcomes.items():
        assert status == 409 or f"mot{n}" in final, (n, status)
    assert sum(status == 200 for status in outcomes.values()) >= 19
