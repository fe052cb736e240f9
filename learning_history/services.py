"""Write the learning history: reflections, quote approval, questions, self-analysis.

The rules of the learning-history method live here, whatever page or task calls them:
a quote is checked with the person quoted, and an unapproved quote is never published.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from landerd_portal.audit import save_by
from landerd_portal.concurrency import claim
from landerd_portal.permissions import require_permission
from partners.rules import is_contributor

from .instrument import CHARACTERISTIC_CODES, MAX_SCORE, MIN_SCORE
from .models import (
    KijkglasRating,
    KijkglasStatement,
    Question,
    Reflection,
    SelfAnalysis,
)

REFLECTION_FIELDS = ("phase", "theme", "kind", "text", "quote", "quote_approver")


def _check_quote_approver(reflection):
    if not reflection.has_quote:
        reflection.quote = ""
        reflection.quote_approver = None
        return
    approver = reflection.quote_approver
    if approver is None:
        raise ValidationError(
            {"quote_approver": _("Kies wie het citaat moet goedkeuren: de persoon die je citeert.")}
        )
    if not is_contributor(approver):
        raise ValidationError(
            {"quote_approver": _("Alleen een actieve partner kan een citaat goedkeuren.")}
        )


@transaction.atomic
def reflection_create(*, author, data: dict, share: bool = False) -> Reflection:
    """Write a reflection as a draft (or shared with the partners at once)."""
    require_permission(
        author, "learning_history.add_reflection", None, _("Je mag geen reflecties schrijven.")
    )
    reflection = Reflection(
        author=author,
        organisation=author.organisation,
        **{name: data[name] for name in REFLECTION_FIELDS if name in data},
    )
    reflection.visibility = Reflection.Visibility.SHARED if share else Reflection.Visibility.DRAFT
    _check_quote_approver(reflection)
    if reflection.has_quote and reflection.quote_approver_id == author.pk:
        # Quoting yourself: you have approved your own words by writing them.
        reflection.quote_approved_at = timezone.now()
    reflection.full_clean()
    save_by(author, reflection)
    return reflection


@transaction.atomic
def reflection_update(
    *, user, reflection: Reflection, data: dict, version: int | None = None
) -> Reflection:
    """Change a reflection; a changed quote (or approver) must be approved again.

    Nothing is saved if someone saved the reflection after ``version`` (None: no check).
    """
    require_permission(
        user,
        "learning_history.change_reflection",
        reflection,
        _("Je mag deze reflectie niet wijzigen."),
    )
    claim(reflection, version)
    old_quote, old_approver = reflection.quote.strip(), reflection.quote_approver_id
    for name in REFLECTION_FIELDS:
        if name in data:
            setattr(reflection, name, data[name])
    _check_quote_approver(reflection)
    if reflection.quote.strip() != old_quote or reflection.quote_approver_id != old_approver:
        if reflection.visibility == Reflection.Visibility.PUBLISHED and reflection.has_quote:
            raise ValidationError(
                {
                    "quote": _(
                        "Dit citaat is gepubliceerd. Zet de reflectie eerst terug naar "
                        "‘gedeeld’ voordat je het citaat wijzigt."
                    )
                }
            )
        reflection.quote_approved_at = None
        reflection.quote_corrected = False
        if reflection.has_quote and reflection.quote_approver_id == user.pk:
            reflection.quote_approved_at = timezone.now()
    reflection.full_clean()
    save_by(user, reflection)
    return reflection


@transaction.atomic
def reflection_set_visibility(*, user, reflection: Reflection, visibility: str) -> Reflection:
    """Move a reflection between draft, shared and published.

    Publishing requires a curator (kartrekker of the theme or programme team) and an
    approved quote: an unapproved quote is never published.
    """
    Visibility = Reflection.Visibility
    if visibility not in Visibility.values:
        raise ValidationError(_("Onbekende zichtbaarheid."))
    if visibility == Visibility.PUBLISHED:
        require_permission(
            user,
            "learning_history.publish_reflection",
            reflection,
            _("Alleen de kartrekker van het thema of het programmateam publiceert reflecties."),
        )
        if reflection.quote_is_pending:
            raise ValidationError(
                _(
                    "Het citaat is nog niet goedgekeurd door %(person)s. Een citaat wordt pas "
                    "gepubliceerd als de geciteerde persoon het heeft goedgekeurd."
                )
                % {"person": reflection.quote_approver}
            )
    elif visibility == Visibility.SHARED:
        if reflection.visibility == Visibility.PUBLISHED:
            require_permission(
                user,
                "learning_history.publish_reflection",
                reflection,
                _("Alleen wie publiceert, kan een publicatie terugdraaien."),
            )
        else:
            require_permission(
                user,
                "learning_history.share_reflection",
                reflection,
                _("Je mag deze reflectie niet delen."),
            )
    else:
        permission = (
            "learning_history.publish_reflection"
            if reflection.visibility == Visibility.PUBLISHED
            else "learning_history.change_reflection"
        )
        require_permission(
            user, permission, reflection, _("Je mag deze reflectie niet terugzetten.")
        )
    reflection.visibility = visibility
    reflection.full_clean()
    save_by(user, reflection, update_fields=["visibility", "updated_at"])
    return reflection


@transaction.atomic
def quote_approve(*, user, reflection: Reflection, quote: str) -> Reflection:
    """The person quoted approves the quote, in the words given (a correction if changed)."""
    require_permission(
        user,
        "learning_history.approve_quote",
        reflection,
        _("Alleen de geciteerde persoon keurt dit citaat goed."),
    )
    quote = quote.strip()
    if not quote:
        raise ValidationError({"quote": _("Een citaat kan niet leeg zijn.")})
    if quote != reflection.quote.strip():
        reflection.quote = quote
        reflection.quote_corrected = True
    reflection.quote_approved_at = timezone.now()
    reflection.full_clean()
    # A new version: an editor who opened the reflection before this approval must not
    # overwrite the approved words unawares.
    save_by(
        user,
        reflection,
        update_fields=["quote", "quote_corrected", "quote_approved_at", "updated_at", "version"],
    )
    return reflection


@transaction.atomic
def question_create(*, user, data: dict) -> Question:
    require_permission(
        user, "learning_history.add_question", None, _("Je mag geen vragen toevoegen.")
    )
    question = Question(
        raised_by=user, **{name: data[name] for name in ("phase", "theme", "text") if name in data}
    )
    question.full_clean()
    save_by(user, question)
    return question


@transaction.atomic
def question_update(*, user, question: Question, data: dict) -> Question:
    """Set a question's status: open, addressed in a partner meeting, or answered."""
    require_permission(
        user, "learning_history.change_question", question, _("Je mag deze vraag niet wijzigen.")
    )
    for name in ("text", "status", "addressed_in", "answer"):
        if name in data:
            setattr(question, name, data[name])
    if question.status == Question.Status.ADDRESSED and question.addressed_in is None:
        raise ValidationError(
            {"addressed_in": _("Kies het partneroverleg waarin de vraag is besproken.")}
        )
    if question.status == Question.Status.ANSWERED and not question.answer.strip():
        raise ValidationError({"answer": _("Schrijf het antwoord op de vraag.")})
    question.full_clean()
    save_by(user, question)
    return question


@transaction.atomic
def self_analysis_save(*, user, phase, organisation, scores: dict) -> SelfAnalysis:
    """Save an organisation's scoring for a phase (or the joint one when organisation is None).

    One scoring per organisation per phase: filling it in again revises that scoring.
    """
    if organisation is None:
        require_permission(
            user,
            "learning_history.run_joint_self_analysis",
            None,
            _("Alleen het programmateam vult de gezamenlijke scoring in."),
        )
    else:
        require_permission(
            user,
            "learning_history.fill_self_analysis",
            None,
            _("Je mag de zelfanalyse niet invullen."),
        )
        if user.organisation_id != organisation.pk:
            raise PermissionDenied(_("Je vult de zelfanalyse alleen in voor je eigen organisatie."))
    errors = {}
    clean_scores = {}
    for code in CHARACTERISTIC_CODES:
        value = scores.get(code)
        try:
            value = int(value)
        except (TypeError, ValueError):
            errors[code] = _("Kies een score van 1 tot 5.")
            continue
        if not MIN_SCORE <= value <= MAX_SCORE:
            errors[code] = _("Kies een score van 1 tot 5.")
            continue
        clean_scores[code] = value
    if errors:
        raise ValidationError(errors)
    return _save_score_set(
        SelfAnalysis,
        user=user,
        phase=phase,
        organisation=organisation,
        who_field="filled_in_by",
        key_field="characteristic",
        scores=clean_scores,
    )


@transaction.atomic
def kijkglas_rate(*, user, phase, organisation, scores: dict) -> KijkglasRating:
    """Save an organisation's ratings (1–5) of the kijkglas statements for a phase.

    ``scores`` maps a statement's id to its score; every statement needs one. One set per
    organisation per phase: rating again revises it.
    """
    require_permission(
        user, "learning_history.rate_kijkglas", None, _("Je mag het kijkglas niet invullen.")
    )
    if organisation is None or user.organisation_id != organisation.pk:
        raise PermissionDenied(_("Je vult het kijkglas alleen in voor je eigen organisatie."))
    statements = list(KijkglasStatement.objects.order_by("order", "pk"))
    errors, clean = {}, {}
    for statement in statements:
        try:
            value = int(scores.get(statement.pk))
        except (TypeError, ValueError):
            value = None
        if value is None or not MIN_SCORE <= value <= MAX_SCORE:
            errors[f"stelling_{statement.pk}"] = _("Kies een score van 1 tot 5.")
        else:
            clean[statement.pk] = value
    if errors:
        raise ValidationError(errors)
    return _save_score_set(
        KijkglasRating,
        user=user,
        phase=phase,
        organisation=organisation,
        who_field="rated_by",
        key_field="statement_id",
        scores=clean,
    )


def _save_score_set(set_model, *, user, phase, organisation, who_field, key_field, scores):
    """Save one organisation's set of scores for a phase (the self-analysis, the kijkglas):
    one set per organisation per phase, scoring again revises it; only changed scores are
    written, each with its history. ``scores`` maps ``key_field`` of a score to its value.
    """
    try:
        with transaction.atomic():
            score_set, _created = set_model.objects.select_for_update().get_or_create(
                phase=phase, organisation=organisation, defaults={who_field: user}
            )
    except IntegrityError:  # a colleague saved the same set at the same moment
        score_set = set_model.objects.select_for_update().get(
            phase=phase, organisation=organisation
        )
    setattr(score_set, who_field, user)
    save_by(user, score_set, update_fields=[who_field, "updated_at"])
    related = score_set.scores  # the scores' model and their key to the set, from the relation
    existing = {getattr(score, key_field): score for score in related.all()}
    for key, value in scores.items():
        score = existing.get(key)
        if score is None:
            score = related.model(**{related.field.name: score_set, key_field: key, "value": value})
            save_by(user, score)
        elif score.value != value:
            score.value = value
            save_by(user, score, update_fields=["value"])
    return score_set
