"""Who may see, write and publish reflections and questions."""

import rules

from partners.rules import (
    is_contributor,
    is_kartrekker,
    is_member_of,
    is_programmateam,
    is_reader,
    leads_theme,
)


@rules.predicate
def is_author(user, reflection):
    return reflection is not None and reflection.author_id == user.pk


@rules.predicate
def is_shared(user, reflection):
    return reflection is not None and reflection.visibility != reflection.Visibility.DRAFT


@rules.predicate
def is_published(user, reflection):
    return reflection is not None and reflection.visibility == reflection.Visibility.PUBLISHED


@rules.predicate
def leads_reflection_theme(user, entry):
    return entry is not None and leads_theme(user, entry.theme_id)


@rules.predicate
def is_quote_approver(user, reflection):
    return (
        reflection is not None
        and user.is_authenticated
        and reflection.quote_approver_id == user.pk
        and bool(reflection.quote.strip())
    )


@rules.predicate
def is_draft(user, reflection):
    return reflection is not None and reflection.visibility == reflection.Visibility.DRAFT


@rules.predicate
def has_organisation(user):
    return user.is_authenticated and user.organisation_id is not None


@rules.predicate
def is_own_self_analysis(user, self_analysis):
    return self_analysis is not None and is_member_of(user, self_analysis.organisation_id)


@rules.predicate
def is_joint_self_analysis(user, self_analysis):
    return self_analysis is not None and self_analysis.organisation_id is None


may_curate = is_programmateam | (is_kartrekker & leads_reflection_theme)
# What a user may do because of who they are (the author, the person quoted) or where
# they work (their organisation's self-analysis) holds only while their role contributes
# to the programme: the griffie and observers see nothing internal, whatever organisation
# their account names or whatever they wrote before their role changed.
is_contributing_author = is_contributor & is_author
may_approve_quote = is_contributor & is_quote_approver
owns_self_analysis = is_contributor & is_own_self_analysis

rules.add_perm("learning_history.view_learning_history", is_reader)
rules.add_perm("learning_history.add_reflection", is_contributor)
rules.add_perm(
    "learning_history.view_reflection",
    is_contributing_author
    | (is_contributor & is_shared)
    | (is_reader & is_published)
    | may_curate
    | may_approve_quote,
)
rules.add_perm(
    "learning_history.change_reflection", (is_contributing_author & ~is_published) | may_curate
)
rules.add_perm("learning_history.publish_reflection", may_curate)
# The author shares a draft with the partners; curators may do so too.
rules.add_perm(
    "learning_history.share_reflection", (is_contributing_author & is_draft) | may_curate
)
# Only the person quoted approves (or corrects) the wording of a quote.
rules.add_perm("learning_history.approve_quote", may_approve_quote)
rules.add_perm("learning_history.add_question", is_contributor)
rules.add_perm("learning_history.change_question", may_curate)

# Self-analysis (zelfanalyse): every organisation scores itself; the programme team runs
# the joint scoring. The partnership's averages are for every reader; one organisation's
# own scores only for that organisation and the programme team, because the instrument
# is for reflection, not for comparing partners with each other.
rules.add_perm("learning_history.view_self_analyses", is_reader)
rules.add_perm("learning_history.fill_self_analysis", is_contributor & has_organisation)
rules.add_perm("learning_history.run_joint_self_analysis", is_programmateam)
rules.add_perm(
    "learning_history.view_self_analysis",
    is_programmateam | (is_reader & is_joint_self_analysis) | owns_self_analysis,
)

# The kijkglas (issue 16): every reader sees where the partnership stands; each partner
# organisation rates the statements once per phase, as with the self-analysis.
rules.add_perm("learning_history.view_kijkglas", is_reader)
rules.add_perm("learning_history.rate_kijkglas", is_contributor & has_organisation)
