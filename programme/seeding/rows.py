"""Write a seed row only when it differs: what makes every seeding step idempotent.

A second run writes nothing at all, so neither the ``auto_now`` stamps nor the
django-simple-history tables move when the command runs again.
"""

from django.db import models


def assign(obj: models.Model, values: dict) -> list[str]:
    """Set ``values`` on ``obj``; return the names of the fields that really changed.

    Foreign keys are compared on their id so that no related row is fetched.
    """
    changed = []
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            current = getattr(obj, field.attname)
            new = value.pk if isinstance(value, models.Model) else value
        else:
            current = getattr(obj, name)
            new = value
        if current != new:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def upsert(model: type[models.Model], *, lookup: dict, values: dict | None = None):
    """Create the row found by ``lookup``, or bring it up to date with ``values``.

    Unlike ``update_or_create`` this leaves an unchanged row alone, so a re-run does not
    bump ``updated_at`` or add a django-simple-history record. Returns ``(obj, created)``.
    """
    values = values or {}
    obj = model._default_manager.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = assign(obj, values)
    if changed:
        obj.full_clean()
        auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=changed + auto_now)
    return obj, False
