import copy
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from charter import services
from charter.models import DONT_KNOW, Action, Answer, Diagnostic, Question, Questionnaire, Theme
from core.site import SiteReadOnly, site_settings_save
from tests.factories import UserFactory

from .conftest import all_questions

SHIPPED = Path(settings.BASE_DIR) / "content" / "diagnostic" / "questionnaire.yml"


@pytest.fixture
def shipped_data():
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def score(questionnaire, **answers):
    return services.diagnostic_score(questionnaire=questionnaire, answers=answers)


# Scoring


def test_a_theme_scores_the_points_obtained_over_the_points_possible(questionnaire):
    result = score(questionnaire, **{"t1-q1": "oui", "t1-q2": "un-peu"})
    theme = result.themes[0]
    assert (theme.points, theme.possible, theme.score) == (4, 6, 67)
    assert result.themes[1].score is None


def test_i_dont_know_is_left_out_of_the_score_and_is_not_a_penalty(questionnaire):
    with_dont_know = score(questionnaire, **{"t1-q1": "oui", "t1-q2": DONT_KNOW})
    theme = with_dont_know.themes[0]
    assert theme.score == 100
    assert (theme.answered, theme.dont_know, theme.unanswered) == (1, 1, 0)


def test_i_dont_know_leads_to_something_to_find_out(questionnaire):
    result = score(questionnaire, **{"t1-q2": DONT_KNOW})
    [item] = result.plan
    assert item.kind == "learn"
    assert item.question == "t1-q2"
    assert item.text == "Parce que cela compte."  # why the question matters


def test_the_overall_score_is_the_mean_of_the_themes(questionnaire):
    result = score(questionnaire, **{"t1-q1": "oui", "t2-q1": "non", "t2-q2": "non"})
    assert [t.score for t in result.themes] == [100, 0]
    assert result.overall == 50


def test_no_answer_gives_no_score_rather_than_zero(questionnaire):
    result = score(questionnaire)
    assert result.overall is None
    assert result.unanswered == 4
    assert result.plan == ()


def test_unknown_answers_are_left_out_of_the_score(questionnaire):
    result = score(questionnaire, **{"t1-q1": "oui", "t1-q2": "peut-etre", "nulle-part": "oui"})
    assert result.answered == 1
    assert result.answers == {"t1-q1": "oui"}


def test_the_plan_puts_the_strongest_impact_first_then_the_smallest_effort(questionnaire):
    efforts = {
        "t1-q1": ("eleve", "fort"),
        "t1-q2": ("faible", "moyen"),
        "t2-q1": ("faible", "fort"),
    }
    for key, (effort, impact) in efforts.items():
        Action.objects.filter(question__key=key).update(effort=effort, impact=impact)
    questionnaire = Questionnaire.objects.with_content().get(pk=questionnaire.pk)
    result = score(
        questionnaire, **{"t1-q1": "non", "t1-q2": "non", "t2-q1": "non", "t2-q2": "oui"}
    )
    assert [item.question for item in result.plan] == ["t2-q1", "t1-q1", "t1-q2"]


def test_an_answer_with_the_best_score_calls_for_no_action(questionnaire):
    result = score(questionnaire, **{"t1-q1": "oui", "t1-q2": "en-partie"})
    assert [item.question for item in result.plan] == ["t1-q2"]


def test_a_result_compared_with_an_earlier_one_shows_the_change_by_theme(questionnaire):
    earlier = score(questionnaire, **{"t1-q1": "non", "t1-q2": "non"})
    later = score(questionnaire, **{"t1-q1": "oui", "t1-q2": "en-partie"}).compared_with(earlier)
    assert later.themes[0].previous == 0
    assert later.themes[0].change == 83
    assert later.themes[1].change is None
    assert later.overall_change == 83


def test_the_json_of_a_result_says_the_method_and_each_theme(questionnaire):
    data = score(questionnaire, **{"t1-q1": "oui"}).as_json()
    assert data["questionnaire"]["version"] == questionnaire.version
    assert data["overall"]["score"] == 100
    assert [theme["slug"] for theme in data["themes"]] == ["theme-1", "theme-2"]
    assert "0 to 3 points" in data["method"] or "0 à 3 points" in data["method"]


# Loading the shipped questionnaire


@pytest.mark.django_db
def test_the_shipped_questionnaire_loads_52_questions_over_14_themes(shipped_data):
    questionnaire, created = services.questionnaire_load(data=shipped_data)
    assert created and questionnaire.is_published
    assert Theme.objects.count() == 14
    assert Question.objects.count() == 52
    assert Action.objects.count() == 52
    assert Questionnaire.objects.current() == questionnaire


@pytest.mark.django_db
def test_loading_the_same_version_twice_changes_nothing(shipped_data):
    services.questionnaire_load(data=shipped_data)
    counts = [Questionnaire.objects.count(), Question.objects.count(), Answer.objects.count()]
    _questionnaire, created = services.questionnaire_load(data=shipped_data)
    assert not created
    assert [
        Questionnaire.objects.count(),
        Question.objects.count(),
        Answer.objects.count(),
    ] == counts


@pytest.mark.django_db
def test_an_admin_correction_survives_a_reload_of_the_same_version(shipped_data):
    services.questionnaire_load(data=shipped_data)
    Question.objects.filter(key="transparence-comptes").update(text="Corrigé par un admin ?")
    services.questionnaire_load(data=shipped_data)
    assert Question.objects.get(key="transparence-comptes").text == "Corrigé par un admin ?"


@pytest.mark.django_db
def test_a_new_version_in_the_file_adds_a_version_and_becomes_current(shipped_data):
    first, _ = services.questionnaire_load(data=shipped_data)
    changed = copy.deepcopy(shipped_data)
    changed["version"] = 2
    changed["questions"] = changed["questions"][:-1]
    second, created = services.questionnaire_load(data=changed)
    assert created
    assert Questionnaire.objects.current() == second
    assert Question.objects.filter(theme__questionnaire=first).count() == 52
    assert Question.objects.filter(theme__questionnaire=second).count() == 51


@pytest.mark.django_db
def test_links_of_actions_get_the_titles_of_the_pages_they_lead_to(shipped_data):
    labels = {"/outils/paheko/": "Paheko"}
    services.questionnaire_load(data=shipped_data, link_labels=labels)
    links = Action.objects.get(question__key="transparence-comptes").links
    assert {"url": "/outils/paheko/", "label": "Paheko"} in links


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(version="un"),
        lambda d: d["questions"][0].update(theme="inconnu"),
        lambda d: d["questions"][1].update(id=d["questions"][0]["id"]),
        lambda d: d["questions"][0]["answers"][0].update(score=4),
        lambda d: d["questions"][0]["answers"][0].update(value=DONT_KNOW),
        lambda d: d["questions"][0]["action"].update(effort="immense"),
    ],
)
def test_a_questionnaire_file_with_a_mistake_is_refused_and_nothing_is_loaded(shipped_data, change):
    change(shipped_data)
    with pytest.raises(services.QuestionnaireDataError):
        services.questionnaire_load(data=shipped_data)
    assert not Questionnaire.objects.exists()


@pytest.mark.django_db
def test_a_copy_is_a_new_unpublished_version_with_the_same_content(questionnaire):
    copy_ = services.questionnaire_copy(questionnaire=questionnaire)
    assert copy_.version == questionnaire.version + 1
    assert not copy_.is_published
    assert Questionnaire.objects.current() == questionnaire
    copied = Questionnaire.objects.with_content().get(pk=copy_.pk)
    assert [q.key for q in all_questions(copied)] == [q.key for q in all_questions(questionnaire)]
    assert all(q.action.title for q in all_questions(copied))
    services.questionnaire_publish(questionnaire=copy_)
    assert Questionnaire.objects.current() == copy_


# Saved results


@pytest.mark.django_db
def test_saving_keeps_the_answers_behind_an_unguessable_token(questionnaire):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui", "t1-q2": "inconnue"}
    )
    assert diagnostic.answers == {"t1-q1": "oui"}
    assert len(diagnostic.token) >= 40
    assert diagnostic.owner is None


@pytest.mark.django_db
def test_there_is_nothing_to_save_without_an_answer(questionnaire):
    with pytest.raises(ValidationError):
        services.diagnostic_save(questionnaire=questionnaire, answers={})
    assert not Diagnostic.objects.exists()


@pytest.mark.django_db
def test_nothing_is_saved_while_the_site_is_read_only(questionnaire):
    site_settings_save(read_only=True)
    with pytest.raises(SiteReadOnly):
        services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})


@pytest.mark.django_db
def test_revoking_an_anonymous_result_deletes_it(questionnaire):
    diagnostic = services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    assert services.diagnostic_revoke(diagnostic=diagnostic) is None
    assert not Diagnostic.objects.exists()


@pytest.mark.django_db
def test_revoking_a_members_result_gives_it_a_new_private_token(questionnaire, member):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member
    )
    old = diagnostic.token
    services.diagnostic_revoke(diagnostic=diagnostic)
    diagnostic.refresh_from_db()
    assert diagnostic.token != old
    assert not Diagnostic.objects.filter(token=old).exists()


@pytest.mark.django_db
def test_a_member_cannot_take_a_result_kept_by_someone_else(questionnaire, member):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=UserFactory()
    )
    with pytest.raises(PermissionDenied):
        services.diagnostic_attach(diagnostic=diagnostic, owner=member)


@pytest.mark.django_db
def test_publishing_gives_a_public_address_from_the_organisation_name(questionnaire, member):
    def published(name):
        diagnostic = services.diagnostic_save(
            questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member
        )
        return services.diagnostic_publish(diagnostic=diagnostic, organisation_name=name)

    assert published("  Les Tisserands  ").public_slug == "les-tisserands"
    assert published("Les Tisserands !").public_slug == "les-tisserands-2"
    assert Diagnostic.objects.published().count() == 2


@pytest.mark.django_db
def test_only_a_result_kept_in_an_account_can_be_published(questionnaire):
    diagnostic = services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    with pytest.raises(ValidationError):
        services.diagnostic_publish(diagnostic=diagnostic, organisation_name="Les Tisserands")


@pytest.mark.django_db
def test_unpublishing_frees_the_public_address(questionnaire, member):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member
    )
    services.diagnostic_publish(diagnostic=diagnostic, organisation_name="Les Tisserands")
    services.diagnostic_unpublish(diagnostic=diagnostic)
    assert not Diagnostic.objects.published().exists()
    assert diagnostic.public_slug is None


@pytest.mark.django_db
def test_a_result_is_read_with_the_version_it_was_taken_on(questionnaire):
    diagnostic = services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    newer = services.questionnaire_copy(questionnaire=questionnaire)
    Question.objects.filter(theme__questionnaire=newer, key="t1-q1").delete()
    services.questionnaire_publish(questionnaire=newer)
    result = services.diagnostic_result(diagnostic=diagnostic)
    assert result.version == questionnaire.version
    assert result.themes[0].score == 100


@pytest.mark.django_db
def test_a_members_data_download_includes_their_results(questionnaire, member):
    from accounts.services import personal_data_export

    services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member)
    data = personal_data_export(user=member)
    assert data["diagnostics"][0]["answers"] == {"t1-q1": "oui"}
    assert data["diagnostics"][0]["private_link"].startswith("/diagnostic/resultats/")


@pytest.mark.django_db
def test_deleting_an_account_deletes_its_results(questionnaire, member):
    from accounts.services import account_delete

    services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member)
    account_delete(user=member)
    assert not Diagnostic.objects.exists()
