"""The awesome-selfhosted importer: matching, maintenance facts, drafts, idempotence, bad files."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from revisions.models import Revision
from tests import factories
from tools import selfhosted
from tools.models import Maintenance, Tool

pytestmark = pytest.mark.django_db

NEXTCLOUD = """\
name: Nextcloud
website_url: https://nextcloud.com/
description: Access and share your files.
licenses:
  - AGPL-3.0
platforms:
  - PHP
tags:
  - Groupware
source_code_url: https://github.com/nextcloud/server
stargazers_count: 36515
updated_at: '2026-08-21'
archived: false
current_release:
  tag: v35.0.0
  published_at: '2026-08-20'
"""
GOTOSOCIAL = """\
name: GoToSocial
website_url: https://gotosocial.org/
description: ActivityPub social network server.
licenses:
  - AGPL-3.0
platforms:
  - Go
tags:
  - Communication - Social Networks and Forums
  - Document Management - Institutional Repository and Digital Library Software
source_code_url: https://codeberg.org/superseriousbusiness/gotosocial
updated_at: '2026-08-01'
archived: false
"""
CLOSED = """\
name: Closed Thing
website_url: https://closed.example.org
description: Not free.
licenses:
  - ⊘ Proprietary
platforms: [Java]
tags: [Miscellaneous]
archived: true
"""


@pytest.fixture
def data(tmp_path):
    software = tmp_path / "software"
    software.mkdir()
    for name, text in [("nextcloud", NEXTCLOUD), ("gotosocial", GOTOSOCIAL), ("closed", CLOSED)]:
        (software / f"{name}.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def nextcloud(db):
    return factories.tool(
        slug="nextcloud",
        name="Nextcloud",
        website="https://nextcloud.com",
        categories=["bureautique"],
    )


def test_it_refreshes_the_maintenance_facts_of_our_entries_without_a_revision(data, nextcloud):
    report = selfhosted.import_selfhosted(folder=data)
    facts = Maintenance.objects.get(tool=nextcloud)
    assert (report.matched, report.imported) == (1, 0)
    assert facts.release == "v35.0.0" and facts.release_date.isoformat() == "2026-08-20"
    assert facts.last_update.isoformat() == "2026-08-21" and not facts.archived
    assert nextcloud.document.revisions.count() == 1
    assert Tool.objects.count() == 1


def test_the_tool_page_shows_the_facts_with_their_source(client, data, nextcloud):
    selfhosted.import_selfhosted(folder=data)
    html = client.get("/outils/nextcloud/").content.decode()
    assert "v35.0.0" in html and "awesome-selfhosted" in html


def test_all_imports_the_others_as_unreviewed_drafts_with_attribution(client, data, nextcloud):
    report = selfhosted.import_selfhosted(folder=data, everything=True)
    assert report.imported == 2
    draft = Tool.objects.get(slug="gotosocial")
    revision = draft.document.current_revision
    assert draft.published and not draft.reviewed
    assert draft.external_id == "awesome-selfhosted:gotosocial"
    assert revision.action == Revision.Action.IMPORT
    assert revision.data["origin"]["licence"] == "CC-BY-SA-3.0"
    assert list(draft.categories.values_list("slug", flat=True)) == ["reseaux-sociaux"]
    assert draft.is_free and not Tool.objects.get(slug="closed-thing").is_free
    assert Maintenance.objects.get(tool__slug="closed-thing").archived
    html = client.get("/outils/gotosocial/").content.decode()
    assert "CC BY-SA 3.0" in html and 'class="notice"' in html
    reviewed_only = client.get("/outils/?relue=1").context["page"].paginator.count
    assert reviewed_only == 1


def test_running_it_again_changes_nothing(data, nextcloud):
    selfhosted.import_selfhosted(folder=data, everything=True)
    revisions = Revision.objects.count()
    facts = list(Maintenance.objects.values_list("pk", "refreshed_at"))
    report = selfhosted.import_selfhosted(folder=data, everything=True)
    assert (report.imported, report.updated, report.refreshed) == (0, 0, 0)
    assert Revision.objects.count() == revisions
    assert list(Maintenance.objects.values_list("pk", "refreshed_at")) == facts


def test_a_draft_follows_the_data_until_someone_edits_it(data, nextcloud):
    selfhosted.import_selfhosted(folder=data, everything=True)
    path = data / "software" / "gotosocial.yml"
    path.write_text(GOTOSOCIAL.replace("ActivityPub social", "Fediverse"), encoding="utf-8")
    assert selfhosted.import_selfhosted(folder=data, everything=True).updated == 1
    draft = Tool.objects.get(slug="gotosocial")
    assert draft.summary.startswith("Fediverse")
    from tools import services

    current = draft.document.current_revision
    services.tool_revise(
        tool=draft,
        base_revision=current,
        data={**current.data, "description": "Notre texte.\n"},
        author=factories.trusted_member(),
    )
    path.write_text(GOTOSOCIAL.replace("ActivityPub social", "Changed again"), encoding="utf-8")
    assert selfhosted.import_selfhosted(folder=data, everything=True).updated == 0
    draft.refresh_from_db()
    assert draft.document.current_revision.text == "Notre texte.\n"


@pytest.mark.parametrize(
    "text, where",
    [
        ("name: Bad\nwebsite_url: https://x.org\nlicenses: [MIT\n", "bad.yml:"),
        ("name: Bad\nwebsite_url: not an address\nlicenses: [MIT]\n", "bad.yml:2: website_url"),
        ("website_url: https://x.org\nlicenses: [MIT]\n", "bad.yml:1: name"),
        ("name: Bad\nwebsite_url: https://x.org\n\n\nlicenses: MIT\n", "bad.yml:5: licenses"),
    ],
)
def test_a_malformed_file_is_reported_with_its_line_and_nothing_changes(
    data, nextcloud, text, where
):
    (data / "software" / "bad.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_awesome_selfhosted", data=data, everything=True, stdout=None)
    assert where in str(error.value)
    assert Tool.objects.count() == 1 and not Maintenance.objects.exists()


def test_addresses_match_whatever_their_spelling():
    assert selfhosted.address_key("https://www.Example.org/app/") == selfhosted.address_key(
        "http://example.org/app"
    )
    assert selfhosted.address_key("") == ""


def test_the_command_reports_what_it_did(data, nextcloud, capsys):
    call_command("import_awesome_selfhosted", data=data, matches=True)
    out = capsys.readouterr().out
    assert "3 entries read; 1 matched" in out and "nextcloud -> nextcloud" in out


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("import_awesome_selfhosted", data=tmp_path / "nowhere")


def test_every_entry_of_the_real_data_reads_when_it_is_there(settings):
    folder = settings.AWESOME_SELFHOSTED_DATA
    if not (folder / "software").is_dir():
        pytest.skip("the awesome-selfhosted data is not next to this checkout")
    entries = selfhosted.read_entries(folder)
    assert len(entries) >= 1000
    assert all(e.name and e.website for e in entries)
