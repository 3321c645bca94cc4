from django.contrib.sitemaps import Sitemap

from resources.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.filter(published=True).order_by("slug")

    def lastmod(self, article):
        return article.updated_at
