"""Routes of the din area, included by programme/urls.py under the `programme` namespace."""

from django.urls import path

from programme.din import views

urlpatterns = [
    path("", views.DinView.as_view(), name="din"),
    path("netwerk/", views.DinNetworkView.as_view(), name="din_network"),
    path("export.csv", views.DinExportView.as_view(), name="din_export"),
    path("thema/<slug:slug>/", views.DinThemeView.as_view(), name="din_theme"),
    path("thema/<slug:slug>/doelen/nieuw/", views.GoalCreateView.as_view(), name="din_goal_create"),
    path("doelen/<int:pk>/bewerken/", views.GoalUpdateView.as_view(), name="din_goal_update"),
    path(
        "doelen/<int:pk>/meting/",
        views.IndicatorValueCreateView.as_view(),
        name="din_indicator_value_create",
    ),
    path(
        "doelen/<int:pk>/inspanningen/nieuw/",
        views.EffortCreateView.as_view(),
        name="din_effort_create",
    ),
    path(
        "inspanningen/<int:pk>/bewerken/",
        views.EffortUpdateView.as_view(),
        name="din_effort_update",
    ),
    path(
        "inspanningen/<int:pk>/netwerk/", views.NetworkJoinView.as_view(), name="din_network_join"
    ),
    path(
        "netwerk/<int:pk>/verwijderen/", views.NetworkLeaveView.as_view(), name="din_network_leave"
    ),
]
