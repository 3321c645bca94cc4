"""API of the resources: read articles and revisions; create and edit with a token."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core import ratelimit
from core.cache import anonymous_page
from core.site import SiteReadOnly
from resources import services
from resources.models import Article
from revisions.exceptions import EditConflict, RevisionError
from revisions.models import Revision


class ArticleSummarySerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    tags = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Article
        fields = ["slug", "title", "summary", "kind", "tags", "url", "updated_at"]


class ArticleSerializer(ArticleSummarySerializer):
    revision = serializers.IntegerField(source="document.current_revision.number", read_only=True)
    revision_id = serializers.IntegerField(source="document.current_revision.pk", read_only=True)
    text = serializers.CharField(source="document.current_revision.text", read_only=True)

    class Meta(ArticleSummarySerializer.Meta):
        fields = [*ArticleSummarySerializer.Meta.fields, "revision", "revision_id", "text"]


class RevisionSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.public_name")

    class Meta:
        model = Revision
        fields = ["id", "number", "action", "author", "created_at", "summary", "minor", "size"]


class ArticleWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(trim_whitespace=False)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Article.Kind.choices, default=Article.Kind.REFLECTION)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list
    )
    edit_summary = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    minor = serializers.BooleanField(required=False, default=False)
    base_revision = serializers.IntegerField(
        required=False, help_text="id of the revision the edit starts from"
    )

    def fields_value(self):
        data = self.validated_data
        text = data["text"].replace("\r\n", "\n")
        return services.ArticleFields(
            title=data["title"].strip(),
            text=text,
            summary=data["summary"],
            kind=data["kind"],
            tags=tuple(data["tags"]),
        )


class Pages(PageNumberPagination):
    page_size = 50


@extend_schema(operation_id="resources_list", responses=ArticleSummarySerializer(many=True))
@api_view(["GET"])
def article_list(request):
    # Public data: from the cache until a revision or a review changes the wiki.
    return anonymous_page(
        request,
        ("api-articles", request.get_full_path(), *Revision.objects.last_change()),
        lambda: _article_list(request),
    )


def _article_list(request):
    articles = Article.objects.listing()
    if request.GET.get("tag"):
        articles = articles.filter(tags__slug=request.GET["tag"])
    paginator = Pages()
    page = paginator.paginate_queryset(articles, request)
    data = paginator.get_paginated_response(ArticleSummarySerializer(page, many=True).data).data
    # Rendered here, as the JSON renderer would, so that the bytes can be kept in the cache.
    return HttpResponse(JSONRenderer().render(data), content_type="application/json")


@extend_schema(
    methods=["GET"], operation_id="resources_list", responses=ArticleSummarySerializer(many=True)
)
@extend_schema(
    methods=["POST"],
    operation_id="resources_create",
    request=ArticleWriteSerializer,
    responses={201: ArticleSerializer, 400: OpenApiResponse(description="Invalid data")},
)
@api_view(["GET", "POST"])
def article_collection(request):
    if request.method == "GET":
        return article_list(request._request)
    serializer = ArticleWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    if not ratelimit.allow(action="create", user=request.user):
        return Response({"message": _("Too many pages created in a short time.")}, status=429)
    try:
        article = services.article_create(
            fields=serializer.fields_value(),
            author=request.user,
            summary=serializer.validated_data["edit_summary"],
        )
    except (RevisionError, SiteReadOnly) as error:
        return Response({"message": str(error.message)}, status=status.HTTP_400_BAD_REQUEST)
    return Response(_article_payload(article), status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], operation_id="resources_retrieve", responses=ArticleSerializer)
@extend_schema(
    methods=["PUT"],
    operation_id="resources_update",
    request=ArticleWriteSerializer,
    responses={
        200: ArticleSerializer,
        409: OpenApiResponse(description="Edit conflict: both texts and a merge proposal"),
    },
)
@api_view(["GET", "PUT"])
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("document__current_revision"),
        slug=slug,
    )
    if request.method == "GET":
        return Response(_article_payload(article))
    serializer = ArticleWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    if not ratelimit.allow(action="edit", user=request.user):
        return Response({"message": _("Too many changes in a short time.")}, status=429)
    base_id = serializer.validated_data.get("base_revision")
    base = (
        Revision.objects.filter(document=article.document, pk=base_id).first() if base_id else None
    )
    if base is None and article.document.current_revision_id:
        message = _("base_revision is required: the id of the revision your edit starts from.")
        return Response({"message": message}, status=status.HTTP_400_BAD_REQUEST)
    try:
        result = services.article_revise(
            article=article,
            base_revision=base,
            fields=serializer.fields_value(),
            author=request.user,
            summary=serializer.validated_data["edit_summary"],
            minor=serializer.validated_data["minor"],
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
    article.refresh_from_db()
    payload = _article_payload(article)
    payload.update(
        merged=result.merged,
        pending=result.pending,
        unchanged=result.unchanged,
        saved_revision=result.revision.pk if result.revision else None,
    )
    return Response(payload)


@extend_schema(operation_id="resources_revisions_list", responses=RevisionSerializer(many=True))
@api_view(["GET"])
def article_revisions(request, slug):
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    revisions = (
        article.document.revisions.visible_to(request.user)
        .select_related("author")
        .order_by("-number")
    )
    paginator = Pages()
    page = paginator.paginate_queryset(revisions, request)
    return paginator.get_paginated_response(RevisionSerializer(page, many=True).data)


@extend_schema(operation_id="resources_revisions_retrieve", responses=RevisionSerializer)
@api_view(["GET"])
def article_revision(request, slug, number):
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    revision = get_object_or_404(article.document.revisions.visible_to(request.user), number=number)
    return Response(
        {**RevisionSerializer(revision).data, "text": revision.text, "data": revision.data}
    )


def _article_payload(article):
    article = (
        Article.objects.select_related("document__current_revision")
        .prefetch_related("tags")
        .get(pk=article.pk)
    )
    if article.document.current_revision is None:
        return {**ArticleSummarySerializer(article).data, "pending": True}
    return ArticleSerializer(article).data
