"""Article and history pages come from the cache for anonymous readers, never stale after an
edit, a revert or a protection, and never for a reader with a cookie or signed in."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from resources import services
from revisions import services as revisions
from tests import factories

URL = "/ressources/choisir-son-hebergeur/"


def _edit(article, author, text):
    article.document.refresh_from_db()
    return services.article_revise(
        article=article,
        base_revision=article.document.current_revision,
        fields=services.ArticleFields(title=article.title, text=text, tags=("hébergement",)),
        author=author,
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries.captured_queries)


def test_an_anonymous_reader_gets_the_cached_page_until_it_changes(article, trusted, moderator):
    reader = Client()
    first, cold = _queries(reader, URL)
    again, warm = _queries(reader, URL)
    assert again.content == first.content
    assert warm < cold and warm <= 3  # its state, the generation, the page
    assert not again.cookies
    assert reader.get(URL + "historique/").content.decode().count('name="a"') == 1
    _edit(article, trusted, "Un texte tout neuf.\n")
    assert "Un texte tout neuf." in reader.get(URL).content.decode()
    history = reader.get(URL + "historique/").content.decode()
    assert history.count('name="a"') == 2
    revisions.document_protect(document=article.document, protected=True, moderator=moderator)
    assert "protégée" in reader.get(URL).content.decode()


def test_a_reader_with_a_cookie_or_signed_in_always_gets_a_fresh_page(article, trusted):
    reader = Client()
    reader.get(URL)
    reader.cookies["csrftoken"] = "x" * 32
    _response, with_cookie = _queries(reader, URL)
    assert with_cookie > 3
    member = Client()
    member.force_login(trusted)
    _response, signed_in = _queries(member, URL)
    assert signed_in > 3


def test_a_missing_article_is_still_a_404(db):
    assert Client().get("/ressources/nulle-part/").status_code == 404
    assert Client().get("/ressources/nulle-part/historique/").status_code == 404


def test_lists_and_diffs_follow_edits_and_reviews(article, trusted, moderator):
    reader = Client()
    assert "Choisir son hébergeur" in reader.get("/ressources/").content.decode()
    assert "Choisir son hébergeur" in reader.get("/modifications-recentes/").content.decode()
    _edit(article, trusted, "Un.\n\nDeux et demi.\n")
    diff = reader.get(URL + "diff/").content.decode()
    assert "demi" in diff
    _response, warm = _queries(reader, URL + "diff/")
    assert warm <= 3
    newcomer = factories.UserFactory()
    created = services.article_create(
        fields=services.ArticleFields(title="Une page de nouveau", text="Texte.\n"),
        author=newcomer,
    )
    assert "Une page de nouveau" not in reader.get("/ressources/").content.decode()
    revisions.revision_accept(
        revision=created.document.revisions.get(), moderator=moderator, note=""
    )
    assert "Une page de nouveau" in reader.get("/ressources/").content.decode()
    assert "Une page de nouveau" in reader.get("/modifications-recentes/").content.decode()


def test_the_api_list_is_cached_as_json_and_follows_edits(article, trusted):
    reader = Client()
    first = reader.get("/api/v1/resources/")
    again, warm = _queries(reader, "/api/v1/resources/")
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again.json() == first.json()
    assert warm <= 4
    _edit(article, trusted, "Autre texte.\n")
    article.document.refresh_from_db()
    services.article_revise(
        article=article,
        base_revision=article.document.current_revision,
        fields=services.ArticleFields(title="Un titre changé", text="Autre texte.\n"),
        author=trusted,
    )
    assert reader.get("/api/v1/resources/").json()["results"][0]["title"] == "Un titre changé"


def test_the_resources_list_shows_a_bounded_number_of_tags(trusted, monkeypatch):
    from resources import views

    monkeypatch.setattr(views, "TAGS_SHOWN", 2)
    services.article_create(
        fields=services.ArticleFields(title="Étiquetée", text="T.\n", tags=("a", "b", "c")),
        author=trusted,
    )
    html = Client().get("/ressources/").content.decode()
    assert html.count('class="tag-list"') == 1
    assert '?etiquette=a"' in html and '?etiquette=b"' in html
    assert html.count("?etiquette=c") == 1  # on the article only, not in the tag list
