"""Who must wait for review: the first edits of a new account, and links added by new accounts."""

import re

from django.conf import settings

EXTERNAL_LINK = re.compile(r"https?://[^\s)\]>\"']+", re.IGNORECASE)


def needs_review(*, user, old_text: str, new_text: str) -> bool:
    if getattr(user, "is_moderator", False):
        return False
    accepted = user.revisions.accepted().count()
    if accepted < settings.REVIEW_FIRST_EDITS:
        return True
    return user.is_new_account and bool(added_external_links(old_text, new_text))


def added_external_links(old_text: str, new_text: str) -> set[str]:
    return set(EXTERNAL_LINK.findall(new_text)) - set(EXTERNAL_LINK.findall(old_text))
