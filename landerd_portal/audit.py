"""Saving a change in someone's name, so that its history record says who made it."""


def save_by(user, instance, **save_arguments):
    """Save ``instance`` with ``user`` as the author of its history record.

    In a request django-simple-history takes the user from the request
    (``HistoryRequestMiddleware``); services also run in tasks, commands and tests, where
    there is none, so a service names the user itself, through this one function.
    """
    instance._history_user = user
    instance.save(**save_arguments)


def delete_by(user, instance):
    """Delete ``instance`` with ``user`` as the author of its last history record."""
    instance._history_user = user
    instance.delete()
