"""Routes of the learning history, mounted at /leergeschiedenis/."""

from django.urls import path

from . import views

app_name = "learning_history"

urlpatterns = [
    path("", views.LearningHistoryView.as_view(), name="index"),
    path("reflecties/nieuw/", views.ReflectionCreateView.as_view(), name="reflection_create"),
    path("reflecties/<int:pk>/", views.ReflectionDetailView.as_view(), name="reflection_detail"),
    path(
        "reflecties/<int:pk>/bewerken/",
        views.ReflectionUpdateView.as_view(),
        name="reflection_update",
    ),
    path(
        "reflecties/<int:pk>/zichtbaarheid/",
        views.ReflectionVisibilityView.as_view(),
        name="reflection_visibility",
    ),
    path("citaten/<int:pk>/goedkeuren/", views.QuoteApproveView.as_view(), name="quote_approve"),
    path("vragen/nieuw/", views.QuestionCreateView.as_view(), name="question_create"),
    path("vragen/<int:pk>/bewerken/", views.QuestionUpdateView.as_view(), name="question_update"),
    path("kijkglas/", views.KijkglasView.as_view(), name="kijkglas"),
    path("kijkglas/beoordelen/", views.KijkglasRateView.as_view(), name="kijkglas_rate"),
    path("zelfanalyse/", views.SelfAnalysisView.as_view(), name="self_analysis"),
    path("zelfanalyse/invullen/", views.SelfAnalysisFillView.as_view(), name="self_analysis_fill"),
    path(
        "zelfanalyse/gezamenlijk/",
        views.JointSelfAnalysisFillView.as_view(),
        name="self_analysis_joint",
    ),
    path(
        "zelfanalyse/<int:pk>/",
        views.SelfAnalysisDetailView.as_view(),
        name="self_analysis_detail",
    ),
]
