"""URLs that exist once, outside the language prefix."""

from django.urls import path

from core import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("favicon.ico", views.favicon),
    path("favicon.svg", views.favicon, name="favicon"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("media/<path:path>", views.media, name="media"),
]
