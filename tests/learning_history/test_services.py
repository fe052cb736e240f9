"""The learning history's rules: quotes checked before publication, curation, questions,
and the self-analysis scored once per phase."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learning_history import selectors, services
from learning_history.instrument import AREAS, CHARACTERISTIC_CODES
from learning_history.models import Question, Reflection, SelfAnalysis
from tests.factories import (
    OrganisationFactory,
    PartnerMeetingFactory,
    PhaseFactory,
    ReflectionFactory,
    SelfAnalysisFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

Visibility = Reflection.Visibility


def write_quoted_reflection(author, approver, phase, theme):
    return services.reflection_create(
        author=author,
        data={
            "phase": phase,
            "theme": theme,
            "kind": Reflection.Kind.WHAT_WORKED,
            "text": "De koffieochtenden liepen goed.",
            "quote": "Ik kom hier elke week voor de gezelligheid.",
            "quote_approver": approver,
        },
        share=True,
    )


def test_the_instrument_has_four_areas_with_4_4_5_and_4_characteristics():
    assert [len(area.characteristics) for area in AREAS] == [4, 4, 5, 4]
    assert len(set(CHARACTERISTIC_CODES)) == 17


def test_a_quote_needs_someone_to_approve_it(partner, phase, theme):
    with pytest.raises(ValidationError) as error:
        services.reflection_create(
            author=partner,
            data={"phase": phase, "kind": "worked", "text": "Tekst", "quote": "Mooi!"},
        )
    assert "quote_approver" in error.value.message_dict


def test_an_unapproved_quote_is_never_published(partner, other_partner, kartrekker, phase, theme):
    reflection = write_quoted_reflection(partner, other_partner, phase, theme)
    with pytest.raises(ValidationError):
        services.reflection_set_visibility(
            user=kartrekker, reflection=reflection, visibility=Visibility.PUBLISHED
        )
    reflection.refresh_from_db()
    assert reflection.visibility == Visibility.SHARED


def test_the_person_quoted_corrects_the_quote_and_then_it_can_be_published(
    partner, other_partner, kartrekker, phase, theme
):
    reflection = write_quoted_reflection(partner, other_partner, phase, theme)
    assert list(selectors.quotes_to_approve(user=other_partner)) == [reflection]

    services.quote_approve(
        user=other_partner, reflection=reflection, quote="Ik kom hier elke week voor de mensen."
    )
    services.reflection_set_visibility(
        user=kartrekker, reflection=reflection, visibility=Visibility.PUBLISHED
    )

    reflection.refresh_from_db()
    assert reflection.quote == "Ik kom hier elke week voor de mensen."
    assert reflection.quote_corrected is True
    assert reflection.visibility == Visibility.PUBLISHED
    assert not selectors.quotes_to_approve(user=other_partner).exists()


def test_only_the_person_quoted_approves_the_quote(
    partner, other_partner, kartrekker, phase, theme
):
    reflection = write_quoted_reflection(partner, other_partner, phase, theme)
    for user in (partner, kartrekker):
        with pytest.raises(PermissionDenied):
            services.quote_approve(user=user, reflection=reflection, quote=reflection.quote)
    reflection.refresh_from_db()
    assert reflection.quote_approved_at is None


def test_changing_an_approved_quote_asks_for_approval_again(partner, other_partner, phase, theme):
    reflection = write_quoted_reflection(partner, other_partner, phase, theme)
    services.quote_approve(user=other_partner, reflection=reflection, quote=reflection.quote)
    services.reflection_update(
        user=partner, reflection=reflection, data={"quote": "Iets heel anders."}
    )
    reflection.refresh_from_db()
    assert reflection.quote_approved_at is None


def test_partner_cannot_publish_and_kartrekker_only_in_their_own_theme(partner, kartrekker, phase):
    own = ReflectionFactory(
        author=partner, phase=phase, theme=kartrekker.led_working_groups.get().theme, shared=True
    )
    elsewhere = ReflectionFactory(
        author=partner, phase=phase, theme=ThemeFactory(name="Opvoeding"), shared=True
    )
    with pytest.raises(PermissionDenied):
        services.reflection_set_visibility(user=partner, reflection=own, visibility="published")
    with pytest.raises(PermissionDenied):
        services.reflection_set_visibility(
            user=kartrekker, reflection=elsewhere, visibility="published"
        )
    services.reflection_set_visibility(user=kartrekker, reflection=own, visibility="published")
    elsewhere.refresh_from_db()
    assert elsewhere.visibility == Visibility.SHARED


def test_drafts_are_only_visible_to_their_author(partner, other_partner, observer, phase):
    draft = ReflectionFactory(author=partner, phase=phase)
    shared = ReflectionFactory(author=partner, phase=phase, shared=True)
    published = ReflectionFactory(author=partner, phase=phase, published=True)
    assert set(selectors.visible_reflections(user=partner)) == {draft, shared, published}
    assert set(selectors.visible_reflections(user=other_partner)) == {shared, published}
    assert set(selectors.visible_reflections(user=observer)) == {published}


def test_a_question_addressed_in_a_meeting_names_the_meeting(programmateam, phase):
    question = Question.objects.create(phase=phase, text="Hoe borgen we de werkgroepen?")
    with pytest.raises(ValidationError) as error:
        services.question_update(
            user=programmateam, question=question, data={"status": "addressed"}
        )
    assert "addressed_in" in error.value.message_dict
    meeting = PartnerMeetingFactory()
    services.question_update(
        user=programmateam,
        question=question,
        data={"status": "addressed", "addressed_in": meeting},
    )
    question.refresh_from_db()
    assert question.addressed_in == meeting


def test_partner_cannot_change_a_questions_status(partner, phase):
    question = Question.objects.create(phase=phase, text="Vraag?")
    with pytest.raises(PermissionDenied):
        services.question_update(
            user=partner, question=question, data={"status": "answered", "answer": "Ja"}
        )


def full_scores(value=3, **overrides):
    return {code: overrides.get(code, value) for code in CHARACTERISTIC_CODES}


def test_an_organisation_scores_once_per_phase_and_filling_again_revises(partner, phase):
    services.self_analysis_save(
        user=partner, phase=phase, organisation=partner.organisation, scores=full_scores(2)
    )
    services.self_analysis_save(
        user=partner,
        phase=phase,
        organisation=partner.organisation,
        scores=full_scores(2, io_voorbeeld=5),
    )
    scoring = SelfAnalysis.objects.get()
    assert selectors.scores_of(scoring)["io_voorbeeld"] == 5
    assert scoring.scores.count() == 17


def test_the_database_refuses_a_second_scoring_for_the_same_phase(partner, phase):
    from django.db import IntegrityError

    SelfAnalysisFactory(phase=phase, organisation=partner.organisation)
    with pytest.raises(IntegrityError):
        SelfAnalysis.objects.create(phase=phase, organisation=partner.organisation)


def test_scores_outside_one_to_five_or_missing_are_refused(partner, phase):
    scores = full_scores(3, io_voorbeeld=6)
    del scores["ua_inwoners"]
    with pytest.raises(ValidationError) as error:
        services.self_analysis_save(
            user=partner, phase=phase, organisation=partner.organisation, scores=scores
        )
    assert set(error.value.message_dict) == {"io_voorbeeld", "ua_inwoners"}
    assert not SelfAnalysis.objects.exists()


def test_a_partner_scores_only_their_own_organisation(partner, other_partner, phase):
    with pytest.raises(PermissionDenied):
        services.self_analysis_save(
            user=partner, phase=phase, organisation=other_partner.organisation, scores=full_scores()
        )


def test_only_the_programme_team_runs_the_joint_scoring(partner, programmateam, phase):
    with pytest.raises(PermissionDenied):
        services.self_analysis_save(
            user=partner, phase=phase, organisation=None, scores=full_scores()
        )
    joint = services.self_analysis_save(
        user=programmateam, phase=phase, organisation=None, scores=full_scores(4)
    )
    assert joint.is_joint
    assert joint.scores.count() == 17  # 4 + 4 + 5 + 4 characteristics
    assert joint.filled_in_by == programmateam


def test_partnership_results_give_average_and_spread_without_the_joint_scoring(phase):
    SelfAnalysisFactory(phase=phase, organisation=OrganisationFactory(), scores={"ma_visie": 2})
    SelfAnalysisFactory(phase=phase, organisation=OrganisationFactory(), scores={"ma_visie": 5})
    SelfAnalysisFactory(phase=phase, joint=True, scores={"ma_visie": 1})

    results = selectors.partnership_results(phase=phase)

    assert results["count"] == 2
    assert str(results["average"]["ma_visie"]) == "3.5"
    assert (results["min"]["ma_visie"], results["max"]["ma_visie"]) == (2, 5)


def test_report_section_returns_an_svg_and_a_table(phase):
    SelfAnalysisFactory(phase=phase, organisation=OrganisationFactory(), scores={"va_waarde": 4})
    section = selectors.self_analysis_report_section(phase=phase)
    assert section["svg"].startswith("<svg")
    row = next(row for row in section["rows"] if row["characteristic"] == "Toegevoegde waarde")
    assert (str(row["average"]), row["min"], row["max"]) == ("4.0", 4, 4)
    assert selectors.self_analysis_report_section(phase=PhaseFactory(slug="leeg", order=9)) is None
