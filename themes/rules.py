"""Who may see and change themes and activities."""

import rules
from django.db.models import Q

from partners.rules import (
    is_contributor,
    is_kartrekker,
    is_member_of,
    is_partner,
    is_programmateam,
    is_reader,
    leads_theme,
    led_theme_ids,
)

from .models import Activity, Poll, PollAnswer, Theme


@rules.predicate
def is_published(user, activity):
    return activity is not None and activity.status == activity.Status.PUBLISHED


@rules.predicate
def belongs_to_owner_organisation(user, activity):
    return activity is not None and is_member_of(user, activity.owner_organisation_id)


@rules.predicate
def leads_activity_theme(user, activity):
    return activity is not None and leads_theme(user, activity.theme_id)


may_change_activity = (
    is_programmateam
    | (is_kartrekker & leads_activity_theme)
    | ((is_partner | is_kartrekker) & belongs_to_owner_organisation)
)

rules.add_perm("themes.view_theme_pages", is_reader)
rules.add_perm("themes.view_activity_pages", is_reader)
rules.add_perm("themes.add_activity", is_contributor)
rules.add_perm("themes.view_activity", (is_reader & is_published) | may_change_activity)
rules.add_perm("themes.change_activity", may_change_activity)
rules.add_perm("themes.delete_activity", may_change_activity)
rules.add_perm("themes.publish_activity", may_change_activity)

# Export follows the list: whoever may open it may download what it shows.
rules.add_perm("themes.export_activities", is_reader)
# How approaches spread between villages: built from published activities only.
rules.add_perm("themes.view_spread", is_reader)
# Who may log an activity on behalf of another organisation (the owner field is theirs).
rules.add_perm("themes.choose_activity_owner", is_programmateam)
# The programme team's dashboard shows the programme in charts (themes/figures.py).
rules.add_perm("themes.view_figures_panel", is_programmateam)


# --- Residents' quick polls ---------------------------------------------------------------
# A working group asks residents: its kartrekker or the programme team opens a poll for the
# theme, reads the free texts (never shown publicly) and may remove one. Every reader sees
# the counts. Answering needs no account and so no permission (themes/polls/views.py).


def _theme_id_of(obj):
    if isinstance(obj, Theme):
        return obj.pk
    if isinstance(obj, Poll):
        return obj.theme_id
    if isinstance(obj, PollAnswer):
        return obj.poll.theme_id
    return None


@rules.predicate
def leads_poll_theme(user, obj):
    return obj is not None and leads_theme(user, _theme_id_of(obj))


may_manage_polls = is_programmateam | (is_kartrekker & leads_poll_theme)

rules.add_perm("themes.add_poll", may_manage_polls)  # on a Theme
rules.add_perm("themes.view_poll_texts", may_manage_polls)  # on a Poll
rules.add_perm("themes.remove_poll_text", may_manage_polls)  # on a PollAnswer


def visible_activities_q(user, prefix=""):
    """``themes.view_activity`` as a query filter, for lists, counts and exports.

    The same rule as the predicates above, written for the database, so that a list never
    shows (or exports) a draft the user could not open. ``prefix`` is the path from the
    queried model to the activity, e.g. ``"activities__"`` when counting per theme.
    """

    def q(**lookups):
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    if not (user.is_authenticated and user.is_active):
        return q(pk__in=[])
    if user.is_superuser or is_programmateam(user):
        return Q()
    if not is_reader(user):
        return q(pk__in=[])
    visible = q(status=Activity.Status.PUBLISHED)
    if (is_partner(user) or is_kartrekker(user)) and user.organisation_id:
        visible |= q(owner_organisation_id=user.organisation_id)
    if is_kartrekker(user) and led_theme_ids(user):
        visible |= q(theme_id__in=led_theme_ids(user))
    return visible


@rules.predicate
def leads_working_group(user, working_group):
    return working_group is not None and leads_theme(user, working_group.theme_id)


# The form of collaboration of a working group per phase (issue 16): its kartrekker or the
# programme team records it; everyone who reads the theme page sees it.
rules.add_perm(
    "themes.record_collaboration_form", is_programmateam | (is_kartrekker & leads_working_group)
)
