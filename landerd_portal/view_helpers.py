"""Small helpers every app's views share."""

from django.core.exceptions import ValidationError
from django.core.validators import slug_re


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


def slug_from_query(request, name):
    """The slug in ``?name=``, or None when it is missing or could be no slug at all.

    Query strings are typed by anyone: a NUL byte or a 10,000-character value must not
    reach the database (PostgreSQL refuses NUL bytes with an error, a 500).
    """
    value = request.GET.get(name, "")
    return value if 0 < len(value) <= 100 and slug_re.fullmatch(value) else None
