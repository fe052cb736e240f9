"""Functions that change polls: a working group opens one, a resident answers, the working
group removes a free text. Each validates and runs in one transaction; the working
group's changes are checked against themes/rules.py and recorded in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from landerd_portal.audit import save_by
from landerd_portal.permissions import require_permission
from partners.models import User

from ..models import Theme
from .models import MAX_OPTIONS, MIN_OPTIONS, Poll, PollAnswer

POLL_FIELDS = ("question", "kind", "options", "allow_text", "closes_on")
POLL_CLOSED = _("Deze peiling is gesloten: antwoorden kan niet meer.")


def poll_create(*, user: User, theme: Theme, data: dict) -> Poll:
    """Open a poll for ``theme``; refused unless the user leads its working group (or is
    the programme team)."""
    require_permission(
        user,
        "themes.add_poll",
        theme,
        _("Alleen de kartrekker van dit thema en het programmateam openen een peiling."),
    )
    poll = Poll(theme=theme, created_by=user)
    for field in POLL_FIELDS:
        if field in data:
            setattr(poll, field, data[field])
    errors = {}
    if poll.kind == Poll.Kind.OPTIONS:
        count = len(poll.option_lines())
        if not MIN_OPTIONS <= count <= MAX_OPTIONS:
            errors["options"] = _(
                "Geef %(min)s tot %(max)s antwoorden, elk op een eigen regel (nu %(count)s)."
            ) % {"min": MIN_OPTIONS, "max": MAX_OPTIONS, "count": count}
        poll.options = "\n".join(poll.option_lines())
    else:
        poll.options = ""
    if poll.closes_on and poll.closes_on < timezone.localdate():
        errors["closes_on"] = _("Kies een einddatum vanaf vandaag.")
    try:
        poll.full_clean(exclude=["created_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        save_by(user, poll)
    return poll


def poll_answer(*, poll: Poll, choice: int, text: str = "", today=None) -> PollAnswer:
    """Record a resident's answer. No account and no permission: the view limits how often."""
    if not poll.is_open(today):
        raise ValidationError(POLL_CLOSED, code="closed")
    if choice not in dict(poll.choices()):
        raise ValidationError({"keuze": _("Kies een van de antwoorden.")})
    answer = PollAnswer(poll=poll, choice=choice, text=text.strip() if poll.allow_text else "")
    answer.full_clean(exclude=["text_removed_by"])
    with transaction.atomic():
        answer.save()
    return answer


def poll_text_remove(*, answer: PollAnswer, user: User) -> PollAnswer:
    """Remove a resident's free text for good; the history says who did it and when."""
    require_permission(
        user,
        "themes.remove_poll_text",
        answer,
        _("Alleen de kartrekker van dit thema en het programmateam verwijderen een toelichting."),
    )
    with transaction.atomic():
        answer = PollAnswer.objects.select_for_update().select_related("poll").get(pk=answer.pk)
        if not answer.text:
            return answer
        answer.text = ""
        answer.text_removed_by = user
        answer.text_removed_at = timezone.now()
        save_by(user, answer)
    return answer
