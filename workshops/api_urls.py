from django.urls import path

from workshops import api

urlpatterns = [
    path("workshops/", api.workshop_collection, name="api-workshops"),
    path("workshops/<slug:slug>/", api.workshop_detail, name="api-workshop"),
    path("workshops/<slug:slug>/register/", api.workshop_register, name="api-workshop-register"),
]
