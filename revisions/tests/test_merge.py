from hypothesis import given
from hypothesis import strategies as st

from revisions.merge import merge_data, merge_texts

BASE = "Un.\n\nDeux.\n\nTrois.\n"


def test_it_merges_disjoint_edits():
    text, conflicts = merge_texts(
        BASE, "Un, modifié.\n\nDeux.\n\nTrois.\n", "Un.\n\nDeux.\n\nTrois, aussi.\n"
    )
    assert conflicts == 0
    assert text == "Un, modifié.\n\nDeux.\n\nTrois, aussi.\n"


def test_it_marks_overlapping_edits_and_keeps_both():
    text, conflicts = merge_texts(
        BASE, "Un.\n\nDeux (eux).\n\nTrois.\n", "Un.\n\nDeux (moi).\n\nTrois.\n"
    )
    assert conflicts == 1
    assert "Deux (eux)." in text and "Deux (moi)." in text
    assert "<<<<<<<" in text and ">>>>>>>" in text


def test_identical_edits_on_both_sides_are_not_a_conflict():
    same = "Un.\n\nDeux bis.\n\nTrois.\n"
    assert merge_texts(BASE, same, same) == (same, 0)


def test_structured_fields_merge_field_by_field():
    base = {"licence": "MIT", "site": "https://a.example"}
    current = {"licence": "GPL-3.0-only", "site": "https://a.example"}
    mine = {"licence": "MIT", "site": "https://b.example"}
    assert merge_data(base, current, mine) == (
        {"licence": "GPL-3.0-only", "site": "https://b.example"},
        [],
    )
    assert merge_data(base, current, {"licence": "AGPL-3.0-only"})[1] == ["licence"]


paragraph = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)


@given(st.lists(paragraph, min_size=3, max_size=8, unique=True), st.data())
def test_a_clean_merge_contains_both_sides_changes(paragraphs, data):
    """Property: editing two different paragraphs always merges, keeping both edits."""
    pairs = [
        (a, b) for a in range(len(paragraphs)) for b in range(len(paragraphs)) if abs(a - b) > 1
    ]
    i, j = data.draw(st.sampled_from(pairs))
    base = "\n\n".join(paragraphs) + "\n"
    theirs = paragraphs.copy()
    theirs[i] += " EUX"
    mine = paragraphs.copy()
    mine[j] += " MOI"
    text, conflicts = merge_texts(base, "\n\n".join(theirs) + "\n", "\n\n".join(mine) + "\n")
    assert conflicts == 0
    assert "EUX" in text and "MOI" in text
