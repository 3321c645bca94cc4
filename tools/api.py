"""API of the directory: the page's filters on the list; create and edit with a token.

Writes are validated by the same form as the pages (SPDX ids, duplicates, addresses), so the
rules cannot drift apart.
"""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core import ratelimit
from core.cache import anonymous_page
from core.site import SiteReadOnly
from revisions.exceptions import EditConflict, RevisionError
from revisions.models import Revision
from tools import filters, opendata, services
from tools.forms import ToolForm
from tools.models import Tool

PAGE_SIZE = 50
LIST_KEYS = {"categories", "platforms"}
FILTER_PARAMETERS = [
    OpenApiParameter("categorie", OpenApiTypes.STR, many=True, description="category slug (AND)"),
    OpenApiParameter("libre", OpenApiTypes.STR, description="1: free licence only"),
    OpenApiParameter("auto", OpenApiTypes.STR, description="1: self-hostable only"),
    OpenApiParameter("relue", OpenApiTypes.STR, description="1: reviewed entries only"),
    OpenApiParameter("critere", OpenApiTypes.STR, many=True, description="good on (AND)"),
    OpenApiParameter("niveau", OpenApiTypes.STR, description="skill: debutant…"),
    OpenApiParameter("audience", OpenApiTypes.STR, description="masse, large, communaute, niche"),
    OpenApiParameter("hebergeur", OpenApiTypes.STR, description="hoster type offering it"),
    OpenApiParameter("page", OpenApiTypes.INT),
]


class ToolWriteSerializer(serializers.Serializer):
    """What a write sends (documentation only: the page's form validates it)."""

    name = serializers.CharField()
    summary = serializers.CharField()
    categories = serializers.ListField(child=serializers.SlugField())
    description = serializers.CharField()
    licence = serializers.CharField(required=False, help_text="SPDX expression")
    website = serializers.URLField(required=False)
    source_code = serializers.URLField(required=False)
    self_hostable = serializers.BooleanField(required=False)
    platforms = serializers.ListField(child=serializers.CharField(), required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    checked = serializers.BooleanField(required=False, help_text="facts checked today")
    edit_summary = serializers.CharField(required=False)
    base_revision = serializers.IntegerField(required=False, help_text="required to edit")


@extend_schema(
    methods=["GET"],
    operation_id="tools_list",
    parameters=FILTER_PARAMETERS,
    responses=OpenApiTypes.OBJECT,
)
@extend_schema(
    methods=["POST"],
    operation_id="tools_create",
    request=ToolWriteSerializer,
    responses={201: OpenApiTypes.OBJECT, 400: OpenApiResponse(description="Invalid data")},
)
@api_view(["GET", "POST"])
def tool_collection(request):
    if request.method == "GET":
        return _list(request._request)
    form = _form(request.data)
    if not form.is_valid():
        return _invalid(form)
    if not ratelimit.allow(action="create", user=request.user):
        return Response({"message": _("Too many pages created in a short time.")}, status=429)
    try:
        tool = services.tool_create(
            slug=services.free_slug(form.cleaned_data["name"]),
            data=form.data_value(),
            author=request.user,
            summary=form.cleaned_data["edit_summary"],
        )
    except (RevisionError, SiteReadOnly) as error:
        return Response({"message": str(error.message)}, status=status.HTTP_400_BAD_REQUEST)
    return Response(_payload(tool, request), status=status.HTTP_201_CREATED)


def _list(request):
    # Public data: from the cache until an entry of the directory changes.
    key = ("api-tools", request.get_full_path(), filters.directory_generation())
    return anonymous_page(request, key, lambda: _list_page(request))


def _list_page(request):
    active, ignored = filters.parse(request.GET)
    tools = filters.apply(Tool.objects.filter(published=True), active).order_by("name", "pk")
    page = Paginator(tools, PAGE_SIZE).get_page(request.GET.get("page"))
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "ignored_filters": ignored,
        "licence": opendata.LICENCE,
        "results": opendata.records(Tool.objects.filter(pk__in=[t.pk for t in page]), request),
    }
    # Rendered here, as the JSON renderer would, so that the bytes can be kept in the cache.
    return HttpResponse(JSONRenderer().render(data), content_type="application/json")


@extend_schema(methods=["GET"], operation_id="tools_retrieve", responses=OpenApiTypes.OBJECT)
@extend_schema(
    methods=["PUT"],
    operation_id="tools_update",
    request=ToolWriteSerializer,
    responses={
        200: OpenApiTypes.OBJECT,
        409: OpenApiResponse(description="Edit conflict: both texts and a merge proposal"),
    },
)
@api_view(["GET", "PUT"])
def tool_detail(request, slug):
    tool = get_object_or_404(
        Tool.objects.filter(published=True).select_related("document__current_revision"),
        slug=slug,
    )
    if request.method == "GET":
        return Response(_payload(tool, request))
    form = _form(request.data, tool=tool)
    if not form.is_valid():
        return _invalid(form)
    base = Revision.objects.filter(
        document=tool.document, pk=form.cleaned_data.get("base_revision")
    ).first()
    if base is None:
        message = _("base_revision is required: the id of the revision your edit starts from.")
        return Response({"message": message}, status=status.HTTP_400_BAD_REQUEST)
    if not ratelimit.allow(action="edit", user=request.user):
        return Response({"message": _("Too many changes in a short time.")}, status=429)
    try:
        result = services.tool_revise(
            tool=tool,
            base_revision=base,
            data=form.data_value(base=base.data),
            author=request.user,
            summary=form.cleaned_data["edit_summary"],
        )
    except EditConflict as conflict:
        return Response(
            {
                "message": str(conflict.message),
                "current_revision": conflict.current.pk,
                "current_text": conflict.current.text,
                "your_text": conflict.my_text,
                "proposal": conflict.proposal_text,
                "conflicts": conflict.conflicts,
            },
            status=status.HTTP_409_CONFLICT,
        )
    except (RevisionError, SiteReadOnly) as error:
        return Response({"message": str(error.message)}, status=status.HTTP_400_BAD_REQUEST)
    tool.refresh_from_db()
    payload = _payload(tool, request)
    payload.update(merged=result.merged, pending=result.pending, unchanged=result.unchanged)
    return Response(payload)


def _form(data, tool=None) -> ToolForm:
    """The JSON body as form data: lists stay lists, booleans become checkbox values."""
    values = MultiValueDict()
    for key, value in dict(data).items():
        if key in LIST_KEYS and isinstance(value, list):
            values.setlist(key, [str(item) for item in value])
        elif isinstance(value, list):
            values[key] = ", ".join(str(item) for item in value)
        elif isinstance(value, bool):
            if value:
                values[key] = "on"
        elif value is not None:
            values[key] = str(value)
    return ToolForm(values, tool=tool)


def _invalid(form):
    errors = {
        field: [strip_tags(str(e)) for e in messages] for field, messages in form.errors.items()
    }
    message = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
    return Response(
        {"message": _("Invalid data: %(errors)s") % {"errors": message}, "errors": errors},
        status=status.HTTP_400_BAD_REQUEST,
    )


def _payload(tool, request) -> dict:
    tool = Tool.objects.select_related("document__current_revision").get(pk=tool.pk)
    revision = tool.document.current_revision
    record = opendata.records(Tool.objects.filter(pk=tool.pk), request)
    if revision is None:
        return {"slug": tool.slug, "name": tool.name, "pending": True}
    return {
        **record[0],
        "revision": revision.number,
        "revision_id": revision.pk,
        "description": revision.text,
        "data": revision.data,
    }
