"""The shipped content of this app: content/charte/charte.yml and content/diagnostic/.

The charter is a page of text: it is read from its file (parsed once per process and again when
the file changes), like the other pages whose text ships with the code. The questionnaire is
data: `load_content` puts it in the database, as a new version when the file's `version` changes.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

from charter import services

CHARTER_FILE = Path(settings.BASE_DIR) / "content" / "charte" / "charte.yml"
QUESTIONNAIRE_FILE = Path("diagnostic") / "questionnaire.yml"

# Where the title of a page linked from the content is written, to show it instead of its address.
LABEL_SOURCES = [
    (re.compile(r"^/outils/remplacer/([\w-]+)/$"), "outils/services/{}.yml", "name"),
    (re.compile(r"^/outils/([\w-]+)/$"), "outils/outils/{}.yml", "name"),
    (re.compile(r"^/ressources/([\w-]+)/$"), "ressources/{}.md", "title"),
    (re.compile(r"^/ateliers/programmes/([\w-]+)/$"), "ateliers/programmes/{}.md", "title"),
    (re.compile(r"^/charte/$"), "charte/charte.yml", "title"),
]


@dataclass(frozen=True)
class Principle:
    slug: str
    title: str
    summary: str
    in_practice: str
    act_here: tuple[dict, ...]


@dataclass(frozen=True)
class CharterText:
    title: str
    intro: str
    principles: tuple[Principle, ...]
    ess_principles: str
    challenge: str


def charter_document(path: Path = CHARTER_FILE) -> CharterText:
    return _read_charter(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read_charter(path: Path, _mtime: int) -> CharterText:
    data = _yaml(path)
    principles = tuple(
        Principle(
            slug=item["slug"],
            title=item["title"],
            summary=item.get("summary", ""),
            in_practice=item.get("in_practice", ""),
            act_here=tuple(item.get("act_here") or ()),
        )
        for item in data["principles"]
    )
    return CharterText(
        title=data["title"],
        intro=data.get("intro", ""),
        principles=principles,
        ess_principles=data.get("ess_principles", ""),
        challenge=data.get("challenge", ""),
    )


def load_content(content_dir: Path) -> str:
    """The content loader of this app (manage.py load_content). Idempotent."""
    charter = charter_document(content_dir / "charte" / "charte.yml")
    data = _yaml(content_dir / QUESTIONNAIRE_FILE)
    labels = {}
    for question in data.get("questions") or []:
        for link in (question.get("action") or {}).get("links") or []:
            if isinstance(link, str):
                labels[link] = link_label(content_dir, link)
    questionnaire, created = services.questionnaire_load(data=data, link_labels=labels)
    themes = questionnaire.themes.count()
    questions = sum(theme.questions.count() for theme in questionnaire.themes.all())
    state = "loaded" if created else "already loaded"
    return (
        f"charter of {len(charter.principles)} principles; questionnaire version "
        f"{questionnaire.version} {state}: {questions} questions over {themes} themes"
    )


def link_label(content_dir: Path, path: str) -> str:
    """The title of the shipped page at `path` (a tool's name, an article's title…), or `path`."""
    for pattern, file_pattern, field in LABEL_SOURCES:
        match = pattern.match(path)
        if not match:
            continue
        file = content_dir / file_pattern.format(*match.groups())
        if file.exists():
            data = _front_matter(file) if file.suffix == ".md" else _yaml(file)
            return str(data.get(field) or path)
    return path


def _yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - safe loader


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        return {}
    return yaml.load(text[4 : text.index("\n---\n", 4)], Loader=_Loader) or {}  # noqa: S506


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
