"""What the admin index tells beheer about the themes' data (photo retention)."""

from django import template
from django.conf import settings
from django.urls import reverse

from themes.selectors import photos_past_retention

register = template.Library()


@register.simple_tag
def photos_to_review():
    """How many photos are past ``PHOTO_RETENTION_DAYS``, and where beheer reviews them."""
    return {
        "count": photos_past_retention().count(),
        "days": settings.PHOTO_RETENTION_DAYS,
        "url": reverse("admin:themes_activityphoto_changelist") + "?bewaartermijn=verlopen",
    }
