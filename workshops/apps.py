from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    """Participatory workshops: programmes, sessions, honest registration, calendars."""

    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from accounts import personal_data
        from core import registry
        from workshops import content, demo, notifications, services, sitemaps

        registry.register_section(order=30, label=_("Workshops"), url_name="workshops:list")
        registry.register_sitemap("workshops", sitemaps.WorkshopSitemap)
        registry.register_sitemap("workshop-programmes", sitemaps.ProgrammeSitemap)
        registry.register_content_loader(order=50, name="workshops", loader=content.load_programmes)
        registry.register_demo_loader(order=50, name="workshops", loader=demo.load_demo_workshops)
        registry.register_link_checker(services.link_exists)
        registry.register_related_provider(services.workshops_related)
        registry.register_search_kind("workshop", _("Workshop"), services.workshop_search_rebuild)
        registry.register_search_kind(
            "programme", _("Workshop programme"), services.programme_search_rebuild
        )
        registry.register_periodic_task(
            name="workshops.reminders", every=3600, task=notifications.send_reminders
        )
        registry.register_periodic_task(
            name="workshops.feedback-requests",
            every=3600,
            task=notifications.send_feedback_requests,
        )
        registry.register_periodic_task(
            name="workshops.erase-personal-data",
            every=3600,
            task=services.registrations_erase_expired,
        )
        personal_data.register("workshops", services.personal_data_export)
        # Accounts cannot know this app: when a member is deleted, their registrations are
        # cancelled through the service first, so that their seats go to the waiting list.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        pre_delete.connect(
            services.registrations_cancel_for_deleted_user,
            sender=get_user_model(),
            dispatch_uid="workshops.cancel-registrations",
        )
