import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.test import Client

from resources import services
from resources.models import Article
from revisions.models import Revision
from tests import factories

pytestmark = pytest.mark.django_db


def edit_data(article, **overrides):
    revision = article.document.current_revision
    data = {
        "title": article.title,
        "summary": article.summary,
        "kind": article.kind,
        "tags": "hébergement",
        "text": revision.text,
        "edit_summary": "",
        "base_revision": revision.pk,
    }
    data.update(overrides)
    return data


def test_the_list_shows_published_articles_and_filters_by_tag(client, article):
    html = client.get("/ressources/").content.decode()
    assert "Choisir son hébergeur" in html
    assert (
        "Choisir son hébergeur" in client.get("/ressources/?etiquette=hebergement").content.decode()
    )
    assert client.get("/ressources/?etiquette=inconnue").status_code == 404


def test_an_article_page_shows_the_rendered_text_and_the_licence(client, article):
    html = client.get("/ressources/choisir-son-hebergeur/").content.decode()
    assert "<p>Deux.</p>" in html
    assert "CC BY-SA 4.0" in html and "/ressources/choisir-son-hebergeur/historique/" in html
    assert not client.get("/ressources/choisir-son-hebergeur/").cookies


def test_editing_needs_an_account(client, article):
    response = client.get("/ressources/choisir-son-hebergeur/modifier/")
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")


def test_a_member_edits_and_the_change_is_published(trusted_client, article):
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        edit_data(article, text="Un.\n\nDeux, précisé.\n\nTrois.\n"),
    )
    assert response.status_code == 302
    article.document.refresh_from_db()
    assert "précisé" in article.document.current_revision.text


def test_preview_shows_the_text_without_saving(trusted_client, article):
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        {**edit_data(article, text="**Aperçu**\n"), "preview": "1"},
    )
    assert "<strong>Aperçu</strong>" in response.content.decode()
    assert article.document.revisions.count() == 1


def test_a_conflicting_edit_shows_both_texts_and_saves_nothing(trusted_client, trusted, article):
    base = article.document.current_revision
    other = factories.trusted_member()
    from resources import services

    services.article_revise(
        article=article,
        base_revision=base,
        fields=services.ArticleFields(
            title=article.title,
            text="Un.\n\nDeux (eux).\n\nTrois.\n",
            summary=article.summary,
            kind=article.kind,
            tags=("hébergement",),
        ),
        author=other,
    )
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        edit_data(article, text="Un.\n\nDeux (moi).\n\nTrois.\n", base_revision=base.pk),
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Deux (moi)." in html and "Deux (eux)." in html
    assert "&lt;&lt;&lt;&lt;&lt;&lt;&lt;" in html
    assert article.document.revisions.count() == 2


def test_a_non_overlapping_concurrent_edit_is_merged(trusted_client, article, trusted):
    base = article.document.current_revision
    from resources import services

    services.article_revise(
        article=article,
        base_revision=base,
        fields=services.ArticleFields(
            title=article.title,
            text="Un, modifié.\n\nDeux.\n\nTrois.\n",
            summary=article.summary,
            kind=article.kind,
            tags=("hébergement",),
        ),
        author=trusted,
    )
    trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        edit_data(article, text="Un.\n\nDeux.\n\nTrois, ajouté.\n", base_revision=base.pk),
    )
    article.document.refresh_from_db()
    assert article.document.current_revision.text == "Un, modifié.\n\nDeux.\n\nTrois, ajouté.\n"


def test_a_too_long_text_is_refused_and_kept(trusted_client, article, settings):
    settings.WIKI_MAX_TEXT_LENGTH = 50
    text = "mot " * 30
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/", edit_data(article, text=text)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "la limite est de 50" in html
    assert text.strip() in html


def test_an_empty_or_too_long_title_is_refused(trusted_client, article):
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/", edit_data(article, title="   ")
    )
    assert 'id="error-summary"' in response.content.decode()
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/", edit_data(article, title="x" * 201)
    )
    assert 'id="error-summary"' in response.content.decode()


def test_creating_a_page_with_an_existing_title_keeps_the_text(trusted_client, article):
    response = trusted_client.post(
        "/ressources/nouvelle/",
        {
            "title": "Choisir son hébergeur",
            "kind": "reflexion",
            "text": "Mon texte précieux.",
            "tags": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "existe déjà" in html and "Mon texte précieux." in html
    assert Article.objects.count() == 1


def test_a_new_accounts_first_article_waits_for_review(client):
    newcomer = factories.UserFactory()
    client.force_login(newcomer)
    client.post(
        "/ressources/nouvelle/",
        {"title": "Mon association", "kind": "reflexion", "text": "Bonjour.", "tags": ""},
    )
    article = Article.objects.get(slug="mon-association")
    assert not article.published
    client.logout()
    assert client.get("/ressources/mon-association/").status_code == 404


def test_the_missing_page_link_prefills_the_title(trusted_client):
    html = trusted_client.get("/ressources/nouvelle/?titre=Neutralité du net").content.decode()
    assert 'value="Neutralité du net"' in html


def test_history_diff_and_revert(trusted_client, article):
    trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        edit_data(article, text="Un.\n\nQuatre.\n\nTrois.\n"),
    )
    history = trusted_client.get("/ressources/choisir-son-hebergeur/historique/").content.decode()
    assert "N° 2" in history and "N° 1" in history
    diff = trusted_client.get("/ressources/choisir-son-hebergeur/diff/?de=1&a=2").content.decode()
    assert "<ins>" in diff and "<del>" in diff and "ajouté :" in diff
    response = trusted_client.post("/ressources/choisir-son-hebergeur/restaurer/1/")
    assert response.status_code == 302
    article.document.refresh_from_db()
    assert article.document.current_revision.number == 3
    assert article.document.current_revision.text == "Un.\n\nDeux.\n\nTrois.\n"


def test_revert_refuses_get(trusted_client, article):
    assert trusted_client.get("/ressources/choisir-son-hebergeur/restaurer/1/").status_code == 405


def test_an_unknown_revision_is_a_404(client, article):
    assert client.get("/ressources/choisir-son-hebergeur/version/99/").status_code == 404
    assert client.get("/ressources/choisir-son-hebergeur/diff/?de=x").status_code == 404


def test_the_talk_page_takes_messages_from_members(trusted_client, client, article):
    trusted_client.post(
        "/ressources/choisir-son-hebergeur/discussion/", {"text": "Il manque une source."}
    )
    assert (
        "Il manque une source."
        in client.get("/ressources/choisir-son-hebergeur/discussion/").content.decode()
    )
    anonymous = client.post("/ressources/choisir-son-hebergeur/discussion/", {"text": "spam"})
    assert anonymous.status_code == 302


def test_moderators_hide_and_show_a_message_on_the_talk_page(
    trusted_client, trusted, moderator, article
):
    comment = services.comment_create(article=article, author=trusted, text="Message déplacé.")
    url = f"/ressources/choisir-son-hebergeur/discussion/{comment.pk}/moderer/"
    assert trusted_client.post(url, {"hidden": "1"}).status_code == 404
    assert trusted_client.get(url).status_code == 405
    moderating = Client()
    moderating.force_login(moderator)
    assert moderating.post(url, {"hidden": "1"}).status_code == 302
    public = Client().get("/ressources/choisir-son-hebergeur/discussion/").content.decode()
    assert "Message déplacé." not in public
    seen = moderating.get("/ressources/choisir-son-hebergeur/discussion/").content.decode()
    assert "Message déplacé." in seen and "masqué par la modération" in seen
    moderating.post(url, {"hidden": "0"})
    assert (
        "Message déplacé."
        in Client().get("/ressources/choisir-son-hebergeur/discussion/").content.decode()
    )


def test_only_moderators_protect_a_page(trusted_client, moderator, article):
    assert (
        trusted_client.post(
            "/ressources/choisir-son-hebergeur/proteger/", {"protected": "1"}
        ).status_code
        == 404
    )
    client = Client()
    client.force_login(moderator)
    client.post("/ressources/choisir-son-hebergeur/proteger/", {"protected": "1"})
    article.document.refresh_from_db()
    assert article.document.protected
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/", edit_data(article, text="x\n")
    )
    assert "protégée" in response.content.decode()


def test_the_review_queue_is_for_moderators(client, trusted_client, moderator, article):
    assert trusted_client.get("/moderation/").status_code == 403
    newcomer = factories.UserFactory()
    client.force_login(newcomer)
    client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        edit_data(article, text="Un.\n\nDeux, proposé.\n\nTrois.\n"),
    )
    pending = Revision.objects.pending().get()
    client.force_login(moderator)
    assert (
        "Deux, proposé" in client.get("/moderation/").content.decode()
        or "proposé" in client.get("/moderation/").content.decode()
    )
    client.post(f"/moderation/{pending.pk}/", {"decision": "accept"})
    article.document.refresh_from_db()
    assert "proposé" in article.document.current_revision.text


def test_a_moderator_blocks_an_account_and_its_pending_edits_are_rejected(
    client, moderator, article
):
    spammer = factories.UserFactory()
    client.force_login(spammer)
    client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        edit_data(article, text="Pub https://spam.example\n"),
    )
    client.force_login(moderator)
    client.post(f"/moderation/bloquer/{spammer.pk}/")
    spammer.refresh_from_db()
    assert not spammer.is_active
    assert not Revision.objects.pending().exists()
    html = client.get("/moderation/").content.decode()
    assert f"/moderation/debloquer/{spammer.pk}/" in html
    assert "/moderation/debloquer/" not in html.replace(f"/moderation/debloquer/{spammer.pk}/", "")
    other = Client()
    other.force_login(factories.UserFactory())
    assert other.post(f"/moderation/debloquer/{spammer.pk}/").status_code == 403
    client.post(f"/moderation/debloquer/{spammer.pk}/")
    spammer.refresh_from_db()
    assert spammer.is_active
    assert not Revision.objects.pending().exists()  # the rejected edits stay rejected


def test_recent_changes_and_its_atom_feed(client, article, trusted_client):
    trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/",
        edit_data(article, text="Nouveau.\n", edit_summary="réécriture", minor=True),
    )
    html = client.get("/modifications-recentes/").content.decode()
    assert "réécriture" in html
    assert "réécriture" not in client.get("/modifications-recentes/?mineures=0").content.decode()
    feed = client.get("/modifications-recentes/atom/")
    root = ET.fromstring(feed.content)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("Choisir son hébergeur" in (t or "") for t in titles)


def test_shipped_articles_load_once(client):
    call_command("load_content", verbosity=0)
    count = Revision.objects.count()
    call_command("load_content", verbosity=0)
    assert Revision.objects.count() == count
    assert Article.objects.filter(published=True).count() >= 16
    html = client.get("/ressources/choisir-son-hebergeur/").content.decode()
    assert re.search(r'<a href="/ressources/[\w-]+/">', html)


def test_shipped_toolkits_link_every_step_to_a_directory_entry(client):
    call_command("load_content", verbosity=0)
    toolkits = Article.objects.filter(published=True, kind=Article.Kind.TOOLKIT)
    assert toolkits.count() >= 3
    listing = client.get("/ressources/?type=boite-a-outils").content.decode()
    for toolkit in toolkits:
        assert toolkit.get_absolute_url() in listing
        html = client.get(toolkit.get_absolute_url()).content.decode()
        tool_links = re.findall(r'<a href="/outils/[\w-]+/"', html)
        assert len(tool_links) >= 5, toolkit.slug
        assert not re.search(r'class="missing-link"[^>]*>[^<]*</a>', html.split("<main")[1])
    tool_page = client.get("/outils/mastodon/").content.decode()
    assert "/ressources/boite-a-outils-" in tool_page  # its page lists the toolkits naming it


def test_pages_use_a_bounded_number_of_queries(client, article, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/ressources/choisir-son-hebergeur/")
    with django_assert_max_num_queries(12):
        client.get("/ressources/")
    with django_assert_max_num_queries(12):
        client.get("/ressources/choisir-son-hebergeur/historique/")
    with django_assert_max_num_queries(10):
        client.get("/modifications-recentes/")


def test_conflict_marks_cannot_be_published(trusted_client, article):
    text = "<<<<<<< version actuelle\nEux.\n=======\nMoi.\n>>>>>>> votre version\n"
    response = trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/", edit_data(article, text=text)
    )
    assert "marques de conflit" in response.content.decode()
    assert article.document.revisions.count() == 1


def test_moderators_can_block_an_author_from_the_history(client, moderator, article, trusted):
    client.force_login(moderator)
    html = client.get("/ressources/choisir-son-hebergeur/historique/").content.decode()
    assert f"/moderation/bloquer/{trusted.pk}/" in html


def test_the_diff_names_changed_fields_in_french(trusted_client, article):
    trusted_client.post(
        "/ressources/choisir-son-hebergeur/modifier/", edit_data(article, kind="tutoriel")
    )
    html = trusted_client.get("/ressources/choisir-son-hebergeur/diff/?de=1&a=2").content.decode()
    assert "Type d’article" in html and "Tutoriel" in html
