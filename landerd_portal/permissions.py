"""How a service refuses: one exception, with a reason the page shows to the user."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_permission(user, permission, obj=None, message=None):
    """Raise PermissionDenied unless ``user`` has ``permission`` (on ``obj``).

    Services call this before they change anything, so a refusal never leaves half a
    change behind; ``message`` says why, in words the user understands.
    """
    if not user.has_perm(permission, obj):
        raise PermissionDenied(message or _("Je hebt geen toestemming voor deze wijziging."))
