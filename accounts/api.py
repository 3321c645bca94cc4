from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from accounts import services


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False)


class TokenPerAddressThrottle(AnonRateThrottle):
    scope = "token"


class TokenPerAccountThrottle(SimpleRateThrottle):
    """Limits attempts on one account whatever the address they come from."""

    scope = "token"

    def get_cache_key(self, request, view):
        email = (
            str(request.data.get("email", "")).strip().lower() if hasattr(request, "data") else ""
        )
        return self.cache_format % {"scope": "token-account", "ident": email} if email else None


@extend_schema(
    request=TokenRequestSerializer,
    responses={
        200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        400: OpenApiResponse(description="Wrong credentials or invalid payload."),
    },
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([TokenPerAddressThrottle, TokenPerAccountThrottle])
def token_obtain(request):
    """Exchange the email and password of an active account for its personal API token."""
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    token = services.api_token_for_credentials(**serializer.validated_data)
    if token is None:
        return Response(
            {"message": _("Wrong email or password, or account not yet confirmed.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return Response({"token": token.key})
