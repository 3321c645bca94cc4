"""API plumbing shared by every app: JSON errors with a message, the root, unknown paths."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Every API error is `{"message": "…"}`, with `errors` per field when a payload is invalid."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        response.data = {"message": str(data["detail"])}
    else:
        response.data = {"message": _("The data sent is not valid."), "errors": data}
    return response


def api_root(request):
    return JsonResponse(
        {
            "name": "Présence API",
            "version": "1",
            "schema": request.build_absolute_uri("/api/v1/openapi.json"),
        }
    )


def api_not_found(request, rest):
    return JsonResponse({"message": _("Unknown API endpoint.")}, status=404)
