"""Routes of the meetings area, included by programme/urls.py under the `programme` namespace."""

from django.urls import path

from programme.meetings import views

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("nieuw/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/bewerken/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("<int:pk>/voorbereiden/", views.MeetingPrepareView.as_view(), name="meeting_prepare"),
    path(
        "<int:pk>/suggesties/accepteren/",
        views.SuggestionAcceptView.as_view(),
        name="suggestion_accept",
    ),
    path(
        "<int:pk>/suggesties/negeren/",
        views.SuggestionDismissView.as_view(),
        name="suggestion_dismiss",
    ),
    path("<int:pk>/publiceren/", views.MeetingPublishView.as_view(), name="meeting_publish"),
    path(
        "<int:pk>/agendapunten/nieuw/",
        views.AgendaItemCreateView.as_view(),
        name="agenda_item_create",
    ),
    path(
        "<int:pk>/agendapunten/<int:item>/bewerken/",
        views.AgendaItemUpdateView.as_view(),
        name="agenda_item_update",
    ),
    path(
        "<int:pk>/agendapunten/<int:item>/verwijderen/",
        views.AgendaItemDeleteView.as_view(),
        name="agenda_item_delete",
    ),
    path(
        "<int:pk>/agendapunten/<int:item>/verplaatsen/",
        views.AgendaItemMoveView.as_view(),
        name="agenda_item_move",
    ),
    path(
        "<int:pk>/agendapunten/<int:item>/minuten/",
        views.AgendaItemMinutesView.as_view(),
        name="agenda_item_minutes",
    ),
    path("<int:pk>/agenda.pdf", views.AgendaPdfView.as_view(), name="meeting_pdf"),
    path("<int:pk>/agenda.ics", views.MeetingIcsView.as_view(), name="meeting_ics"),
    path(
        "<int:pk>/voorstellen/nieuw/",
        views.ProposalCreateView.as_view(),
        name="proposal_create",
    ),
    path(
        "voorstellen/<int:pk>/accepteren/",
        views.ProposalAcceptView.as_view(),
        name="proposal_accept",
    ),
    path(
        "voorstellen/<int:pk>/afwijzen/",
        views.ProposalDeclineView.as_view(),
        name="proposal_decline",
    ),
    path("<int:pk>/verslag/", views.MeetingMinutesView.as_view(), name="meeting_minutes"),
    path("bijlagen/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("acties/<int:pk>/afgerond/", views.ActionItemDoneView.as_view(), name="action_item_done"),
]
