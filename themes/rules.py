"""Who may see and change themes and activities."""

import rules

from partners.rules import (
    is_contributor,
    is_kartrekker,
    is_member_of,
    is_partner,
    is_programmateam,
    is_reader,
    leads_theme,
)


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
