"""API of the workshops: read the public sessions; create them (facilitators) and register
(members) with a personal token."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.site import SiteReadOnly
from workshops import services
from workshops.models import Place, Programme, Registration, Topic, Workshop


class PlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["slug", "name", "address", "city", "step_free_access", "hearing_loop"]


class WorkshopSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    place = PlaceSerializer(read_only=True)
    seats_left = serializers.SerializerMethodField()
    registration = serializers.SerializerMethodField()

    class Meta:
        model = Workshop
        fields = [
            "slug",
            "title",
            "description",
            "programme",
            "topic",
            "format",
            "place",
            "sign_language",
            "subtitles",
            "accessibility_notes",
            "starts_at",
            "ends_at",
            "capacity",
            "seats_left",
            "registration",
            "registration_opens_at",
            "registration_closes_at",
            "requires_approval",
            "status",
            "url",
        ]

    def get_seats_left(self, workshop) -> int | None:
        if not workshop.show_count:
            return None
        confirmed = getattr(workshop, "confirmed_count", None)
        if confirmed is None:
            confirmed = workshop.registrations.confirmed().count()
        return max(workshop.capacity - confirmed, 0)

    def get_registration(self, workshop) -> str:
        """open, not-yet, closed, cancelled or draft."""
        return workshop.registration_state()


class WorkshopWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    programme = serializers.SlugRelatedField(
        slug_field="slug", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    topic = serializers.ChoiceField(choices=Topic.choices, required=False)
    format = serializers.ChoiceField(choices=Workshop.Format.choices)
    place = serializers.SlugRelatedField(
        slug_field="slug", queryset=Place.objects.all(), required=False, allow_null=True
    )
    online_url = serializers.URLField(required=False, allow_blank=True, default="")
    sign_language = serializers.BooleanField(required=False, default=False)
    subtitles = serializers.BooleanField(required=False, default=False)
    accessibility_notes = serializers.CharField(required=False, allow_blank=True, default="")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField(min_value=1, max_value=services.MAX_CAPACITY)
    registration_opens_at = serializers.DateTimeField(required=False, allow_null=True)
    registration_closes_at = serializers.DateTimeField(required=False, allow_null=True)
    requires_approval = serializers.BooleanField(required=False, default=False)
    show_count = serializers.BooleanField(required=False, default=True)
    publish = serializers.BooleanField(
        required=False, default=False, help_text="publish at once (else a draft)"
    )

    def validate(self, data):
        if not data.get("topic"):
            if not data.get("programme"):
                raise serializers.ValidationError({"topic": [_("Choose a topic.")]})
            data["topic"] = data["programme"].topic
        return data

    def fields_value(self) -> services.WorkshopFields:
        data = dict(self.validated_data)
        data.pop("publish")
        programme = data.get("programme")
        tools = list(programme.tools.all()) if programme else []
        resources = list(programme.resources.all()) if programme else []
        return services.WorkshopFields(**data, tools=tools, resources=resources)


class RegisterSerializer(serializers.Serializer):
    consent_feedback = serializers.BooleanField(
        required=False, default=False, help_text="accept one feedback request after the session"
    )
    needs = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RegistrationResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    position = serializers.IntegerField(allow_null=True, help_text="place on the waiting list")
    id = serializers.IntegerField()


class Pages(PageNumberPagination):
    page_size = 50


FILTERS = [
    OpenApiParameter("theme", str, description="topic", enum=Topic.values),
    OpenApiParameter("format", str, enum=Workshop.Format.values),
    OpenApiParameter("lieu", str, description="place slug"),
]


@extend_schema(
    methods=["GET"],
    operation_id="workshops_list",
    parameters=FILTERS,
    responses=WorkshopSerializer(many=True),
)
@extend_schema(
    methods=["POST"],
    operation_id="workshops_create",
    request=WorkshopWriteSerializer,
    responses={
        201: WorkshopSerializer,
        400: OpenApiResponse(description="Invalid data"),
        403: OpenApiResponse(description="Not a facilitator"),
    },
)
@api_view(["GET", "POST"])
def workshop_collection(request):
    """Upcoming public sessions, soonest first (GET); create a session (POST, facilitators)."""
    if request.method == "GET":
        workshops = Workshop.objects.upcoming().select_related("place", "programme").with_counts()
        for key, field in (("theme", "topic"), ("format", "format"), ("lieu", "place__slug")):
            if request.GET.get(key):
                workshops = workshops.filter(**{field: request.GET[key]})
        paginator = Pages()
        page = paginator.paginate_queryset(workshops, request)
        return paginator.get_paginated_response(WorkshopSerializer(page, many=True).data)
    if not (request.user.is_facilitator or request.user.is_moderator):
        return Response(
            {"message": _("Only facilitators can create sessions.")},
            status=status.HTTP_403_FORBIDDEN,
        )
    serializer = WorkshopWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    publish = serializer.validated_data["publish"]
    try:
        workshop = services.workshop_create(
            fields=serializer.fields_value(),
            author=request.user,
            status=Workshop.Status.PUBLISHED if publish else Workshop.Status.DRAFT,
        )
    except services.WorkshopError as error:
        body = {"message": str(error.message)}
        if error.field:
            body["errors"] = {error.field: [str(error.message)]}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    except SiteReadOnly as error:
        return Response({"message": str(error)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    return Response(WorkshopSerializer(workshop).data, status=status.HTTP_201_CREATED)


@extend_schema(operation_id="workshops_retrieve", responses=WorkshopSerializer)
@api_view(["GET"])
def workshop_detail(request, slug):
    workshop = get_object_or_404(
        Workshop.objects.visible_to(request.user).select_related("place", "programme"), slug=slug
    )
    return Response(WorkshopSerializer(workshop).data)


@extend_schema(
    operation_id="workshops_register",
    request=RegisterSerializer,
    responses={
        201: RegistrationResultSerializer,
        400: OpenApiResponse(description="Closed, cancelled, or already registered"),
    },
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def workshop_register(request, slug):
    """Register the token's member: confirmed while seats are left, else on the waiting list
    (or waiting for approval when the facilitators approve registrations)."""
    workshop = get_object_or_404(Workshop.objects.public(), slug=slug)
    serializer = RegisterSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    try:
        registration = services.registration_create(
            workshop=workshop,
            user=request.user,
            name="",
            email="",
            consent_data=True,
            **serializer.validated_data,
        )
    except services.WorkshopError as error:
        return Response({"message": str(error.message)}, status=status.HTTP_400_BAD_REQUEST)
    except SiteReadOnly as error:
        return Response({"message": str(error)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    position = None
    if registration.status == Registration.Status.WAITING:
        position = workshop.registrations.waiting().filter(pk__lte=registration.pk).count()
    return Response(
        {"id": registration.pk, "status": registration.status, "position": position},
        status=status.HTTP_201_CREATED,
    )
