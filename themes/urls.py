from django.urls import include, path, re_path

from . import views

app_name = "themes"

urlpatterns = [
    path("themas/", views.ThemeListView.as_view(), name="theme_list"),
    path("themas/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path(
        "themas/<slug:slug>/samenwerkingsvorm/",
        views.CollaborationFormRecordView.as_view(),
        name="collaboration_form_record",
    ),
    path("activiteiten/", views.ActivityListView.as_view(), name="activity_list"),
    re_path(
        r"^activiteiten/export\.(?P<file_format>csv|xlsx)$",
        views.ActivityExportView.as_view(),
        name="activity_export",
    ),
    path("activiteiten/nieuw/", views.ActivityCreateView.as_view(), name="activity_create"),
    path(
        "activiteiten/inspanningen/",
        views.EffortOptionsView.as_view(),
        name="activity_effort_options",
    ),
    path(
        "activiteiten/voortbouwen-op/",
        views.BuildsOnOptionsView.as_view(),
        name="activity_builds_on_options",
    ),
    path("activiteiten/verspreiding/", views.SpreadView.as_view(), name="activity_spread"),
    path("activiteiten/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("bestanden/fotos/<int:pk>/", views.ActivityPhotoFileView.as_view(), name="photo_file"),
    path(
        "activiteiten/<int:pk>/bewerken/",
        views.ActivityUpdateView.as_view(),
        name="activity_update",
    ),
    path(
        "activiteiten/<int:pk>/verwijderen/",
        views.ActivityDeleteView.as_view(),
        name="activity_delete",
    ),
    # The public agenda and the residents' polls: pages without a login.
    path("", include("themes.agenda.urls")),
    path("", include("themes.polls.urls")),
]
