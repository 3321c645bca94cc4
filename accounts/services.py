"""Every write on accounts goes through these functions (views, API and commands alike)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts import personal_data
from accounts.models import User, deleted_user
from core import outbox


@transaction.atomic
def profile_update(*, user: User, display_name: str) -> User:
    user.display_name = display_name.strip()
    user.full_clean(validate_unique=False)
    user.save(update_fields=["display_name"])
    return user


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a member and their personal data.

    Public contributions stay, attributed to the neutral placeholder (foreign keys to authors use
    `on_delete=SET(deleted_user)`), as the CC BY-SA licence of the content allows.
    """
    deleted_user()
    outbox.outbox_forget(email=user.email)
    user.delete()


def personal_data_export(*, user: User) -> dict:
    """Everything we hold about a member, as JSON-ready data (GDPR right of access)."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
            "groups": sorted(group.name for group in user.groups.all()),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "api_token": {"exists": Token.objects.filter(user=user).exists()},
    }
    for section, exporter in sorted(personal_data.exporters.items()):
        data[section] = exporter(user)
    return data


@transaction.atomic
def api_token_create(*, user: User) -> Token:
    """Create the member's token, replacing any previous one (which stops working at once)."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def api_token_revoke(*, user: User) -> None:
    Token.objects.filter(user=user).delete()


def api_token_for_credentials(*, email: str, password: str) -> Token | None:
    """The token of an active account whose address is confirmed, or None."""
    user = authenticate(username=email.strip().lower(), password=password)
    if user is None or not user.is_active:
        return None
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        return None
    token, _created = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def account_reactivate(*, user: User) -> User:
    """A moderator lifts a block: the member signs in again (a new token is needed)."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def account_deactivate(*, user: User) -> User:
    """The account can no longer sign in nor use its token (a moderator's block)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    Token.objects.filter(user=user).delete()
    return user
