"""Every write of the revision engine. The owning apps (articles, tools) call these."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as accounts
from accounts.models import DELETED_USER_EMAIL, SYSTEM_USER_EMAIL
from core.site import ensure_writable
from revisions import hooks, moderation
from revisions.exceptions import EditConflict, PageProtected, RevisionError, StaleBaseRevision
from revisions.merge import merge
from revisions.models import Document, Review, Revision


class _Empty:
    """The base of an edit made when a page had no accepted text yet."""

    text = ""
    data: dict = {}


_EMPTY = _Empty()


@dataclass
class SaveResult:
    revision: Revision | None
    merged: bool = False
    pending: bool = False
    unchanged: bool = False


@transaction.atomic
def document_create(
    *,
    kind: str,
    title: str,
    path: str,
    text: str,
    data: dict,
    author,
    summary: str = "",
    action: str = Revision.Action.CREATE,
    review: bool | None = None,
) -> Revision:
    """A new document with its first revision. It is visible once that revision is accepted."""
    ensure_writable()
    document = Document.objects.create(kind=kind, title=title, path=path)
    pending = (
        moderation.needs_review(user=author, old_text="", new_text=text)
        if review is None
        else review
    )
    return _append_and_publish(
        document,
        parent=None,
        action=action,
        text=text,
        data=data,
        author=author,
        summary=summary,
        minor=False,
        needs_review=pending,
    )


@transaction.atomic
def document_revise(
    *,
    document: Document,
    base_revision: Revision | None,
    text: str,
    data: dict,
    author,
    summary: str = "",
    minor: bool = False,
    review: bool | None = None,
) -> SaveResult:
    """Save an edit made from `base_revision`.

    If the page changed meanwhile, the edit is merged three-way: a clean merge is saved, an
    overlap raises EditConflict and nothing is saved over anyone. `review` forces or skips the
    review queue (shipped content updates skip it); by default the moderation rules decide.
    """
    ensure_writable()
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.protected and not author.is_moderator:
        raise PageProtected
    current = document.current_revision
    if base_revision is not None and base_revision.document_id != document.pk:
        raise StaleBaseRevision
    base = base_revision or current
    merged = False
    if current is not None and base is not None and base.pk != current.pk:
        text, data = _merge_or_raise(base, current, text, data)
        merged = True
    if current is not None and text == current.text and data == current.data:
        return SaveResult(revision=None, unchanged=True)
    pending = (
        moderation.needs_review(
            user=author, old_text=current.text if current else "", new_text=text
        )
        if review is None
        else review
    )
    revision = _append(
        document,
        parent=current,
        action=Revision.Action.MERGE if merged else Revision.Action.EDIT,
        text=text,
        data=data,
        author=author,
        summary=summary,
        minor=minor,
        needs_review=pending,
    )
    if not pending:
        _make_current(document, revision)
    return SaveResult(revision=revision, merged=merged, pending=pending)


@transaction.atomic
def document_revert(
    *, document: Document, to_revision: Revision, author, summary: str = ""
) -> Revision:
    """Bring back an earlier state. A revert is a new revision, so history is never lost."""
    ensure_writable()
    document = Document.objects.select_for_update().get(pk=document.pk)
    if to_revision.document_id != document.pk:
        raise StaleBaseRevision
    if document.protected and not author.is_moderator:
        raise PageProtected
    current = document.current_revision
    if (
        current is not None
        and to_revision.text == current.text
        and to_revision.data == current.data
    ):
        raise RevisionError(_("This revision is already the current text."))
    summary = summary or _("Revert to revision %(number)s") % {"number": to_revision.number}
    pending = moderation.needs_review(
        user=author, old_text=current.text if current else "", new_text=to_revision.text
    )
    return _append_and_publish(
        document,
        parent=current,
        action=Revision.Action.REVERT,
        text=to_revision.text,
        data=to_revision.data,
        author=author,
        summary=summary,
        minor=False,
        needs_review=pending,
    )


@transaction.atomic
def revision_accept(*, revision: Revision, moderator, note: str = "") -> Revision:
    """Accept a pending revision; if the page moved on meanwhile, it is merged in."""
    ensure_writable()
    document = Document.objects.select_for_update().get(pk=revision.document_id)
    revision = Revision.objects.select_related("review").get(pk=revision.pk)
    _check_pending(revision)
    current = document.current_revision
    Review.objects.create(revision=revision, accepted=True, moderator=moderator, note=note)
    if current is None or revision.parent_id == current.pk:
        _make_current(document, revision)
        return revision
    if revision.parent is None:  # written before the page had any accepted text
        text, data = _merge_or_raise(_EMPTY, current, revision.text, revision.data)
    else:
        text, data = _merge_or_raise(revision.parent, current, revision.text, revision.data)
    merged = _append(
        document,
        parent=current,
        action=Revision.Action.MERGE,
        text=text,
        data=data,
        author=revision.author,
        summary=revision.summary,
        minor=revision.minor,
        needs_review=False,
    )
    _make_current(document, merged)
    return merged


@transaction.atomic
def revision_reject(*, revision: Revision, moderator, note: str = "") -> Review:
    ensure_writable()
    Document.objects.select_for_update().get(pk=revision.document_id)
    revision = Revision.objects.select_related("review").get(pk=revision.pk)
    _check_pending(revision)
    return Review.objects.create(revision=revision, accepted=False, moderator=moderator, note=note)


@transaction.atomic
def document_protect(*, document: Document, moderator, protected: bool) -> Document:
    ensure_writable()
    if not moderator.is_moderator:
        raise RevisionError(_("Only moderators can protect a page."))
    document.protected = protected
    document.save(update_fields=["protected"])
    return document


@transaction.atomic
def document_describe(*, document: Document, title: str, path: str) -> Document:
    """The owning app tells the engine the page's current title and address."""
    document.title, document.path = title, path
    document.save(update_fields=["title", "path"])
    return document


@transaction.atomic
def document_restore(
    *, kind: str, title: str, path: str, revisions: list[dict], authors: dict
) -> Document:
    """Rebuild a document with its whole accepted history, as exported (used by imports).

    Each revision dict has number, parent (number or None), action, text, data, author (a key of
    `authors`), created_at, summary, minor. The last one becomes current.
    """
    ensure_writable()
    document = Document.objects.create(kind=kind, title=title, path=path)
    by_number = {}
    for item in sorted(revisions, key=lambda r: r["number"]):
        by_number[item["number"]] = Revision.objects.create(
            document=document,
            number=item["number"],
            parent=by_number.get(item["parent"]),
            action=item["action"],
            compressed_text=Revision.compress(item["text"]),
            data=item["data"],
            size=len(item["text"].encode()),
            author=authors[item["author"]],
            created_at=item["created_at"],
            summary=item["summary"],
            minor=item["minor"],
            needs_review=False,
        )
    if by_number:
        _make_current(document, by_number[max(by_number)])
    return document


def document_untouched(document: Document, *, author) -> bool:
    """True when every revision is `author`'s: shipped or imported content that nobody edited,
    which a newer shipped version may replace. Once someone edits it, their edit wins."""
    return not document.revisions.exclude(author=author).exists()


@transaction.atomic
def account_block(*, user, moderator) -> None:
    """A moderator blocks an account: it can no longer sign in, its pending edits are rejected."""
    if not moderator.is_moderator:
        raise RevisionError(_("Only moderators can block an account."))
    if user == moderator or user.is_superuser or user.is_moderator:
        raise RevisionError(_("This account cannot be blocked."))
    accounts.account_deactivate(user=user)
    for revision in Revision.objects.pending().filter(author=user):
        Review.objects.create(
            revision=revision, accepted=False, moderator=moderator, note="blocked"
        )


@transaction.atomic
def account_unblock(*, user, moderator) -> None:
    """Lift a block. The edits rejected by the block stay rejected (they are in the history)."""
    if not moderator.is_moderator:
        raise RevisionError(_("Only moderators can unblock an account."))
    if user.email in (SYSTEM_USER_EMAIL, DELETED_USER_EMAIL):
        raise RevisionError(_("This account cannot be unblocked."))
    accounts.account_reactivate(user=user)


def _merge_or_raise(base, current, text, data):
    result = merge(base.text, current.text, text, base.data, current.data, data)
    if not result.clean:
        raise EditConflict(
            current=current,
            my_text=text,
            my_data=data,
            proposal_text=result.text,
            proposal_data=result.data,
            conflicts=result.conflicts + len(result.data_conflicts),
        )
    return result.text, result.data


def _check_pending(revision):
    if revision.status != "pending":
        raise RevisionError(_("This revision is not waiting for review."))


def _append(document, *, parent, action, text, data, author, summary, minor, needs_review):
    number = (document.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    return Revision.objects.create(
        document=document,
        number=number,
        parent=parent,
        action=action,
        compressed_text=Revision.compress(text),
        data=data,
        size=len(text.encode()),
        author=author,
        summary=summary[:300],
        minor=minor,
        needs_review=needs_review,
    )


def _append_and_publish(document, **fields) -> Revision:
    """Append a revision and make it current unless it waits for review."""
    revision = _append(document, **fields)
    if not fields["needs_review"]:
        _make_current(document, revision)
    return revision


def _make_current(document, revision):
    document.current_revision = revision
    document.updated_at = timezone.now()
    document.save(update_fields=["current_revision", "updated_at"])
    hooks.current_changed(document)
