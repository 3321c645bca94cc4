from django.core.management.base import BaseCommand

from core import search
from core.registry import search_rebuilders


class Command(BaseCommand):
    help = "Index every tool, resource and workshop again (after an upgrade or a restore)."

    def handle(self, *args, **options):
        with search.batch():
            for kind, rebuild in sorted(search_rebuilders.items()):
                self.stdout.write(f"{kind}: {rebuild()} entries indexed")
