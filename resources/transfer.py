"""Export the whole wiki as Markdown files and JSON metadata (a zip), and import it back.

The archive holds `wiki.json` (every article with its accepted history, tags and talk pages) and
`pages/<slug>.md` (the current text of each page, easy to read or reuse). It contains public
content only: authors appear by their public name, never by email. Exporting, importing into an
empty wiki and exporting again gives the very same bytes (fixed dates inside the zip, stable
order). An import is all or nothing: on any problem nothing is changed.
"""

import hashlib
import io
import json
import zipfile
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User, deleted_user, system_user
from resources import services
from resources.models import Article, Comment
from revisions import services as revisions
from revisions.models import Revision

FORMAT = "presence-wiki"
VERSION = 1
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


class ImportRefused(ValueError):
    pass


def wiki_export() -> bytes:
    articles = (
        Article.objects.filter(published=True)
        .order_by("slug")
        .prefetch_related("tags", "document__revisions__author", "comments__author")
    )
    entries, pages = [], {}
    for article in articles:
        history = [
            r
            for r in sorted(article.document.revisions.all(), key=lambda r: r.number)
            if r.status == "accepted"
        ]
        numbers = {r.pk: r.number for r in history}
        entries.append(
            {
                "slug": article.slug,
                "title": article.title,
                "created_at": article.created_at.isoformat(),
                "revisions": [
                    {
                        "number": r.number,
                        "parent": numbers.get(r.parent_id),
                        "action": r.action,
                        "author": str(r.author),
                        "created_at": r.created_at.isoformat(),
                        "summary": r.summary,
                        "minor": r.minor,
                        "data": r.data,
                        "text": r.text,
                    }
                    for r in history
                ],
                "comments": [
                    {
                        "author": str(c.author),
                        "created_at": c.created_at.isoformat(),
                        "text": c.text,
                    }
                    for c in article.comments.all()
                    if not c.hidden
                ],
            }
        )
        pages[f"pages/{article.slug}.md"] = history[-1].text if history else ""
    metadata = {
        "format": FORMAT,
        "version": VERSION,
        "licence": "CC-BY-SA-4.0",
        "articles": entries,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _write(
            archive, "wiki.json", json.dumps(metadata, ensure_ascii=False, indent=1, sort_keys=True)
        )
        for name, text in sorted(pages.items()):
            _write(archive, name, text)
    return buffer.getvalue()


def wiki_export_cached() -> bytes:
    """The export, built once per state of the wiki (the newest revision and comment say which),
    so that downloads by many visitors cost one build."""
    newest = (
        Revision.objects.aggregate(m=Max("pk"))["m"],
        Comment.objects.aggregate(m=Max("pk"))["m"],
    )
    key = f"resources.export:{newest[0]}:{newest[1]}"
    data = cache.get(key)
    if data is None:
        data = wiki_export()
        cache.set(key, data, 24 * 3600)
    return data


def _write(archive, name, text):
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text.encode("utf-8"))


@transaction.atomic
def wiki_import(data: bytes) -> int:
    """Import an archive made by wiki_export into this wiki; returns the number of articles."""
    metadata = _read(data)
    slugs = [entry["slug"] for entry in metadata["articles"]]
    clashes = Article.objects.filter(slug__in=slugs).values_list("slug", flat=True)
    if clashes:
        raise ImportRefused(
            _("These pages already exist: %(slugs)s. Nothing was imported.")
            % {"slugs": ", ".join(sorted(clashes))}
        )
    authors = {}
    for entry in metadata["articles"]:
        for item in entry["revisions"] + entry["comments"]:
            name = item["author"]
            if name not in authors:
                authors[name] = _author_named(name)
            item["created_at"] = parse_datetime(item["created_at"])
        _restore(entry, authors)
    return len(slugs)


def _read(data: bytes) -> dict:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            metadata = json.loads(archive.read("wiki.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportRefused(_("This file is not a wiki export of Présence.")) from error
    if metadata.get("format") != FORMAT or metadata.get("version") != VERSION:
        raise ImportRefused(_("This file is not a wiki export of Présence."))
    return metadata


def _restore(entry, authors):
    document = revisions.document_restore(
        kind=services.KIND,
        title=entry["title"],
        path=reverse("resources:article-detail", args=[entry["slug"]]),
        revisions=entry["revisions"],
        authors=authors,
    )
    article = Article.objects.create(
        document=document,
        slug=entry["slug"],
        title=entry["title"],
        created_at=datetime.fromisoformat(entry["created_at"]),
    )
    services.article_sync(document)
    for comment in entry["comments"]:
        Comment.objects.create(
            article=article,
            author=authors[comment["author"]],
            text=comment["text"],
            created_at=comment["created_at"],
        )


def _author_named(name: str) -> User:
    """Imported authors keep their public name, in accounts that cannot sign in."""
    if name == str(system_user()):
        return system_user()
    if name == str(deleted_user()):
        return deleted_user()
    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:10]
    email = f"import-{slugify(name)[:40] or 'auteur'}-{digest}@presence.invalid"
    user, _created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "is_active": False}
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user
