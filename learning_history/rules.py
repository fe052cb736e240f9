"""Who may see, write and publish reflections and questions."""

import rules

from partners.rules import (
    is_contributor,
    is_kartrekker,
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


may_curate = is_programmateam | (is_kartrekker & leads_reflection_theme)

rules.add_perm("learning_history.view_learning_history", is_reader)
rules.add_perm("learning_history.add_reflection", is_contributor)
rules.add_perm(
    "learning_history.view_reflection",
    is_author | (is_contributor & is_shared) | (is_reader & is_published) | may_curate,
)
rules.add_perm("learning_history.change_reflection", (is_author & ~is_published) | may_curate)
rules.add_perm("learning_history.publish_reflection", may_curate)
rules.add_perm("learning_history.add_question", is_contributor)
rules.add_perm("learning_history.change_question", may_curate)
