"""Root URLs.

Pages are French by default at `/…` and English under `/en/…` (i18n_patterns without a prefix for
the default language): the language is in the URL, so no cookie is needed to remember it and a
cache can key pages on the URL alone.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
    path("", include("core.urls_root")),
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("compte/", include("accounts.urls")),
    path("compte/", include("allauth.urls")),
    path("", include("charter.urls")),
    path("ressources/", include("resources.urls")),
    path("outils/", include("tools.urls")),
    path("ateliers/", include("workshops.urls")),
    path("", include("revisions.urls")),
    prefix_default_language=False,
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
