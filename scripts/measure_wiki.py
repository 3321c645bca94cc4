"""Rough figures for the wiki, until `make bench` exists (issue 7).

Run on a scratch database, never on a real one (it writes 1,000 revisions):
    PRESENCE_VAR_DIR=/tmp/measure .venv/bin/python manage.py migrate
    PRESENCE_VAR_DIR=/tmp/measure .venv/bin/python manage.py createcachetable
    PRESENCE_VAR_DIR=/tmp/measure .venv/bin/python manage.py load_content
    PRESENCE_VAR_DIR=/tmp/measure .venv/bin/python manage.py collectstatic --noinput
    PRESENCE_VAR_DIR=/tmp/measure ALLOWED_HOSTS=testserver \\
        .venv/bin/python manage.py shell -c "exec(open('scripts/measure_wiki.py').read())"

Prints the storage of 1,000 revisions (zlib) and the p50/p95 time of the main wiki pages and of
search through Django's test client (no network, one process).
"""

import statistics
import time

from django.test import Client

from accounts.models import system_user
from resources import services
from resources.models import Article
from revisions.models import Revision

REVISIONS = 1000
PAGES = [
    "/ressources/",
    "/ressources/choisir-son-hebergeur/",
    "/ressources/choisir-son-hebergeur/historique/",
    "/ressources/choisir-son-hebergeur/diff/?de=1",
    "/modifications-recentes/",
    "/recherche/?q=hébergeur",
    "/recherche/?q=neutralité",
    "/outils/?libre=1&categorie=microblogage",
]


def write_revisions(count=REVISIONS):
    author, articles = system_user(), list(Article.objects.all()[:16])
    started = time.perf_counter()
    for n in range(count):
        article = articles[n % len(articles)]
        article.document.refresh_from_db()
        base = article.document.current_revision
        services.article_revise(
            article=article,
            base_revision=base,
            author=author,
            fields=services.ArticleFields(
                title=article.title,
                text=base.text + f"\nParagraphe ajouté numéro {n}.\n",
                summary=article.summary,
                kind=article.kind,
                tags=tuple(tag.name for tag in article.tags.all()),
            ),
        )
    print(f"{count} revisions written in {time.perf_counter() - started:.1f} s")
    last = Revision.objects.order_by("-pk")[:count]
    stored = sum(len(bytes(r.compressed_text)) for r in last)
    raw = sum(r.size for r in last)
    print(f"per {count} revisions: stored {stored / 1024:.0f} KiB, raw text {raw / 1024:.0f} KiB")


def time_pages(repeat=30):
    client = Client()
    for url in PAGES:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"{url}: {response.status_code}, {len(response.content)} bytes, "
            f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
        )


write_revisions()
time_pages()
