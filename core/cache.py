"""A generation counter for rendered content.

Rendered wiki text depends on which pages exist (missing links are shown as such). Instead of
tracking every dependency, any app that creates or deletes a page bumps the generation, and
rendered fragments are cached under (revision, language, generation).
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

KEY = "core.content-generation"


def content_generation() -> int:
    generation = cache.get(KEY)
    if generation is None:
        generation = 1
        cache.add(KEY, generation, None)
    return generation


def bump_content_generation() -> None:
    try:
        cache.incr(KEY)
    except ValueError:
        cache.set(KEY, 2, None)


# Whole pages for anonymous readers ---------------------------------------------------------------

# How long an anonymous reader may see a page rendered earlier for a change the key does not
# capture (an author's display name): the keys carry the revision shown and the generation.
PAGE_SECONDS = 300


def anonymous_page(request, key: tuple, build) -> HttpResponse:
    """The page `build()` renders, from the cache for a reader without cookies.

    A reader with any cookie (a session, a CSRF token, pending messages) always gets a fresh
    page, and so does anyone signed in or sending a token; only a plain 200 that sets no
    cookie is stored. The caller's `key` must name everything the page shows that can change
    (e.g. the current revision); language and content generation are added here.
    """
    if request.COOKIES or "HTTP_AUTHORIZATION" in request.META or request.user.is_authenticated:
        return build()
    parts = ":".join(str(part) for part in (*key, get_language(), content_generation()))
    cache_key = f"core.page:{hashlib.sha256(parts.encode()).hexdigest()}"
    cached = cache.get(cache_key)
    if cached is not None:
        content, content_type = cached
        return HttpResponse(content, content_type=content_type)
    response = build()
    if response.status_code == 200 and not response.cookies and not response.streaming:
        cache.set(cache_key, (response.content, response["Content-Type"]), PAGE_SECONDS)
    return response
