"""Compare 2 to 4 tools, the guided finder, open data and the API's filters."""

import csv
import io

import pytest

from tests import factories
from tools.models import Hoster, Offer, Service, Tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def tools(db):
    mastodon = factories.tool(
        slug="mastodon",
        name="Mastodon",
        categories=["microblogage"],
        skill_level="debutant",
        criteria={"privacy": {"value": "bon", "reason": "Pas de publicité.", "source": ""}},
    )
    factories.tool(
        slug="x-twitter",
        name="X",
        categories=["microblogage"],
        licence="LicenseRef-Proprietary",
        self_hostable=False,
        audience="masse",
        tracking="publicite-ciblee",
        skill_level="debutant",
    )
    factories.tool(
        slug="misskey", name="Misskey", categories=["microblogage"], skill_level="avance"
    )
    factories.tool(slug="phpbb", name="phpBB", categories=["forums"])
    facebook = Service.objects.create(slug="facebook", name="Facebook")
    facebook.alternatives.add(mastodon, through_defaults={"position": 0})
    hoster = Hoster.objects.create(
        slug="chapril",
        name="Chapril",
        type="association",
        country="FR",
        website="https://chapril.org/",
    )
    Offer.objects.create(
        hoster=hoster, tool=mastodon, name="Instance", price="gratuit", url="https://m.example/"
    )
    return Tool.objects.all()


def test_two_to_four_tools_side_by_side_in_an_accessible_table(client, tools):
    response = client.get("/outils/comparer/?outils=mastodon&outils=x-twitter&outils=misskey")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col"><a href="/outils/mastodon/">Mastodon</a></th>' in html
    assert html.count('<th scope="row">') == len(response.context["rows"])
    assert "Pas de publicité." in html and "LicenseRef-Proprietary" in html
    assert "<caption" in html


@pytest.mark.parametrize("count", [1, 9])
def test_one_or_nine_tools_get_a_clear_message(client, tools, count):
    for n in range(9):
        factories.tool(slug=f"outil-{n}", name=f"Outil {n}")
    slugs = [f"outil-{n}" for n in range(count)]
    response = client.get("/outils/comparer/?" + "&".join(f"outils={s}" for s in slugs))
    assert response.status_code == 200
    assert response.context["problem"] and response.context["rows"] == []
    assert 'id="error-summary"' in response.content.decode()


def test_unknown_tools_in_a_comparison_are_named_and_left_out(client, tools):
    response = client.get("/outils/comparer/?outils=mastodon&outils=phpbb&outils=inconnu")
    assert response.context["unknown"] == ["inconnu"]
    assert [t.slug for t in response.context["tools"]] == ["mastodon", "phpbb"]


def test_the_list_lets_visitors_pick_tools_to_compare(client, tools):
    html = client.get("/outils/").content.decode()
    assert 'action="/outils/comparer/"' in html and 'name="outils" value="mastodon"' in html


def test_the_finder_gives_a_short_list_with_reasons_and_stores_nothing(client, tools):
    response = client.get(
        "/outils/trouver/?besoin=reseaux&actuel=facebook&niveau=debutant&hebergement=egal"
        "&budget=zero"
    )
    suggestions = response.context["suggestions"]
    assert suggestions[0].tool.slug == "mastodon"
    first = suggestions[0]
    assert any("Facebook" in reason for reason in first.reasons)
    assert any("Chapril" in reason for reason in first.reasons)
    x = next(s for s in suggestions if s.tool.slug == "x-twitter")
    assert x.cautions and x.score < first.score
    misskey = next(s for s in suggestions if s.tool.slug == "misskey")
    assert misskey.cautions  # more skill than the team has
    assert "phpbb" not in [s.tool.slug for s in suggestions]
    assert not response.cookies


def test_self_hosting_answers_keep_only_installable_tools(client, tools):
    response = client.get("/outils/trouver/?besoin=reseaux&niveau=avance&hebergement=auto")
    assert "x-twitter" not in [s.tool.slug for s in response.context["suggestions"]]


def test_the_finder_without_a_need_asks_for_one(client, tools):
    response = client.get("/outils/trouver/?besoin=&niveau=debutant")
    assert response.context["errors"] and not response.context["suggestions"]
    assert client.get("/outils/trouver/").context["errors"] == []


def test_open_data_json_follows_the_page_filters(client, tools):
    response = client.get("/outils/donnees/outils.json?libre=1&categorie=microblogage&x=1")
    payload = response.json()
    assert payload["licence"] == "CC-BY-SA-4.0"
    assert sorted(t["slug"] for t in payload["tools"]) == ["mastodon", "misskey"]
    mastodon = next(t for t in payload["tools"] if t["slug"] == "mastodon")
    assert mastodon["hosted_by"] == ["chapril"] and mastodon["criteria"] == {"privacy": "bon"}
    assert 'rel="license"' in response["Link"]
    assert 'href="/outils/donnees/outils.json"' in client.get("/outils/").content.decode()


def test_open_data_csv_has_one_row_per_tool(client, tools):
    response = client.get("/outils/donnees/outils.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == Tool.objects.count()
    assert next(r for r in rows if r["slug"] == "x-twitter")["is_free"] == "non"


def test_the_api_lists_tools_with_the_same_filters(client, tools):
    payload = client.get("/api/v1/tools/?libre=1&categorie=microblogage&niveau=expert").json()
    assert payload["count"] == 2 and payload["ignored_filters"] == ["expert"]
    assert client.get("/api/v1/tools/mastodon/").json()["revision"] == 1
    assert client.get("/api/v1/tools/inconnu/").json()["message"]


def _token_client(client, user):
    token = client.post(
        "/api/v1/token/",
        {"email": user.email, "password": "mot-de-passe-solide"},
        content_type="application/json",
    ).json()["token"]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def test_the_api_creates_and_edits_with_a_token_and_base_revision(client, tools):
    user = factories.trusted_member(password="mot-de-passe-solide")
    api = _token_client(client, user)
    created = api.post(
        "/api/v1/tools/",
        {
            "name": "GoToSocial",
            "summary": "Serveur ActivityPub léger.",
            "categories": ["microblogage"],
            "description": "Léger.",
            "licence": "AGPL-3.0-only",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    base = created.json()["revision_id"]
    edit = {**created.json()["data"], "description": "Très léger.", "base_revision": base}
    response = api.put("/api/v1/tools/gotosocial/", edit, content_type="application/json")
    assert response.status_code == 200 and response.json()["description"] == "Très léger.\n"
    stale = {**edit, "description": "Autre chose.", "base_revision": base}
    conflict = api.put("/api/v1/tools/gotosocial/", stale, content_type="application/json")
    assert conflict.status_code == 409
    assert conflict.json()["your_text"].startswith("Autre chose.")
    missing = {**edit, "base_revision": None}
    assert (
        api.put("/api/v1/tools/gotosocial/", missing, content_type="application/json").status_code
        == 400
    )


def test_the_api_refuses_bad_input_with_a_message(client, tools):
    api = _token_client(client, factories.trusted_member(password="mot-de-passe-solide"))
    response = api.post(
        "/api/v1/tools/",
        {
            "name": "Mastodon",
            "summary": "x",
            "categories": ["microblogage"],
            "description": "x",
            "licence": "Nope-1",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "name" in errors and "licence" in errors and "<a" not in errors["name"][0]
    anonymous = client.__class__().post("/api/v1/tools/", {}, content_type="application/json")
    assert anonymous.status_code in (401, 403)


def test_a_tool_page_lists_the_workshop_programmes_that_cover_it(client, tools):
    from workshops.models import Programme

    programme = Programme.objects.create(slug="reseaux", title="Atelier réseaux sociaux")
    programme.tools.add(Tool.objects.get(slug="mastodon"))
    html = client.get("/outils/mastodon/").content.decode()
    assert f'href="{programme.get_absolute_url()}"' in html and "Atelier réseaux sociaux" in html
