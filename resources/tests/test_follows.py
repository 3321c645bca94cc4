import json

import pytest
from django.test import Client

from core import outbox
from core.models import OutboxEmail
from resources import notifications, services
from resources.models import Follow
from tests import factories

pytestmark = pytest.mark.django_db


def revise(article, author, text):
    article.document.refresh_from_db()
    return services.article_revise(
        article=article,
        base_revision=article.document.current_revision,
        author=author,
        fields=services.ArticleFields(
            title=article.title,
            text=text,
            summary=article.summary,
            kind=article.kind,
            tags=("hébergement",),
        ),
    )


def test_a_member_follows_an_article_and_is_told_of_changes(client, article, trusted):
    reader = factories.UserFactory()
    client.force_login(reader)
    client.post(
        "/ressources/choisir-son-hebergeur/suivre/", {"action": "follow", "frequency": "immediate"}
    )
    assert Follow.objects.filter(user=reader, article=article).exists()
    revise(article, trusted, "Un texte revu.\n")
    email = OutboxEmail.objects.get(to=reader.email)
    assert "Choisir son hébergeur" in email.subject
    assert "/ressources/choisir-son-hebergeur/diff/" in email.text
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_nobody_is_told_without_asking_nor_about_their_own_change(article, trusted):
    services.follow_set(user=trusted, article=article, frequency="immediate")
    factories.UserFactory()  # a member who follows nothing
    revise(article, trusted, "Ma propre modification.\n")
    assert not OutboxEmail.objects.exists()


def test_following_a_tag_covers_its_articles(article, trusted):
    reader = factories.UserFactory()
    services.follow_set(user=reader, tag=article.tags.get(), frequency="immediate")
    revise(article, trusted, "Changement.\n")
    assert OutboxEmail.objects.filter(to=reader.email).count() == 1


def test_daily_digest_gathers_the_changes_in_one_email(article, trusted):
    reader = factories.UserFactory()
    services.follow_set(user=reader, article=article, frequency="daily")
    revise(article, trusted, "Premier changement.\n")
    revise(article, trusted, "Second changement.\n")
    assert not OutboxEmail.objects.exists()
    assert notifications.send_daily_digests() == 1
    email = OutboxEmail.objects.get()
    assert email.text.count("/diff/?a=") == 2
    assert notifications.send_daily_digests() == 0


def test_one_click_unsubscribe(article, trusted):
    reader = factories.UserFactory()
    follow = services.follow_set(user=reader, article=article, frequency="immediate")
    token = notifications.unsubscribe_token(follow)
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(f"/ressources/desabonnement/{token}/")
    assert "Choisir son hébergeur" in page.content.decode()
    assert Follow.objects.filter(
        pk=follow.pk
    ).exists()  # a GET (a mail client's preview) changes nothing
    anonymous.post(f"/ressources/desabonnement/{token}/")
    assert not Follow.objects.filter(pk=follow.pk).exists()
    assert anonymous.get(f"/ressources/desabonnement/{token}/").status_code == 404
    assert anonymous.get("/ressources/desabonnement/forged/").status_code == 404


def test_unfollow_and_follow_need_post_and_an_account(client, article):
    assert client.post("/ressources/choisir-son-hebergeur/suivre/").status_code == 302
    reader = factories.UserFactory()
    client.force_login(reader)
    assert client.get("/ressources/choisir-son-hebergeur/suivre/").status_code == 405
    client.post(
        "/ressources/choisir-son-hebergeur/suivre/", {"action": "follow", "frequency": "bogus"}
    )
    assert Follow.objects.get(user=reader).frequency == "immediate"
    client.post("/ressources/choisir-son-hebergeur/suivre/", {"action": "unfollow"})
    assert not Follow.objects.filter(user=reader).exists()


def test_follows_and_comments_are_in_the_data_download(client, article):
    reader = factories.UserFactory()
    services.follow_set(user=reader, article=article, frequency="daily")
    services.comment_create(article=article, author=reader, text="Merci !")
    client.force_login(reader)
    data = json.loads(client.get("/compte/mes-donnees.json").content)
    assert data["follows"][0]["article"] == "choisir-son-hebergeur"
    assert data["comments"][0]["text"] == "Merci !"


def test_notification_emails_go_out_through_the_worker(article, trusted):
    from django.core import mail

    reader = factories.UserFactory()
    services.follow_set(user=reader, article=article, frequency="immediate")
    revise(article, trusted, "Nouveau.\n")
    assert outbox.deliver_due() == 1
    assert mail.outbox[0].extra_headers["List-Unsubscribe"].startswith("<http")
