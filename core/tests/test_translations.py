"""French is the default and must be complete: an untranslated or fuzzy string fails here."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

from tests.browser import missing

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "locale" / "fr" / "LC_MESSAGES"
# Every app of the project (a folder with an apps.py), plus config and the catalog itself.
SOURCE_DIRS = ["config", "locale", *sorted(p.parent.name for p in ROOT.glob("*/apps.py"))]


def test_the_french_catalog_has_no_untranslated_or_fuzzy_entry():
    catalog = polib.pofile(str(CATALOG / "django.po"))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_the_compiled_catalog_matches_the_source_catalog():
    source = {
        (e.msgctxt, e.msgid): e for e in polib.pofile(str(CATALOG / "django.po")) if not e.obsolete
    }
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(CATALOG / "django.mo"))}
    stale = [
        key
        for key, entry in source.items()
        if entry.msgid
        and (
            key not in compiled
            or compiled[key].msgstr != entry.msgstr
            or compiled[key].msgstr_plural != entry.msgstr_plural
        )
    ]
    assert not stale, f"run `make messages`: {stale[:5]}"


def test_every_string_of_the_code_is_in_the_french_catalog(tmp_path):
    """Extract the strings afresh from a copy of the sources and compare with the catalog."""
    if shutil.which("xgettext") is None:
        missing("gettext (xgettext)")
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("tests"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    missing_ids = [entry.msgid for entry in fresh.untranslated_entries()]
    assert not missing_ids, f"strings without a French translation: {missing_ids}"


def test_no_module_hides_gettext_behind_an_alias_the_extractor_does_not_know():
    """makemessages finds _(), gettext(), gettext_lazy()… but not `gettext_lazy as _lazy`:
    strings marked that way were shown in English on French pages."""
    import re

    alias = re.compile(r"import .*\b(?:n|p)?gettext(?:_lazy)? as (?!_\b)\w+")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in SOURCE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        if alias.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
