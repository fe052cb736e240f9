"""Model fields shared by the apps."""

from django.core import validators
from django.db import models

# How long a free text may be. Long enough for what people write, short enough that one
# text never swamps a list, an export or the report to the council.
NOTE_MAX_LENGTH = 2_000  # a quote, a question, a reason
DESCRIPTION_MAX_LENGTH = 5_000  # a description, an explanation, an answer
LONG_TEXT_MAX_LENGTH = 10_000  # a reflection
MINUTES_MAX_LENGTH = 20_000  # the minutes of an agenda item


class BoundedTextField(models.TextField):
    """A TextField whose ``max_length`` is enforced everywhere, not only in forms.

    Django passes a TextField's ``max_length`` to its form field but does not check it in
    ``full_clean()``; services validate with ``full_clean()``, so the limit is added as a
    validator here (as CharField does). The database column stays ``text``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))
