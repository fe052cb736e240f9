from django.urls import path

from . import views

# Included by themes/urls.py: names read themes:<name>.
urlpatterns = [
    path("peiling/<int:pk>/", views.PollAnswerView.as_view(), name="poll"),
    path("themas/<slug:slug>/peilingen/nieuw/", views.PollCreateView.as_view(), name="poll_create"),
    path(
        "peilingen/antwoorden/<int:pk>/toelichting-verwijderen/",
        views.PollTextRemoveView.as_view(),
        name="poll_text_remove",
    ),
]
