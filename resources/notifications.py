"""Emails to the members who follow an article or a tag: at once, or in a daily digest.

Opt-in only (a member presses "Follow"), one-click unsubscribe in every email (RFC 8058
List-Unsubscribe-Post, and a link to a page with one button), never to the author of the change.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.outbox import outbox_enqueue
from resources.models import Follow, PendingNotification

SALT = "resources.unsubscribe"


def unsubscribe_token(follow: Follow) -> str:
    return signing.dumps(follow.pk, salt=SALT)


def follow_from_token(token: str) -> Follow | None:
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Follow.objects.filter(pk=pk).select_related("user", "article", "tag").first()


def unsubscribe_url(follow: Follow) -> str:
    return settings.SITE_URL + reverse("resources:unsubscribe", args=[unsubscribe_token(follow)])


@transaction.atomic
def notify_followers(article, revision) -> int:
    """Tell the followers of `article` (or of one of its tags) that `revision` was published."""
    follows = (
        Follow.objects.filter(user__is_active=True)
        .filter(Q(article=article) | Q(tag__in=article.tags.all()))
        .exclude(user=revision.author)
        .select_related("user", "article", "tag")
    )
    seen, count = set(), 0
    for follow in follows:
        if follow.user_id in seen:
            continue
        seen.add(follow.user_id)
        if follow.frequency == Follow.Frequency.DAILY:
            PendingNotification.objects.get_or_create(follow=follow, revision=revision)
        else:
            _send(follow, [(article, revision)])
        count += 1
    return count


def send_daily_digests(now=None) -> int:
    """The periodic task: one email per follow with the changes of the day."""
    count = 0
    follows = Follow.objects.filter(pending__isnull=False).distinct().select_related("user")
    for follow in follows:
        with transaction.atomic():
            pending = list(
                follow.pending.select_related("revision__document__article").order_by("created_at")
            )
            if not pending:
                continue
            changes = [(p.revision.document.article, p.revision) for p in pending]
            _send(follow, changes)
            PendingNotification.objects.filter(pk__in=[p.pk for p in pending]).delete()
            count += 1
    return count


def _send(follow, changes):
    url = unsubscribe_url(follow)
    with translation.override("fr"):
        context = {
            "follow": follow,
            "changes": changes,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": url,
        }
        subject = (
            _("Changes on Présence")
            if len(changes) > 1
            else _("“%(title)s” has changed") % {"title": changes[0][0].title}
        )
        outbox_enqueue(
            to=follow.user.email,
            subject=subject,
            text=render_to_string("resources/email/changes.txt", context),
            html=render_to_string("resources/email/changes.html", context),
            headers={
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
