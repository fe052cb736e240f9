from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "landerd_portal"
    verbose_name = "Samen Landerd"

    def ready(self):
        from .fragments import connect_content_signals

        connect_content_signals()
