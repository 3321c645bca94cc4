import logging
from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.exceptions import RequestDataTooBig
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.registry import sitemaps
from core.sitemaps import StaticPagesSitemap

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    return render(request, "core/home.html")


@require_safe
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_safe
def privacy(request):
    return render(request, "core/privacy.html")


@require_safe
def legal(request):
    return render(request, "core/legal.html")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /compte/",
        "Disallow: /en/compte/",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def security_txt(request):
    """RFC 9116. Expires must stay in the future: a year from today, recomputed at each request."""
    expires = (timezone.now() + timezone.timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat()}",
        "Preferred-Languages: fr, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=604800, public=True)
def favicon(request):
    return HttpResponse(loader.render_to_string("core/favicon.svg"), content_type="image/svg+xml")


@require_safe
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": StaticPagesSitemap, **sitemaps})


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return _error_page(request, "413.html", 413, _("Request too large."))
    return _error_page(request, "400.html", 400, _("Bad request."))


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403, _("You do not have access to this page."))


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404, _("Not found."))


def server_error(request):
    return _error_page(request, "500.html", 500, _("Server error."))


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", 403, _("The form could not be verified."))


def _error_page(request, template_name, status, api_message):
    """Error pages speak JSON to the API and HTML to people."""
    if request.path.startswith("/api/"):
        return JsonResponse({"message": api_message}, status=status)
    try:
        return render(request, template_name, status=status)
    except Exception:  # the error page itself must never fail
        logger.exception("Error page %s failed to render", template_name)
        return HttpResponse(api_message, status=status, content_type="text/plain; charset=utf-8")


@require_safe
def media(request, path):
    """Uploaded files, for an instance without a front web server (make run). In production nginx
    serves MEDIA_ROOT directly and this view is never reached."""
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / path).resolve()
    if root not in file.parents or not file.is_file():
        raise Http404
    response = FileResponse(file.open("rb"))
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
