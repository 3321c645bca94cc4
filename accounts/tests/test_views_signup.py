import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts import challenge
from accounts.models import User


def signup_data(response, **overrides):
    """A valid sign-up, answering the question the page actually asked."""
    html = response.content.decode()
    token = re.search(r'name="challenge_token" value="([^"]+)"', html).group(1)
    index = challenge.unsign(token)
    data = {
        "email": "camille@example.org",
        "display_name": "Camille",
        "password1": "un mot de passe solide 2026",
        "password2": "un mot de passe solide 2026",
        "website": "",
        "challenge_token": token,
        "challenge_answer": sorted(challenge.QUESTIONS[index][1])[0],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_signing_up_sends_a_confirmation_email_then_confirming_activates(client):
    page = client.get("/compte/signup/")
    response = client.post("/compte/signup/", signup_data(page))
    assert response.status_code == 302
    user = User.objects.get(email="camille@example.org")
    assert user.display_name == "Camille"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/compte/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.django_db
def test_an_unconfirmed_account_cannot_sign_in(client):
    page = client.get("/compte/signup/")
    client.post("/compte/signup/", signup_data(page))
    client.logout()
    response = client.post(
        "/compte/login/",
        {"login": "camille@example.org", "password": "un mot de passe solide 2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/compte/confirm-email/"


@pytest.mark.django_db
def test_a_filled_honeypot_refuses_the_sign_up(client):
    page = client.get("/compte/signup/")
    response = client.post("/compte/signup/", signup_data(page, website="http://spam.example"))
    assert response.status_code == 200
    assert not User.objects.filter(email="camille@example.org").exists()


@pytest.mark.django_db
def test_a_wrong_answer_keeps_what_was_typed_but_not_the_password(client):
    page = client.get("/compte/signup/")
    response = client.post("/compte/signup/", signup_data(page, challenge_answer="je ne sais pas"))
    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "Ce n’est pas la réponse attendue" in html
    assert 'value="camille@example.org"' in html
    assert 'value="Camille"' in html
    assert "un mot de passe solide 2026" not in html
    assert 'id="error-summary"' in html
    assert 'href="#id_challenge_answer"' in html


@pytest.mark.django_db
def test_a_forged_question_token_is_refused(client):
    page = client.get("/compte/signup/")
    for _attempt in range(4):  # whatever new question is drawn, a forged token never passes
        response = client.post("/compte/signup/", signup_data(page, challenge_token="forged"))
        assert response.status_code == 200
        assert "elle a changé" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_question_answer_ignores_case_and_accents():
    index = next(i for i, (_q, answers) in enumerate(challenge.QUESTIONS) if "janvier" in answers)
    assert challenge.is_correct(index, "  Janvier ")
    assert challenge.is_correct(index, "JANVIER")
    assert not challenge.is_correct(index, "février")


@pytest.mark.django_db
def test_errors_are_tied_to_their_field_for_screen_readers(client):
    page = client.get("/compte/signup/")
    response = client.post("/compte/signup/", signup_data(page, email="pas-une-adresse"))
    html = response.content.decode()
    assert 'id="id_email_error"' in html
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*name="email"|<input[^>]*name="email"[^>]*aria-invalid="true"',
        html,
    )


@pytest.mark.django_db
def test_the_same_email_cannot_sign_up_twice(client, member):
    page = client.get("/compte/signup/")
    client.post("/compte/signup/", signup_data(page, email=member.email))
    assert User.objects.filter(email=member.email).count() == 1


@pytest.mark.django_db
def test_sign_up_is_throttled_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    statuses = []
    for n in range(3):
        page = client.get("/compte/signup/")
        response = client.post("/compte/signup/", signup_data(page, email=f"p{n}@example.org"))
        statuses.append(response.status_code)
    assert statuses[-1] == 429
    assert User.objects.count() == 2
