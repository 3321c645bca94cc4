from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from charter.models import Diagnostic


class CharterSitemap(Sitemap):
    """The charter, the start of the self-diagnostic and the list of published profiles."""

    i18n = True
    languages = ["fr", "en"]
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return ["charter:charter", "charter:diagnostic", "charter:published-list"]

    def location(self, item):
        return reverse(item)


class PublishedDiagnosticSitemap(Sitemap):
    i18n = True
    languages = ["fr", "en"]
    alternates = True
    changefreq = "yearly"
    limit = 5000

    def items(self):
        return Diagnostic.objects.published().order_by("public_slug")

    def location(self, diagnostic):
        return diagnostic.get_public_url()

    def lastmod(self, diagnostic):
        return diagnostic.published_at
