import threading

import pytest
from django.db import close_old_connections

from core.site import SiteReadOnly, site_settings_save
from revisions.exceptions import EditConflict, PageProtected, RevisionError
from revisions.models import Revision
from revisions.services import (
    document_create,
    document_protect,
    document_revert,
    document_revise,
    revision_accept,
    revision_reject,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def trusted(db):
    """A member past the review of first edits, whose account is still new."""
    return factories.trusted_member(new_account=True)


def test_revisions_are_numbered_and_chained(trusted):
    doc = factories.document(author=trusted)
    first = doc.current_revision
    result = document_revise(
        document=doc, base_revision=first, text="Nouveau.\n", data={}, author=trusted
    )
    assert result.revision.number == 2
    assert result.revision.parent == first
    doc.refresh_from_db()
    assert doc.current_revision == result.revision
    assert result.revision.text == "Nouveau.\n"
    assert result.revision.size == len(b"Nouveau.\n")


def test_the_text_is_stored_compressed(trusted):
    text = "Une association de l’économie sociale et solidaire. " * 200
    doc = factories.document(author=trusted, text=text)
    stored = bytes(doc.current_revision.compressed_text)
    assert len(stored) < len(text.encode()) / 10
    assert doc.current_revision.text == text


def test_an_edit_from_an_old_base_is_merged_when_edits_do_not_overlap(trusted):
    doc = factories.document(author=trusted, text="Un.\n\nDeux.\n\nTrois.\n")
    base = doc.current_revision
    document_revise(
        document=doc,
        base_revision=base,
        text="Un, modifié.\n\nDeux.\n\nTrois.\n",
        data={},
        author=trusted,
    )
    result = document_revise(
        document=doc,
        base_revision=base,
        text="Un.\n\nDeux.\n\nTrois, aussi.\n",
        data={},
        author=trusted,
    )
    assert result.merged
    doc.refresh_from_db()
    assert doc.current_revision.text == "Un, modifié.\n\nDeux.\n\nTrois, aussi.\n"
    assert doc.current_revision.action == Revision.Action.MERGE


def test_an_overlapping_edit_raises_a_conflict_and_saves_nothing(trusted):
    doc = factories.document(author=trusted, text="Un.\n\nDeux.\n\nTrois.\n")
    base = doc.current_revision
    document_revise(
        document=doc,
        base_revision=base,
        text="Un.\n\nDeux (eux).\n\nTrois.\n",
        data={},
        author=trusted,
    )
    count = doc.revisions.count()
    with pytest.raises(EditConflict) as caught:
        document_revise(
            document=doc,
            base_revision=base,
            text="Un.\n\nDeux (moi).\n\nTrois.\n",
            data={},
            author=trusted,
        )
    conflict = caught.value
    assert conflict.my_text == "Un.\n\nDeux (moi).\n\nTrois.\n"
    assert conflict.current.text == "Un.\n\nDeux (eux).\n\nTrois.\n"
    assert "Deux (moi)." in conflict.proposal_text and "Deux (eux)." in conflict.proposal_text
    assert doc.revisions.count() == count


def test_saving_the_same_text_creates_no_revision(trusted):
    doc = factories.document(author=trusted)
    result = document_revise(
        document=doc,
        base_revision=doc.current_revision,
        text=doc.current_revision.text,
        data={},
        author=trusted,
    )
    assert result.unchanged and result.revision is None


def test_a_revert_is_a_new_revision(trusted):
    doc = factories.document(author=trusted, text="Original.\n")
    first = doc.current_revision
    document_revise(document=doc, base_revision=first, text="Vandalisé.\n", data={}, author=trusted)
    revert = document_revert(document=doc, to_revision=first, author=trusted)
    doc.refresh_from_db()
    assert revert.number == 3 and revert.action == Revision.Action.REVERT
    assert doc.current_revision.text == "Original.\n"
    assert doc.revisions.count() == 3


def test_the_first_edits_of_a_new_account_wait_for_review():
    newcomer = factories.UserFactory()
    doc = factories.document()
    before = doc.current_revision
    result = document_revise(
        document=doc, base_revision=before, text="Spam ?\n", data={}, author=newcomer
    )
    assert result.pending
    doc.refresh_from_db()
    assert doc.current_revision == before
    assert result.revision.status == "pending"


def test_a_new_account_adding_an_external_link_waits_for_review(trusted):
    doc = factories.document(author=trusted, text="Texte.\n")
    result = document_revise(
        document=doc,
        base_revision=doc.current_revision,
        text="Texte https://spam.example\n",
        data={},
        author=trusted,
    )
    assert result.pending


def test_an_older_account_adding_a_link_is_published(trusted):
    trusted.date_joined = trusted.date_joined.replace(year=2020)
    trusted.save()
    doc = factories.document(author=trusted, text="Texte.\n")
    result = document_revise(
        document=doc,
        base_revision=doc.current_revision,
        text="Voir https://chatons.org\n",
        data={},
        author=trusted,
    )
    assert not result.pending


def test_accepting_a_pending_revision_publishes_it_and_merges_later_changes(trusted, moderator):
    newcomer = factories.UserFactory()
    doc = factories.document(author=trusted, text="Un.\n\nDeux.\n\nTrois.\n")
    base = doc.current_revision
    pending = document_revise(
        document=doc,
        base_revision=base,
        text="Un, du nouveau.\n\nDeux.\n\nTrois.\n",
        data={},
        author=newcomer,
    ).revision
    document_revise(
        document=doc,
        base_revision=base,
        text="Un.\n\nDeux.\n\nTrois, plus tard.\n",
        data={},
        author=trusted,
    )
    published = revision_accept(revision=pending, moderator=moderator)
    doc.refresh_from_db()
    assert doc.current_revision == published
    assert published.text == "Un, du nouveau.\n\nDeux.\n\nTrois, plus tard.\n"
    assert pending.status == "accepted" or Revision.objects.get(pk=pending.pk).status == "accepted"


def test_a_rejected_revision_never_becomes_current(moderator):
    newcomer = factories.UserFactory()
    doc = factories.document()
    before = doc.current_revision
    pending = document_revise(
        document=doc, base_revision=before, text="Pub.\n", data={}, author=newcomer
    ).revision
    revision_reject(revision=pending, moderator=moderator, note="publicité")
    doc.refresh_from_db()
    assert doc.current_revision == before
    assert Revision.objects.get(pk=pending.pk).status == "rejected"


def test_a_protected_page_can_only_be_edited_by_moderators(trusted, moderator):
    doc = factories.document(author=trusted)
    document_protect(document=doc, moderator=moderator, protected=True)
    with pytest.raises(PageProtected):
        document_revise(
            document=doc, base_revision=doc.current_revision, text="x\n", data={}, author=trusted
        )
    assert document_revise(
        document=doc, base_revision=doc.current_revision, text="x\n", data={}, author=moderator
    ).revision


def test_the_read_only_switch_stops_every_write(trusted):
    doc = factories.document(author=trusted)
    site_settings_save(read_only=True, message="Maintenance")
    with pytest.raises(SiteReadOnly):
        document_revise(
            document=doc, base_revision=doc.current_revision, text="x\n", data={}, author=trusted
        )
    with pytest.raises(SiteReadOnly):
        document_create(kind="test", title="t", path="/t/", text="t", data={}, author=trusted)
    site_settings_save(read_only=False)


def test_structured_fields_are_revised_with_the_text(trusted):
    doc = factories.document(author=trusted, data={"licence": "MIT"})
    base = doc.current_revision
    document_revise(
        document=doc,
        base_revision=base,
        text=base.text,
        data={"licence": "GPL-3.0-only"},
        author=trusted,
    )
    result = document_revise(
        document=doc,
        base_revision=base,
        text=base.text + "Ajout.\n",
        data={"licence": "MIT"},
        author=trusted,
    )
    assert result.merged
    assert result.revision.data == {"licence": "GPL-3.0-only"}
    assert result.revision.text.endswith("Ajout.\n")


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_writers_lose_nothing():
    """Each writer adds a word to its own paragraph from the same base, all at once."""
    author = factories.UserFactory()
    author.date_joined = author.date_joined.replace(year=2020)
    author.save()
    paragraphs = [f"Paragraphe {n}." for n in range(20)]
    doc = factories.document(author=author, text="\n\n".join(paragraphs) + "\n")
    moderator = factories.moderator()
    base = doc.current_revision
    outcomes = {}
    barrier = threading.Barrier(20)

    def write(n):
        mine = paragraphs.copy()
        mine[n] += f" mot{n}"
        barrier.wait()
        try:
            document_revise(
                document=doc,
                base_revision=base,
                text="\n\n".join(mine) + "\n",
                data={},
                author=moderator,
            )
            outcomes[n] = "saved"
        except EditConflict:
            outcomes[n] = "conflict"
        finally:
            close_old_connections()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    doc.refresh_from_db()
    final = doc.current_revision.text
    assert len(outcomes) == 20
    for n, outcome in outcomes.items():
        assert outcome == "conflict" or f"mot{n}" in final, (n, outcome)
    assert sum(outcome == "saved" for outcome in outcomes.values()) >= 19


def test_a_new_accounts_revert_waits_for_review_and_does_not_count_as_an_edit(trusted):
    newcomer = factories.UserFactory()
    doc = factories.document(author=trusted, text="Bon texte.\n")
    first = doc.current_revision
    document_revise(
        document=doc, base_revision=first, text="Texte revu.\n", data={}, author=trusted
    )
    revert = document_revert(document=doc, to_revision=first, author=newcomer)
    doc.refresh_from_db()
    assert revert.status == "pending"
    assert doc.current_revision.text == "Texte revu.\n"


def test_reverting_to_the_current_text_is_refused(trusted):
    doc = factories.document(author=trusted)
    with pytest.raises(RevisionError):
        document_revert(document=doc, to_revision=doc.current_revision, author=trusted)


def test_protocol_relative_links_count_as_external():
    from revisions.moderation import added_external_links

    assert added_external_links("", "[x](//spam.example/page)")


def test_pending_edits_accepted_out_of_order_lose_nothing(moderator):
    newcomer = factories.UserFactory()
    first = document_create(
        kind="test", title="t", path="/t/", text="v0\n", data={}, author=newcomer
    )
    doc = first.document
    assert doc.current_revision is None
    second = document_revise(
        document=doc, base_revision=None, text="v1\n", data={}, author=newcomer
    ).revision
    revision_accept(revision=second, moderator=moderator)
    with pytest.raises(EditConflict):
        revision_accept(revision=first, moderator=moderator)
    doc.refresh_from_db()
    assert doc.current_revision.text == "v1\n"


def test_recent_changes_count_a_bounded_number_of_revisions(client, db, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from revisions import views

    monkeypatch.setattr(views, "RECENT_LIMIT", 3)
    author = factories.trusted_member()
    document = factories.document(author=author)
    for n in range(4):
        document_revise(
            document=document, base_revision=None, text=f"Texte {n}\n", data={}, author=author
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/modifications-recentes/")
    assert response.status_code == 200
    count = next(q["sql"] for q in queries.captured_queries if "COUNT" in q["sql"].upper())
    assert "LIMIT 3" in count.upper()
    assert response.context["page"].paginator.count == 3
