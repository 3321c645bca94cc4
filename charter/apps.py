from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    """The charter of an ethical online presence, and the self-diagnostic that makes it a plan."""

    name = "charter"
    verbose_name = _("Charter and self-diagnostic")

    def ready(self):
        from accounts import personal_data
        from charter import content, demo, services, sitemaps
        from core import registry

        registry.register_section(order=40, label=_("Charter"), url_name="charter:charter")
        registry.register_section(
            order=50, label=_("Self-diagnostic"), url_name="charter:diagnostic"
        )
        registry.register_sitemap("charter", sitemaps.CharterSitemap)
        registry.register_sitemap("charter-published", sitemaps.PublishedDiagnosticSitemap)
        registry.register_content_loader(order=60, name="charter", loader=content.load_content)
        registry.register_demo_loader(
            order=60, name="diagnostics", loader=demo.load_demo_diagnostics
        )
        personal_data.register("diagnostics", services.personal_data_export)
