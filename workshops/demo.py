"""Clearly fictitious sessions and registrations for trying the platform (`make demo`)."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.models import OutboxEmail
from workshops import services
from workshops.models import Programme, Registration, TopicProposal, Workshop

FACILITATOR = "demo-animation@example.org"
MEMBER = "demo-membre@example.org"
PLACES = [
    {
        "name": "Maison des associations (lieu fictif de démo)",
        "address": "1 rue de l’Exemple",
        "city": "Toulouse",
        "step_free_access": True,
        "hearing_loop": True,
        "access_notes": "Entrée de plain-pied, toilettes adaptées. Métro à 200 m (lieu fictif).",
    },
    {
        "name": "Tiers-lieu La Démo (lieu fictif)",
        "address": "12 place Imaginaire",
        "city": "Tarbes",
        "step_free_access": False,
        "hearing_loop": False,
        "access_notes": "Salle à l’étage sans ascenseur (lieu fictif de démonstration).",
    },
]


def _at(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def load_demo_workshops() -> str:
    facilitator = User.objects.filter(email=FACILITATOR).first()
    programmes = list(Programme.objects.order_by("slug"))
    if facilitator is None or not programmes:
        return "skipped: load the content (load_content) and the demo members first"
    if Workshop.objects.filter(created_by=facilitator).exists():
        return "0 demo sessions created (already there)"
    places = [services.place_create(**place) for place in PLACES]
    plans = [
        (7, places[0], "presentiel", 20),
        (14, None, "en-ligne", 30),
        (21, places[1], "hybride", 12),
    ]
    created = registrations = 0
    for n, (days, place, fmt, capacity) in enumerate(plans):
        programme = programmes[n % len(programmes)]
        values = services.fields_from_programme(programme)
        values.update(
            capacity=capacity,
            description=f"{programme.summary}\n\n*Session fictive de démonstration.*",
        )
        fields = services.WorkshopFields(
            **values,
            starts_at=_at(days, 14),
            ends_at=_at(days, 17),
            format=fmt,
            place=place,
            online_url="https://visio.example.org/demo" if fmt != "presentiel" else "",
        )
        workshop = services.workshop_create(fields=fields, author=facilitator, status="published")
        created += 1
        for i in range(min(capacity + 3, 8 + 6 * n)):
            services.registration_create(
                workshop=workshop,
                name=f"Participant·e fictif·ve {i + 1}",
                email=f"demo-participant-{n}-{i}@example.org",
                consent_data=True,
                consent_feedback=i % 2 == 0,
            )
            registration = Registration.objects.get(
                workshop=workshop, email=f"demo-participant-{n}-{i}@example.org"
            )
            services.registration_confirm(registration=registration)
            registrations += 1
    member = User.objects.filter(email=MEMBER).first()
    if member is not None:
        proposal = services.topic_propose(
            author=member,
            title="Animer une lettre d’information avec consentement (sujet fictif)",
            topic="consentement-et-vie-privee",
            description="Proposition de démonstration.",
        )
        services.topic_interest_set(proposal=proposal, user=facilitator, interested=True)
    # Fictitious people get no email: drop what the registrations queued.
    OutboxEmail.objects.filter(to__startswith="demo-participant-").delete()
    topics = TopicProposal.objects.count()
    return f"{created} demo sessions, {registrations} fictitious registrations, {topics} topics"
