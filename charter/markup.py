"""The shipped texts of the charter and the questionnaire, from Markdown to safe HTML.

These texts are written by the team (content/) or by admins, never by visitors; still, raw HTML
is not allowed in them. Internal links become links only when the page exists: the tools,
resources and workshops they point to may not be published yet (core.registry).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from core.cache import content_generation
from core.registry import internal_link_exists

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown(text: str, links: "LinkCache | None" = None) -> SafeString:
    links = links or LinkCache()
    tokens = _parser.parse(text or "")
    for token in tokens:
        for index, child in enumerate(token.children or []):
            if child.type == "link_open":
                _link(child, token.children[index:], links)
            elif child.type == "image":  # no image from content: its description only
                child.type, child.children = "text", None
    return mark_safe(_parser.renderer.render(tokens, _parser.options, {}))  # noqa: S308 - no raw HTML


def _link(token, following, links):
    href = token.attrGet("href") or ""
    if href.startswith("/"):
        url = links.url(href)
        if url is None:
            token.tag, token.attrs = "span", {}
            next(t for t in following if t.type == "link_close").tag = "span"
        else:
            token.attrSet("href", url)
    elif urlsplit(href).scheme not in ("http", "https"):
        token.tag, token.attrs = "span", {}
        next(t for t in following if t.type == "link_close").tag = "span"


@dataclass
class ContentLink:
    url: str | None  # None: the page does not exist (yet); shown as text
    text: str

    def __html__(self) -> str:
        if self.url is None:
            return format_html("{}", self.text)
        return format_html('<a href="{}">{}</a>', self.url, self.text)


# What an internal address leads to, said in the reader's language.
KINDS = [
    ("/outils/remplacer/", lambda: _("Alternatives")),
    ("/outils/", lambda: _("Tool")),
    ("/ressources/", lambda: _("Resource")),
    ("/ateliers/", lambda: _("Workshop")),
]


# Answers of earlier pages of this process, for the current content generation only (a page
# that appears or disappears bumps it): the result page links to ~40 addresses, and resolving
# and checking each took 10 ms a request (make bench).
_answers: dict[tuple, str | None] = {}
_answers_generation: list[int] = [0]
MAX_ANSWERS = 5000


class LinkCache:
    """Asks once per page whether each internal address exists (checkers may query the DB),
    and remembers the answers across pages until the content generation changes."""

    def __init__(self):
        generation = content_generation()
        if generation != _answers_generation[0] or len(_answers) > MAX_ANSWERS:
            _answers.clear()
            _answers_generation[0] = generation
        self._known = _answers

    def url(self, path: str) -> str | None:
        """The address in the reader's language, or None when the page does not exist."""
        key = (path, get_language())
        if key not in self._known:
            exists = internal_link_exists(path)
            self._known[key] = translate_url(path, get_language()) if exists else None
        return self._known[key]

    def content_link(self, link: dict, *, with_kind: bool = True) -> ContentLink:
        """A link of the content ({"url", "label"}), prefixed with what it leads to."""
        path = str(link.get("url", ""))
        text = str(link.get("label") or path)
        kind = next((name() for prefix, name in KINDS if path.startswith(prefix)), None)
        if with_kind and kind:
            text = _("%(kind)s: %(label)s") % {"kind": kind, "label": text}
        if path.startswith(("http://", "https://")):
            return ContentLink(url=path, text=text)
        return ContentLink(url=self.url(path) if path.startswith("/") else None, text=text)
