from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from core import outbox, registry

        registry.register_periodic_task(
            name="core.outbox-purge", every=24 * 3600, task=outbox.outbox_purge
        )
