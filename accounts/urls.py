from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("mes-donnees.json", views.data_export, name="data-export"),
    path("supprimer/", views.account_delete, name="delete"),
    path("jeton/", views.api_token, name="api-token"),
    path("jeton/creer/", views.api_token_create, name="api-token-create"),
    path("jeton/revoquer/", views.api_token_revoke, name="api-token-revoke"),
]
