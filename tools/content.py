"""Load the directory shipped in content/outils/: tools, hosters with their offers, and the
proprietary services with their alternatives. Idempotent; contributors' edits to a tool win over
a later shipped version, as for articles."""

from pathlib import Path

import yaml
from django.db import transaction

from accounts.models import system_user
from revisions.models import Revision
from tools import filters, services
from tools.models import Alternative, Category, Hoster, Offer, Service, Tool

CATEGORIES = [
    ("editeurs-de-site", "Éditeurs de site"),
    ("editeurs-de-blog", "Éditeurs de blog"),
    ("reseaux-sociaux", "Réseaux sociaux"),
    ("microblogage", "Microblogage"),
    ("autres-publications", "Autres plateformes de publication"),
    ("plateformes-ess", "Plateformes de l’ESS"),
    ("lettres-et-listes", "Lettres d’information et listes"),
    ("forums", "Forums"),
    ("ecriture-collaborative", "Écriture collaborative et wikis"),
    ("evenements-et-sondages", "Événements et sondages"),
    ("visioconference", "Visioconférence"),
    ("formulaires", "Formulaires"),
    ("boutiques-et-commerce-equitable", "Boutiques et commerce équitable"),
    ("dons-et-paiements", "Dons et paiements"),
    ("mesure-d-audience", "Mesure d’audience"),
    ("hebergement-et-stockage", "Hébergement et stockage"),
    ("bureautique", "Bureautique"),
    ("messagerie-instantanee", "Messagerie instantanée"),
    ("gestion-associative", "Gestion associative"),
    ("autres-logiciels", "Autres logiciels"),
]


def ensure_categories() -> None:
    for position, (slug, name) in enumerate(CATEGORIES):
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


@transaction.atomic
def load_directory(content_dir: Path) -> str:
    ensure_categories()
    created, updated = _load_tools(content_dir / "outils" / "outils")
    hosters = _load_hosters(content_dir / "outils" / "hebergeurs")
    services_count = _load_services(content_dir / "outils" / "services")
    filters.bump_directory_generation()  # offers changed the hoster facet
    return (
        f"{created} tools created, {updated} updated; {hosters} hosters; "
        f"{services_count} proprietary services"
    )


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in data.items()
    }


def _load_tools(folder: Path) -> tuple[int, int]:
    author, created, updated = system_user(), 0, 0
    for path in sorted(folder.glob("*.yml")):
        data = _read(path)
        slug = data.get("slug", path.stem)
        tool = Tool.objects.filter(slug=slug).select_related("document__current_revision").first()
        if tool is None:
            services.tool_create(
                slug=slug,
                data=data,
                author=author,
                review=False,
                action=Revision.Action.IMPORT,
                summary="Contenu livré avec Présence",
            )
            created += 1
            continue
        updated += services.tool_update_if_untouched(
            tool=tool, data=data, author=author, summary="Mise à jour du contenu livré"
        )
    return created, updated


def _load_hosters(folder: Path) -> int:
    count = 0
    for path in sorted(folder.glob("*.yml")):
        data = _read(path)
        hoster, _created = Hoster.objects.update_or_create(
            slug=data.get("slug", path.stem),
            defaults={
                "name": data["name"],
                "type": data["type"],
                "country": data.get("country", ""),
                "website": data["website"],
                "chatons": bool(data.get("chatons")),
                "governance": data.get("governance", "") or "",
                "environment": data.get("environment") or [],
                "description": data.get("description", "") or "",
                "sources": data.get("sources") or [],
                "last_checked": data.get("last_checked"),
            },
        )
        tools = {
            t.slug: t
            for t in Tool.objects.filter(slug__in=[o["tool"] for o in data.get("offers", [])])
        }
        hoster.offers.all().delete()
        for offer in data.get("offers", []):
            if offer["tool"] in tools:
                Offer.objects.create(
                    hoster=hoster,
                    tool=tools[offer["tool"]],
                    name=offer["name"],
                    price=str(offer.get("price", "")),
                    audience=offer.get("audience", "") or "",
                    url=offer["url"],
                )
        count += 1
    return count


def _load_services(folder: Path) -> int:
    count = 0
    for path in sorted(folder.glob("*.yml")):
        data = _read(path)
        service, _created = Service.objects.update_or_create(
            slug=data.get("slug", path.stem),
            defaults={
                "name": data["name"],
                "owner": data.get("owner", "") or "",
                "used_for": data.get("used_for", "") or "",
                "category": Category.objects.filter(slug=data.get("category")).first(),
                "tradeoffs": data.get("tradeoffs", "") or "",
            },
        )
        tools = {t.slug: t for t in Tool.objects.filter(slug__in=data.get("alternatives", []))}
        Alternative.objects.filter(service=service).delete()
        for position, slug in enumerate(data.get("alternatives", [])):
            if slug in tools:
                Alternative.objects.create(service=service, tool=tools[slug], position=position)
        count += 1
    return count
