"""What only a browser shows: keyboard use, focus after errors, accessibility of error states."""

import pytest

from tests.browser import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {id: el.id, tag: el.tagName, text: el.textContent.trim(),
                    href: el.getAttribute('href'), outline: style.outlineStyle};
        }"""
    )


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Aller au contenu"
    assert first["outline"] != "none"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "contenu"


def test_the_header_is_reachable_in_order_with_the_keyboard(page):
    page.goto("/")
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outline"] != "none", element
        reached.append(element["href"] or element["text"])
    assert reached[:5] == ["#contenu", "/", "/compte/login/", "/compte/signup/", "/en/"]


def test_a_sign_up_with_errors_focuses_the_summary_and_keeps_the_input(page):
    page.goto("/compte/signup/")
    page.fill("input[name=email]", "camille@example.org")
    page.fill("input[name=display_name]", "Camille")
    page.fill("input[name=password1]", "un mot de passe solide 2026")
    page.fill("input[name=password2]", "un autre mot de passe 2026")
    page.fill("input[name=challenge_answer]", "mauvaise réponse")
    page.focus("input[name=challenge_answer]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page)["id"] == "error-summary"
    assert page.input_value("input[name=email]") == "camille@example.org"
    assert page.input_value("input[name=display_name]") == "Camille"
    assert page.input_value("input[name=password1]") == ""
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    # The summary's links lead to the fields in error.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["tag"] == "INPUT"


def test_a_member_signs_up_with_the_keyboard_alone(page):
    from accounts import challenge
    from accounts.models import User

    page.goto("/compte/signup/")
    token = page.input_value("input[name=challenge_token]")
    values = {
        "email": "dominique@example.org",
        "password1": "un mot de passe solide 2026",
        "password2": "un mot de passe solide 2026",
        "display_name": "Dominique",
        "challenge_answer": sorted(challenge.QUESTIONS[challenge.unsign(token)][1])[0],
    }
    page.focus("input[name=email]")
    typed = []
    for _ in range(12):  # Tab from field to field, typing into each one reached
        name = page.evaluate("document.activeElement.name")
        if name in values and name not in typed:
            page.keyboard.type(values[name])
            typed.append(name)
        if len(typed) == len(values):
            break
        page.keyboard.press("Tab")
    assert sorted(typed) == sorted(values), "the honeypot must not be reachable"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("#error-summary").all_inner_texts()
    assert User.objects.filter(email="dominique@example.org").exists(), summary
