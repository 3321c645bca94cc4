"""Build the large site of the benchmark in the current database (never the dev database).

    PRESENCE_VAR_DIR=/tmp/bench-var .venv/bin/python -m bench.generate --tools 10000

Expects a migrated database with the shipped content loaded (`load_content`). Seeded: the same
arguments give the same site. Consistency first, speed second:

- a representative sample goes through the real services (`article_create`, `article_revise`),
  so that whatever they do (tags, search index, hooks) is done as in production;
- the volume is written with `bulk_create` in the same shape: a Document, its immutable
  Revisions (zlib text, data, parent, numbers 1…n), the row of the owning app copying the
  accepted revision, its many-to-many rows, then the search index rebuilt by the apps' own
  rebuilders (`manage.py search_rebuild`), so every page is found as if written by hand.
"""

import argparse
import os
import random
import time
from datetime import timedelta

REVISIONS_PER_ARTICLE = 10
SAMPLE_ARTICLES = 20  # written through the services
BATCH = 2000


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--revisions", type=int, default=REVISIONS_PER_ARTICLE)
    parser.add_argument("--workshops", type=int, default=1_000)
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    timings = build(
        tools=args.tools,
        articles=args.articles,
        revisions=args.revisions,
        workshops=args.workshops,
        registrations=args.registrations,
        seed=args.seed,
    )
    print("generation:", ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))


def build(
    *, tools: int, articles: int, revisions: int, workshops: int, registrations: int, seed: int
) -> dict[str, float]:
    """Fill the database; answers the seconds each step took."""
    from django.core.cache import cache
    from django.core.management import call_command, get_commands

    timings: dict[str, float] = {}

    def step(name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        timings[name] = time.perf_counter() - started
        print(f"  {name}: {timings[name]:.1f} s", flush=True)
        return result

    rng = random.Random(seed)
    members = step("members", _members, rng, 300)
    if "import_awesome_selfhosted" in get_commands():
        step("awesome-selfhosted import", _import_selfhosted)
    else:
        print("  awesome-selfhosted import: command absent, tools cloned from the shipped ones")
    step("tools", _tools, rng, tools, members)
    step("articles (services)", _articles_through_services, rng, min(SAMPLE_ARTICLES, articles))
    step("articles (bulk)", _articles_bulk, rng, articles, revisions, members)
    step("workshops", _workshops, rng, workshops, registrations, members)
    step("search index", call_command, "search_rebuild", "--verbosity=0")
    cache.clear()  # rendered pages and counters of a previous build are stale
    timings["total"] = sum(timings.values())
    return timings


def _import_selfhosted():
    from django.core.management import call_command

    try:
        call_command("import_awesome_selfhosted", "--all")
    except Exception as error:  # the importer's own failure: say so, build the rest
        print(f"  awesome-selfhosted import FAILED ({type(error).__name__}: {error})")


# Members ---------------------------------------------------------------------------------------


def _members(rng, count):
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    unusable = make_password(None)
    joined = _now() - timedelta(days=800)
    User.objects.bulk_create(
        [
            User(
                email=f"membre-{n}@bench.invalid",
                display_name=f"Membre fictif {n}",
                password=unusable,
                date_joined=joined + timedelta(days=rng.randint(0, 400)),
            )
            for n in range(count)
        ],
        ignore_conflicts=True,
    )
    return list(User.objects.filter(email__endswith="@bench.invalid").order_by("pk"))


def _now():
    from django.utils import timezone

    return timezone.now().replace(microsecond=0)


# Tools -----------------------------------------------------------------------------------------


def _tools(rng, target, members):
    """Copies of the existing entries with variations, until the directory has `target`."""
    from django.db import transaction

    from revisions.models import Revision
    from tools.models import Tool

    existing = Tool.objects.count()
    templates = []
    for tool in Tool.objects.select_related("document").order_by("pk"):
        revision = Revision.objects.filter(document=tool.document).order_by("-number").first()
        if revision is not None:
            templates.append((tool, revision))
    with transaction.atomic():
        for start in range(existing, target, BATCH):
            _tool_batch(rng, templates, range(start, min(start + BATCH, target)), members)


def _tool_batch(rng, templates, numbers, members):
    from django.urls import reverse

    from revisions.models import Document, Revision
    from tools import licences
    from tools.models import Offer, Tool

    variants = ("associatif", "coopératif", "solidaire", "libre", "local", "fédéré", "léger")
    now = _now()
    picked = [(n, *templates[n % len(templates)]) for n in numbers]
    documents, revisions, rows = [], [], []
    for n, tool, template in picked:
        name = f"{template.data.get('name', tool.name)} {rng.choice(variants)} {n}"
        slug = f"{tool.slug}-{n}"[:80]
        data = {**template.data, "name": name}
        text = template.text + f"\nVariante numéro {n} de cette fiche.\n"
        created = now - timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 1440))
        document = Document(
            kind="tool",
            title=name,
            path=reverse("tools:tool-detail", args=[slug]),
            created_at=created,
            updated_at=created,
        )
        documents.append(document)
        revisions.append(
            Revision(
                document=document,
                number=1,
                action=Revision.Action.IMPORT,
                compressed_text=Revision.compress(text),
                data=data,
                size=len(text.encode()),
                author=rng.choice(members),
                created_at=created,
                summary="Fiche générée pour le banc d'essai",
            )
        )
        licence = data.get("licence") or ""
        rows.append(
            Tool(
                document=document,
                slug=slug,
                name=name,
                summary=(data.get("summary") or "")[:200],
                licence=licence,
                is_free=licences.is_free(licence),
                website=data.get("website") or "",
                source_code=data.get("source_code") or "",
                self_hostable=bool(data.get("self_hostable")),
                audience=data.get("audience") or "",
                skill_level=data.get("skill_level") or "",
                tracking=data.get("tracking") or "",
                last_checked=data.get("last_checked") or None,
                published=True,
                updated_at=created,
            )
        )
    Document.objects.bulk_create(documents)
    for revision in revisions:
        revision.document_id = revision.document.pk
    Revision.objects.bulk_create(revisions)
    for document, revision in zip(documents, revisions, strict=True):
        document.current_revision_id = revision.pk
    Document.objects.bulk_update(documents, ["current_revision"], batch_size=500)
    for row in rows:
        row.document_id = row.document.pk
    Tool.objects.bulk_create(rows)
    # The many-to-many rows and offers of each copy are those of its template.
    for field in ("categories", "platforms", "protocols", "tags"):
        through = getattr(Tool, field).through
        target = getattr(Tool, field).field.m2m_reverse_field_name()
        links = _m2m(through, field, [tool.pk for _n, tool, _r in picked], target)
        through.objects.bulk_create(
            [
                through(**{"tool_id": row.pk, f"{target}_id": other})
                for (_n, tool, _r), row in zip(picked, rows, strict=True)
                for other in links.get(tool.pk, ())
            ]
        )
    offers = {}
    for offer in Offer.objects.filter(tool__in=[tool for _n, tool, _r in picked]):
        offers.setdefault(offer.tool_id, []).append(offer)
    Offer.objects.bulk_create(
        [
            Offer(hoster_id=o.hoster_id, tool=row, name=o.name, price=o.price, url=o.url)
            for (_n, tool, _r), row in zip(picked, rows, strict=True)
            for o in offers.get(tool.pk, ())
        ]
    )


def _m2m(through, field, tool_ids, target):
    links = {}
    for tool_id, other in through.objects.filter(tool_id__in=set(tool_ids)).values_list(
        "tool_id", f"{target}_id"
    ):
        links.setdefault(tool_id, []).append(other)
    return links


# Articles --------------------------------------------------------------------------------------


def _article_texts(rng, revisions):
    """The texts of an article's successive revisions: it grows and is corrected over time."""
    from bench import french

    blocks = french.article_sections(rng, 8 + revisions // 2)
    start = len(blocks) - revisions // 2
    texts = []
    for number in range(revisions):
        if number and number % 2 == 0:
            start += 1  # a new block
        elif number:
            i = rng.randrange(start)
            blocks[i] = french.vary(rng, blocks[i])  # a correction
        texts.append("\n\n".join(blocks[:start]) + "\n")
    return texts


def _article_fields(rng, number):
    from bench import french
    from resources.models import Article

    tags = rng.sample(french.TAGS, rng.randint(1, 3))
    return {
        "title": french.title(rng, number),
        "summary": french.sentence(rng),
        "kind": rng.choice(Article.Kind.values),
        "tags": sorted(tags),
    }


def _moderator(members):
    from django.contrib.auth.models import Group

    from accounts.models import MODERATORS

    author = members[0]
    author.groups.add(Group.objects.get(name=MODERATORS))
    return author


def _articles_through_services(rng, count):
    """A sample written as a member would: created, then revised through the services."""
    from accounts.models import User
    from resources import services

    author = _moderator(list(User.objects.filter(email__endswith="@bench.invalid").order_by("pk")))
    for n in range(count):
        fields = _article_fields(rng, n)
        texts = _article_texts(rng, REVISIONS_PER_ARTICLE)
        article = services.article_create(
            fields=services.ArticleFields(text=texts[0], **fields),
            author=author,
            review=False,
        )
        for text in texts[1:]:
            article.document.refresh_from_db()
            services.article_revise(
                article=article,
                base_revision=article.document.current_revision,
                fields=services.ArticleFields(text=text, **fields),
                author=author,
                summary="Correction",
            )


def _articles_bulk(rng, target, revisions, members):
    from django.db import transaction

    from bench import french
    from resources.models import Article, Tag

    tags = {}
    for name in french.TAGS:
        tags[name] = Tag.objects.get_or_create(slug=_slugify(name), defaults={"name": name})[0].pk
    existing = Article.objects.count()
    rare = set(rng.sample(range(existing, max(existing + 1, target)), 3))
    with transaction.atomic():
        for start in range(existing, target, BATCH // 4):
            numbers = range(start, min(start + BATCH // 4, target))
            _article_batch(rng, numbers, revisions, members, tags, rare)


def _slugify(name, length=60):
    from django.utils.text import slugify

    return slugify(name)[:length]


def _article_batch(rng, numbers, revisions, members, tags, rare):
    from django.urls import reverse

    from bench import french
    from resources.models import Article
    from revisions.models import Document, Revision

    now = _now()
    documents, histories, articles, fields_of = [], [], [], []
    for n in numbers:
        fields = _article_fields(rng, n)
        slug = _slugify(fields["title"], 120)  # the title ends with its number
        texts = _article_texts(rng, revisions)
        if n in rare:
            rare_line = f"\nUn jardin en {french.RARE_WORD} nourrit le quartier.\n"
            texts = [text + rare_line for text in texts]
        created = now - timedelta(days=rng.randint(30, 730))
        times = sorted(created + timedelta(minutes=rng.randint(0, 60 * 24 * 29)) for _ in texts)
        document = Document(
            kind="article",
            title=fields["title"],
            path=reverse("resources:article-detail", args=[slug]),
            created_at=created,
            updated_at=times[-1],
        )
        documents.append(document)
        histories.append((texts, times))
        fields_of.append(fields)
        articles.append(
            Article(
                document=document,
                slug=slug,
                title=fields["title"],
                summary=fields["summary"],
                kind=fields["kind"],
                published=True,
                created_at=created,
                updated_at=times[-1],
            )
        )
    Document.objects.bulk_create(documents)
    # One pass per revision number, so that each revision's parent already has its key.
    previous = [None] * len(documents)
    for number in range(1, revisions + 1):
        batch = []
        for i, document in enumerate(documents):
            texts, times = histories[i]
            text = texts[number - 1]
            batch.append(
                Revision(
                    document_id=document.pk,
                    number=number,
                    parent_id=previous[i].pk if previous[i] else None,
                    action=Revision.Action.CREATE if number == 1 else Revision.Action.EDIT,
                    compressed_text=Revision.compress(text),
                    data=fields_of[i],
                    size=len(text.encode()),
                    author=rng.choice(members),
                    created_at=times[number - 1],
                    summary="Création" if number == 1 else rng.choice(SUMMARIES),
                    minor=number > 1 and rng.random() < 0.2,
                )
            )
        Revision.objects.bulk_create(batch)
        previous = batch
    for document, revision in zip(documents, previous, strict=True):
        document.current_revision_id = revision.pk
    Document.objects.bulk_update(documents, ["current_revision"], batch_size=500)
    for article in articles:
        article.document_id = article.document.pk
    Article.objects.bulk_create(articles)
    through = Article.tags.through
    through.objects.bulk_create(
        [
            through(article_id=article.pk, tag_id=tags[name])
            for article, fields in zip(articles, fields_of, strict=True)
            for name in fields["tags"]
        ]
    )


SUMMARIES = (
    "Correction d'orthographe",
    "Ajout d'un exemple",
    "Mise à jour des liens",
    "Précisions sur l'hébergement",
    "Nouveau paragraphe",
    "Reformulation",
    "",
)


# Workshops -------------------------------------------------------------------------------------


def _workshops(rng, count, registrations, members):
    from django.apps import apps

    if not apps.is_installed("workshops"):
        print("  workshops: the workshops app is not installed yet; skipped")
        return
    from bench import workshops

    try:
        workshops.build(rng=rng, count=count, registrations=registrations, members=members)
    except Exception as error:  # the app is young: say so, measure the rest
        print(f"  workshops: not generated ({type(error).__name__}: {error})")


if __name__ == "__main__":
    main()
