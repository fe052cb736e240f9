"""Small helpers every app's views share."""

from django.core.exceptions import ValidationError


def is_htmx(request):
    """Whether htmx sent this request (and so wants a part of the page, not all of it)."""
    return request.headers.get("HX-Request") == "true"


def add_service_errors(form, error: ValidationError):
    """Show a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
