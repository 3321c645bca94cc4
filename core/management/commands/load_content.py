from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.registry import content_loaders


class Command(BaseCommand):
    help = "Load the content shipped in content/ (tools, articles, workshops…). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", type=Path, default=settings.BASE_DIR / "content")

    def handle(self, *args, content_dir: Path, **options):
        if not content_loaders:
            self.stdout.write("No content section is installed yet.")
        for _order, name, loader in content_loaders:
            self.stdout.write(f"{name}: {loader(content_dir)}")
