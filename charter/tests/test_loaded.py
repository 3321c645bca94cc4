"""Questionnaires are loaded once per process, and again after any edit in the admin."""

from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from charter.admin import QuestionAdmin
from charter.loaded import questionnaire_with_content, questionnaires_edited
from charter.models import Question
from tests import factories


def test_a_questionnaire_is_loaded_once_until_it_is_edited(db):
    questionnaire = factories.questionnaire_with_content(is_published=True)
    first = questionnaire_with_content(questionnaire.pk)
    with CaptureQueriesContext(connection) as queries:
        again = questionnaire_with_content(questionnaire.pk)
    assert again is first
    assert len(queries.captured_queries) <= 1  # the edit counter, in the cache table
    question = Question.objects.filter(theme__questionnaire=questionnaire).first()
    question.text = "Une question corrigée ?"
    question.save()
    questionnaires_edited()
    texts = [
        q.text
        for t in questionnaire_with_content(questionnaire.pk).themes.all()
        for q in t.questions.all()
    ]
    assert "Une question corrigée ?" in texts


def test_saving_in_the_admin_forgets_the_loaded_questionnaires(db, admin_user):
    questionnaire = factories.questionnaire_with_content(is_published=True)
    first = questionnaire_with_content(questionnaire.pk)
    request = RequestFactory().post("/")
    request.user = admin_user

    class Form:
        def save_m2m(self):
            pass

    QuestionAdmin(Question, admin.site).save_related(request, Form(), [], True)
    assert questionnaire_with_content(questionnaire.pk) is not first
    assert questionnaire_with_content(None) is None
