import contextlib
import signal

from django.core.management.base import BaseCommand

from core import worker


class Command(BaseCommand):
    help = "Send the outbox and run periodic tasks (digests, data erasure). `make run` starts it."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds.")

    def handle(self, *args, once=False, interval=5.0, **options):
        if once:
            self.stdout.write(str(worker.run_once()))
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"Worker started (every {interval} s).")
        with contextlib.suppress(KeyboardInterrupt):
            worker.run_forever(interval=interval, stop=lambda: bool(stopping))
