from pathlib import Path

from django.core.management.base import BaseCommand

from resources.transfer import wiki_export


class Command(BaseCommand):
    help = "Export the whole wiki (Markdown files + JSON metadata) into a zip file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        data = wiki_export()
        path.write_bytes(data)
        self.stdout.write(f"{path}: {len(data)} bytes")
