"""Sample self-analyses (seed 003, chapter 9) of each execution phase, per organisation
and jointly.

More organisations score each year, and the scores rise: in 2019 the partners mostly
got to know each other, by 2021 they carry the work together. The scores are generated
from a simple pattern (spread per organisation and characteristic), not typed in.
"""

from learning_history.instrument import CHARACTERISTICS, MAX_SCORE, MIN_SCORE
from learning_history.models import Score, SelfAnalysis

from ..rows import upsert
from .learning_history import FIRST_PHASE, SECOND_PHASE, THIRD_PHASE

# phase slug -> the organisations that scored it, in order.
SCORING_ORGANISATIONS = {
    FIRST_PHASE: [
        "gemeente-landerd",
        "ons-welzijn",
        "ggd",
        "zorgcooperatie-zeeland",
        "bibliotheek-landerd",
        "pantein",
    ],
    SECOND_PHASE: [
        "gemeente-landerd",
        "ons-welzijn",
        "ggd",
        "zorgcooperatie-zeeland",
        "zorgcooperatie-schaijk",
        "bibliotheek-landerd",
        "optimus",
    ],
    THIRD_PHASE: [
        "gemeente-landerd",
        "ons-welzijn",
        "ggd",
        "zorgcooperatie-zeeland",
        "zorgcooperatie-schaijk",
        "bibliotheek-landerd",
        "optimus",
        "huisarts-schaijk",
    ],
}
# Who filled a scoring in, where the demo has an account for the organisation.
FILLED_IN_BY = {
    "gemeente-landerd": "programmateam@demo.example",
    "ons-welzijn": "partner@demo.example",
    "ggd": "partner2@demo.example",
}
# The joint scoring: run by the programme team, in 2021 by a kartrekker.
JOINT_FILLED_IN_BY = {
    FIRST_PHASE: "programmateam@demo.example",
    SECOND_PHASE: "programmateam@demo.example",
    THIRD_PHASE: "kartrekker@demo.example",
}


def _clamp(value: int) -> int:
    return max(MIN_SCORE, min(MAX_SCORE, value))


def organisation_score(*, year: int, organisation: int, characteristic: int) -> int:
    """An organisation's score: two plus the year (0, 1, 2), give or take one."""
    spread = (organisation + 2 * characteristic) % 3 - 1
    dip = 1 if year == 2 and (organisation + characteristic) % 4 == 0 else 0
    return _clamp(2 + year + spread - dip)


def joint_score(*, year: int, characteristic: int) -> int:
    return _clamp(2 + year + characteristic % 2 - (1 if characteristic % 5 == 0 else 0))


def _seed_scores(self_analysis, values) -> None:
    for characteristic, value in zip(CHARACTERISTICS, values, strict=True):
        upsert(
            Score,
            lookup={"self_analysis": self_analysis, "characteristic": characteristic.code},
            values={"value": value},
        )


def seed_self_analyses(*, phases, users, organisations) -> None:
    """Every organisation's scoring and the joint scoring, per execution phase."""
    for year, (slug, scoring) in enumerate(SCORING_ORGANISATIONS.items()):
        phase = phases[slug]
        for index, organisation_slug in enumerate(scoring):
            email = FILLED_IN_BY.get(organisation_slug)
            self_analysis, _ = upsert(
                SelfAnalysis,
                lookup={"phase": phase, "organisation": organisations[organisation_slug]},
                values={"filled_in_by": users[email] if email else None},
            )
            _seed_scores(
                self_analysis,
                [
                    organisation_score(year=year, organisation=index, characteristic=number)
                    for number in range(len(CHARACTERISTICS))
                ],
            )
        joint, _ = upsert(
            SelfAnalysis,
            lookup={"phase": phase, "organisation": None},
            values={"filled_in_by": users[JOINT_FILLED_IN_BY[slug]]},
        )
        _seed_scores(
            joint,
            [joint_score(year=year, characteristic=n) for n in range(len(CHARACTERISTICS))],
        )
