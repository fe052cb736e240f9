"""Who may see and change the DIN, partner meetings and phase reports."""

import rules

from partners.rules import (
    is_contributor,
    is_griffie,
    is_kartrekker,
    is_member_of,
    is_observer,
    is_partner,
    is_programmateam,
    is_reader,
    leads_theme,
)

from .models import Effort, Goal, NetworkEntry


def _theme_id_of(din_entry):
    if isinstance(din_entry, Goal):
        return din_entry.theme_id
    if isinstance(din_entry, Effort):
        return din_entry.goal.theme_id
    if isinstance(din_entry, NetworkEntry):
        return din_entry.effort.goal.theme_id
    return getattr(din_entry, "pk", None)  # a Theme itself


@rules.predicate
def leads_din_theme(user, din_entry):
    return din_entry is not None and leads_theme(user, _theme_id_of(din_entry))


@rules.predicate
def is_published_meeting(user, meeting):
    return meeting is not None and meeting.status != meeting.Status.DRAFT


@rules.predicate
def meeting_takes_proposals(user, meeting):
    """Proposals are welcome until the meeting's deadline; without one, until the agenda
    is published. Never once the meeting has started."""
    from django.utils import timezone

    if meeting is None or meeting.status == meeting.Status.HELD:
        return False
    now = timezone.now()
    if now >= meeting.starts_at:
        return False
    if meeting.proposal_deadline is None:
        return meeting.status == meeting.Status.DRAFT
    return now <= meeting.proposal_deadline


@rules.predicate
def owns_action_item(user, action_item):
    return action_item is not None and action_item.owner_id == user.pk


@rules.predicate
def is_published_report(user, report):
    return report is not None and report.status == report.Status.PUBLISHED


may_edit_din = is_programmateam | (is_kartrekker & leads_din_theme)

rules.add_perm("programme.view_din", is_reader)
# The sustainability indicator is on /din/ for every reader; the dashboard panel is the
# programme team's own, as it is their capacity that phases out.
rules.add_perm("programme.view_sustainability_panel", is_programmateam)
rules.add_perm("programme.edit_din", may_edit_din)
rules.add_perm("programme.add_goal", may_edit_din)
rules.add_perm("programme.change_goal", may_edit_din)
rules.add_perm("programme.delete_goal", may_edit_din)
rules.add_perm("programme.change_effort", may_edit_din)
rules.add_perm("programme.delete_effort", may_edit_din)
rules.add_perm("programme.add_effort", may_edit_din)
rules.add_perm("programme.add_indicator_value", may_edit_din)
# Partners may put their own organisation on an effort's network.
rules.add_perm("programme.join_network", is_contributor)


@rules.predicate
def is_own_network_entry(user, entry):
    return entry is not None and is_member_of(user, entry.organisation_id)


# Partners may take their own organisation off again; DIN editors may remove anyone.
rules.add_perm("programme.leave_network", may_edit_din | (is_contributor & is_own_network_entry))
rules.add_perm("programme.export_din", is_reader)

rules.add_perm("programme.view_meetings", is_reader)
rules.add_perm("programme.view_meeting", is_programmateam | (is_reader & is_published_meeting))
rules.add_perm("programme.manage_meetings", is_programmateam)
rules.add_perm("programme.propose_agenda_item", is_partner | is_kartrekker)
rules.add_perm(
    "programme.propose_for_meeting", (is_partner | is_kartrekker) & meeting_takes_proposals
)
# The owner marks their own action done; the programme team keeps the list up to date.
rules.add_perm("programme.complete_action_item", is_programmateam | (is_reader & owns_action_item))

rules.add_perm("programme.view_reports", is_programmateam | is_griffie | is_observer)
rules.add_perm(
    "programme.view_report",
    is_programmateam | ((is_griffie | is_observer) & is_published_report),
)
rules.add_perm("programme.build_report", is_programmateam)
# Build a failed or stuck version again (the service checks that it is failed or stuck).
rules.add_perm("programme.restart_report", is_programmateam)
rules.add_perm("programme.publish_report", is_programmateam)
# Phases (and their budgets) are the programme's frame: only the programme team adds one.
rules.add_perm("programme.manage_phases", is_programmateam)
# The collaboration agreement generated from the portal: a draft for the programme team.
rules.add_perm("programme.download_agreement", is_programmateam)
