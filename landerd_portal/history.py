"""The audit trail, readable: who changed what on an object, and when ("wie, wanneer, wat").

Every model people change keeps django-simple-history records: the user comes from the
request (``HistoryRequestMiddleware``) or, where a service runs without one, from the
user it names (``landerd_portal.audit.save_by``). This module turns an object's records
into a page at ``/geschiedenis/<app_label>.<model>/<pk>/`` for the programme team and beheer
(``partners.view_history``): each change with who made it, when, and every field that
changed, old → new (simple-history's ``diff_against``), newest first, page by page.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from simple_history.utils import get_m2m_reverse_field_name

from .view_base import PortalPermissionMixin

HISTORY_PAGE_SIZE = 20
# A long text shows its start: the history says that it changed, the object says how.
VALUE_PREVIEW_LENGTH = 300

KINDS = {
    "+": gettext_lazy("Aangemaakt"),
    "~": gettext_lazy("Gewijzigd"),
    "-": gettext_lazy("Verwijderd"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: object  # the user, or None when nobody signed in (a task, a script)
    kind: str
    type: str  # simple-history's: "+" created, "~" changed, "-" deleted
    changes: list = field(default_factory=list)


def history_manager(model):
    """The model's simple-history manager, or None when the model keeps no history."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute) if attribute else None


def tracked_model(label: str):
    """The model named ``app_label.model_name`` when it keeps a history, else None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if history_manager(model) is not None else None


def history_url(obj) -> str:
    return reverse("history:object", kwargs={"label": obj._meta.label_lower, "pk": obj.pk})


def _display(model_field, value, names):
    """One value as a person reads it."""
    if model_field.many_to_many:
        labels = sorted(names.get((model_field.related_model, pk), str(pk)) for pk in value)
        return ", ".join(labels) or "—"
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return names.get(
            (model_field.related_model, value), _("verwijderd (%(pk)s)") % {"pk": value}
        )
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.datetime):
        return formats.localize(timezone.localtime(value))
    if isinstance(value, datetime.date):
        return formats.localize(value)
    return Truncator(str(value)).chars(VALUE_PREVIEW_LENGTH)


def _m2m_ids(model_field, rows):
    """The related objects' ids in simple-history's rows of an M2M field."""
    key = get_m2m_reverse_field_name(model_field)
    return [row[key] for row in rows]


def object_history(*, model, pk, page_number=1):
    """One page of the object's changes, newest first: ``(page, entries)``.

    A fixed number of queries per page whatever the object's history: the page of records
    with their users, the record before the page's oldest (to compare it with), the names
    of related objects per related model, and per record with tracked M2M fields the
    rows of those fields (so at most ``HISTORY_PAGE_SIZE`` times their number).
    Raises Http404 when the object has no history at all.
    """
    manager = history_manager(model)
    pk_name = model._meta.pk.attname
    records = (
        manager.filter(**{pk_name: pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    page = Paginator(records, HISTORY_PAGE_SIZE).get_page(page_number)
    rows = list(page.object_list)
    if not rows:
        raise Http404(_("Van dit object is geen geschiedenis vastgelegd."))
    oldest = rows[-1]
    before_page = (
        manager.filter(**{pk_name: pk})
        .filter(
            Q(history_date__lt=oldest.history_date)
            | Q(history_date=oldest.history_date, history_id__lt=oldest.history_id)
        )
        .order_by("-history_date", "-history_id")
        .first()
    )

    deltas = []
    for record, previous in zip(rows, [*rows[1:], before_page], strict=True):
        if previous is None or record.history_type != "~":
            deltas.append((record, []))
        else:
            deltas.append((record, record.diff_against(previous).changes))

    # The names of related objects, one query per related model.
    wanted = {}
    for _record, changes in deltas:
        for change in changes:
            model_field = model._meta.get_field(change.field)
            if not model_field.is_relation:
                continue
            related = model_field.related_model
            if model_field.many_to_many:
                ids = _m2m_ids(model_field, change.old) + _m2m_ids(model_field, change.new)
            else:
                ids = [value for value in (change.old, change.new) if value is not None]
            wanted.setdefault(related, set()).update(ids)
    names = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)

    entries = []
    for record, changes in deltas:
        field_changes = []
        for change in changes:
            model_field = model._meta.get_field(change.field)
            old, new = change.old, change.new
            if model_field.many_to_many:
                old, new = _m2m_ids(model_field, old), _m2m_ids(model_field, new)
            field_changes.append(
                FieldChange(
                    label=str(model_field.verbose_name),
                    old=_display(model_field, old, names),
                    new=_display(model_field, new, names),
                )
            )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=str(KINDS.get(record.history_type, record.history_type)),
                type=record.history_type,
                changes=field_changes,
            )
        )
    return page, entries


class ObjectHistoryView(PortalPermissionMixin, TemplateView):
    """Wie, wanneer, wat: the changes to one object, for the programme team and beheer."""

    permission_required = "partners.view_history"
    template_name = "history/object_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = tracked_model(self.kwargs["label"])
        if model is None:
            raise Http404(_("Van dit soort object wordt geen geschiedenis bijgehouden."))
        page, entries = object_history(
            model=model, pk=self.kwargs["pk"], page_number=self.request.GET.get("page")
        )
        obj = model._default_manager.filter(pk=self.kwargs["pk"]).first()
        get_url = getattr(obj, "get_absolute_url", None)
        context.update(
            object=obj,
            object_name=(
                str(obj)
                if obj is not None
                else _("%(model)s (verwijderd)") % {"model": model._meta.verbose_name}
            ),
            object_url=get_url() if get_url else "",
            model_name=model._meta.verbose_name,
            page_obj=page,
            entries=entries,
        )
        return context


app_name = "history"
urlpatterns = [
    path("<str:label>/<int:pk>/", ObjectHistoryView.as_view(), name="object"),
]
