"""Template tags for forms that are not ours: Django's sign-in and password forms."""

from django import template
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _

from landerd_portal.forms import PortalFormHelper

register = template.Library()


@register.simple_tag
def auth_form_helper(form):
    """A crispy helper for one of Django's auth forms, which carry no ``helper`` of their own.

    Use as ``{% auth_form_helper form as helper %}{% crispy form helper %}``. It drops
    ``autofocus`` (it skips the heading and the skip link for screen-reader users and moves
    phones' viewport unexpectedly) and asks phones for the e-mail keyboard on the sign-in
    form, whose e-mail field Django names "username".
    """
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)
    if "username" in form.fields:
        form.fields["username"].widget.attrs.setdefault("inputmode", "email")
    helper = PortalFormHelper(form)
    if isinstance(form, AuthenticationForm):
        helper.form_error_title = _("Inloggen is niet gelukt")
    return helper
