"""Load the workshop programmes shipped in content/ateliers/programmes/ (idempotent).

Programmes are shipped content reviewed like code: the file is the reference, and loading it
again updates the programme. Tools and resources named in the front matter are linked when they
exist (a missing one is simply left out, and linked by a later load once it exists).
"""

from pathlib import Path

from django.apps import apps
from django.db import transaction

from core import frontmatter
from workshops import services
from workshops.models import Programme, Topic


@transaction.atomic
def load_programmes(content_dir: Path) -> str:
    created = updated = 0
    for path in sorted((content_dir / "ateliers" / "programmes").glob("*.md")):
        meta, body = frontmatter.read(path)
        values = {
            "title": meta["title"],
            "summary": meta.get("summary", ""),
            "topic": meta.get("topic") or Topic.TOOLS,
            "audience": meta.get("audience", ""),
            "duration_minutes": int(meta.get("duration_minutes", 120)),
            "max_participants": int(meta.get("max_participants", 12)),
            "level": meta.get("level", ""),
            "objectives": list(meta.get("objectives", [])),
            "prerequisites": list(meta.get("prerequisites", [])),
            "materials": list(meta.get("materials", [])),
            "outline": body,
        }
        programme = Programme.objects.filter(slug=meta.get("slug", path.stem)).first()
        if programme is None:
            programme = Programme.objects.create(slug=meta.get("slug", path.stem), **values)
            created += 1
        elif any(getattr(programme, key) != value for key, value in values.items()):
            Programme.objects.filter(pk=programme.pk).update(**values)
            updated += 1
        _link(programme, "tools", "tools.Tool", meta.get("tools", []))
        _link(programme, "resources", "resources.Article", meta.get("resources", []))
        programme.refresh_from_db()
        services.programme_index(programme)
    return f"{created} programmes created, {updated} updated"


def _link(programme, relation, model_name, slugs):
    model = apps.get_model(model_name)
    found = model.objects.filter(slug__in=slugs)
    getattr(programme, relation).set(found)
