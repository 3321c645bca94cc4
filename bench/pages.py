"""The main pages of the benchmark, with real items of the generated site in their addresses.

    PRESENCE_VAR_DIR=… .venv/bin/python -m bench.pages   # prints the pages as JSON

Items are taken in the middle of the generated data (not the first rows a database would find
fastest). A page whose section does not exist yet gets its expected address all the same: the
runner reports it "absent" when the site answers 404.
"""

import json
import os
import random

COMMON_WORD = "association"
RARE_WORD = "permaculture"  # bench.french.RARE_WORD: in three articles


def pages() -> list[dict]:
    from resources.models import Article
    from tools.models import Tool

    article = _middle(Article.objects.filter(published=True, document__revisions__number=10))
    tool = _middle(Tool.objects.filter(published=True))
    published = Tool.objects.filter(published=True).order_by("pk")
    compared = list(published[10:13]) or list(published[:3])  # three tools on a small site too
    a = f"/ressources/{article.slug}/" if article else "/ressources/absent/"
    return [
        _page("home", "Home", "/"),
        _page("tools", "Directory", "/outils/"),
        _page(
            "tools-filtered",
            "Directory, 3 filters",
            "/outils/?categorie=forums&libre=1&auto=1",
        ),
        _page("tool", "A tool", f"/outils/{tool.slug}/" if tool else "/outils/absent/"),
        _page(
            "compare",
            "Compare 3 tools",
            "/outils/comparer/?" + "&".join(f"outils={t.slug}" for t in compared),
        ),
        _page("articles", "Resources list", "/ressources/"),
        _page("article", "An article", a),
        _page("history", "Its history", a + "historique/"),
        _page("diff", "A diff (rev. 8 → 10)", a + "diff/?de=8&a=10"),
        _page("recent", "Recent changes", "/modifications-recentes/"),
        _page("workshops", "Workshops", "/ateliers/"),
        _page("workshop", "A workshop", _workshop_url()),
        _page("search-common", f"Search “{COMMON_WORD}”", f"/recherche/?q={COMMON_WORD}"),
        _page("search-rare", f"Search “{RARE_WORD}”", f"/recherche/?q={RARE_WORD}"),
        _page("diagnostic", "Diagnostic result", _diagnostic_url()),
        _page("api-resources", "API resources", "/api/v1/resources/", html=False),
        _page("api-tools", "API tools", "/api/v1/tools/", html=False),
        _page("api-workshops", "API workshops", "/api/v1/workshops/", html=False),
        _page("api-search", "API search", f"/api/v1/search/?q={COMMON_WORD}", html=False),
    ]


def _page(key, label, url, html=True):
    return {"key": key, "label": label, "url": url, "html": html}


def _middle(queryset):
    count = queryset.count()
    return queryset.order_by("pk")[count // 2] if count else None


def _workshop_url() -> str:
    from django.apps import apps

    if not apps.is_installed("workshops"):
        return "/ateliers/absent/"
    for name in ("Session", "Workshop"):
        try:
            model = apps.get_model("workshops", name)
        except LookupError:
            continue
        item = _middle(model.objects.all())
        if item is not None and hasattr(item, "get_absolute_url"):
            return item.get_absolute_url()
    return "/ateliers/absent/"


def _diagnostic_url() -> str:
    """A result with every question answered, seeded: the longest result page."""
    from django.urls import reverse

    from charter.answers import answers_sign
    from charter.models import Questionnaire

    questionnaire = Questionnaire.objects.published().with_content().order_by("-version").first()
    if questionnaire is None:
        return "/diagnostic/resultat/"
    rng = random.Random(7)
    answers = {
        question.key: rng.choice([answer.value for answer in question.answers.all()])
        for theme in questionnaire.themes.all()
        for question in theme.questions.all()
    }
    token = answers_sign(questionnaire=questionnaire, answers=answers)
    return reverse("charter:diagnostic-result") + f"?r={token}"


def article_revisions(url: str) -> dict:
    """The title and the texts of the benchmark article's revisions, for the django-wiki peer."""
    from resources.models import Article

    slug = url.strip("/").split("/")[1]
    article = Article.objects.get(slug=slug)
    texts = [r.text for r in article.document.revisions.order_by("number")]
    return {"slug": slug, "title": article.title, "texts": texts}


if __name__ == "__main__":
    import sys

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if len(sys.argv) > 2 and sys.argv[1] == "--article":
        print(json.dumps(article_revisions(sys.argv[2])))
    else:
        print(json.dumps(pages()))
