"""Routes of the phases area, included by programme/urls.py under the `programme` namespace."""

from django.urls import path

from programme.phases import views

urlpatterns = [
    path("", views.PhaseListView.as_view(), name="phase_list"),
    path("nieuw/", views.PhaseCreateView.as_view(), name="phase_create"),
]
