"""Refresh the French catalog: extract strings, apply the translations, compile.

Translations are Python dicts named FR: locale/fr_translations.py (core and accounts) and one
`<app>/translations_fr.py` per domain app, so that each app's strings are reviewed beside its code.

Run with `make messages` (needs gettext's xgettext for the extraction step).
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def load_translations() -> dict:
    """Merge every FR dict of the project."""
    merged = {}
    app_files = sorted(ROOT.glob("*/translations_fr.py"))
    for path in [ROOT / "locale" / "fr_translations.py", *app_files]:
        namespace = {}
        exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102 - our own file
        merged.update(namespace["FR"])
    return merged


CATALOG = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
IGNORED = [".venv", "node_modules", "var", "tests", "*/tests/*", "content", "bench"]


def main() -> int:
    ignore = [f"--ignore={pattern}" for pattern in IGNORED]
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--no-location",
            *ignore,
        ],
        cwd=ROOT,
        check=True,
    )
    translations = load_translations()
    catalog = polib.pofile(str(CATALOG))
    catalog.metadata["Language"] = "fr"
    catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for entry in catalog:
        if entry.msgid_plural:
            translation = translations.get((entry.msgid, entry.msgid_plural))
            if translation:
                entry.msgstr_plural = {0: translation[0], 1: translation[1]}
        else:
            translation = translations.get(entry.msgid)
            if translation:
                entry.msgstr = translation
        if translation:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        else:
            missing.append(entry.msgid)
    catalog.save()
    catalog.save_as_mofile(str(CATALOG.with_suffix(".mo")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
