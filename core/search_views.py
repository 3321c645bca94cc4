"""The search page (/recherche/) and its API twin (/api/v1/search/)."""

from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.renderers import JSONRenderer

from core import search
from core.cache import anonymous_page
from core.registry import search_kinds

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


class SearchPaginator(Paginator):
    """Pages over a result count the search backend already knows."""

    def __init__(self, total, per_page):
        super().__init__(range(total), per_page)


def _run(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    kinds = [kind] if kind in search_kinds else None
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    results = search.search(query, kinds=kinds, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    paginator = SearchPaginator(results.total, PAGE_SIZE)
    page = Page(results.hits, min(number, paginator.num_pages), paginator)
    return query, kind if kinds else "", results, page


@require_safe
def search_page(request):
    # The rendered page, for readers without cookies, until the index changes: rendering 20
    # results took 8 ms once the results themselves were cached (make bench).
    return anonymous_page(
        request,
        ("search", request.get_full_path(), search.generation()),
        lambda: _search_page(request),
    )


def _search_page(request):
    query, kind, results, page = _run(request)
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "kind": kind,
            "results": results,
            "page": page,
            "kinds": sorted(search_kinds.items(), key=lambda item: str(item[1])),
            "labels": search_kinds,
        },
    )


@extend_schema(
    operation_id="search",
    responses=inline_serializer(
        "SearchResults",
        {
            "query": serializers.CharField(),
            "count": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "results": serializers.ListField(child=serializers.DictField()),
        },
    ),
    parameters=[
        OpenApiParameter("q", str, description="Words to find (French analysis)"),
        OpenApiParameter("type", str, description="Kind of result: " + ", ".join(search_kinds)),
        OpenApiParameter("page", int),
    ],
)
@api_view(["GET"])
def search_api(request):
    return anonymous_page(
        request,
        ("api-search", request.get_host(), request.get_full_path(), search.generation()),
        lambda: _search_api(request),
    )


def _search_api(request):
    query, _kind, results, page = _run(request)
    data = {
        "query": query,
        "count": results.total,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [
            {
                "kind": hit.kind,
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "snippet": str(hit.snippet),
            }
            for hit in results.hits
        ],
    }
    # Rendered here, as the JSON renderer would, so that the bytes can be kept in the cache.
    return HttpResponse(JSONRenderer().render(data), content_type="application/json")
