"""A fixed-window rate limit on the shared cache, for edits and comments by class of user."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def user_class(user) -> str:
    if not user.is_authenticated:
        return "anonymous"
    if getattr(user, "is_moderator", False):
        return "moderator"
    return "new" if getattr(user, "is_new_account", False) else "member"


def allow(*, action: str, user, key: str | None = None) -> bool:
    """True if `user` may do `action` once more in the current window; counts the attempt."""
    limits = settings.PRESENCE_RATE_LIMITS.get(action, {})
    limit = limits.get(user_class(user))
    if limit is None:
        return True
    count, seconds = limit
    window = int(timezone.now().timestamp() // seconds)
    ident = key or (f"user:{user.pk}" if user.is_authenticated else "anonymous")
    cache_key = f"ratelimit:{action}:{ident}:{window}"
    if cache.add(cache_key, 1, seconds):
        return True
    try:
        return cache.incr(cache_key) <= count
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, seconds)
        return True
