"""What a member can download about themself. Domain apps add their own sections.

An app registers `exporter(user) -> JSON-serialisable` from its AppConfig.ready(), so that
accounts never imports the apps that hold members' data.
"""

from collections.abc import Callable

exporters: dict[str, Callable] = {}


def register(section: str, exporter: Callable) -> None:
    exporters[section] = exporter
