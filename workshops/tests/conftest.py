from datetime import timedelta

import pytest
from django.utils import timezone

from workshops import services
from workshops.models import Place, Registration


@pytest.fixture
def place(db):
    return Place.objects.create(
        slug="maison-des-assos",
        name="Maison des associations",
        address="1 rue de l’Exemple",
        city="Toulouse",
        step_free_access=True,
        hearing_loop=True,
    )


def make_fields(**overrides) -> services.WorkshopFields:
    start = overrides.pop("starts_at", timezone.now() + timedelta(days=10))
    values = {
        "title": "Utiliser Facebook en accord avec ses valeurs",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "capacity": 3,
        "format": "presentiel",
        "topic": "reseaux-sociaux",
        "description": "Un atelier **pratique**.",
        "online_url": "",
    }
    values.update(overrides)
    return services.WorkshopFields(**values)


@pytest.fixture
def make_workshop(facilitator, place):
    def make(status="published", **overrides):
        overrides.setdefault("place", place)
        return services.workshop_create(
            fields=make_fields(**overrides), author=facilitator, status=status
        )

    return make


@pytest.fixture
def workshop(make_workshop):
    return make_workshop()


def register(workshop, n, *, user=None, feedback=False) -> Registration:
    """A visitor's registration, confirmed through the emailed link."""
    registration = services.registration_create(
        workshop=workshop,
        name=f"Personne {n}",
        email=f"personne{n}@example.org",
        consent_data=True,
        consent_feedback=feedback,
    )
    return services.registration_confirm(registration=registration)
