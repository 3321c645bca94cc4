from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.demo import load_demo_members
        from core.registry import register_demo_loader

        register_demo_loader(order=0, name="members", loader=load_demo_members)
