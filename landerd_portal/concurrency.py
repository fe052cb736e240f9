"""Nothing lost, nothing twice: edit versions and one-time form tokens, in one place.

**Lost updates.** A row that people edit in a form carries a ``version``
(:class:`VersionedModel`). The edit form sends back the version it was opened with
(:class:`SafeSubmitFormMixin`); the service calls :func:`claim` inside its transaction,
which locks the row and raises :class:`EditConflict` when someone else saved in between.
Every full save of an existing row bumps the version, so a change made in the admin or by
another service also counts as "someone else saved". The view base
(``ServiceFormView``) turns the conflict into a page that shows both versions, field by
field (:func:`differences`), with the user's input still in the form.

**Double rows.** A create form carries a one-time token. The view base records it with the
row it created (``SubmittedForm``), in the same transaction; the same token again (a double
tap, the back button) leads to that row instead of making a second one.
"""

import datetime
import uuid

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "version"
TOKEN_FIELD = "form_token"


# --- Models -----------------------------------------------------------------------------


def version_field():
    """The edit version of a row: 1 when created, one higher with every full save."""
    return models.PositiveIntegerField(_("versie"), default=1, editable=False)


class VersionedModel(models.Model):
    """A row edited through a form: saved only from the version the editor started from.

    ``save()`` without ``update_fields`` (a form, the admin, a service) bumps the version.
    A targeted ``save(update_fields=[...])`` leaves it alone, unless ``"version"`` is among
    the fields: then it bumps too (for a targeted change to a field the forms edit).
    """

    version = version_field()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (update_fields is None or VERSION_FIELD in update_fields):
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)


class EditConflict(Exception):
    """Someone saved the row after the editor opened it; ``current`` is what they saved."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} changed (v{current.version}).")
        self.current = current


def claim(obj: VersionedModel, version: int | None) -> None:
    """Lock ``obj``'s row for this transaction and check it is still at ``version``.

    Call inside ``transaction.atomic()``, before saving. ``version`` None means the caller
    edits without a form (admin, seeding, a task): no check. Raises :class:`EditConflict`
    with the row as saved now when the version moved on; nothing is saved then.
    """
    model = type(obj)
    current = model._default_manager.select_for_update().values_list("version", flat=True)
    current = current.get(pk=obj.pk)
    if version is not None and current != version:
        raise EditConflict(model._default_manager.get(pk=obj.pk))
    # The save that follows bumps from the version in the database, whatever the instance
    # held: the row is locked until the transaction ends, so nobody else moves it on.
    obj.version = current


# --- Forms ------------------------------------------------------------------------------


class SafeSubmitFormMixin:
    """Give an edit form the version it started from, and a create form a one-time token.

    The edited object is the ModelForm's saved ``instance``, or ``edited=`` for a plain
    form. Both travel as hidden fields; after validation they are taken out of
    ``cleaned_data`` (the services never see them) into ``expected_version`` and
    ``submission_token``.
    """

    def __init__(self, *args, edited=None, **kwargs):
        super().__init__(*args, **kwargs)
        if edited is None:
            instance = getattr(self, "instance", None)
            edited = instance if instance is not None and instance.pk else None
        self.edited = edited
        self.expected_version = None
        self.submission_token = None
        if edited is None:
            self.fields[TOKEN_FIELD] = forms.CharField(
                # data-form-token: portal.js sends it again when the user goes back to
                # the form after sending it and sends the same input once more.
                required=False,
                widget=forms.HiddenInput(attrs={"data-form-token": True}),
                initial=uuid.uuid4,
            )
        elif isinstance(edited, VersionedModel):
            self.fields[VERSION_FIELD] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=edited.version
            )

    @property
    def is_versioned(self):
        return VERSION_FIELD in self.fields

    def clean(self):
        cleaned = super().clean()
        token = cleaned.pop(TOKEN_FIELD, None)
        try:
            # No (or a garbled) token: the form still works, only without the protection.
            self.submission_token = uuid.UUID(token) if token else None
        except ValueError:
            self.submission_token = None
        if self.is_versioned:
            version = cleaned.pop(VERSION_FIELD, None)
            try:
                self.expected_version = int(version)
            except (TypeError, ValueError):
                # Without the version we cannot tell whether this would overwrite someone.
                raise ValidationError(
                    _(
                        "Dit formulier is onvolledig binnengekomen, dus we weten niet of je "
                        "iemands wijziging zou overschrijven. Open het opnieuw en sla het "
                        "nog eens op."
                    ),
                    code="missing_version",
                ) from None
        return cleaned

    def show_version(self, version):
        """Carry ``version`` from now on: saving this form again saves over that version."""
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = str(version)


# --- Showing a conflict -----------------------------------------------------------------


def _normal(value):
    """A value in a form comparable across saved and typed: pks, sorted lists, no None."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted((_normal(item) for item in value), key=str)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().replace("\r\n", "\n")
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    return value


def _flat_choices(field):
    labels = {}
    for key, label in getattr(field, "choices", ()):
        if isinstance(label, list | tuple):  # a group: (group label, [(key, label), ...])
            labels.update((str(k), str(lab)) for k, lab in label)
        else:
            labels[str(key)] = str(label)
    return labels


def display_value(field, value):
    """A normalised value as a person reads it: labels, not keys; "ja"/"nee"; dates."""
    empty = gettext("(leeg)")
    if value in ("", None, []):
        return empty
    if hasattr(field, "choices"):
        labels = _flat_choices(field)
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values) or empty
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, datetime.date | datetime.time):
        return localize(value)
    return str(value)


class Difference:
    """One field where the saved version and the user's input differ."""

    def __init__(self, name, label, theirs, mine):
        self.name, self.label, self.theirs, self.mine = name, label, theirs, mine


def differences(mine, theirs):
    """The fields of the bound form ``mine`` whose input differs from the unbound ``theirs``
    (the same form for the row as saved now). Only fields the saved row fills are
    compared: photos to add, say, are not part of anyone's version."""
    found = []
    for name, field in mine.fields.items():
        if name in (VERSION_FIELD, TOKEN_FIELD) or name not in theirs.initial:
            continue
        if field.widget.is_hidden or isinstance(field, forms.FileField):
            continue
        their_value = _normal(theirs[name].initial)
        my_value = _normal(mine.cleaned_data.get(name))
        if their_value != my_value:
            found.append(
                Difference(
                    name,
                    field.label or name,
                    display_value(field, their_value),
                    display_value(field, my_value),
                )
            )
    return found


def mark_differences(form, found):
    """Put the other person's value beside each differing field (under its help text)."""
    for difference in found:
        field = form.fields[difference.name]
        note = format_html(
            '<span class="edit-conflict-theirs d-block mt-1">{}: <strong>{}</strong></span>',
            gettext("Opgeslagen door de ander"),
            difference.theirs,
        )
        field.help_text = format_html("{}{}", field.help_text, note) if field.help_text else note
        # The bound field copied the help text when validation made it.
        form[difference.name].help_text = field.help_text


# --- One-time tokens --------------------------------------------------------------------


class AlreadySubmitted(Exception):
    """This token was recorded by another request, which made the row."""


def earlier_submission(*, token, user):
    """The row an earlier submission with ``token`` made, as a ``SubmittedForm``, or None."""
    from .models import SubmittedForm

    return (
        SubmittedForm.objects.filter(token=token, user=user).select_related("content_type").first()
    )


def record_submission(*, token, user, result) -> None:
    """Remember that ``token`` made ``result``; call in the transaction that made it.

    A concurrent request with the same token waits for ours on the unique index and then
    fails here: raises :class:`AlreadySubmitted`, so that its own row is rolled back.
    """
    from .models import SubmittedForm

    try:
        with transaction.atomic():
            SubmittedForm.objects.create(
                token=token,
                user=user,
                content_type=ContentType.objects.get_for_model(result),
                object_id=result.pk,
            )
    except IntegrityError as error:
        raise AlreadySubmitted(str(token)) from error
