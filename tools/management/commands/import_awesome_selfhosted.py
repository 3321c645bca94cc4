"""manage.py import_awesome_selfhosted [--data PATH] [--all]: see tools/selfhosted.py."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.site import SiteReadOnly
from tools import selfhosted


class Command(BaseCommand):
    help = (
        "Refresh the maintenance facts of the directory's tools from the awesome-selfhosted data "
        "(CC BY-SA 3.0); with --all, also import every other entry as an unreviewed draft."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=settings.AWESOME_SELFHOSTED_DATA,
            help="The awesome-selfhosted-data folder (the one that holds software/).",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Also import the entries that match none of our tools, as unreviewed drafts.",
        )
        parser.add_argument("--matches", action="store_true", help="List the matched entries.")

    def handle(self, *args, data, everything, matches, **options):
        started = time.monotonic()
        try:
            report = selfhosted.import_selfhosted(folder=data, everything=everything)
        except selfhosted.MalformedData as error:
            raise CommandError(
                "Nothing was imported: the data has errors.\n" + "\n".join(error.problems)
            ) from error
        except SiteReadOnly as error:
            raise CommandError(str(error.message)) from error
        if matches:
            for key, slug in report.matches:
                self.stdout.write(f"  {key} -> {slug}")
        self.stdout.write(f"{report} in {time.monotonic() - started:.1f} s")
