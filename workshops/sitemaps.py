from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from workshops.models import Programme, Workshop


class WorkshopSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return ["workshops:list", "workshops:past", "workshops:programme-list", *self._sessions()]

    def _sessions(self):
        return list(Workshop.objects.filter(status=Workshop.Status.PUBLISHED).order_by("slug"))

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


class ProgrammeSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Programme.objects.order_by("slug")

    def lastmod(self, programme):
        return programme.updated_at
