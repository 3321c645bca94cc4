from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resources.transfer import ImportRefused, wiki_import


class Command(BaseCommand):
    help = "Import a wiki export (zip). All or nothing: on any problem, nothing changes."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            count = wiki_import(path.read_bytes())
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} articles imported")
