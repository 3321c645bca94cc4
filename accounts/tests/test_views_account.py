import json

import pytest
from rest_framework.authtoken.models import Token

from accounts.models import DELETED_USER_EMAIL, User
from tests.factories import PASSWORD


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/compte/", "/compte/mes-donnees.json", "/compte/supprimer/", "/compte/jeton/"]
)
def test_account_pages_need_a_signed_in_member(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


@pytest.mark.django_db
def test_a_member_edits_their_display_name(member_client, member):
    response = member_client.post("/compte/", {"display_name": "  Dominique  "})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Dominique"


@pytest.mark.django_db
def test_a_too_long_display_name_is_refused_and_kept(member_client, member):
    name = "x" * 81
    response = member_client.post("/compte/", {"display_name": name})
    assert response.status_code == 200
    assert f'value="{name}"' in response.content.decode()
    member.refresh_from_db()
    assert member.display_name != name


@pytest.mark.django_db
def test_a_member_downloads_all_their_data_as_json(member_client, member):
    response = member_client.get("/compte/mes-donnees.json")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["account"]["display_name"] == member.display_name
    assert data["email_addresses"] == [{"email": member.email, "verified": True, "primary": True}]


@pytest.mark.django_db
def test_the_delete_page_says_contributions_stay(member_client):
    html = member_client.get("/compte/supprimer/").content.decode()
    assert "CC BY-SA 4.0" in html
    assert "compte supprimé" in html


@pytest.mark.django_db
def test_deleting_needs_the_password_and_the_confirmation(member_client, member):
    response = member_client.post("/compte/supprimer/", {"password": "faux", "confirm": "on"})
    assert response.status_code == 200
    assert User.objects.filter(pk=member.pk).exists()
    response = member_client.post("/compte/supprimer/", {"password": PASSWORD})
    assert User.objects.filter(pk=member.pk).exists()


@pytest.mark.django_db
def test_deleting_erases_the_account_and_signs_out(member_client, member):
    Token.objects.create(user=member)
    response = member_client.post("/compte/supprimer/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Token.objects.exists()
    assert User.objects.filter(email=DELETED_USER_EMAIL).exists()
    assert member_client.get("/compte/").status_code == 302


@pytest.mark.django_db
def test_the_token_page_creates_replaces_and_revokes(member_client, member):
    assert "Vous n’avez pas encore de jeton" in member_client.get("/compte/jeton/").content.decode()
    member_client.post("/compte/jeton/creer/")
    first = Token.objects.get(user=member).key
    assert first in member_client.get("/compte/jeton/").content.decode()
    member_client.post("/compte/jeton/creer/")
    assert Token.objects.get(user=member).key != first
    member_client.post("/compte/jeton/revoquer/")
    assert not Token.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_token_actions_refuse_get(member_client):
    assert member_client.get("/compte/jeton/creer/").status_code == 405
