"""The programme app's models, one module per area."""

from .base import Budget, Phase, Programme
from .din import Effort, Goal, IndicatorValue, NetworkEntry
from .meetings import (
    ActionItem,
    AgendaAttachment,
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Decision,
    DismissedSuggestion,
    PartnerMeeting,
)
from .reports import PhaseReport, phase_report_path

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
