import pytest
from django.http import QueryDict

from charter.answers import answers_from_request, answers_sign, answers_unsign
from charter.models import DONT_KNOW, Answer, Questionnaire


def params(**values):
    query = QueryDict(mutable=True)
    for key, value in values.items():
        query[key.replace("_", "-")] = value
    return query


def test_signed_answers_come_back_as_they_were_given(questionnaire):
    answers = {"t1-q1": "oui", "t2-q2": DONT_KNOW}
    token = answers_sign(questionnaire=questionnaire, answers=answers)
    submitted = answers_from_request({"r": token})
    assert submitted.answers == answers
    assert not (submitted.tampered or submitted.outdated or submitted.ignored)


def test_the_token_is_short_enough_for_every_link_of_a_page(shipped_questionnaire):
    keys = [q.key for t in shipped_questionnaire.themes.all() for q in t.questions.all()]
    token = answers_sign(
        questionnaire=shipped_questionnaire, answers=dict.fromkeys(keys, DONT_KNOW)
    )
    assert len(token) < 150


def test_a_changed_token_is_refused(questionnaire):
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "non"})
    forged = token.replace(".0", ".3", 1)
    assert answers_unsign(forged) is None
    submitted = answers_from_request({"r": forged})
    assert submitted.tampered
    assert submitted.answers == {}


def test_answers_of_the_page_are_added_to_the_signed_ones(questionnaire):
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "non"})
    submitted = answers_from_request(params(r=token, q_t1_q1="oui", q_t2_q1="un-peu"))
    assert submitted.answers == {"t1-q1": "oui", "t2-q1": "un-peu"}


def test_answers_that_match_nothing_are_counted_and_left_out(questionnaire):
    submitted = answers_from_request(params(q_t1_q1="jamais", q_inconnue="oui", q_t1_q2="oui"))
    assert submitted.answers == {"t1-q2": "oui"}
    assert submitted.ignored == 2


@pytest.mark.django_db
def test_a_version_edited_in_place_cannot_read_older_tokens(questionnaire):
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    Answer.objects.filter(question__key="t1-q1", value="oui").update(value="tout-a-fait")
    questionnaire = Questionnaire.objects.with_content().get(pk=questionnaire.pk)
    submitted = answers_from_request({"r": token}, questionnaire=questionnaire)
    assert submitted.outdated
    assert submitted.answers == {}


@pytest.mark.django_db
def test_answers_follow_into_a_new_version_where_their_questions_still_exist(questionnaire):
    from charter import services

    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "oui", "t1-q2": "non"})
    newer = services.questionnaire_copy(questionnaire=questionnaire)
    services.questionnaire_publish(questionnaire=newer)
    newer.themes.get(slug="theme-1").questions.get(key="t1-q2").delete()
    current = Questionnaire.objects.with_content().current()
    submitted = answers_from_request({"r": token}, questionnaire=current)
    assert submitted.answers == {"t1-q1": "oui"}
    assert submitted.ignored == 1


@pytest.mark.django_db
def test_there_are_no_answers_to_read_without_a_questionnaire():
    assert answers_from_request({}) is None
