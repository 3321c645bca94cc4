from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    """The pages of core, in French and English (the alternate links say which is which)."""

    i18n = True
    languages = ["fr", "en"]
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["core:home", "core:accessibility", "core:privacy", "core:legal"]

    def location(self, item):
        return reverse(item)
