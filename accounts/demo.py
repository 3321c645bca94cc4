"""Fictitious members for trying the platform (`make demo`). Never loaded by `make run`."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import FACILITATORS, MODERATORS, User

DEMO_PASSWORD = "demo-presence-2026"  # noqa: S105 - published on purpose (README)
DEMO_MEMBERS = [
    ("demo-membre@example.org", "Camille (démo)", []),
    ("demo-animation@example.org", "Sacha (démo, animation)", [FACILITATORS]),
    ("demo-moderation@example.org", "Alex (démo, modération)", [MODERATORS]),
]


@transaction.atomic
def load_demo_members() -> str:
    created = 0
    for email, name, groups in DEMO_MEMBERS:
        user, was_created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.groups.set(Group.objects.filter(name__in=groups))
    emails = ", ".join(email for email, _name, _groups in DEMO_MEMBERS)
    return f"{created} demo members created ({emails}; password {DEMO_PASSWORD})"
