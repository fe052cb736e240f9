"""Admin for the programme app. Each area registers its own models in its own admin
module; Django's autodiscovery imports only ``programme.admin``, so it imports them all."""

from .din import admin as din_admin
from .meetings import admin as meetings_admin
from .phases import admin as phases_admin
from .reports import admin as reports_admin

__all__ = ["din_admin", "meetings_admin", "phases_admin", "reports_admin"]
