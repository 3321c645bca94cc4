"""The site-wide read-only switch, checked by every write service."""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from core.models import SiteSettings

CACHE_KEY = "core.site-settings"


class SiteReadOnly(Exception):
    message = _(
        "The site is read-only for the moment: no change can be saved. Please come back later."
    )


def site_settings() -> SiteSettings:
    settings = cache.get(CACHE_KEY)
    if settings is None:
        settings, _created = SiteSettings.objects.get_or_create(pk=1)
        cache.set(CACHE_KEY, settings, 30)
    return settings


def site_settings_save(*, read_only: bool, message: str = "") -> SiteSettings:
    settings, _created = SiteSettings.objects.get_or_create(pk=1)
    settings.read_only, settings.read_only_message = read_only, message
    settings.save()
    cache.delete(CACHE_KEY)
    return settings


def ensure_writable() -> None:
    if site_settings().read_only:
        raise SiteReadOnly(site_settings().read_only_message or SiteReadOnly.message)
