import io
import json
import zipfile

import pytest
from django.core.management import call_command

from resources import services, transfer
from resources.models import Article, Comment
from revisions.models import Document, Revision

pytestmark = pytest.mark.django_db


def wipe_wiki():
    Comment.objects.all().delete()
    Article.objects.all().delete()
    articles = Document.objects.filter(kind="article")
    articles.update(current_revision=None)
    Revision.objects.filter(document__kind="article").delete()
    articles.delete()


def test_the_export_round_trips_to_the_same_bytes(article, trusted):
    call_command("load_content", verbosity=0)
    article.document.refresh_from_db()
    services.article_revise(
        article=article,
        base_revision=article.document.current_revision,
        author=trusted,
        fields=services.ArticleFields(
            title="Choisir son hébergeur",
            text="Deuxième version.\n",
            kind="strategie",
            tags=("hébergement", "chatons"),
        ),
    )
    services.comment_create(article=article, author=trusted, text="Une remarque.")
    first = transfer.wiki_export()
    articles = Article.objects.count()
    wipe_wiki()
    assert transfer.wiki_import(first) == articles
    assert transfer.wiki_export() == first


def test_the_export_has_markdown_pages_and_no_email(article, trusted):
    data = transfer.wiki_export()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("pages/choisir-son-hebergeur.md").decode() == "Un.\n\nDeux.\n\nTrois.\n"
        metadata = json.loads(archive.read("wiki.json"))
    assert metadata["articles"][0]["revisions"][0]["author"] == str(trusted)
    assert trusted.email.encode() not in data


def test_a_failed_import_changes_nothing(article):
    data = transfer.wiki_export()
    with pytest.raises(transfer.ImportRefused):
        transfer.wiki_import(data)  # the page already exists
    assert Article.objects.count() == 1
    with pytest.raises(transfer.ImportRefused):
        transfer.wiki_import(b"not a zip")


def test_the_public_download_and_the_commands(client, article, tmp_path):
    response = client.get("/ressources/export.zip")
    assert response["Content-Type"] == "application/zip"
    path = tmp_path / "wiki.zip"
    call_command("wiki_export", str(path), verbosity=0)
    assert path.read_bytes() == response.content
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("wiki_import", str(path), verbosity=0)
