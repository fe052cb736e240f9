from django.urls import include, path

app_name = "programme"

# Each area keeps its own routes; included without a namespace of their own, so names
# read programme:<name>.
urlpatterns = [
    path("din/", include("programme.urls_din")),
    path("partneroverleg/", include("programme.urls_meetings")),
    path("rapportages/", include("programme.urls_reports")),
]
