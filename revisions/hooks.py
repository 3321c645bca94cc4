"""The owning apps' listeners, told when a document's current (accepted) revision changes.

Called explicitly by the services of this app, inside their transaction: an article copies its
new title and tags, a tool its fields, and both refresh the search index.
"""

from collections.abc import Callable

listeners: dict[str, Callable] = {}


def register(kind: str, on_current_changed: Callable) -> None:
    listeners[kind] = on_current_changed


def current_changed(document) -> None:
    listener = listeners.get(document.kind)
    if listener is not None:
        listener(document)
