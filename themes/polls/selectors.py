"""Read polls: one for a resident, the results for the theme page and the phase report.

Counts per answer for every reader; the free texts only where the caller says the user
may read them (``themes.view_poll_texts``), never on a public page or in the report.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from partners.models import User

from ..models import Theme
from .models import Poll, PollAnswer

THEME_PAGE_POLLS = 5


@dataclass
class ResultRow:
    label: str
    count: int
    percent: int


@dataclass
class PollResult:
    poll: Poll
    total: int
    rows: list
    texts: list = field(default_factory=list)  # PollAnswer with a text; working group only
    may_see_texts: bool = False


def poll_for_answering(*, pk: int) -> Poll:
    """The poll a resident answers; raises Poll.DoesNotExist."""
    return Poll.objects.select_related("theme").get(pk=pk)


def _results(polls, *, texts_for=()) -> list[PollResult]:
    """The counts of each poll (one query) and, for the polls in ``texts_for``, the
    free texts (one more query)."""
    counts = {}
    rows = (
        PollAnswer.objects.filter(poll__in=[poll.pk for poll in polls])
        .values("poll_id", "choice")
        .annotate(count=Count("*"))
    )
    for row in rows:
        counts.setdefault(row["poll_id"], {})[row["choice"]] = row["count"]
    texts = {}
    if texts_for:
        for answer in PollAnswer.objects.filter(
            poll__in=[poll.pk for poll in texts_for], text__gt=""
        ).order_by("-created_at", "-pk"):
            texts.setdefault(answer.poll_id, []).append(answer)
    allowed = {poll.pk for poll in texts_for}
    results = []
    for poll in polls:
        per_choice = counts.get(poll.pk, {})
        total = sum(per_choice.values())
        results.append(
            PollResult(
                poll=poll,
                total=total,
                rows=[
                    ResultRow(
                        label=label,
                        count=per_choice.get(value, 0),
                        percent=round(100 * per_choice.get(value, 0) / total) if total else 0,
                    )
                    for value, label in poll.choices()
                ],
                texts=texts.get(poll.pk, []),
                may_see_texts=poll.pk in allowed,
            )
        )
    return results


def theme_poll_results(*, user: User, theme: Theme, limit: int = THEME_PAGE_POLLS):
    """The theme's latest polls with their counts, and the free texts when the user may
    read them. Two or three queries."""
    polls = list(Poll.objects.filter(theme=theme).order_by("-closes_on", "-pk")[:limit])
    texts_for = [poll for poll in polls if user.has_perm("themes.view_poll_texts", poll)]
    return _results(polls, texts_for=texts_for)


def report_poll_results(*, period_start: datetime.date, period_end: datetime.date) -> dict:
    """{theme pk: [PollResult]} for the polls open at some time in the period: counts only,
    never a free text (the report goes to the council). Two queries."""
    polls = list(
        Poll.objects.filter(
            Q(created_at__date__lte=period_end) & Q(closes_on__gte=period_start)
        ).order_by("theme_id", "closes_on", "pk")
    )
    grouped = {}
    for result in _results(polls):
        grouped.setdefault(result.poll.theme_id, []).append(result)
    return grouped
