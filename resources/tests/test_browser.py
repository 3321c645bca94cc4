"""What only a browser shows: no script from wiki text runs; the wiki works with the keyboard."""

import pytest

from conftest import sign_in
from core.tests.test_markdown import XSS_VECTORS
from resources import services
from resources.models import Article
from tests import factories
from tests.browser import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_script_runs_from_the_xss_corpus_in_chromium(page):
    text = "\n\n".join(XSS_VECTORS) + "\n"
    services.article_create(
        fields=services.ArticleFields(title="Corpus", text=text),
        author=factories.trusted_member(),
        review=False,
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/ressources/corpus/")
    page.wait_for_timeout(300)
    assert dialogs == []
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el =>
            [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + '[' + a.name + ']'))"""
    )
    assert handlers == []
    assert page.evaluate("document.scripts.length") == 0
    assert (
        page.evaluate(
            "[...document.links].filter(a => !/^(https?:|mailto:|\\/|#)/.test(a.getAttribute('href'))).length"
        )
        == 0
    )


def test_a_member_edits_a_page_with_the_keyboard(page):
    member = factories.trusted_member()
    services.article_create(
        fields=services.ArticleFields(title="Clavier", text="Texte initial.\n"),
        author=member,
        review=False,
    )
    sign_in(page, member)
    page.goto("/ressources/clavier/")
    page.focus("a[href='/ressources/clavier/modifier/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.focus("textarea[name=text]")
    page.keyboard.press("Control+End")
    page.keyboard.type("Ajouté au clavier.")
    page.focus("button[name=save]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    article = Article.objects.select_related("document__current_revision").get(slug="clavier")
    assert "Ajouté au clavier." in article.document.current_revision.text
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_the_conflict_screen_is_accessible(page):
    member = factories.trusted_member()
    article = services.article_create(
        fields=services.ArticleFields(title="Conflit", text="Un.\n\nDeux.\n"),
        author=member,
        review=False,
    )
    sign_in(page, member)
    page.goto("/ressources/conflit/modifier/")
    base = article.document.current_revision
    services.article_revise(
        article=article,
        base_revision=base,
        author=member,
        fields=services.ArticleFields(title="Conflit", text="Un.\n\nDeux (eux).\n"),
    )
    page.fill("textarea[name=text]", "Un.\n\nDeux (moi).\n")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "Deux (moi)." in page.input_value("#my-text")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
