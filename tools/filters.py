"""The directory's filters, shared by the page, the API and the open data: parse the query
string (unknown values are reported, never an error), apply them (AND), count each facet value."""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Q

from tools.criteria import CRITERIA
from tools.models import Category, Hoster, Tool

BOOLEAN_FILTERS = {
    "libre": Q(is_free=True),
    "auto": Q(self_hostable=True),
    "relue": Q(reviewed=True),
}


def parse(params):
    """The valid filters of the query string, and a notice for the values that do not exist."""
    active, ignored = {}, []
    categories = set(Category.objects.values_list("slug", flat=True))
    for slug in params.getlist("categorie"):
        (
            active.setdefault("categorie", []).append(slug)
            if slug in categories
            else ignored.append(slug)
        )
    criteria = dict(CRITERIA)
    for key in params.getlist("critere"):
        (active.setdefault("critere", []).append(key) if key in criteria else ignored.append(key))
    for key in BOOLEAN_FILTERS:
        if params.get(key) == "1":
            active[key] = "1"
    choices = {
        "niveau": Tool.Skill.values,
        "audience": Tool.Audience.values,
        "hebergeur": Hoster.Type.values,
    }
    for key, allowed in choices.items():
        value = params.get(key)
        if value:
            (active.__setitem__(key, value) if value in allowed else ignored.append(value))
    return active, ignored


def apply(queryset, active, skip=None):
    for key, value in active.items():
        if key == skip:
            continue
        if key == "categorie":
            for slug in value:
                queryset = queryset.filter(categories__slug=slug)
        elif key == "critere":
            for criterion in value:
                queryset = queryset.filter(**{f"criteria__{criterion}": "bon"})
        elif key in BOOLEAN_FILTERS:
            queryset = queryset.filter(BOOLEAN_FILTERS[key])
        elif key == "niveau":
            queryset = queryset.filter(skill_level=value)
        elif key == "audience":
            queryset = queryset.filter(audience=value)
        elif key == "hebergeur":
            queryset = queryset.filter(offers__hoster__type=value)
    return queryset.distinct()


def facets(active) -> dict:
    """Counts per value of each facet, given the other active filters (as in any faceted search),
    with the labels to show. The counts are cached until the directory changes."""
    counts = _cached_counts(active)
    return {
        "categories": [
            (category, counts["categorie"].get(category.slug, 0))
            for category in Category.objects.order_by("position", "name")
        ],
        **{key: counts[key] for key in BOOLEAN_FILTERS},
        "critere": [(key, label, counts["critere"].get(key, 0)) for key, label in CRITERIA],
        "niveau": _labelled(counts["niveau"], Tool.Skill.choices),
        "audience": _labelled(counts["audience"], Tool.Audience.choices),
        "hebergeur": _labelled(counts["hebergeur"], Hoster.Type.choices),
    }


def _labelled(counts, choices):
    return [(value, label, counts.get(value, 0)) for value, label in choices]


# Facet counts cost a dozen GROUP BY queries; they change only when an entry does.
GENERATION_KEY = "tools.directory-generation"
COUNTS_TIMEOUT = 600  # offers edited in the admin show up within ten minutes


def directory_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, None)
    return generation


def bump_directory_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _cached_counts(active) -> dict:
    signature = urlencode(
        sorted((k, ",".join(v) if isinstance(v, list) else v) for k, v in active.items())
    )
    key = f"tools.facets:{directory_generation()}:{hashlib.sha256(signature.encode()).hexdigest()}"
    counts = cache.get(key)
    if counts is None:
        counts = _counts(Tool.objects.filter(published=True), active)
        cache.set(key, counts, COUNTS_TIMEOUT)
    return counts


def _counts(base, active) -> dict:
    """Plain numbers: {"categorie": {slug: n}, "libre": n, …, "niveau": {value: n}, …}."""
    # order_by(): a default ordering would add "name" to the DISTINCT subqueries' columns.
    others = apply(base, active, skip="categorie").order_by().values("pk")
    categories = (
        Tool.categories.through.objects.filter(tool_id__in=others)
        .values_list("category__slug")
        .annotate(n=Count("tool_id", distinct=True))
        .order_by()
    )
    matching = apply(base, active).order_by()
    criteria = Tool.objects.filter(pk__in=matching.values("pk")).aggregate(
        **{key: Count("pk", filter=Q(**{f"criteria__{key}": "bon"})) for key, _label in CRITERIA}
    )
    return {
        "categorie": dict(categories),
        **{
            key: apply(base, active, skip=key).filter(condition).count()
            for key, condition in BOOLEAN_FILTERS.items()
        },
        "critere": criteria,
        "niveau": _group(apply(base, active, skip="niveau"), "skill_level"),
        "audience": _group(apply(base, active, skip="audience"), "audience"),
        "hebergeur": _group(apply(base, active, skip="hebergeur"), "offers__hoster__type"),
    }


def _group(queryset, field) -> dict:
    matching = Tool.objects.filter(pk__in=queryset.order_by().values("pk"))
    return dict(matching.values_list(field).annotate(n=Count("pk", distinct=True)).order_by())
