"""Text from users made safe to show anywhere: pages, PDFs, e-mail subjects.

Bidirectional control characters (U+202A–U+202E embeddings and overrides, U+2066–U+2069
isolates, and the marks U+200E, U+200F and U+061C) are invisible, and turn the text
around them: "invoice\u202egpj.exe" reads as "invoiceexe.jpg". The portal's texts are
Dutch and English, left to right, and never need them, so they are removed wherever user
text comes in (the form layer, ``landerd_portal.forms``) and from every e-mail subject.
"""

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text):
    """``text`` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", text)


def mail_subject(text):
    """A subject line from rendered text: one line, no bidi controls, no outer spaces.

    Subject templates render with autoescaping off (plain text, not HTML); a subject is one
    header line, so line breaks from a template or a title become spaces.
    """
    return " ".join(strip_bidi_controls(str(text)).split())


def counted(number, one, many):
    """A count as Dutch reads it: "geen besluiten", "één besluit", "12 besluiten".

    `one` and `many` are the (translated) singular and plural nouns; "geen" and "één" go
    through gettext too, so that English reads "no decisions", "one decision". Large numbers
    get the locale's thousands separator ("10.000 activiteiten").
    """
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils.translation import gettext

    number = int(number or 0)
    if number == 0:
        return gettext("geen %(things)s") % {"things": many}
    if number == 1:
        return gettext("één %(thing)s") % {"thing": one}
    return f"{intcomma(number)} {many}"


def figure_with_unit(number, unit=""):
    """An indicator's number as people write it, in the active language: "42%", "12,5 uur",
    "300 mantelzorgers"; a dash when it is unknown (0 is a number, not unknown)."""
    from django.template.defaultfilters import floatformat

    if number is None or number == "":
        return "–"
    text = floatformat(number, "-2")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"
