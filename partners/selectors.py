"""Functions that read data for the partners app."""

from django.db.models import QuerySet

from .models import ApiToken, User


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's own API keys, the active ones first, newest first."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")
