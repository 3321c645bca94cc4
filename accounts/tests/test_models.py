import pytest
from django.core.management import call_command

from accounts.models import DELETED_USER_EMAIL, User, deleted_user
from tests.factories import UserFactory, facilitator, moderator


@pytest.mark.django_db
def test_the_email_is_the_login_and_is_stored_in_lowercase():
    user = User.objects.create_user(email="Camille@Example.ORG", password="x")
    assert user.email == "camille@example.org"
    assert User.USERNAME_FIELD == "email"


@pytest.mark.django_db
def test_a_member_without_display_name_is_shown_by_number():
    user = UserFactory(display_name="")
    assert str(user) == f"Membre n°{user.pk}"


@pytest.mark.django_db
def test_roles_come_from_groups():
    assert facilitator().is_facilitator
    assert moderator().is_moderator
    plain = UserFactory()
    assert not plain.is_facilitator and not plain.is_moderator


@pytest.mark.django_db
def test_a_blocked_moderator_loses_the_role():
    user = moderator(is_active=False)
    assert not user.is_moderator


@pytest.mark.django_db
def test_the_deleted_account_placeholder_is_unique_and_cannot_sign_in():
    first, second = deleted_user(), deleted_user()
    assert first == second
    assert first.email == DELETED_USER_EMAIL
    assert not first.is_active and not first.has_usable_password()
    assert str(first) == "Compte supprimé"


@pytest.mark.django_db
def test_createsuperuser_works_without_input(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "admin@example.org")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "un mot de passe d'admin")
    call_command("createsuperuser", "--noinput", verbosity=0)
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.check_password("un mot de passe d'admin")


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production(settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    assert make_password("secret").startswith("argon2")
