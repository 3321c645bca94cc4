import pytest
from django.core.management import call_command

from core import search
from tools import licences
from tools.models import Hoster, Service, Tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    call_command("load_content", verbosity=0)


def test_free_or_not_is_derived_from_spdx_data():
    assert licences.is_free("AGPL-3.0-or-later")
    assert licences.is_free("MIT OR LicenseRef-Proprietary")
    assert not licences.is_free("LicenseRef-Proprietary")
    assert not licences.is_free("BUSL-1.1")
    assert not licences.is_free("AGPL-3.0-only AND LicenseRef-Proprietary")
    assert not licences.is_free("")
    assert not licences.is_known("Pas-une-licence-1.0")


def test_the_shipped_directory_loads_once(directory):
    assert Tool.objects.filter(published=True).count() >= 120
    assert Hoster.objects.count() >= 15
    assert Service.objects.count() >= 40
    count = Tool.objects.get(slug="mastodon").document.revisions.count()
    call_command("load_content", verbosity=0)
    assert Tool.objects.get(slug="mastodon").document.revisions.count() == count
    assert Tool.objects.get(slug="mastodon").is_free
    assert not Tool.objects.get(slug="facebook").is_free


def test_filters_combine_and_count_per_value(client, directory):
    html = client.get("/outils/?libre=1&categorie=microblogage").content.decode()
    assert "Mastodon" in html and "X (ex-Twitter)" not in html
    response = client.get("/outils/?categorie=microblogage&libre=1&niveau=debutant")
    assert response.status_code == 200
    tools = response.context["page"].object_list
    assert all(t.is_free and t.skill_level == "debutant" for t in tools)
    facets = response.context["facets"]
    microblog = {c.slug: n for c, n in facets["categories"]}["microblogage"]
    assert microblog == response.context["page"].paginator.count, facets["categories"]


def test_unknown_filter_values_are_ignored_with_a_notice(client, directory):
    response = client.get("/outils/?categorie=inexistante&niveau=expert&hebergeur=martien")
    assert response.status_code == 200
    assert "inexistante" in response.content.decode()
    assert response.context["page"].paginator.count == Tool.objects.filter(published=True).count()


def test_a_tool_page_shows_criteria_offers_and_what_it_replaces(client, directory):
    html = client.get("/outils/mastodon/").content.decode()
    assert "AGPL-3.0-or-later" in html
    assert "/outils/hebergeurs/" in html
    assert "/outils/remplacer/x-twitter/" in html
    assert html.count("<tr>") >= 8  # header + 7 criteria, each with its reason


def test_alternatives_pages_and_hosters(client, directory):
    html = client.get("/outils/remplacer/facebook/").content.decode()
    assert "/outils/mastodon/" in html or "/outils/mobilizon/" in html
    assert client.get("/outils/remplacer/").status_code == 200
    assert client.get("/outils/hebergeurs/framasoft/").status_code == 200
    assert client.get("/outils/inconnu/").status_code == 404


def test_tools_are_found_by_search(directory):
    titles = [hit.title for hit in search.search("mastodon").hits]
    assert "Mastodon" in titles
    assert search.search("microblogage", kinds=["tool"]).total >= 1


def test_stale_entries_are_listed_for_contributors(client, directory):
    tool = Tool.objects.get(slug="mastodon")
    tool.last_checked = tool.last_checked.replace(year=2020)
    tool.save()
    assert "Mastodon" in client.get("/outils/a-verifier/").content.decode()
    assert "plus de 12 mois" in client.get("/outils/mastodon/").content.decode()


def test_directory_pages_use_few_queries(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get("/outils/?libre=1&categorie=microblogage")
    with django_assert_max_num_queries(20):
        client.get("/outils/mastodon/")
