"""The directory as open data (CC BY-SA 4.0): one record per tool, as JSON or CSV.

The same records feed the API's list, and the same filters as the directory page apply.
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from tools import filters
from tools.models import Tool

LICENCE = "CC-BY-SA-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
COLUMNS = [
    "slug",
    "name",
    "summary",
    "url",
    "categories",
    "licence",
    "is_free",
    "website",
    "source_code",
    "self_hostable",
    "audience",
    "skill_level",
    "tracking",
    "platforms",
    "protocols",
    "criteria",
    "hosted_by",
    "reviewed",
    "last_checked",
    "updated_at",
]


def records(tools, request=None) -> list[dict]:
    """One plain dict per tool; lists are lists, absolute URLs when a request is given."""
    tools = tools.prefetch_related(
        "categories", "platforms", "protocols", "offers__hoster"
    ).order_by("name", "pk")
    build = request.build_absolute_uri if request else (lambda path: path)
    return [
        {
            "slug": tool.slug,
            "name": tool.name,
            "summary": tool.summary,
            "url": build(tool.get_absolute_url()),
            "categories": [c.slug for c in tool.categories.all()],
            "licence": tool.licence,
            "is_free": tool.is_free,
            "website": tool.website,
            "source_code": tool.source_code,
            "self_hostable": tool.self_hostable,
            "audience": tool.audience,
            "skill_level": tool.skill_level,
            "tracking": tool.tracking,
            "platforms": [p.slug for p in tool.platforms.all()],
            "protocols": [p.slug for p in tool.protocols.all()],
            "criteria": tool.criteria,
            "hosted_by": sorted({offer.hoster.slug for offer in tool.offers.all()}),
            "reviewed": tool.reviewed,
            "last_checked": tool.last_checked.isoformat() if tool.last_checked else None,
            "updated_at": tool.updated_at.isoformat(),
        }
        for tool in tools
    ]


def _selection(request):
    active, ignored = filters.parse(request.GET)
    return filters.apply(Tool.objects.filter(published=True), active), ignored


@require_safe
def directory_json(request):
    tools, ignored = _selection(request)
    response = JsonResponse(
        {
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "attribution": "Présence, annuaire collaboratif des outils",
            "generated_at": timezone.now().isoformat(),
            "ignored_filters": ignored,
            "tools": records(tools, request),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


@require_safe
def directory_csv(request):
    tools, _ignored = _selection(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="presence-outils.csv"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for record in records(tools, request):
        writer.writerow([_cell(record[column]) for column in COLUMNS])
    return response


def _cell(value) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, dict):
        return "|".join(f"{key}={item}" for key, item in sorted(value.items()))
    return "" if value is None else str(value)
