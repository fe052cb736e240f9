"""Celery tasks of the programme app, one module per area; imported here so that
Celery's autodiscovery (which imports ``programme.tasks``) registers them all."""

from .meetings import *  # noqa: F401,F403
from .reports import *  # noqa: F401,F403
