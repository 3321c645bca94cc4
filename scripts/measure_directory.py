"""Time the directory pages once the 1,348 awesome-selfhosted entries are imported (issue 4).

Run on a scratch database, never on a real one:
    export PRESENCE_VAR_DIR=/tmp/measure-dir
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py createcachetable
    .venv/bin/python manage.py load_content && .venv/bin/python manage.py collectstatic --noinput
    .venv/bin/python manage.py import_awesome_selfhosted --all
    ALLOWED_HOSTS=testserver .venv/bin/python manage.py shell \\
        -c "exec(open('scripts/measure_directory.py').read())"

Prints, for each page, p50/p95 over 50 requests through Django's test client (one process, no
network) and the number of SQL queries. `make bench` measures the served site under load.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tools.models import Tool

EVERY_FILTER = (
    "/outils/?categorie=reseaux-sociaux&libre=1&auto=1&relue=1&critere=privacy"
    "&critere=accessibility&hebergeur=association&niveau=debutant&audience=communaute&tri=recent"
)
PAGES = [
    "/outils/",
    "/outils/?page=20",
    "/outils/?libre=1&auto=1&categorie=autres-logiciels",
    EVERY_FILTER,
    "/outils/nextcloud/",
    "/outils/comparer/?outils=mastodon&outils=pixelfed&outils=peertube&outils=friendica",
    "/outils/trouver/?besoin=reseaux&actuel=facebook&niveau=debutant&hebergement=egal",
    "/api/v1/tools/?libre=1",
    "/outils/donnees/outils.json",
]
RUNS = 50


def measure():
    client = Client()
    print(f"{Tool.objects.filter(published=True).count()} published tools")
    for path in PAGES:
        client.get(path)  # warm-up
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{path}: {response.status_code}, {len(response.content)} bytes, "
            f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, {len(queries)} queries"
        )


measure()
