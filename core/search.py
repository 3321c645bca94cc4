"""One search over tools, resources and workshops, behind one small interface.

- SQLite (the embedded default): an FTS5 table holding text that Python has analysed the French
  way: lower case, elisions removed (l', d', qu'…), Snowball French stems, accents folded.
- PostgreSQL: a tsvector column built with the `french_unaccent` configuration (unaccent then the
  French Snowball stemmer), elisions removed by the same Python function first.

Both rank titles above text (weights), and snippets are cut from the original text in Python,
with the matching words in <mark>, so both backends show the same thing. Apps keep the index in
step by calling `index()` and `remove()` from their services.
"""

import hashlib
import re
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.models import SearchEntry

ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_LENGTH = 220
SNIPPET_SCAN_LIMIT = 50_000
# Results are cached until the index changes: ranking every page that holds a common word
# ("association": 19,000 of 20,000 pages) took 40-80 ms on either database (make bench).
GENERATION_KEY = "core.search-generation"
RESULTS_SECONDS = 3600


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str


@dataclass
class Results:
    hits: list[Hit]
    total: int


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def strip_elisions(text: str) -> str:
    return ELISION.sub("", text)


def terms(text: str) -> list[str]:
    """The analysed terms of a French text: `l'Hébergeurs` gives `hebergeur`.

    Accents are folded before stemming, as PostgreSQL's french_unaccent does (unaccent, then
    french_stem), so that a query typed without accents finds the accented words.
    """
    words = WORD.findall(fold(strip_elisions(text.lower())))
    return [_stem(word) for word in words]


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    # The pure-Python Snowball stemmer takes about 0.1 ms a word, and indexing an article of
    # 500 words spent 40 ms there; a text repeats its words, a language has a bounded
    # vocabulary: a cache of stems makes indexing 20x faster (make bench, search index step).
    return _stemmer().stemWord(word)


# Writing the index ------------------------------------------------------------------------------


@transaction.atomic
def index(*, kind: str, key: str, title: str, text: str, url: str) -> None:
    """Add or refresh one entry (an article, a tool, a workshop)."""
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind, key=str(key), defaults={"title": title, "text": text, "url": url}
    )
    _index_changed()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE core_searchentry SET search_vector = "
                "setweight(to_tsvector('french_unaccent', %s), 'A') || "
                "setweight(to_tsvector('french_unaccent', %s), 'B') WHERE id = %s",
                [strip_elisions(title), strip_elisions(text), entry.pk],
            )
        else:
            cursor.execute("DELETE FROM core_search_fts WHERE rowid = %s", [entry.pk])
            cursor.execute(
                "INSERT INTO core_search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [entry.pk, " ".join(terms(title)), " ".join(terms(text))],
            )


@transaction.atomic
def remove(*, kind: str, key: str) -> None:
    entry = SearchEntry.objects.filter(kind=kind, key=str(key)).first()
    if entry is None:
        return
    _index_changed()
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_search_fts WHERE rowid = %s", [entry.pk])
    entry.delete()


# Reading -----------------------------------------------------------------------------------------


def search(
    query: str, *, kinds: list[str] | None = None, offset: int = 0, limit: int = 20
) -> Results:
    query_terms = terms(query)
    if not query_terms:
        return Results(hits=[], total=0)
    key = _results_key(query, kinds, offset, limit)
    results = cache.get(key)
    if results is None:
        results = _search(query, query_terms, kinds, offset, limit)
        cache.set(key, results, RESULTS_SECONDS)
    return results


def _index_changed() -> None:
    if not _batch.active:
        _bump_generation()


def _bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


class _Batch(threading.local):
    active = False


_batch = _Batch()


@contextmanager
def batch():
    """Index many entries, forget the cached results once at the end (search_rebuild)."""
    _batch.active = True
    try:
        yield
    finally:
        _batch.active = False
        _bump_generation()


def generation() -> int:
    """Changes whenever the index does: part of the key of anything made from results."""
    return cache.get(GENERATION_KEY, 1)


def _results_key(query, kinds, offset, limit) -> str:
    wanted = repr((query, sorted(kinds or []), offset, limit))
    return f"core.search:{generation()}:{hashlib.sha256(wanted.encode()).hexdigest()}"


def _search(query, query_terms, kinds, offset, limit) -> Results:
    if connection.vendor == "postgresql":
        ids, total = _search_postgresql(query, kinds, offset, limit)
    else:
        ids, total = _search_sqlite(query_terms, kinds, offset, limit)
    entries = SearchEntry.objects.in_bulk(ids)
    hits = [
        Hit(
            kind=entry.kind,
            title=entry.title,
            url=entry.url,
            snippet=snippet(entry.text, query_terms),
        )
        for entry in (entries[pk] for pk in ids if pk in entries)
    ]
    return Results(hits=hits, total=total)


def _kind_filter(kinds, column):
    if not kinds:
        return "", []
    return f" AND {column} IN ({', '.join(['%s'] * len(kinds))})", list(kinds)


def _search_sqlite(query_terms, kinds, offset, limit):
    match = " ".join(f'"{term}"' for term in query_terms)
    where, params = _kind_filter(kinds, "e.kind")
    base = (
        "FROM core_search_fts f JOIN core_searchentry e ON e.id = f.rowid "
        f"WHERE core_search_fts MATCH %s{where}"
    )
    # Without a kind to filter on, the full-text table counts its matches alone (1 ms rather
    # than 30 ms for a join over 19,000 matches).
    count = base if kinds else "FROM core_search_fts WHERE core_search_fts MATCH %s"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) {count}", [match, *params])
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT e.id {base} ORDER BY bm25(core_search_fts, 10.0, 1.0), e.title "
            "LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def _search_postgresql(query, kinds, offset, limit):
    where, params = _kind_filter(kinds, "kind")
    tsquery = "plainto_tsquery('french_unaccent', %s)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM core_searchentry WHERE search_vector @@ {tsquery}{where}",  # noqa: S608
            [strip_elisions(query), *params],
        )
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT id FROM core_searchentry WHERE search_vector @@ {tsquery}{where} "  # noqa: S608
            f"ORDER BY ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', search_vector, {tsquery}) DESC, title "
            "LIMIT %s OFFSET %s",
            [strip_elisions(query), *params, strip_elisions(query), limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], total


def snippet(text: str, query_terms: list[str]) -> str:
    """The passage of `text` with the most query words, those words in <mark>.

    Sentences are first picked by a cheap test (a stem is a prefix of the words it comes from, so
    it appears in the folded sentence); only the chosen sentence is stemmed word by word.
    """
    wanted = set(query_terms)
    best, best_score = "", 0
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", text[:SNIPPET_SCAN_LIMIT]):
        folded = fold(sentence.lower())
        score = sum(term in folded for term in wanted)
        if score > best_score:
            best, best_score = sentence, score
            if score == len(wanted):
                break
    if len(best) > SNIPPET_LENGTH:
        best = best[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + " …"
    out, position = [], 0
    for match in WORD.finditer(best):
        out.append(escape(best[position : match.start()]))
        word = match.group(0)
        is_hit = any(term in wanted for term in terms(word))
        out.append(f"<mark>{escape(word)}</mark>" if is_hit else escape(word))
        position = match.end()
    out.append(escape(best[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
