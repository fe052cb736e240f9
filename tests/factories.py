"""factory-boy factories for every model the tests need, with traits for states."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from learning_history.models import Question, Reflection
from partners.models import Organisation, User
from programme.models import (
    ActionItem,
    AgendaItem,
    Budget,
    Decision,
    Effort,
    Goal,
    NetworkEntry,
    PartnerMeeting,
    Phase,
    PhaseReport,
    Programme,
)
from themes.models import Activity, Poll, PollAnswer, Theme, Village, WorkingGroup

TEST_PASSWORD = "Landerd-test-2019"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisation.Kind.WELZIJN
    signed_programme_plan_on = datetime.date(2018, 12, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    role = User.Role.PARTNER
    organisation = factory.SubFactory(OrganisationFactory)
    # Hashed with the suite's hasher (MD5, see conftest) and stored in the one INSERT.
    password = factory.django.Password(TEST_PASSWORD)

    class Params:
        kartrekker = factory.Trait(role=User.Role.KARTREKKER)
        programmateam = factory.Trait(role=User.Role.PROGRAMMATEAM)
        griffie = factory.Trait(role=User.Role.GRIFFIE, organisation=None)
        observer = factory.Trait(role=User.Role.OBSERVER, organisation=None)
        beheer = factory.Trait(
            role=User.Role.BEHEER, organisation=None, is_staff=True, is_superuser=True
        )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    order = factory.Sequence(lambda n: n)
    ambition = "Samen sterker."


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        django_get_or_create = ("theme",)

    theme = factory.SubFactory(ThemeFactory)
    name = factory.LazyAttribute(lambda o: f"Werkgroep {o.theme.name}")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ("name",)

    name = factory.Iterator(["Zeeland", "Schaijk", "Reek"])
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("name",)

    name = "Samen Landerd, Samen Beter"
    municipality = "Gemeente Landerd"
    goal_statement = (
        "Landerd als een vitale gemeenschap waar de bewoners een betere (positieve) "
        "gezondheid ervaren."
    )


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("slug",)

    programme = factory.SubFactory(ProgrammeFactory)
    slug = "fase-1-2019"
    name = "Uitvoering fase 1 (2019)"
    kind = Phase.Kind.UITVOERING
    order = 3
    start_date = datetime.date(2019, 1, 1)
    end_date = datetime.date(2019, 12, 31)
    motto = "Inspireren en verbinden"


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2019
    amount = 58400
    programme_management_fte = 1


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Doel {n}")


class EffortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Effort

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Inspanning {n}")


class NetworkEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkEntry

    effort = factory.SubFactory(EffortFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    contribution_kind = NetworkEntry.ContributionKind.HOURS


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Activiteit {n}")
    date = datetime.date(2019, 6, 1)
    owner_organisation = factory.SubFactory(OrganisationFactory)
    reach = 25
    description = "Een bijeenkomst voor inwoners."
    status = Activity.Status.DRAFT

    class Params:
        published = factory.Trait(status=Activity.Status.PUBLISHED)
        # In the public agenda: published and marked public by its organisation.
        public = factory.Trait(status=Activity.Status.PUBLISHED, is_public=True)
        # The person quoted agreed to the quote's use (recorded by the programme team).
        quote_consented = factory.Trait(
            quote_consent=True,
            quote_consent_at=datetime.datetime(2019, 6, 2, 10, tzinfo=datetime.UTC),
        )

    @factory.post_generation
    def villages(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.villages.set(extracted)


class PartnerMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMeeting

    title = factory.Sequence(lambda n: f"Partneroverleg {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    location = "Gemeentehuis Zeeland"

    class Params:
        published = factory.Trait(status=PartnerMeeting.Status.PUBLISHED)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(PartnerMeetingFactory)
    title = factory.Sequence(lambda n: f"Agendapunt {n}")
    kind = AgendaItem.Kind.BESPREKEN
    order = factory.Sequence(lambda n: n)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(PartnerMeetingFactory)
    text = factory.Sequence(lambda n: f"Besluit {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(PartnerMeetingFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")


class PhaseReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseReport

    phase = factory.SubFactory(PhaseFactory)
    version = factory.Sequence(lambda n: n + 1)
    period_start = factory.LazyAttribute(lambda o: o.phase.start_date)
    period_end = factory.LazyAttribute(lambda o: o.phase.end_date)

    class Params:
        published = factory.Trait(status=PhaseReport.Status.PUBLISHED)
        ready = factory.Trait(status=PhaseReport.Status.READY)


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    phase = factory.SubFactory(PhaseFactory)
    author = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda o: o.author.organisation)
    kind = Reflection.Kind.WHAT_WORKED
    text = factory.Sequence(lambda n: f"Reflectie {n}")

    class Params:
        shared = factory.Trait(visibility=Reflection.Visibility.SHARED)
        published = factory.Trait(visibility=Reflection.Visibility.PUBLISHED)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    phase = factory.SubFactory(PhaseFactory)
    text = factory.Sequence(lambda n: f"Vraag {n}?")


# --- Partner meetings (meetings area) ---------------------------------------------------


class AgendaProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.AgendaProposal"

    meeting = factory.SubFactory(PartnerMeetingFactory)
    proposer = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Voorstel {n}")
    reason = "Dit vraagt om een gezamenlijk besluit."
    wished_kind = AgendaItem.Kind.BESPREKEN

    class Params:
        declined = factory.Trait(status="declined", decline_reason="Past beter in de werkgroep.")


# --- DIN and learning history (issue 6) -----------------------------------------------


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.IndicatorValue"

    goal = factory.SubFactory(GoalFactory)
    date = datetime.date(2019, 6, 1)
    value = Decimal("50")


class SelfAnalysisFactory(factory.django.DjangoModelFactory):
    """A scoring; pass ``scores={code: value}``; codes left out score 3."""

    class Meta:
        model = "learning_history.SelfAnalysis"
        skip_postgeneration_save = True

    phase = factory.SubFactory(PhaseFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    class Params:
        joint = factory.Trait(organisation=None)

    @factory.post_generation
    def scores(obj, create, extracted, **kwargs):
        from learning_history.instrument import CHARACTERISTIC_CODES
        from learning_history.models import Score

        if not create:
            return
        values = extracted or {}
        Score.objects.bulk_create(
            Score(
                self_analysis=obj,
                characteristic=code,
                value=values.get(code, 3),
            )
            for code in CHARACTERISTIC_CODES
        )


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    theme = factory.SubFactory(ThemeFactory)
    question = factory.Sequence(lambda n: f"Vraag {n} aan inwoners?")
    kind = Poll.Kind.OPTIONS
    options = "Ja\nNee\nWeet ik niet"
    allow_text = True
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))

    class Params:
        closed = factory.Trait(
            closes_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            )
        )
        scale = factory.Trait(kind=Poll.Kind.SCALE, options="")


class PollAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollAnswer

    poll = factory.SubFactory(PollFactory)
    choice = 1
    text = ""
