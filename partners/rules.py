"""Who is who: the role predicates every app's rules are built from.

Each app's ``rules.py`` states who may do what with its objects; they all combine the
predicates defined here, so a role means the same thing everywhere.
"""

import rules

from .models import User


def _has_role(role):
    @rules.predicate(name=f"is_{role}")
    def predicate(user):
        return user.is_authenticated and user.is_active and user.role == role

    return predicate


is_partner = _has_role(User.Role.PARTNER)
is_kartrekker = _has_role(User.Role.KARTREKKER)
is_programmateam = _has_role(User.Role.PROGRAMMATEAM)
is_griffie = _has_role(User.Role.GRIFFIE)
is_observer = _has_role(User.Role.OBSERVER)


@rules.predicate
def is_beheer(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == User.Role.BEHEER)
    )


# People who do the programme's work: they log, write and propose.
is_contributor = is_partner | is_kartrekker | is_programmateam
# People who may read the programme's published internal material.
is_reader = is_contributor | is_observer


def led_theme_ids(user):
    """Ids of the themes whose working group this user leads, cached on the user.

    Cached because list pages ask this once per row; one query per request is enough.
    """
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_led_theme_ids"):
        user._led_theme_ids = frozenset(user.led_working_groups.values_list("theme_id", flat=True))
    return user._led_theme_ids


def leads_theme(user, theme_id):
    return theme_id is not None and theme_id in led_theme_ids(user)


def is_member_of(user, organisation_id):
    return (
        user.is_authenticated
        and organisation_id is not None
        and user.organisation_id == organisation_id
    )


# Personal data (AVG): exporting what the portal holds about a person, anonymising one who
# leaves (partners/services.py). Beheer only.
rules.add_perm("partners.manage_personal_data", is_beheer)


# Who may read the audit trail of an object (landerd_portal/history.py): wie, wanneer, wat.
rules.add_perm("partners.view_history", is_programmateam | is_beheer)


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated and user.is_active


@rules.predicate
def owns_api_token(user, token):
    return token is not None and token.user_id == user.pk


# API keys (the REST API, /api/v1/): everyone signed in makes and revokes their own; a key
# acts as its user, so it may do exactly what the user may, nothing more.
rules.add_perm("partners.manage_api_tokens", is_signed_in)
rules.add_perm("partners.revoke_api_token", is_signed_in & owns_api_token)
# The list of partner organisations (names, kinds, websites) is for readers of the programme.
rules.add_perm("partners.view_organisations", is_reader)


def audience(user):
    """What a user's permission checks depend on besides the data: role, flags,
    organisation and, for a kartrekker, the themes they lead.

    Users with the same audience see the same activities and DIN and may do the same with
    them (the apps' rules.py), so cached parts of those pages are shared by audience
    (``landerd_portal.fragments``).
    """
    led = sorted(led_theme_ids(user)) if is_kartrekker(user) else []
    return (user.role, user.is_superuser, user.is_active, user.organisation_id, tuple(led))
