from django.apps import AppConfig


class LearningHistoryConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'learning_history'
