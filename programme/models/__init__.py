"""The programme app's models, one module per area."""

from .base import Budget, Phase, Programme
from .din import Effort, Goal, NetworkEntry
from .meetings import ActionItem, AgendaItem, Decision, PartnerMeeting
from .reports import PhaseReport, phase_report_path

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Budget",
    "Decision",
    "Effort",
    "Goal",
    "NetworkEntry",
    "PartnerMeeting",
    "Phase",
    "PhaseReport",
    "Programme",
    "phase_report_path",
]
