import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import User


@pytest.mark.django_db
def test_demo_members_are_fictitious_and_loading_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    demo = User.objects.filter(email__startswith="demo-")
    assert demo.count() == 3
    assert all(user.email.endswith("@example.org") for user in demo)
    assert all("démo" in user.display_name for user in demo)
    assert User.objects.get(email="demo-animation@example.org").is_facilitator
    assert User.objects.get(email="demo-moderation@example.org").check_password(DEMO_PASSWORD)
