import re

import pytest
from django.core import mail

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_a_confirmed_member_signs_in_and_out(client, member):
    response = client.post("/compte/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/compte/").status_code == 200
    client.post("/compte/logout/")
    assert client.get("/compte/").status_code == 302


@pytest.mark.django_db
def test_a_wrong_password_shows_an_error_and_keeps_the_email(client, member):
    response = client.post("/compte/login/", {"login": member.email, "password": "faux"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{member.email}"' in html
    assert 'id="error-summary"' in html


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_account(client, member):
    for _ in range(5):
        client.post("/compte/login/", {"login": member.email, "password": "faux"})
    response = client.post("/compte/login/", {"login": member.email, "password": PASSWORD})
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    pages = [
        client.post(
            "/compte/login/", {"login": f"x{n}@example.org", "password": "faux"}
        ).content.decode()
        for n in range(4)
    ]
    assert "Trop de tentatives de connexion" not in pages[2]
    assert "Trop de tentatives de connexion" in pages[3]


@pytest.mark.django_db
def test_password_reset_by_email(client, member):
    client.post("/compte/password/reset/", {"email": member.email})
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://testserver(/compte/password/reset/key/\S+/)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    new = "un tout nouveau mot de passe 2027"
    client.post(action, {"password1": new, "password2": new})
    member.refresh_from_db()
    assert member.check_password(new)


@pytest.mark.django_db
def test_a_member_changes_their_password(member_client, member):
    new = "un tout nouveau mot de passe 2027"
    member_client.post(
        "/compte/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    member.refresh_from_db()
    assert member.check_password(new)


@pytest.mark.django_db
def test_a_member_changes_their_email_after_confirming_it(member_client, member):
    from allauth.account.models import EmailAddress

    member_client.post("/compte/email/", {"action_add": "", "email": "nouvelle@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/compte/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    member_client.post(link)
    member.refresh_from_db()
    assert member.email == "nouvelle@example.org"
    assert EmailAddress.objects.get(user=member).email == "nouvelle@example.org"
