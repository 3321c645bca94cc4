"""Tool entries edited like the wiki: propose, edit, history, diff, revert, conflicts, review."""

import pytest

from revisions.models import Revision
from tests import factories
from tools.forms import ToolForm
from tools.models import Tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusted_client(client):
    user = factories.trusted_member()
    client.force_login(user)
    client.user = user
    return client


def _form_data(tool, **changes):
    revision = tool.document.current_revision
    data = {
        key: value
        for key, value in ToolForm.initial_for(revision).items()
        if value not in (None, False)
    }
    data.update(changes)
    return data


def test_proposing_needs_an_account(client):
    response = client.get("/outils/proposer/")
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_a_trusted_member_proposes_a_tool_through_the_plain_form(trusted_client):
    factories.tool(slug="discourse", name="Discourse")
    response = trusted_client.post(
        "/outils/proposer/",
        {
            "name": "Flarum",
            "summary": "Forum libre et léger.",
            "categories": ["forums"],
            "description": "Un forum moderne.",
            "licence": "MIT",
            "website": "https://flarum.org/",
            "platforms": ["web"],
            "federation": "",
            "criterion_privacy": "bon",
            "criterion_privacy_reason": "Pas de publicité.",
        },
    )
    tool = Tool.objects.get(slug="flarum")
    assert response.status_code == 302 and response["Location"] == "/outils/flarum/"
    assert tool.published and tool.is_free and tool.criteria == {"privacy": "bon"}
    assert tool.document.current_revision.author == trusted_client.user
    assert "Flarum" in trusted_client.get("/outils/").content.decode()


def test_a_new_account_proposal_waits_for_review(client, member):
    factories.tool(slug="discourse")
    client.force_login(member)
    response = client.post(
        "/outils/proposer/",
        {"name": "Flarum", "summary": "Forum.", "categories": ["forums"], "description": "X"},
    )
    assert response.status_code == 302
    tool = Tool.objects.get(slug="flarum")
    assert not tool.published
    assert client.get("/outils/flarum/").status_code == 404
    assert Revision.objects.pending().filter(document=tool.document).exists()


@pytest.mark.parametrize(
    "field, value, existing",
    [
        ("name", "discourse", "Discourse"),
        ("name", "Dis-Course", "Discourse"),
        ("website", "http://www.discourse.example.org", "Discourse"),
    ],
)
def test_a_duplicate_is_refused_with_a_link_to_the_existing_entry(
    trusted_client, field, value, existing
):
    factories.tool(slug="discourse", name="Discourse")
    data = {
        "name": "Autre",
        "summary": "Forum.",
        "categories": ["forums"],
        "description": "Texte gardé.",
        "website": "https://autre.example.org/",
        field: value,
    }
    response = trusted_client.post("/outils/proposer/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/outils/discourse/"' in html and existing in html
    assert "Texte gardé." in html  # what the user typed is kept
    assert Tool.objects.count() == 1


def test_an_unknown_spdx_identifier_is_refused_and_the_input_kept(trusted_client):
    response = trusted_client.post(
        "/outils/proposer/",
        {
            "name": "Nouveau",
            "summary": "Résumé.",
            "categories": ["forums"],
            "description": "Ma description.",
            "licence": "Libre-Maison-2.0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Libre-Maison-2.0" in html and "SPDX" in html
    assert 'id="error-summary"' in html
    assert not Tool.objects.filter(slug="nouveau").exists()


def test_an_edit_revises_fields_and_text_together_and_keeps_history(trusted_client):
    tool = factories.tool(slug="discourse", name="Discourse", sources=["https://a.example/"])
    response = trusted_client.post(
        "/outils/discourse/modifier/",
        _form_data(
            tool,
            licence="GPL-2.0-or-later",
            description="Nouvelle description.",
            checked="on",
            edit_summary="licence vérifiée",
        ),
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    current = tool.document.current_revision
    assert tool.licence == "GPL-2.0-or-later" and current.text == "Nouvelle description.\n"
    assert current.data["sources"] == ["https://a.example/"]  # a field the form does not show
    assert tool.last_checked is not None and current.number == 2
    history = trusted_client.get("/outils/discourse/historique/").content.decode()
    assert "licence vérifiée" in history
    diff = trusted_client.get("/outils/discourse/diff/?de=1&a=2").content.decode()
    assert "GPL-2.0-or-later" in diff and "AGPL-3.0-or-later" in diff


def test_a_revert_brings_back_the_earlier_fields(trusted_client):
    tool = factories.tool(slug="discourse", name="Discourse")
    trusted_client.post("/outils/discourse/modifier/", _form_data(tool, licence="MIT"))
    response = trusted_client.post("/outils/discourse/restaurer/1/")
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.licence == "AGPL-3.0-or-later"
    assert tool.document.current_revision.action == Revision.Action.REVERT
    assert trusted_client.get("/outils/discourse/restaurer/1/").status_code == 405


def test_concurrent_edits_of_different_fields_merge(trusted_client):
    tool = factories.tool(slug="discourse", name="Discourse")
    stale = _form_data(tool)
    other = factories.trusted_member()
    from tools import services

    base = tool.document.current_revision
    services.tool_revise(
        tool=tool,
        base_revision=base,
        data={**base.data, "licence": "MIT", "description": base.text},
        author=other,
    )
    response = trusted_client.post(
        "/outils/discourse/modifier/", {**stale, "summary": "Résumé changé ailleurs."}
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.licence == "MIT" and tool.summary == "Résumé changé ailleurs."


def test_an_overlapping_edit_is_a_conflict_that_keeps_both_texts(trusted_client):
    tool = factories.tool(slug="discourse", name="Discourse")
    stale = _form_data(tool)
    from tools import services

    base = tool.document.current_revision
    services.tool_revise(
        tool=tool,
        base_revision=base,
        data={
            **base.data,
            "description": "Premier paragraphe réécrit ailleurs.\n\nDeuxième paragraphe.\n",
        },
        author=factories.trusted_member(),
    )
    response = trusted_client.post(
        "/outils/discourse/modifier/",
        {**stale, "description": "Mon premier paragraphe.\n\nDeuxième paragraphe.\n"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Mon premier paragraphe." in html and "réécrit ailleurs" in html
    assert tool.document.revisions.count() == 2  # nothing saved over anyone


def test_the_tool_page_has_tabs_and_history_is_public(client):
    factories.tool(slug="discourse", name="Discourse")
    html = client.get("/outils/discourse/").content.decode()
    assert 'href="/outils/discourse/historique/"' in html
    assert client.get("/outils/discourse/historique/").status_code == 200
    assert client.get("/outils/discourse/modifier/").status_code == 302
