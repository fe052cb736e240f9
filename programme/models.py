"""The programme app's models, defined per area (phases, din, meetings, reports) and
collected here so that Django, the migrations and other apps find them as programme.<Model>."""

from programme.din.models import Effort, Goal, IndicatorValue, NetworkEntry
from programme.meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Decision,
    DismissedSuggestion,
    PartnerMeeting,
)
from programme.phases.models import Budget, Phase, Programme
from programme.reports.models import PhaseReport, phase_report_path

__all__ = [
    "ActionItem",
    "AgendaAttachment",
    "AgendaChange",
    "AgendaItem",
    "AgendaProposal",
    "Budget",
    "Decision",
    "DismissedSuggestion",
    "Effort",
    "Goal",
    "IndicatorValue",
    "NetworkEntry",
    "PartnerMeeting",
    "Phase",
    "PhaseReport",
    "Programme",
    "phase_report_path",
]
