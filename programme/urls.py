from django.urls import include, path

app_name = "programme"

# Each area keeps its own routes; included without a namespace of their own, so names
# read programme:<name>.
urlpatterns = [
    path("din/", include("programme.din.urls")),
    path("partneroverleg/", include("programme.meetings.urls")),
    path("rapportages/", include("programme.reports.urls")),
    path("fasen/", include("programme.phases.urls")),
]
