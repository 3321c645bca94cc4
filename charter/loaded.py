"""Questionnaires with their content, loaded once per process and per edit.

Every page of the diagnostic reads a whole questionnaire (14 themes, 52 questions, their answers
and actions: five queries and some 300 objects, 75 % of the result page's time in make bench).
Its content changes only in the admin, which calls `questionnaires_edited()`; a new version is
a new row. Pages must treat the objects returned here as read-only: they are shared.
"""

from django.core.cache import cache

from charter.models import Questionnaire

EDITS_KEY = "charter.questionnaire-edits"
_loaded: dict[tuple[int, int], Questionnaire] = {}


def questionnaire_with_content(pk: int | None) -> Questionnaire | None:
    if pk is None:
        return None
    key = (pk, cache.get(EDITS_KEY, 0))
    questionnaire = _loaded.get(key)
    if questionnaire is None:
        questionnaire = Questionnaire.objects.with_content().filter(pk=pk).first()
        if questionnaire is None:
            return None
        if len(_loaded) > 20:  # a few versions at most; forget older edits' copies
            _loaded.clear()
        _loaded[key] = questionnaire
    return questionnaire


def questionnaires_edited() -> None:
    """Forget every loaded questionnaire, in every process (called by the admin)."""
    try:
        cache.incr(EDITS_KEY)
    except ValueError:
        cache.set(EDITS_KEY, 1, None)
