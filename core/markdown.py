"""Markdown for user content: CommonMark, tables, footnotes, task lists, heading anchors, wiki
links, then sanitised with nh3 (Rust's ammonia). Nothing a contributor writes can run a script.

- `[[Titre]]` and `[[slug|texte]]` link between pages; the caller resolves them (`env`).
- Headings are shifted one level down: the page title is the only <h1>.
- External links get rel="nofollow ugc noopener"; internal links to pages that do not exist
  (yet) are shown as text marked missing, never as dead links.
- Images must be files uploaded to this site (MEDIA_URL); any other image becomes its alt text,
  so that no reader is sent to another server.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape

import nh3
from django.conf import settings
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "rel", "class", "id", "title"},
    "img": {"src", "alt", "loading"},
    "input": {"type", "disabled", "checked", "class", "id"},
    "label": {"for"},
    "li": {"id", "class"},
    "ol": {"start"},
    "code": {"class"},
    "span": {"class"},
    "sup": {"class", "id"},
    "section": {"class"},
    "hr": {"class"},
    "ul": {"class"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
EXTERNAL_REL = "nofollow ugc noopener"


@dataclass
class LinkContext:
    """What the renderer asks its caller about links."""

    resolve_wikilink: Callable[[str], tuple[str, bool]] = lambda target: ("", False)
    internal_link_exists: Callable[[str], bool] = lambda path: True
    image_alt: Callable[[str], str | None] = lambda src: None
    wikilinks: list[str] = field(default_factory=list)


def render(text: str, links: LinkContext | None = None) -> SafeString:
    links = links or LinkContext()
    html = _parser().render(text, {"links": links})
    return mark_safe(sanitize(html))  # noqa: S308 - sanitised by nh3 just above


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def wikilink_targets(text: str) -> list[str]:
    """The targets of the [[…]] links of a text, in order."""
    links = LinkContext()
    _parser().render(text, {"links": links})
    return links.wikilinks


_PARSER = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        md.use(footnote_plugin)
        md.use(tasklists_plugin, enabled=False, label=True, label_after=True)
        md.use(anchors_plugin, min_level=1, max_level=6, slug_func=_slug)
        md.inline.ruler.before("link", "wikilink", _wikilink_rule)
        md.add_render_rule("wikilink", _render_wikilink)
        md.core.ruler.push("presence_links", _links_rule)
        _PARSER = md
    return _PARSER


def _slug(text: str) -> str:
    return slugify(text) or "section"


def _wikilink_rule(state, silent):
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    end = src.find("]]", pos + 2)
    inner = src[pos + 2 : end] if end > 0 else ""
    if not inner.strip() or "\n" in inner or "[" in inner or len(inner) > 200:
        return False
    if not silent:
        target, _bar, label = inner.partition("|")
        token = state.push("wikilink", "", 0)
        token.meta = {"target": target.strip(), "label": (label or target).strip()}
        state.env["links"].wikilinks.append(target.strip())
    state.pos = end + 2
    return True


def _render_wikilink(self, tokens, idx, options, env):
    meta = tokens[idx].meta
    url, exists = env["links"].resolve_wikilink(meta["target"])
    label = escape(meta["label"])
    if exists:
        return f'<a href="{escape(url)}">{label}</a>'
    note = escape(_("(page not written yet)"))
    if url:
        return (
            f'<a href="{escape(url)}" class="missing-link">{label}'
            f'<span class="visually-hidden"> {note}</span></a>'
        )
    return f'<span class="missing-link">{label}<span class="visually-hidden"> {note}</span></span>'


def _links_rule(state):
    """Shift headings, set rel on external links, neutralise missing links and foreign images."""
    links = state.env["links"]
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        for index, child in enumerate(token.children or []):
            if child.type == "link_open":
                _link(child, token.children, index, links)
            elif child.type == "image":
                _image(child, token.children, index, links)


def _link(token, siblings, index, links):
    href = token.attrGet("href") or ""
    if href.startswith(("http://", "https://", "//")):
        token.attrSet("rel", EXTERNAL_REL)
    elif href.startswith("/") and not links.internal_link_exists(href):
        token.tag = "span"
        token.attrs = {"class": "missing-link"}
        close = next(t for t in siblings[index:] if t.type == "link_close")
        close.tag = "span"


def _image(token, siblings, index, links):
    src = token.attrGet("src") or ""
    if src.startswith(settings.MEDIA_URL) and ".." not in src:
        stored_alt = links.image_alt(src)
        if stored_alt is not None:
            token.children = [Token("text", "", 0, content=stored_alt)]
            token.content = stored_alt
        token.attrSet("loading", "lazy")
        return
    # Not a file of this site: show its description instead of loading it from elsewhere.
    token.type = "text"
    token.tag = ""
    token.content = f"[{_('image')} : {token.content}]" if token.content else ""
    token.children = None
    token.attrs = {}


def plain_text(text: str) -> str:
    """The words of a Markdown text, without markup (for search and feeds)."""
    html = _parser().render(text, {"links": LinkContext()})
    return unescape(strip_tags(html)).strip()
