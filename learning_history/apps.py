from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningHistoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning_history"
    verbose_name = _("Leergeschiedenis")
