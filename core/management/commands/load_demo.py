from django.core.management.base import BaseCommand

from core.registry import demo_loaders


class Command(BaseCommand):
    help = "Add clearly fictitious demo data (members, edits, sessions…). Idempotent."

    def handle(self, *args, **options):
        for _order, name, loader in demo_loaders:
            self.stdout.write(f"{name}: {loader()}")
