from charter.demo import DEMO_MEMBER, load_demo_diagnostics
from charter.models import Diagnostic, Question, Questionnaire
from tests.factories import UserFactory


def test_admins_edit_the_questionnaire_in_the_admin(admin_client, questionnaire):
    question = Question.objects.get(key="t1-q1")
    for url in [
        "/admin/charter/questionnaire/",
        f"/admin/charter/questionnaire/{questionnaire.pk}/change/",
        f"/admin/charter/question/{question.pk}/change/",
        "/admin/charter/diagnostic/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_admins_copy_a_version_to_change_it_without_touching_saved_results(
    admin_client, questionnaire
):
    admin_client.post(
        "/admin/charter/questionnaire/",
        {"action": "copy_as_new_version", "_selected_action": [questionnaire.pk]},
    )
    copy = Questionnaire.objects.get(version=questionnaire.version + 1)
    assert not copy.is_published
    assert Question.objects.filter(theme__questionnaire=copy).count() == 4


def test_the_demo_adds_two_results_of_the_demo_member_once(questionnaire):
    UserFactory(email=DEMO_MEMBER)
    assert "2 demo results" in load_demo_diagnostics()
    assert "already there" in load_demo_diagnostics()
    assert Diagnostic.objects.count() == 2
    assert Diagnostic.objects.published().count() == 1
