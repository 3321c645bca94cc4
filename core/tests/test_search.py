"""The same cases on SQLite (FTS5) and PostgreSQL (french_unaccent): CI runs both."""

import pytest

from core import search
from resources import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(db):
    author = factories.UserFactory()
    texts = {
        "Choisir un hébergeur": "L'hébergeur garde les données de l'association.",
        "Les outils libres": "Un outil libre se partage. Les logiciels libres protègent.",
        "Visibilité": "Être visible sans traceur, avec un site à soi.",
    }
    created = []
    for title, text in texts.items():
        created.append(
            services.article_create(
                fields=services.ArticleFields(title=title, text=text + "\n"),
                author=author,
                review=False,
            )
        )
    return created


def titles(query, **kwargs):
    return [hit.title for hit in search.search(query, **kwargs).hits]


def test_accents_are_folded(articles):
    assert titles("hebergeur") == ["Choisir un hébergeur"]


def test_elisions_are_removed(articles):
    assert "Choisir un hébergeur" in titles("l'association")
    assert "Choisir un hébergeur" in titles("association")


def test_plurals_find_the_singular(articles):
    assert "Les outils libres" in titles("outil")
    assert "Les outils libres" in titles("outils")


def test_every_word_must_match(articles):
    assert titles("outil traceur") == []
    assert titles("visible traceur") == ["Visibilité"]


def test_titles_rank_above_text(articles, db):
    author = articles[0].document.current_revision.author
    services.article_create(
        fields=services.ArticleFields(
            title="Une page", text="Un hébergeur, deux hébergeurs, trois hébergeurs.\n"
        ),
        author=author,
        review=False,
    )
    assert titles("hébergeur")[0] == "Choisir un hébergeur"


def test_snippets_highlight_the_words_found(articles):
    hit = search.search("donnees").hits[0]
    assert "<mark>données</mark>" in hit.snippet


def test_filter_by_kind_and_paginate(articles):
    assert titles("libre", kinds=["article"]) == ["Les outils libres"]
    assert titles("libre", kinds=["tool"]) == []
    page = search.search("hébergeur OR libre", limit=1)
    assert len(page.hits) <= 1


def test_the_index_follows_edits_and_reverts(articles):
    article = articles[2]
    first = article.document.current_revision
    author = first.author
    services.article_revise(
        article=article,
        base_revision=first,
        author=author,
        fields=services.ArticleFields(title="Visibilité", text="Parler de coopératives.\n"),
    )
    assert titles("coopérative") == ["Visibilité"]
    assert titles("traceur") == []
    from revisions.services import document_revert

    document_revert(document=article.document, to_revision=first, author=author)
    assert titles("traceur") == ["Visibilité"]
    assert titles("coopérative") == []


def test_removed_entries_are_not_found(articles):
    search.remove(kind="article", key=str(articles[0].pk))
    assert titles("hébergeur") == []


def test_a_query_without_words_finds_nothing(articles):
    assert search.search("   ' , ").total == 0


def test_the_search_page_and_its_api(client, articles):
    html = client.get("/recherche/?q=hebergeurs").content.decode()
    assert "Choisir un hébergeur" in html and "<mark>" in html
    assert not client.get("/recherche/?q=hebergeurs").cookies
    data = client.get("/api/v1/search/?q=outils").json()
    assert data["count"] == 1 and data["results"][0]["title"] == "Les outils libres"
    assert client.get("/recherche/?q=" + "x" * 5000).status_code == 200
    assert client.get("/recherche/?q=libre&page=abc").status_code == 200


def test_the_search_page_uses_few_queries(client, articles, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/recherche/?q=libre")


def test_stems_are_cached_and_identical_to_the_stemmer():
    import snowballstemmer

    from core.search import _stem, terms

    words = ["hébergeurs", "associations", "l'outil", "partagées"]
    expected = snowballstemmer.stemmer("french").stemWords(
        ["hebergeurs", "associations", "outil", "partagees"]
    )
    assert terms(" ".join(words)) == expected
    hits = _stem.cache_info().hits
    terms(" ".join(words))
    assert _stem.cache_info().hits == hits + len(words)


def test_cached_results_are_forgotten_when_the_index_changes(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import search

    search.index(kind="article", key="1", title="Hébergeur", text="Un hébergeur.", url="/a/")
    assert search.search("hébergeur").total == 1
    with CaptureQueriesContext(connection) as queries:
        assert search.search("hébergeur").total == 1
    assert len(queries.captured_queries) == 0  # from the cache
    search.index(kind="article", key="2", title="Autre", text="Un autre hébergeur.", url="/b/")
    assert search.search("hébergeur").total == 2
    search.remove(kind="article", key="1")
    assert search.search("hébergeur").total == 1


def test_the_search_page_follows_the_index_for_readers_without_cookies(db):
    from django.test import Client

    from core import search

    reader = Client()
    search.index(kind="article", key="1", title="Hébergeur", text="Un hébergeur.", url="/a/")
    assert "1 résultat" in reader.get("/recherche/?q=hébergeur").content.decode()
    search.index(kind="article", key="2", title="Autre", text="Un autre hébergeur.", url="/b/")
    assert "2 résultats" in reader.get("/recherche/?q=hébergeur").content.decode()


def test_the_search_api_is_cached_as_json_and_follows_the_index(db):
    from django.test import Client

    from core import search

    reader = Client()
    search.index(kind="article", key="1", title="Hébergeur", text="Un hébergeur.", url="/a/")
    response = reader.get("/api/v1/search/?q=hébergeur")
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"][0]["url"] == "http://testserver/a/"
    search.index(kind="article", key="2", title="Autre", text="Un autre hébergeur.", url="/b/")
    assert reader.get("/api/v1/search/?q=hébergeur").json()["count"] == 2
