"""Answers travel with the visitor, not on our server.

Between the pages of the questionnaire the answers given so far ride in the form itself, as one
signed token (`r`): no session, no cookie, nothing stored until the visitor asks for a private
link. The signature tells a token we made from one that was changed or cut.

The token is short enough to sit in every link of a page: the version of the questionnaire, a
fingerprint of its questions and answers, then one character per question in order (the rank
of the answer, `_` for “I don't know”, `.` for none). If the version was edited in place since
(the fingerprint differs), its answers cannot be read back and are left out with a notice.
"""

import hashlib
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from django.core import signing
from django.utils.translation import gettext as _

from charter.loaded import questionnaire_with_content
from charter.models import DONT_KNOW, Questionnaire

ANSWERS_PARAM = "r"
FIELD_PREFIX = "q-"
RANKS = string.digits + string.ascii_lowercase
DONT_KNOW_CODE, NO_ANSWER_CODE = "_", "."
MAX_TOKEN_LENGTH = 2_000
_signer = signing.Signer(salt="charter.diagnostic.answers", sep="~")


def field_name(question_key: str) -> str:
    return FIELD_PREFIX + question_key


def _questions(questionnaire):
    return [q for theme in questionnaire.themes.all() for q in theme.questions.all()]


def fingerprint(questionnaire: Questionnaire) -> str:
    shape = "|".join(
        f"{q.key}:{','.join(a.value for a in q.answers.all())}" for q in _questions(questionnaire)
    )
    return hashlib.sha256(shape.encode()).hexdigest()[:8]


def answers_sign(*, questionnaire: Questionnaire, answers: Mapping[str, str]) -> str:
    codes = []
    for question in _questions(questionnaire):
        values = [answer.value for answer in question.answers.all()]
        value = answers.get(question.key)
        if value == DONT_KNOW:
            codes.append(DONT_KNOW_CODE)
        elif value in values and values.index(value) < len(RANKS):
            codes.append(RANKS[values.index(value)])
        else:
            codes.append(NO_ANSWER_CODE)
    payload = f"{questionnaire.version}.{fingerprint(questionnaire)}.{''.join(codes)}"
    return _signer.sign(payload)


def answers_unsign(token: str) -> tuple[int, str, str] | None:
    """(version, fingerprint, codes) of a token, or None if it was tampered with."""
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        version, print_, codes = _signer.unsign(token).split(".", 2)
        return int(version), print_, codes
    except (signing.BadSignature, ValueError):
        return None


def answers_decode(questionnaire: Questionnaire, print_: str, codes: str) -> dict[str, str] | None:
    """The answers a token holds, or None if the version changed since the token was made."""
    questions = _questions(questionnaire)
    if print_ != fingerprint(questionnaire) or len(codes) != len(questions):
        return None
    answers = {}
    for question, code in zip(questions, codes, strict=True):
        answer_values = [answer.value for answer in question.answers.all()]
        if code == DONT_KNOW_CODE:
            answers[question.key] = DONT_KNOW
        elif code in RANKS and RANKS.index(code) < len(answer_values):
            answers[question.key] = answer_values[RANKS.index(code)]
    return answers


def answers_clean(
    *, questionnaire: Questionnaire, answers: Mapping[str, object]
) -> tuple[dict[str, str], dict[str, str]]:
    """Split answers into those valid for this questionnaire (with content) and the errors."""
    choices = {
        question.key: {answer.value for answer in question.answers.all()} | {DONT_KNOW}
        for question in _questions(questionnaire)
    }
    valid, errors = {}, {}
    for key, value in answers.items():
        if key not in choices:
            errors[key] = _("Unknown question.")
        elif not isinstance(value, str) or value not in choices[key]:
            errors[key] = _("Unknown answer to this question.")
        else:
            valid[key] = value
    return valid, errors


@dataclass(frozen=True)
class SubmittedAnswers:
    questionnaire: Questionnaire
    answers: dict[str, str]
    ignored: int = 0  # answers that match no question or no answer of the questionnaire
    tampered: bool = False  # the signed answers were changed or cut: left out
    outdated: bool = False  # the questionnaire changed since: the answers could not be read

    @cached_property
    def token(self) -> str:
        return answers_sign(questionnaire=self.questionnaire, answers=self.answers)


def answers_from_request(
    params, *, questionnaire: Questionnaire | None = None
) -> SubmittedAnswers | None:
    """The answers of a request: the signed token `r`, then the radio buttons of the page.

    The questionnaire is the one given, else the version the token was made on, else the
    current one. Returns None when no questionnaire is published yet.
    """
    raw = params.get(ANSWERS_PARAM, "")
    unsigned = answers_unsign(raw) if raw else None
    versions = Questionnaire.objects.values_list("pk", flat=True)
    made_on = None
    if unsigned is not None and questionnaire is not None and questionnaire.version == unsigned[0]:
        made_on = questionnaire
    elif unsigned is not None:
        made_on = questionnaire_with_content(versions.filter(version=unsigned[0]).first())
    questionnaire = (
        questionnaire
        or made_on
        or questionnaire_with_content(versions.published().order_by("-version").first())
    )
    if questionnaire is None:
        return None
    answers = answers_decode(made_on, *unsigned[1:]) if made_on is not None else None
    outdated = unsigned is not None and answers is None
    answers = dict(answers or {})
    for name in params:
        if name.startswith(FIELD_PREFIX) and params.get(name):
            answers[name.removeprefix(FIELD_PREFIX)] = params.get(name)
    valid, errors = answers_clean(questionnaire=questionnaire, answers=answers)
    return SubmittedAnswers(
        questionnaire,
        valid,
        ignored=len(errors),
        tampered=bool(raw) and unsigned is None,
        outdated=outdated,
    )
