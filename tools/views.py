from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import markdown, registry
from tools import licences
from tools.models import STALE_AFTER, Category, Hoster, Service, Tool

PAGE_SIZE = 30
CRITERIA = [
    ("privacy", _("Privacy and tracking")),
    ("ethical_hosting", _("Ethical hosting available")),
    ("accessibility", _("Accessibility")),
    ("portability", _("Data portability, no lock-in")),
    ("governance", _("Governance")),
    ("audience", _("Audience reach")),
]
VALUE_LABELS = {"bon": _("good"), "moyen": _("fair"), "faible": _("poor"), "inconnu": _("unknown")}
BOOLEAN_FILTERS = {"libre": Q(is_free=True), "auto": Q(self_hostable=True)}


def _filters(request):
    """The valid filters of the query string, and a notice for the values that do not exist."""
    active, ignored = {}, []
    categories = set(Category.objects.values_list("slug", flat=True))
    for slug in request.GET.getlist("categorie"):
        (
            active.setdefault("categorie", []).append(slug)
            if slug in categories
            else ignored.append(slug)
        )
    for key in BOOLEAN_FILTERS:
        if request.GET.get(key) == "1":
            active[key] = "1"
    choices = {
        "niveau": Tool.Skill.values,
        "audience": Tool.Audience.values,
        "hebergeur": Hoster.Type.values,
    }
    for key, allowed in choices.items():
        value = request.GET.get(key)
        if value:
            (active.__setitem__(key, value) if value in allowed else ignored.append(value))
    return active, ignored


def _apply(queryset, active, skip=None):
    for key, value in active.items():
        if key == skip:
            continue
        if key == "categorie":
            for slug in value:
                queryset = queryset.filter(categories__slug=slug)
        elif key in BOOLEAN_FILTERS:
            queryset = queryset.filter(BOOLEAN_FILTERS[key])
        elif key == "niveau":
            queryset = queryset.filter(skill_level=value)
        elif key == "audience":
            queryset = queryset.filter(audience=value)
        elif key == "hebergeur":
            queryset = queryset.filter(offers__hoster__type=value)
    return queryset.distinct()


def _facets(base, active):
    """Counts per value of each facet, given the other active filters (as in any faceted search)."""
    # order_by(): a default ordering would add "name" to the DISTINCT subquery's columns.
    others = _apply(base, active, skip="categorie").order_by().values("pk")
    categories = Category.objects.annotate(
        n=Count("tools", filter=Q(tools__in=others), distinct=True)
    ).order_by("position", "name")  # Meta.ordering is not applied to GROUP BY queries
    return {
        "categories": [(category, category.n) for category in categories],
        "libre": _apply(base, active, skip="libre").filter(is_free=True).count(),
        "auto": _apply(base, active, skip="auto").filter(self_hostable=True).count(),
        "niveau": _counts(_apply(base, active, skip="niveau"), "skill_level", Tool.Skill.choices),
        "audience": _counts(
            _apply(base, active, skip="audience"), "audience", Tool.Audience.choices
        ),
        "hebergeur": _counts(
            _apply(base, active, skip="hebergeur"), "offers__hoster__type", Hoster.Type.choices
        ),
    }


def _counts(queryset, field, choices):
    matching = Tool.objects.filter(pk__in=queryset.order_by().values("pk"))
    counts = dict(matching.values_list(field).annotate(n=Count("pk", distinct=True)).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in choices]


@require_safe
def tool_list(request):
    active, ignored = _filters(request)
    base = Tool.objects.filter(published=True)
    tools = _apply(base, active).prefetch_related("categories")
    order = "-updated_at" if request.GET.get("tri") == "recent" else "name"
    page = Paginator(tools.order_by(order, "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tools/tool_list.html",
        {
            "page": page,
            "active": active,
            "ignored": ignored,
            "facets": _facets(base, active),
            "sort": request.GET.get("tri", "nom"),
        },
    )


@require_safe
def tool_detail(request, slug):
    tool = get_object_or_404(
        Tool.objects.filter(published=True)
        .select_related("document__current_revision")
        .prefetch_related("categories", "platforms", "protocols", "tags"),
        slug=slug,
    )
    revision = tool.document.current_revision
    data = revision.data
    offers = tool.offers.select_related("hoster").order_by("hoster__type", "hoster__name")
    criteria = [_licence_criterion(tool)] + [
        {"label": label, **_criterion(data.get("criteria", {}).get(key, {}))}
        for key, label in CRITERIA
    ]
    links = markdown.LinkContext(internal_link_exists=registry.internal_link_exists)
    return render(
        request,
        "tools/tool_detail.html",
        {
            "tool": tool,
            "data": data,
            "revision": revision,
            "offers": offers,
            "criteria": criteria,
            "description": markdown.render(revision.text, links),
            "interests": markdown.render(data.get("interests", "") or "", links),
            "limits": markdown.render(data.get("limits", "") or "", links),
            "replaces": tool.replaces.order_by("name"),
            "service_page": Service.objects.filter(slug=tool.slug).first(),
            "self_hosting_skill": dict(Tool.Skill.choices).get(
                data.get("self_hosting_skill") or ""
            ),
        },
    )


def _licence_criterion(tool):
    if not tool.licence:
        return {
            "label": _("Free licence"),
            "value": "inconnu",
            "value_label": VALUE_LABELS["inconnu"],
            "reason": _("The licence is not known."),
            "source": "",
        }
    reason = (
        _("%(licence)s is a free licence according to the SPDX/ScanCode licence data.")
        if tool.is_free
        else _("%(licence)s is not a free licence according to the SPDX/ScanCode licence data.")
    )
    value = "bon" if tool.is_free else "faible"
    return {
        "label": _("Free licence"),
        "value": value,
        "value_label": VALUE_LABELS[value],
        "reason": reason % {"licence": tool.licence},
        "source": "https://spdx.org/licenses/",
        "known": licences.is_known(tool.licence),
    }


def _criterion(item):
    value = item.get("value", "inconnu") if isinstance(item, dict) else "inconnu"
    value = value if value in VALUE_LABELS else "inconnu"
    return {
        "value": value,
        "value_label": VALUE_LABELS[value],
        "reason": item.get("reason", "") if isinstance(item, dict) else "",
        "source": item.get("source", "") if isinstance(item, dict) else "",
    }


@require_safe
def service_list(request):
    services = (
        Service.objects.annotate(n=Count("alternatives"))
        .select_related("category")
        .order_by("name")
    )
    return render(request, "tools/service_list.html", {"services": services})


@require_safe
def service_detail(request, slug):
    service = get_object_or_404(Service, slug=slug)
    alternatives = service.alternatives.filter(published=True).order_by("alternative__position")
    return render(
        request,
        "tools/service_detail.html",
        {
            "service": service,
            "alternatives": alternatives,
            "tradeoffs": markdown.render(
                service.tradeoffs,
                markdown.LinkContext(internal_link_exists=registry.internal_link_exists),
            ),
            "tool_page": Tool.objects.filter(slug=slug, published=True).first(),
        },
    )


@require_safe
def hoster_list(request):
    hosters = Hoster.objects.annotate(n=Count("offers")).order_by("type", "name")
    return render(request, "tools/hoster_list.html", {"hosters": hosters})


@require_safe
def hoster_detail(request, slug):
    hoster = get_object_or_404(Hoster, slug=slug)
    return render(
        request,
        "tools/hoster_detail.html",
        {
            "hoster": hoster,
            "offers": hoster.offers.select_related("tool").order_by("tool__name"),
            "description": markdown.render(hoster.description),
        },
    )


@require_safe
def stale_list(request):
    """Entries not checked for 12 months: the maintenance list for contributors."""
    limit = timezone.localdate() - STALE_AFTER
    tools = Tool.objects.filter(published=True).filter(
        Q(last_checked__lt=limit) | Q(last_checked__isnull=True)
    )
    page = Paginator(tools.order_by("last_checked", "name"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "tools/stale_list.html", {"page": page})
