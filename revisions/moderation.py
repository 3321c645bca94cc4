"""Who must wait for review: the first edits of a new account, and links added by new accounts."""

import re

from django.conf import settings

# Absolute and protocol-relative addresses ("//spam.example") both lead to other sites.
EXTERNAL_LINK = re.compile(r"(?:https?:)?//[^\s)\]>\"']+", re.IGNORECASE)
# Reverts and imports do not show that an account writes in good faith: only its own edits count.
COUNTED_ACTIONS = ("create", "edit", "merge")


def needs_review(*, user, old_text: str, new_text: str) -> bool:
    if getattr(user, "is_moderator", False):
        return False
    accepted = user.revisions.accepted().filter(action__in=COUNTED_ACTIONS).count()
    if accepted < settings.REVIEW_FIRST_EDITS:
        return True
    return user.is_new_account and bool(added_external_links(old_text, new_text))


def added_external_links(old_text: str, new_text: str) -> set[str]:
    return set(EXTERNAL_LINK.findall(new_text)) - set(EXTERNAL_LINK.findall(old_text))
