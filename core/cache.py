"""A generation counter for rendered content.

Rendered wiki text depends on which pages exist (missing links are shown as such). Instead of
tracking every dependency, any app that creates or deletes a page bumps the generation, and
rendered fragments are cached under (revision, language, generation).
"""

from django.core.cache import cache

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
