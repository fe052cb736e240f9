from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "landerd_portal"
    verbose_name = "Samen Landerd"

    def ready(self):
        from .fragments import connect_content_signals, content_changed
        from .sessions import connect_session_signals

        connect_content_signals()
        connect_session_signals()
        # Every deployment migrates: parts rendered by the previous code (its templates,
        # its models) must not outlive it.
        post_migrate.connect(
            lambda **kwargs: content_changed(), dispatch_uid="content-after-migrate", weak=False
        )
