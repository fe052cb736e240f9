from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.ApiTokenListView.as_view(), name="api_tokens"),
    path("<int:pk>/intrekken/", views.ApiTokenRevokeView.as_view(), name="api_token_revoke"),
]
