from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """The wiki of resources: articles on reflections, usage strategies and tutorials."""

    name = "resources"
    verbose_name = _("Resources")

    def ready(self):
        from core import registry
        from resources import content, services
        from resources.sitemaps import ArticleSitemap
        from revisions import hooks

        registry.register_section(order=20, label=_("Resources"), url_name="resources:article-list")
        registry.register_sitemap("resources", ArticleSitemap)
        registry.register_content_loader(order=20, name="resources", loader=content.load_articles)
        registry.register_link_checker(services.article_link_exists)
        registry.register_search_kind("article", _("Resource"), services.article_search_rebuild)
        hooks.register("article", services.article_sync)
