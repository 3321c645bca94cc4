"""Workshops and registrations for the benchmark site (only once the workshops app is installed).

Sessions are spread over the past and the next year, most published, online or in person; each
gets registrations (confirmed, a few waiting or cancelled) with fictitious names and addresses
under the reserved `.invalid` domain. The search index is filled by the app's own rebuilder
(`search_rebuild`, run after the generation).
"""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django.utils.text import slugify

from bench import french

BATCH = 5000


def build(*, rng, count: int, registrations: int, members: list) -> None:
    workshop_model = apps.get_model("workshops", "Workshop")
    registration_model = apps.get_model("workshops", "Registration")
    programme_model = apps.get_model("workshops", "Programme")
    place_model = apps.get_model("workshops", "Place")
    programmes = list(programme_model.objects.all()) or [None]
    places = list(place_model.objects.all())
    if not places:
        places = [
            place_model.objects.create(
                slug="maison-des-associations-bench",
                name="Maison des associations (fictive)",
                city="Lyon",
                step_free_access=True,
            )
        ]
    now = timezone.now().replace(microsecond=0)
    topics = [value for value, _label in workshop_model._meta.get_field("topic").choices]
    workshops = []
    start = workshop_model.objects.count()  # a second call adds more, with new addresses
    for n in range(start, start + count):
        starts = now + timedelta(days=rng.randint(-365, 365), hours=rng.randint(8, 18))
        online = rng.random() < 0.4
        title = f"Atelier : {french.title(rng, n)}"
        workshops.append(
            workshop_model(
                slug=f"{slugify(title)[:100]}-{n}",
                title=title,
                description="\n\n".join(french.paragraph(rng) for _ in range(3)),
                programme=rng.choice(programmes),
                topic=rng.choice(topics),
                format="en-ligne" if online else "presentiel",
                place=None if online else rng.choice(places),
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                capacity=60,
                status="published" if rng.random() < 0.95 else "cancelled",
                published_at=starts - timedelta(days=30),
                created_by=rng.choice(members),
                created_at=starts - timedelta(days=31),
            )
        )
    workshop_model.objects.bulk_create(workshops, batch_size=500)
    rows = []
    per_workshop = max(1, registrations // max(1, count))
    for workshop in workshops:
        for i in range(per_workshop):
            status = rng.choices(["confirmed", "waiting", "cancelled"], [90, 5, 5])[0]
            rows.append(
                registration_model(
                    workshop=workshop,
                    name=f"Participant fictif {workshop.pk}-{i}",
                    email=f"participant-{workshop.pk}-{i}@bench.invalid",
                    consent_data=True,
                    status=status,
                    created_at=workshop.published_at + timedelta(hours=i),
                    confirmed_at=workshop.published_at + timedelta(hours=i),
                )
            )
        if len(rows) >= BATCH:
            registration_model.objects.bulk_create(rows)
            rows = []
    registration_model.objects.bulk_create(rows)
