from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """The wiki of resources: articles on reflections, usage strategies and tutorials."""

    name = "resources"
    verbose_name = _("Resources")

    def ready(self):
        from accounts import personal_data
        from core import registry
        from resources import content, notifications, services
        from resources.sitemaps import ArticleSitemap
        from revisions import hooks

        registry.register_section(order=20, label=_("Resources"), url_name="resources:article-list")
        registry.register_sitemap("resources", ArticleSitemap)
        registry.register_content_loader(order=20, name="resources", loader=content.load_articles)
        registry.register_link_checker(services.article_link_exists)
        registry.register_search_kind("article", _("Resource"), services.article_search_rebuild)
        registry.register_related_provider(services.articles_related)
        hooks.register("article", services.article_sync)
        registry.register_periodic_task(
            name="resources.daily-digest", every=24 * 3600, task=notifications.send_daily_digests
        )
        personal_data.register("follows", services.follows_export)
        personal_data.register("comments", services.comments_export)
