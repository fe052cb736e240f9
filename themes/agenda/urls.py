from django.urls import path

from . import views

# Included by themes/urls.py: names read themes:<name>.
urlpatterns = [
    path("agenda/", views.AgendaView.as_view(), name="agenda"),
    path("agenda.ics", views.AgendaFeedView.as_view(), name="agenda_ics"),
    path("agenda/sitemap.xml", views.AgendaSitemapView.as_view(), name="agenda_sitemap"),
    path("agenda/<int:pk>/", views.AgendaActivityView.as_view(), name="agenda_detail"),
    path(
        "agenda/<int:pk>/fotos/<int:photo>/",
        views.AgendaPhotoView.as_view(),
        name="agenda_photo",
    ),
]
