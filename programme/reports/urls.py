"""Routes of the reports area, included by programme/urls.py under the `programme` namespace."""

from django.urls import path

from programme.reports import views

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("nieuw/", views.ReportBuildView.as_view(), name="report_build"),
    path("overeenkomst/", views.AgreementDownloadView.as_view(), name="agreement_download"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/status/", views.ReportStatusView.as_view(), name="report_status"),
    path("<int:pk>/publiceren/", views.ReportPublishView.as_view(), name="report_publish"),
    path("<int:pk>/opnieuw-maken/", views.ReportRestartView.as_view(), name="report_restart"),
    path(
        "<int:pk>/download/<str:extension>/",
        views.ReportDownloadView.as_view(),
        name="report_download",
    ),
]
