"""Move the free-text indicators into numbers, without losing a word.

A goal's baseline, target and current value and each measurement were free text ("41%",
"1 van 7", "Daling ten opzichte van de vorige meting"). A text that is a number, perhaps
followed by a unit ("41%", "212 aanmeldingen"), becomes the number and the goal's unit.
Whatever does not fit keeps its words: a goal's text goes into the indicator's
description ("Streefwaarde: Alle sportverenigingen"), a measurement's text into its note
("ingevoerd als “1 van 7”"). The history rows are converted the same way, so that an old
version still says what was typed. Each measurement gets the phase its date falls in.

The parsing lives here, not in the app, so that the migration does the same thing on
every later run whatever the app's code becomes.
"""

import re
from decimal import Decimal, InvalidOperation

from django.db import migrations

NUMBER = re.compile(r"^\s*([-+]?\d[\d.]*(?:,\d+)?|[-+]?\d*[.,]\d+)\s*(.*?)\s*$")
THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
LIMIT = Decimal("9999999999.99")


def parse(text):
    """(number, unit) for "41%", "7,2", "1.200 euro"; (None, None) when it is no number."""
    match = NUMBER.match(text or "")
    if not match:
        return None, None
    digits, unit = match.groups()
    if THOUSANDS.match(digits):
        digits = digits.replace(".", "")
    digits = digits.replace(",", ".")
    try:
        number = Decimal(digits).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None, None
    if abs(number) > LIMIT:
        return None, None
    return number, unit


def fits(text, unit):
    """The number in ``text`` when it is "<number> <unit>" for the goal's unit, else None;
    and the unit the goal takes when it had none yet."""
    number, found = parse(text)
    if number is None:
        return None, unit
    if not unit:
        unit = found[:40]
    return (number if found in ("", unit) else None), unit


def convert_goal(goal):
    unit = ""
    extra = []
    numbers = {}
    for name, label in (
        ("baseline", "Nulmeting"),
        ("target", "Streefwaarde"),
        ("current_value", "Huidige waarde"),
    ):
        text = (getattr(goal, name) or "").strip()
        if not text:
            continue
        number, unit = fits(text, unit)
        numbers[name] = number
        # The current value is the latest measurement's text, which that row keeps.
        if number is None and name != "current_value":
            extra.append(f"{label}: {text}")
    goal.unit = unit
    goal.baseline_amount = numbers.get("baseline")
    goal.target_amount = numbers.get("target")
    goal.current_amount = numbers.get("current_value")
    goal.indicator = "\n".join(part for part in [(goal.indicator or "").strip(), *extra] if part)


def convert_value(measurement, unit, phases):
    text = (measurement.value or "").strip()
    number, _unit = fits(text, unit)
    measurement.amount = number
    if number is None and text:
        kept = f"ingevoerd als “{text}”"
        measurement.note = f"{measurement.note} ({kept})" if measurement.note else kept.capitalize()
    measurement.phase_id = next(
        (pk for pk, start, end in phases if start <= measurement.date <= end), None
    )
    return unit


def forwards(apps, schema_editor):
    Goal = apps.get_model("programme", "Goal")
    IndicatorValue = apps.get_model("programme", "IndicatorValue")
    HistoricalGoal = apps.get_model("programme", "HistoricalGoal")
    HistoricalIndicatorValue = apps.get_model("programme", "HistoricalIndicatorValue")
    Phase = apps.get_model("programme", "Phase")
    phases = list(Phase.objects.order_by("order").values_list("pk", "start_date", "end_date"))

    goal_fields = ["unit", "baseline_amount", "target_amount", "current_amount", "indicator"]
    value_fields = ["amount", "note", "phase_id"]
    units = {}
    for goal in Goal.objects.order_by("pk"):
        convert_goal(goal)
        measurements = list(IndicatorValue.objects.filter(goal_id=goal.pk).order_by("date", "pk"))
        unit = goal.unit
        for measurement in measurements:
            unit = convert_value(measurement, unit, phases)
            measurement.save(update_fields=value_fields)
        if unit != goal.unit:  # a goal without any unit takes the one its values use
            goal.unit = unit
            goal.current_amount, _unit = fits(goal.current_value, unit)
        units[goal.pk] = goal.unit
        goal.save(update_fields=goal_fields)
    for version in HistoricalGoal.objects.order_by("history_id"):
        convert_goal(version)
        version.save(update_fields=goal_fields)
    for version in HistoricalIndicatorValue.objects.order_by("history_id"):
        convert_value(version, units.get(version.goal_id, ""), phases)
        version.save(update_fields=value_fields)


class Migration(migrations.Migration):
    dependencies = [("programme", "0009_numeric_indicators_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
