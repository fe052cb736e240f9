"""The programme app's parts of the REST API (each area keeps its own ``api.py``)."""

from programme.din.api import urlpatterns as din_urlpatterns
from programme.reports.api import urlpatterns as reports_urlpatterns

urlpatterns = [*din_urlpatterns, *reports_urlpatterns]
