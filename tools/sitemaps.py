from django.contrib.sitemaps import Sitemap

from tools.models import Hoster, Service, Tool


class ToolSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        tools = list(Tool.objects.filter(published=True).order_by("slug"))
        return (
            tools + list(Service.objects.order_by("slug")) + list(Hoster.objects.order_by("slug"))
        )
