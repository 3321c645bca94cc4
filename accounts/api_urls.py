from django.urls import path

from accounts import api

urlpatterns = [
    path("token/", api.token_obtain, name="api-token-obtain"),
]
