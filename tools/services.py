"""Every write on the directory. Tool entries are revised with the revision engine, like pages."""

import re

from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from core import markdown, search
from core.cache import bump_content_generation
from revisions import services as revisions
from revisions.models import Revision
from tools import filters, licences
from tools.models import Category, Platform, Protocol, Tool, ToolTag

KIND = "tool"
TEXT_FIELDS = ("description",)  # the revised text; every other field is structured data


@transaction.atomic
def tool_create(
    *,
    slug: str,
    data: dict,
    author,
    review: bool | None = None,
    action: str = Revision.Action.CREATE,
    summary: str = "",
) -> Tool:
    path = reverse("tools:tool-detail", args=[slug])
    revision = revisions.document_create(
        kind=KIND,
        title=data["name"],
        path=path,
        text=data.get("description", ""),
        data=_structured(data),
        author=author,
        summary=summary,
        review=review,
        action=action,
    )
    tool = Tool.objects.create(
        document=revision.document,
        slug=slug,
        name=data["name"],
        summary=data.get("summary", "")[:200],
    )
    if revision.document.current_revision_id:
        tool_sync(revision.document)
        tool.refresh_from_db()
    return tool


@transaction.atomic
def tool_revise(
    *,
    tool: Tool,
    base_revision,
    data: dict,
    author,
    summary: str = "",
    review: bool | None = None,
) -> revisions.SaveResult:
    return revisions.document_revise(
        document=tool.document,
        base_revision=base_revision,
        text=data.get("description", ""),
        data=_structured(data),
        author=author,
        summary=summary,
        review=review,
    )


@transaction.atomic
def tool_update_if_untouched(*, tool: Tool, data: dict, author, summary: str) -> bool:
    """Bring shipped or imported content up to date unless someone else has edited the entry."""
    current = tool.document.current_revision
    if current is None or not revisions.document_untouched(tool.document, author=author):
        return False
    if current.text == data.get("description", "") and current.data == _structured(data):
        return False
    tool_revise(
        tool=tool, base_revision=current, data=data, author=author, summary=summary, review=False
    )
    return True


def tool_sync(document) -> None:
    """Copy the accepted revision onto the Tool columns used to filter (called by the engine)."""
    tool = Tool.objects.filter(document=document).first()
    if tool is None:
        return
    data = document.current_revision.data
    newly_published = not tool.published
    tool.name = data.get("name", tool.name)
    tool.summary = data.get("summary", "")[:200]
    tool.licence = data.get("licence") or ""
    tool.is_free = licences.is_free(tool.licence)
    tool.website = data.get("website") or ""
    tool.source_code = data.get("source_code") or ""
    tool.self_hostable = bool(data.get("self_hostable"))
    tool.audience = data.get("audience") or ""
    tool.skill_level = data.get("skill_level") or ""
    tool.tracking = data.get("tracking") or ""
    tool.last_checked = data.get("last_checked") or None
    tool.reviewed = data.get("reviewed", True) is not False
    tool.criteria = {
        key: item.get("value", "")
        for key, item in (data.get("criteria") or {}).items()
        if isinstance(item, dict)
    }
    tool.external_id = (data.get("origin") or {}).get("key", "")[:120]
    tool.published = True
    tool.updated_at = document.current_revision.created_at
    tool.save()
    tool.categories.set(Category.objects.filter(slug__in=data.get("categories", [])))
    tool.platforms.set(_named(Platform, data.get("platforms", [])))
    tool.protocols.set(_named(Protocol, [p for p in data.get("federation", []) if p != "none"]))
    tool.tags.set(_named(ToolTag, data.get("tags", [])))
    if document.title != tool.name:
        revisions.document_describe(document=document, title=tool.name, path=document.path)
    tool_index(tool, data, document.current_revision.text)
    filters.bump_directory_generation()
    if newly_published:
        bump_content_generation()


def tool_index(tool, data, text) -> None:
    search.index(
        kind=KIND,
        key=tool.pk,
        title=tool.name,
        url=tool.get_absolute_url(),
        text="\n".join(
            [
                tool.summary,
                markdown.plain_text(text),
                " ".join(data.get("tags", [])),
                markdown.plain_text(data.get("interests", "") or ""),
            ]
        ),
    )


@transaction.atomic
def tool_search_rebuild() -> int:
    tools = Tool.objects.filter(published=True).select_related("document__current_revision")
    for tool in tools:
        tool_index(tool, tool.document.current_revision.data, tool.document.current_revision.text)
    return len(tools)


TOOL_PATH = re.compile(r"^(?:/en)?/outils/([\w-]+)/$")
RESERVED = {
    "remplacer",
    "hebergeurs",
    "a-verifier",
    "comparer",
    "trouver",
    "proposer",
    "donnees",
}


def free_slug(name: str) -> str:
    """An address for a new tool: its name, numbered if taken or reserved."""
    base = slugify(name)[:70] or "outil"
    slug, n = base, 2
    while slug in RESERVED or Tool.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def tool_link_exists(path: str) -> bool | None:
    """Link checker for core.registry: is /outils/<slug>/ a published tool?"""
    match = TOOL_PATH.match(path.split("?")[0].split("#")[0])
    if match is None or match.group(1) in RESERVED:
        return None
    return Tool.objects.filter(slug=match.group(1), published=True).exists()


def _structured(data: dict) -> dict:
    """The data stored with each revision: everything but the description text, with defaults."""
    return {key: value for key, value in data.items() if key not in TEXT_FIELDS and key != "slug"}


def _named(model, names):
    objects = []
    for name in names or []:
        slug = slugify(str(name))[:40]
        if slug:
            limit = model._meta.get_field("name").max_length  # PostgreSQL refuses longer
            defaults = {"name": str(name)[:limit]}
            objects.append(model.objects.get_or_create(slug=slug, defaults=defaults)[0])
    return objects
