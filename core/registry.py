"""Extension points that let domain apps plug into the site without core importing them.

Each domain app calls these from its AppConfig.ready(): it adds its section to the main navigation
and its pages to the sitemap. Core itself knows no domain app (STYLE.md: arrows point one way).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.sitemaps import Sitemap


@dataclass(frozen=True)
class NavItem:
    order: int
    label: str  # a lazy translation
    url_name: str


navigation: list[NavItem] = []
sitemaps: dict[str, type[Sitemap]] = {}
# Loaders of the content shipped in content/ (load_content) and of demo data (load_demo), in order.
content_loaders: list[tuple[int, str, Callable[[Path], str]]] = []
demo_loaders: list[tuple[int, str, Callable[[], str]]] = []


def register_section(*, order: int, label, url_name: str) -> None:
    """Add a main section (Outils, Ressources…) to the header navigation."""
    if any(item.url_name == url_name for item in navigation):
        return
    navigation.append(NavItem(order=order, label=label, url_name=url_name))
    navigation.sort(key=lambda item: item.order)


def register_sitemap(name: str, sitemap: type[Sitemap]) -> None:
    sitemaps[name] = sitemap


def register_content_loader(*, order: int, name: str, loader: Callable[[Path], str]) -> None:
    """`loader(content_dir)` loads its part of content/ idempotently and returns a summary."""
    if all(existing != name for _order, existing, _loader in content_loaders):
        content_loaders.append((order, name, loader))
        content_loaders.sort(key=lambda item: item[0])


def register_demo_loader(*, order: int, name: str, loader: Callable[[], str]) -> None:
    """`loader()` adds clearly fictitious demo data idempotently and returns a summary."""
    if all(existing != name for _order, existing, _loader in demo_loaders):
        demo_loaders.append((order, name, loader))
        demo_loaders.sort(key=lambda item: item[0])


# Checks that an internal address leads to a page that exists, so that content written before a
# section (or an entry) exists is shown as text rather than as a dead link.
link_checkers: list[Callable[[str], bool | None]] = []


def register_link_checker(checker: Callable[[str], bool | None]) -> None:
    """`checker(path)` answers False when it knows the page is missing, None when not its own."""
    if checker not in link_checkers:
        link_checkers.append(checker)


def internal_link_exists(path: str) -> bool:
    """True when `path` resolves to a view and no installed app says the page is missing."""
    from django.urls import Resolver404, resolve

    try:
        resolve(path.split("?", 1)[0].split("#", 1)[0])
    except Resolver404:
        return False
    return all(checker(path) is not False for checker in link_checkers)


# Kinds of search results and their labels ("article" -> "Ressource"), set by each app.
search_kinds: dict[str, object] = {}
# For each kind, a function that indexes every entry again (manage.py search_rebuild).
search_rebuilders: dict[str, Callable[[], int]] = {}


def register_search_kind(kind: str, label, rebuild: Callable[[], int]) -> None:
    search_kinds[kind] = label
    search_rebuilders[kind] = rebuild


# Periodic work done by the worker: (name, every N seconds, task(now)).
periodic_tasks: list[tuple[str, int, Callable]] = []


def register_periodic_task(*, name: str, every: int, task: Callable) -> None:
    if all(existing != name for existing, _every, _task in periodic_tasks):
        periodic_tasks.append((name, every, task))


# Content of one app related to an item of another (articles or workshops about a tool):
# provider(kind=…, key=…, title=…) returns [{"group": label, "title": …, "url": …}, …].
related_providers: list[Callable] = []


def register_related_provider(provider: Callable) -> None:
    if provider not in related_providers:
        related_providers.append(provider)


def related_content(*, kind: str, key: str, title: str) -> list[dict]:
    """What the other apps have about this item, grouped by their label."""
    return [
        item for provider in related_providers for item in provider(kind=kind, key=key, title=title)
    ]
