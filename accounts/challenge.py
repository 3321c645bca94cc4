"""The sign-up question: a self-hosted, accessible alternative to a third-party captcha.

The question is chosen at random and carried in a signed hidden field, so no session (and no
cookie) is needed before the form is sent.
"""

import random
import unicodedata

from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "accounts.signup-challenge"

QUESTIONS = [
    (_("How many days are there in a week? Answer in digits."), {"7"}),
    (_("Write the number twelve in digits."), {"12"}),
    (_("What is two plus three? Answer in digits."), {"5"}),
    (_("How many letters are there in the word “ESS”? Answer in digits."), {"3"}),
    (_("What is the first month of the year?"), {"janvier", "january"}),
]


def pick() -> int:
    return random.randrange(len(QUESTIONS))


def sign(index: int) -> str:
    return signing.dumps(index, salt=SALT)


def unsign(token: str) -> int | None:
    try:
        index = signing.loads(token, salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    return index if isinstance(index, int) and 0 <= index < len(QUESTIONS) else None


def question(index: int):
    return QUESTIONS[index][0]


def is_correct(index: int, answer: str) -> bool:
    return _fold(answer) in QUESTIONS[index][1]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
