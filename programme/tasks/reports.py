"""Celery tasks for phase reports."""
