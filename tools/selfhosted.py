"""Import the awesome-selfhosted data (https://github.com/awesome-selfhosted/awesome-selfhosted-data).

Format (one YAML file per software in `software/`): `name`, `website_url`, `source_code_url`,
`description`, `licenses` (SPDX ids, or "⊘ Proprietary"), `platforms` (languages and packaging),
`tags` (their categories), and maintenance facts written by their CI: `stargazers_count`,
`updated_at`, `archived`, `current_release` {tag, published_at}. Licence: CC BY-SA 3.0.

Two uses:
- refresh the maintenance facts of our own entries, matched by website, source code or name;
- with `everything=True`, also import every other entry as an unreviewed draft that keeps their
  description with attribution (large installs, benchmarks).

Every file is read and checked before anything is written: a malformed file is reported with its
name and line, and the database is left as it was.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import system_user
from revisions.models import Revision
from tools import filters, services
from tools.content import ensure_categories
from tools.models import Maintenance, Tool

SOURCE = "awesome-selfhosted"
SOURCE_URL = "https://github.com/awesome-selfhosted/awesome-selfhosted-data"
DATA_LICENCE = "CC-BY-SA-3.0"
OTHER_CATEGORY = "autres-logiciels"

# Their tags → our categories; an entry whose tags map to none goes to OTHER_CATEGORY.
CATEGORY_OF_TAG = {
    "Analytics": "mesure-d-audience",
    "Blogging Platforms": "editeurs-de-blog",
    "Booking and Scheduling": "evenements-et-sondages",
    "Calendar & Contacts": "bureautique",
    "Communication - Custom Communication Systems": "messagerie-instantanee",
    "Communication - Email - Mailing Lists and Newsletters": "lettres-et-listes",
    "Communication - Social Networks and Forums": "reseaux-sociaux",
    "Communication - Video Conferencing": "visioconference",
    "Communication - XMPP - Servers": "messagerie-instantanee",
    "Communication - XMPP - Web Clients": "messagerie-instantanee",
    "Conference Management": "evenements-et-sondages",
    "Content Management Systems (CMS)": "editeurs-de-site",
    "Customer Relationship Management (CRM)": "gestion-associative",
    "E-commerce": "boutiques-et-commerce-equitable",
    "File Transfer & Synchronization": "hebergement-et-stockage",
    "File Transfer - Web-based File Managers": "hebergement-et-stockage",
    "Groupware": "bureautique",
    "Knowledge Management Tools": "ecriture-collaborative",
    "Money, Budgeting & Management": "gestion-associative",
    "Note-taking & Editors": "ecriture-collaborative",
    "Office Suites": "bureautique",
    "Photo Galleries": "autres-publications",
    "Polls and Events": "evenements-et-sondages",
    "Resource Planning": "gestion-associative",
    "Static Site Generators": "editeurs-de-site",
    "Media Streaming - Video Streaming": "autres-publications",
    "Media Streaming - Audio Streaming": "autres-publications",
    "Wikis": "ecriture-collaborative",
}
LICENCE_OF = {
    "⊘ Proprietary": "LicenseRef-Proprietary",
    "Commons-Clause": "LicenseRef-Commons-Clause",
}


class MalformedData(Exception):
    """The data cannot be imported; `problems` lists "file:line: what" lines."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Entry:
    key: str  # the file name without .yml: stable across their releases
    name: str
    website: str
    source_code: str
    description: str
    licences: list[str]
    technologies: list[str]
    tags: list[str]
    archived: bool = False
    last_update: datetime.date | None = None
    release: str = ""
    release_date: datetime.date | None = None
    stars: int | None = None


@dataclass
class Report:
    entries: int = 0
    matched: int = 0
    refreshed: int = 0
    imported: int = 0
    updated: int = 0
    matches: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.entries} entries read; {self.matched} matched our tools "
            f"({self.refreshed} maintenance facts changed); {self.imported} imported as drafts, "
            f"{self.updated} drafts updated"
        )


def read_entries(folder: Path) -> list[Entry]:
    """Every entry of `folder/software/*.yml`, or MalformedData naming each bad file and line."""
    software = folder / "software"
    if not software.is_dir():
        raise MalformedData([f"{software}: no such folder"])
    entries, problems = [], []
    for path in sorted(software.glob("*.yml")):
        try:
            entries.append(_entry(path))
        except MalformedData as error:
            problems.extend(error.problems)
    if problems:
        raise MalformedData(problems)
    return entries


def _entry(path: Path) -> Entry:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise MalformedData([f"{path.name}:{line}: {error.problem}"]) from error
    if not isinstance(data, dict):
        raise MalformedData([f"{path.name}:1: a mapping of fields is expected"])
    lines = {key.value: key.start_mark.line + 1 for key, _value in node.value}
    problems = []

    def check(key, ok, message):
        if not ok:
            problems.append(f"{path.name}:{lines.get(key, 1)}: {key}: {message}")

    check("name", isinstance(data.get("name"), str) and data["name"].strip(), "a name is required")
    for key in ("website_url", "source_code_url"):
        if key in data:
            check(key, _is_url(data[key]), "not a valid web address")
    check("website_url", "website_url" in data, "a website address is required")
    for key in ("licenses", "platforms", "tags"):
        value = data.get(key, [])
        check(key, isinstance(value, list) and all(isinstance(v, str) for v in value), "a list")
    check("archived", isinstance(data.get("archived", False), bool), "true or false")
    release = data.get("current_release") or {}
    check("current_release", isinstance(release, dict), "a mapping with tag and published_at")
    if problems:
        raise MalformedData(problems)
    try:
        return Entry(
            key=path.stem,
            name=data["name"].strip(),
            website=data["website_url"],
            source_code=data.get("source_code_url") or "",
            description=str(data.get("description") or ""),
            licences=[LICENCE_OF.get(name, name) for name in data.get("licenses", [])],
            technologies=data.get("platforms", []),
            tags=data.get("tags", []),
            archived=data.get("archived", False),
            last_update=_date(data.get("updated_at")),
            release=str(release.get("tag") or "")[:80],
            release_date=_date(release.get("published_at")),
            stars=data.get("stargazers_count"),
        )
    except ValueError as error:
        raise MalformedData([f"{path.name}:1: {error}"]) from error


def _is_url(value) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def address_key(url: str) -> str:
    """ "https://www.Example.org/app/" and "http://example.org/app" are the same address."""
    parts = urlsplit(url.strip().lower())
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else ""


def name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", slugify(name))


@transaction.atomic
def import_selfhosted(*, folder: Path, everything: bool = False) -> Report:
    """Refresh our entries' maintenance facts; with `everything`, import the others as drafts."""
    entries = read_entries(folder)  # raises before any write
    report = Report(entries=len(entries))
    if everything:
        ensure_categories()
    tools = list(Tool.objects.select_related("document__current_revision"))
    by_external = {tool.external_id: tool for tool in tools if tool.external_id}
    by_address, by_name = {}, {}
    for tool in tools:
        if tool.external_id:
            continue
        for url in (tool.website, tool.source_code):
            if address_key(url):
                by_address.setdefault(address_key(url), tool)
        by_name.setdefault(name_key(tool.name), tool)
    author = system_user()
    for entry in entries:
        tool = (
            by_external.get(_external_id(entry))
            or by_address.get(address_key(entry.website))
            or by_address.get(address_key(entry.source_code))
            or by_name.get(name_key(entry.name))
        )
        if tool is not None and not tool.external_id:
            report.matched += 1
            report.matches.append((entry.key, tool.slug))
        if tool is not None and tool.external_id:
            report.updated += _update_draft(tool, entry, author)
        if tool is None and everything:
            tool = _import_draft(entry, author, taken={t.slug for t in tools})
            tools.append(tool)
            report.imported += 1
        if tool is not None:
            report.refreshed += _refresh(tool, entry)
    if report.refreshed:
        filters.bump_directory_generation()  # the tools' pages show these facts
    return report


def _external_id(entry: Entry) -> str:
    return f"{SOURCE}:{entry.key}"


def _draft_data(entry: Entry) -> dict:
    categories = sorted({CATEGORY_OF_TAG[t] for t in entry.tags if t in CATEGORY_OF_TAG})
    return {
        "name": entry.name,
        "summary": entry.description[:200],
        "description": entry.description + "\n" if entry.description else "",
        "categories": categories or [OTHER_CATEGORY],
        "tags": entry.tags,
        "licence": " AND ".join(entry.licences),
        "website": entry.website,
        "source_code": entry.source_code,
        "self_hostable": True,
        "technologies": entry.technologies,
        "reviewed": False,
        "origin": {
            "source": SOURCE,
            "key": _external_id(entry),
            "url": SOURCE_URL,
            "licence": DATA_LICENCE,
        },
    }


def _import_draft(entry: Entry, author, *, taken: set[str]) -> Tool:
    base = slugify(entry.name)[:70] or "outil"
    slug, n = base, 2
    while slug in taken or slug in services.RESERVED:  # `taken` spares a query per entry
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return services.tool_create(
        slug=slug,
        data=_draft_data(entry),
        author=author,
        review=False,
        action=Revision.Action.IMPORT,
        summary=f"Import depuis {SOURCE} (CC BY-SA 3.0)",
    )


def _update_draft(tool: Tool, entry: Entry, author) -> int:
    """A draft nobody has edited follows the data; a draft someone edited is theirs."""
    result = services.tool_update_if_untouched(
        tool=tool,
        data=_draft_data(entry),
        author=author,
        summary=f"Mise à jour depuis {SOURCE}",
    )
    return int(result)


def _refresh(tool: Tool, entry: Entry) -> int:
    facts = {
        "source": SOURCE,
        "source_url": f"{SOURCE_URL}/blob/master/software/{entry.key}.yml",
        "archived": entry.archived,
        "last_update": entry.last_update,
        "release": entry.release,
        "release_date": entry.release_date,
        "stars": entry.stars,
    }
    current = Maintenance.objects.filter(tool=tool).first()
    if current and all(getattr(current, key) == value for key, value in facts.items()):
        return 0
    Maintenance.objects.update_or_create(
        tool=tool, defaults={**facts, "refreshed_at": timezone.now()}
    )
    return 1
