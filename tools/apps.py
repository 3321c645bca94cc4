from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolsConfig(AppConfig):
    """The directory of tools, hosters and the proprietary services they replace."""

    name = "tools"
    verbose_name = _("Directory of tools")

    def ready(self):
        from core import registry
        from revisions import hooks
        from tools import content, services
        from tools.sitemaps import ToolSitemap

        registry.register_section(order=10, label=_("Tools"), url_name="tools:tool-list")
        registry.register_sitemap("tools", ToolSitemap)
        registry.register_content_loader(order=10, name="tools", loader=content.load_directory)
        registry.register_link_checker(services.tool_link_exists)
        registry.register_search_kind("tool", _("Tool"), services.tool_search_rebuild)
        hooks.register("tool", services.tool_sync)
