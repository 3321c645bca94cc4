from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from core import markdown, registry
from core.cache import anonymous_page
from tools import filters
from tools.criteria import breakdown
from tools.models import STALE_AFTER, Hoster, Service, Tool

PAGE_SIZE = 20  # under 30 KB of HTML and 400 DOM nodes (EcoIndex A) with long summaries


def _directory_page(request, build):
    """Anonymous readers get directory pages from the cache until an entry changes (each
    change bumps the directory generation; offers and workshops show within PAGE_SECONDS)."""
    key = ("tools", request.get_full_path(), filters.directory_generation())
    return anonymous_page(request, key, build)


@require_safe
def tool_list(request):
    return _directory_page(request, lambda: _tool_list(request))


def _tool_list(request):
    active, ignored = filters.parse(request.GET)
    base = Tool.objects.filter(published=True)
    tools = filters.apply(base, active).prefetch_related("categories")
    order = "-updated_at" if request.GET.get("tri") == "recent" else "name"
    page = Paginator(tools.order_by(order, "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tools/tool_list.html",
        {
            "page": page,
            "active": active,
            "ignored": ignored,
            "facets": filters.facets(active),
            "sort": request.GET.get("tri", "nom"),
        },
    )


@require_safe
def tool_detail(request, slug):
    return _directory_page(request, lambda: _tool_detail(request, slug))


def _tool_detail(request, slug):
    tool = get_object_or_404(
        Tool.objects.filter(published=True)
        .select_related("document__current_revision", "maintenance")
        .prefetch_related("categories", "platforms", "protocols", "tags"),
        slug=slug,
    )
    revision = tool.document.current_revision
    data = revision.data
    offers = tool.offers.select_related("hoster").order_by("hoster__type", "hoster__name")
    criteria = breakdown(tool, data)
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
            "maintenance": getattr(tool, "maintenance", None),
            "related": registry.related_content(kind="tool", key=tool.slug, title=tool.name),
            "service_page": Service.objects.filter(slug=tool.slug).first(),
            "self_hosting_skill": dict(Tool.Skill.choices).get(
                data.get("self_hosting_skill") or ""
            ),
        },
    )


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
