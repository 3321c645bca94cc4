import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from charter import services
from charter.answers import answers_sign
from charter.models import DONT_KNOW, Diagnostic
from tests.factories import UserFactory

from .conftest import all_questions

MAX_HTML_BYTES = 30 * 1024


def result_url(questionnaire, answers, *, lang=""):
    token = answers_sign(questionnaire=questionnaire, answers=answers)
    return f"{lang}{reverse('charter:diagnostic-result')}?r={token}"


def token_in(html):
    return re.search(r'name="r" value="([^"]+)"', html).group(1)


# The start page and the questionnaire


@pytest.mark.django_db
def test_the_diagnostic_says_so_when_no_questionnaire_is_loaded(client):
    response = client.get("/diagnostic/")
    assert response.status_code == 200
    assert "questionnaire" in response.content.decode()
    assert client.get("/diagnostic/questions/transparence/").status_code == 404


def test_the_start_page_lists_the_themes_and_starts_without_an_account(client, questionnaire):
    response = client.get("/diagnostic/")
    html = response.content.decode()
    assert 'href="/diagnostic/questions/theme-1/"' in html
    assert "Thème 2" in html
    assert not response.cookies


def test_a_theme_page_asks_each_question_as_a_group_of_radio_buttons(client, questionnaire):
    response = client.get("/diagnostic/questions/theme-1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 2
    assert html.count("<legend>") == 2
    assert 'type="radio" name="q-t1-q1" value="ne-sait-pas"' in html
    assert "Je ne sais pas" in html
    assert '<form method="get"' in html  # no POST, so no CSRF cookie either
    assert not response.cookies


def test_next_carries_the_answers_and_previous_brings_them_back(client, questionnaire):
    page_1 = client.get("/diagnostic/questions/theme-1/").content.decode()
    page_2 = client.get(
        "/diagnostic/questions/theme-2/", {"r": token_in(page_1), "q-t1-q1": "oui"}
    ).content.decode()
    assert 'formaction="/diagnostic/questions/theme-1/"' in page_2
    back = client.get(
        "/diagnostic/questions/theme-1/", {"r": token_in(page_2), "q-t2-q2": DONT_KNOW}
    ).content.decode()
    assert re.search(r'value="oui" id="id_q-t1-q1_3"\s+checked', back)
    forward = client.get("/diagnostic/questions/theme-2/", {"r": token_in(back)}).content.decode()
    assert re.search(r'value="ne-sait-pas" id="id_q-t2-q2_4"\s+checked', forward)


def test_the_last_theme_leads_to_the_result(client, questionnaire):
    html = client.get("/diagnostic/questions/theme-2/").content.decode()
    assert 'action="/diagnostic/resultat/"' in html


def test_an_unknown_theme_is_not_found(client, questionnaire):
    assert client.get("/diagnostic/questions/nulle-part/").status_code == 404


def test_an_answer_that_matches_nothing_is_ignored_with_a_notice(client, questionnaire):
    response = client.get("/diagnostic/questions/theme-1/", {"q-t1-q1": "<script>", "q-x": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 réponses ne correspondaient" in html
    assert "<script>" not in html


def test_a_tampered_token_is_ignored_with_a_notice(client, questionnaire):
    response = client.get("/diagnostic/resultat/", {"r": "1.abcdef.0000~faux"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "avaient été modifiées ou tronquées" in html
    assert "Aucun score pour l’instant" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/diagnostic/", "/diagnostic/questions/theme-1/", "/diagnostic/resultat/", "/charte/"]
)
def test_reading_pages_refuse_writes(client, questionnaire, path):
    assert client.post(path).status_code == 405


# The result


def test_the_result_shows_scores_by_theme_as_a_chart_and_a_table(client, questionnaire):
    url = result_url(questionnaire, {"t1-q1": "oui", "t1-q2": "un-peu", "t2-q1": DONT_KNOW})
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="chart"' in html and 'role="img"' in html
    assert "style=" not in html and "<style" not in html  # the CSP forbids inline styles
    assert re.search(r"<th scope=\"row\">.*Thème 1.*</th>\s*<td>67\s*%</td>", html)
    assert "0 à 3 points" in html  # the method is shown
    assert set(response.cookies) <= {"csrftoken"}


def test_the_plan_offers_to_find_out_when_the_answer_was_i_dont_know(client, questionnaire):
    html = client.get(result_url(questionnaire, {"t2-q1": DONT_KNOW})).content.decode()
    assert "À vérifier d’abord" in html
    assert "Question numéro" in html


def test_the_result_is_downloadable_as_json_without_saving(client, questionnaire):
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "non"})
    response = client.get("/diagnostic/resultat.json", {"r": token})
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["plan"][0]["question"] == "t1-q1"
    assert not Diagnostic.objects.exists()


def test_each_theme_of_the_result_details_the_answers_and_the_actions(client, questionnaire):
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "non"})
    html = client.get("/diagnostic/resultat/themes/theme-1/", {"r": token}).content.decode()
    assert "Agir sur t1-q1" in html
    assert "Votre réponse" in html
    assert client.get("/diagnostic/resultat/themes/nulle-part/", {"r": token}).status_code == 404


def test_links_of_actions_to_pages_that_do_not_exist_are_plain_text(client, questionnaire):
    action = all_questions(questionnaire)[0].action
    action.links = [{"url": "/outils/nulle-part/", "label": "Outil fantôme"}]
    action.save()
    html = client.get(result_url(questionnaire, {"t1-q1": "non"})).content.decode()
    assert "Outil fantôme" in html
    assert 'href="/outils/nulle-part/"' not in html
    assert (
        'href="/charte/"'
        in client.get(result_url(questionnaire, {"t1-q2": "non"})).content.decode()
    )


def test_the_english_result_keeps_the_content_in_french_and_says_so(client, questionnaire):
    html = client.get(result_url(questionnaire, {"t1-q1": "non"}, lang="/en")).content.decode()
    assert '<html lang="en"' in html
    assert 'lang="fr">Agir sur t1-q1' in html
    assert "Your action plan" in html


def test_the_result_page_stays_light_even_with_every_action(client, shipped_questionnaire, member):
    questions = all_questions(shipped_questionnaire)
    worst = {q.key: q.answers.all()[0].value for q in questions}
    unsure = dict.fromkeys(worst, DONT_KNOW)
    services.diagnostic_save(questionnaire=shipped_questionnaire, answers=worst, owner=member)
    client.force_login(member)
    for answers in (worst, unsure):
        for lang in ("", "/en"):
            size = len(client.get(result_url(shipped_questionnaire, answers, lang=lang)).content)
            assert size < MAX_HTML_BYTES, (lang, size)
    diagnostic = Diagnostic.objects.get()
    assert len(client.get(diagnostic.get_absolute_url()).content) < MAX_HTML_BYTES


def test_the_main_pages_make_a_bounded_number_of_queries(
    client, shipped_questionnaire, django_assert_max_num_queries
):
    url = result_url(shipped_questionnaire, {"transparence-comptes": "non"})
    for path in ["/diagnostic/", "/diagnostic/questions/transparence/", url]:
        with django_assert_max_num_queries(7):
            assert client.get(path).status_code == 200


# Saving, the private link, revoking


def test_saving_needs_a_post(client, questionnaire):
    assert client.get("/diagnostic/enregistrer/").status_code == 405


def test_saving_gives_a_private_link_to_the_result(client, questionnaire):
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    response = client.post("/diagnostic/enregistrer/", {"r": token})
    diagnostic = Diagnostic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/diagnostic/resultats/{diagnostic.token}/"
    assert diagnostic.owner is None
    html = client.get(response["Location"]).content.decode()
    assert f"http://testserver/diagnostic/resultats/{diagnostic.token}/" in html
    assert "Cache-Control" in client.get(response["Location"]).headers


def test_saving_without_answers_is_refused_with_a_message(client, questionnaire):
    response = client.post("/diagnostic/enregistrer/", {"r": "n'importe quoi"})
    assert response.status_code == 400
    assert "Aucune réponse à enregistrer" in response.content.decode()
    assert not Diagnostic.objects.exists()


def test_saving_can_be_limited_per_address(client, questionnaire, settings):
    settings.PRESENCE_RATE_LIMITS = {"diagnostic-save": {"anonymous": (1, 3600)}}
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    assert client.post("/diagnostic/enregistrer/", {"r": token}).status_code == 302
    assert client.post("/diagnostic/enregistrer/", {"r": token}).status_code == 429
    assert Diagnostic.objects.count() == 1


def test_an_unknown_private_link_is_not_found(client, questionnaire):
    assert client.get("/diagnostic/resultats/pas-un-vrai-jeton/").status_code == 404


def test_revoking_an_anonymous_link_deletes_the_result(client, questionnaire):
    diagnostic = services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    url = diagnostic.get_absolute_url()
    assert client.get(url + "revoquer/").status_code == 405
    response = client.post(url + "revoquer/")
    assert response["Location"] == "/diagnostic/lien-revoque/"
    assert client.get(url).status_code == 404


def test_only_the_owner_can_revoke_a_members_link(client, questionnaire, member):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member
    )
    assert client.post(diagnostic.get_absolute_url() + "revoquer/").status_code == 403
    client.force_login(member)
    response = client.post(diagnostic.get_absolute_url() + "revoquer/")
    diagnostic.refresh_from_db()
    assert response["Location"] == diagnostic.get_absolute_url()


def test_an_old_private_link_shows_the_result_with_its_own_version(client, questionnaire):
    diagnostic = services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    newer = services.questionnaire_copy(questionnaire=questionnaire)
    services.questionnaire_publish(questionnaire=newer)
    html = client.get(diagnostic.get_absolute_url()).content.decode()
    assert f"version {questionnaire.version} du questionnaire" in html
    assert f"(version {newer.version})" in html
    assert re.search(r"Thème 1.*</th>\s*<td>100\s*%</td>", html)


def test_the_saved_result_downloads_as_json(client, questionnaire):
    diagnostic = services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    response = client.get(reverse("charter:diagnostic-detail-json", args=[diagnostic.token]))
    assert json.loads(response.content)["answers"] == {"t1-q1": "oui"}


# Members: keeping, progress, publishing


def test_a_members_result_is_kept_in_their_account(member_client, member, questionnaire):
    token = answers_sign(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    member_client.post("/diagnostic/enregistrer/", {"r": token})
    assert Diagnostic.objects.get().owner == member
    html = member_client.get("/diagnostic/mes-resultats/").content.decode()
    assert "Résultat du" in html


def test_a_member_keeps_a_result_reached_by_its_private_link(member_client, member, questionnaire):
    diagnostic = services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "oui"})
    member_client.post(diagnostic.get_absolute_url() + "garder/")
    diagnostic.refresh_from_db()
    assert diagnostic.owner == member


def test_a_later_diagnostic_shows_progress_theme_by_theme(member_client, member, questionnaire):
    services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "non", "t1-q2": "non"}, owner=member
    )
    html = member_client.get(
        result_url(questionnaire, {"t1-q1": "oui", "t1-q2": "oui"})
    ).content.decode()
    assert "Évolution" in html
    assert "+100" in html
    assert 'class="chart-previous"' in html


def test_progress_is_not_shown_to_someone_else_holding_the_link(client, member, questionnaire):
    services.diagnostic_save(questionnaire=questionnaire, answers={"t1-q1": "non"}, owner=member)
    later = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member
    )
    assert "Évolution" not in client.get(later.get_absolute_url()).content.decode()


def test_a_member_publishes_the_profile_of_their_organisation(member_client, member, questionnaire):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member
    )
    publish = diagnostic.get_absolute_url() + "publier/"
    response = member_client.post(publish, {"organisation_name": ""})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    response = member_client.post(publish, {"organisation_name": "Les Tisserands"})
    assert response["Location"] == "/diagnostic/publics/les-tisserands/"
    public = member_client.get("/diagnostic/publics/les-tisserands/").content.decode()
    assert "Les Tisserands" in public
    assert "Agir sur" not in public  # the plan stays private
    assert "Les Tisserands" in member_client.get("/diagnostic/publics/").content.decode()
    sitemap = member_client.get("/sitemap.xml").content.decode()
    assert "/diagnostic/publics/les-tisserands/" in sitemap


def test_only_the_owner_publishes(member_client, questionnaire):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=UserFactory()
    )
    assert member_client.get(diagnostic.get_absolute_url() + "publier/").status_code == 403
    anonymous = Client().get(diagnostic.get_absolute_url() + "publier/")
    assert anonymous.status_code == 302 and "/compte/login/" in anonymous["Location"]


def test_an_unpublished_profile_is_gone(member_client, member, questionnaire):
    diagnostic = services.diagnostic_save(
        questionnaire=questionnaire, answers={"t1-q1": "oui"}, owner=member
    )
    services.diagnostic_publish(diagnostic=diagnostic, organisation_name="Les Tisserands")
    member_client.post(diagnostic.get_absolute_url() + "depublier/")
    assert member_client.get("/diagnostic/publics/les-tisserands/").status_code == 404


def test_a_members_pages_make_a_bounded_number_of_queries(
    member_client, member, shipped_questionnaire, django_assert_max_num_queries
):
    for answers in ({"transparence-comptes": "non"}, {"transparence-comptes": "oui"}):
        diagnostic = services.diagnostic_save(
            questionnaire=shipped_questionnaire, answers=answers, owner=member
        )
    url = result_url(shipped_questionnaire, {"transparence-comptes": "brut"})
    for path in [url, diagnostic.get_absolute_url(), "/diagnostic/mes-resultats/"]:
        with django_assert_max_num_queries(12):
            assert member_client.get(path).status_code == 200


def test_link_answers_are_kept_until_a_page_appears(db, monkeypatch):
    from charter import markup
    from core.cache import bump_content_generation

    calls = []
    monkeypatch.setattr(markup, "internal_link_exists", lambda path: calls.append(path) or False)
    markup._answers.clear()
    assert markup.LinkCache().url("/outils/nouvel-outil/") is None
    assert markup.LinkCache().url("/outils/nouvel-outil/") is None
    assert calls == ["/outils/nouvel-outil/"]
    bump_content_generation()
    monkeypatch.setattr(markup, "internal_link_exists", lambda path: True)
    assert markup.LinkCache().url("/outils/nouvel-outil/") == "/outils/nouvel-outil/"


def test_a_visitors_result_is_rendered_once_per_answers(client, shipped_questionnaire):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from charter.answers import answers_sign

    questions = [q for theme in shipped_questionnaire.themes.all() for q in theme.questions.all()]
    answers = {q.key: q.answers.all()[0].value for q in questions[:5]}
    token = answers_sign(questionnaire=shipped_questionnaire, answers=answers)
    url = f"/diagnostic/resultat/?r={token}"
    first = client.get(url)
    with CaptureQueriesContext(connection) as again_queries:
        again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert first.context["body"] == again.context["body"]
    assert "<svg" in again.context["body"]
    assert len(again_queries.captured_queries) < 8
