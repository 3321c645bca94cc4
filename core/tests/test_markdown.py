import re
from html.parser import HTMLParser

import pytest

from core.markdown import LinkContext, render

# At least 60 ways to try to run a script or leak a visitor from user text.
XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<a href=' javascript:alert(1)'>x</a>",
    "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x" onerror="alert(1)](https://evil.example/x.png)',
    '[x](https://ok.example "title" onmouseover=alert(1))',
    "[ref]: javascript:alert(1)\n\n[ref]",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<img src=x onerror=alert(1)//",
    "<img/src=x/onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="#" onclick="alert(1)">x</a>',
    "<p onmouseover=alert(1)>x</p>",
    "<base href=javascript:alert(1)//>",
    "<isindex action=javascript:alert(1) type=image>",
    "<table background=javascript:alert(1)>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<img src="x` `<script>alert(1)</script>"` `>',
    "<x onclick=alert(1)>x</x>",
    "```html\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    "[[<script>alert(1)</script>]]",
    "[[x|<img src=x onerror=alert(1)>]]",
    '[x](https://evil.example/"onmouseover="alert(1))',
    "\u202e<script>alert(1)</script>",
]

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "svg",
    "math",
    "video",
    "audio",
    "source",
    "details",
    "marquee",
    "isindex",
    "button",
    "textarea",
    "select",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "background",
    "data",
    "xlink:href",
    "srcset",
}


class Elements(HTMLParser):
    """The tags and attributes a browser would build from the HTML (not the escaped text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def dangers(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.found:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)
                if (
                    len(scheme) == 2
                    and scheme[0] not in {"http", "https", "mailto"}
                    and "/" not in scheme[0]
                ):
                    problems.append(f"{tag}[{name}={value}]")
            if tag == "img" and name == "src" and not value.startswith("/media/"):
                problems.append(f"foreign image {value}")
    return problems


def test_the_corpus_has_at_least_sixty_vectors():
    assert len(XSS_VECTORS) >= 60


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_no_vector_survives_rendering(vector):
    html = str(render(vector))
    assert not dangers(html), (vector, html)


def test_images_from_other_sites_become_their_description():
    html = str(render("![Logo de l’association](https://cdn.example/logo.png)"))
    assert "<img" not in html
    assert "Logo de l’association" in html


def test_uploaded_images_are_kept_with_their_stored_alternative_text(settings):
    links = LinkContext(image_alt=lambda src: "Affiche de l’atelier")
    html = str(render("![](/media/images/affiche.webp)", links))
    assert '<img src="/media/images/affiche.webp" alt="Affiche de l’atelier"' in html


def test_external_links_are_marked_ugc_and_nofollow():
    html = str(render("[CHATONS](https://www.chatons.org/)"))
    assert 'rel="nofollow ugc noopener"' in html


def test_internal_links_to_missing_pages_are_shown_as_missing():
    links = LinkContext(internal_link_exists=lambda path: path == "/charte/")
    html = str(render("[charte](/charte/) et [outil](/outils/inconnu/)", links))
    assert '<a href="/charte/">charte</a>' in html
    assert '<span class="missing-link">outil</span>' in html


def test_wiki_links_resolve_through_the_caller():
    links = LinkContext(resolve_wikilink=lambda t: ("/ressources/visibilite/", t == "visibilite"))
    html = str(render("[[visibilite|Être visible]] et [[Page absente]]", links))
    assert '<a href="/ressources/visibilite/">Être visible</a>' in html
    assert 'class="missing-link">Page absente' in html


def test_headings_get_anchors_and_start_below_the_page_title():
    html = str(render("# Un hébergeur, c’est quoi ?\n\n## Détails"))
    assert '<h2 id="un-hebergeur-cest-quoi">' in html
    assert '<h3 id="details">' in html
    assert "<h1" not in html


def test_tables_footnotes_and_task_lists():
    html = str(
        render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1]\n\n[^1]: Source.\n\n- [x] fait\n- [ ] à faire\n"
        )
    )
    assert "<table>" in html and "<td>1</td>" in html
    assert 'class="footnotes"' in html
    assert 'type="checkbox"' in html and "<label" in html


def test_malformed_markdown_renders_safely():
    html = str(render("**gras non fermé\n\n[lien sans fin](\n\n<div><p>html brut"))
    assert "gras non fermé" in html
    assert "<div" not in html
