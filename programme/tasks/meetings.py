"""Celery tasks for partner meetings."""
