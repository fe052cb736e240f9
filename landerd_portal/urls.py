from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import pending_uploads, views

admin.site.site_header = _("Samen Landerd – beheer")
admin.site.site_title = _("Samen Landerd")
admin.site.index_title = _("Beheer van het partnerportaal")

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
    path(
        "bestanden/tijdelijk/<str:token>/",
        pending_uploads.KeptFileView.as_view(),
        name="kept_file",
    ),
    path("accounts/api-sleutels/", include("partners.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("themes.urls")),
    path("", include("programme.urls")),
    path("leergeschiedenis/", include("learning_history.urls")),
    path("geschiedenis/", include("landerd_portal.history")),
    path("api/", include("landerd_portal.api_urls")),
]
# Deliberately no route for MEDIA_URL, not even with DEBUG on: uploads and reports are
# served only by the views of the pages that link to them (landerd_portal/media.py).

# A PermissionDenied raised anywhere (a service's require_permission) is logged too.
handler403 = "landerd_portal.views.permission_denied"
