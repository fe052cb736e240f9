"""Smoke tests for the Django admin: every registered model's pages open for a superuser."""

import datetime
import io
import itertools
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from learning_history.models import (
    KijkglasRating,
    KijkglasScore,
    KijkglasStatement,
    Score,
    SelfAnalysis,
)
from partners.models import User
from programme.models import (
    AgendaAttachment,
    AgendaChange,
    AgendaProposal,
    DismissedSuggestion,
    IndicatorValue,
)
from tests import factories
from themes.models import Activity, ActivityPhoto, KartrekkerDigest, WorkingGroupCollaboration

PASSWORD = "Beheer-test-2019"
BUDGET_YEARS = itertools.count(2019)
PROJECT_APPS = {"partners", "themes", "programme", "learning_history"}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
SEARCHABLE = [model for model in REGISTERED if admin.site._registry[model].search_fields]
PROJECT_MODELS = [model for model in REGISTERED if model._meta.app_label in PROJECT_APPS]


def _id(model):
    return model._meta.label_lower


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="beheerder@example.org", password=PASSWORD)


@pytest.fixture
def staff_client(client, superuser):
    assert client.login(username=superuser.email, password=PASSWORD)
    return client


def jpeg(name="foto.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_world():
    """One object of every project model, so changelists have rows to render."""
    organisation = factories.OrganisationFactory()
    user = factories.UserFactory(organisation=organisation, kartrekker=True)
    working_group = factories.WorkingGroupFactory(kartrekker=user)
    working_group.members.add(user)
    working_group.organisations.add(organisation)
    theme = working_group.theme
    village = factories.VillageFactory()
    effort = factories.EffortFactory(goal__theme=theme, lead_organisation=organisation)
    factories.NetworkEntryFactory(effort=effort, organisation=organisation)
    activity = factories.ActivityFactory(
        theme=theme, owner_organisation=organisation, effort=effort, villages=[village]
    )
    activity.organisations.add(organisation)
    ActivityPhoto.objects.create(
        activity=activity,
        image=jpeg(),
        alt_text="Wandelgroep bij de molen",
        consent=True,
        uploaded_by=user,
    )
    factories.PollAnswerFactory(poll__theme=theme, text="Meer koffieochtenden graag.")
    programme = factories.ProgrammeFactory()
    factories.BudgetFactory(programme=programme, year=next(BUDGET_YEARS))
    phase = factories.PhaseFactory(programme=programme)
    meeting = factories.PartnerMeetingFactory(chair=user)
    question = factories.QuestionFactory(
        phase=phase, theme=theme, raised_by=user, addressed_in=meeting
    )
    item = factories.AgendaItemFactory(
        meeting=meeting, presenter=user, theme=theme, goal=effort.goal, question=question
    )
    factories.DecisionFactory(meeting=meeting, agenda_item=item, theme=theme)
    factories.ActionItemFactory(meeting=meeting, agenda_item=item, owner=user)
    factories.PhaseReportFactory(phase=phase, requested_by=user)
    factories.ReflectionFactory(phase=phase, theme=theme, author=user, quote_approver=user)
    now = timezone.now()
    KartrekkerDigest.objects.create(
        working_group=working_group,
        period_start=now - datetime.timedelta(days=30),
        period_end=now,
        recipient=user.email,
        activity_count=1,
        sent_at=now,
    )
    IndicatorValue.objects.create(
        goal=effort.goal, date=datetime.date(2019, 6, 1), value=Decimal("40"), entered_by=user
    )
    AgendaProposal.objects.create(
        meeting=meeting,
        proposer=user,
        title="Mantelzorg in Reek",
        reason="Veel vragen uit het dorp.",
        wished_kind=item.Kind.BESPREKEN,
    )
    AgendaAttachment.objects.create(
        agenda_item=item,
        file=SimpleUploadedFile("stukken.pdf", b"%PDF-1.4\n%%EOF\n"),
        name="stukken.pdf",
        content_type="application/pdf",
        size=14,
        uploaded_by=user,
    )
    DismissedSuggestion.objects.create(
        meeting=meeting, key=f"goal-{effort.goal.pk}", title="Bespreek het doel", dismissed_by=user
    )
    AgendaChange.objects.create(
        meeting=meeting, description="Agendapunt 2 vervalt.", changed_by=user
    )
    self_analysis = SelfAnalysis.objects.create(
        phase=phase, organisation=organisation, filled_in_by=user
    )
    Score.objects.create(
        self_analysis=self_analysis,
        characteristic=Score._meta.get_field("characteristic").flatchoices[0][0],
        value=3,
    )
    statement = KijkglasStatement.objects.create(
        element="ambitie", priority=1, text=f"Samen {KijkglasStatement.objects.count()}."
    )
    rating, _ = KijkglasRating.objects.get_or_create(
        phase=phase, organisation=organisation, defaults={"rated_by": user}
    )
    KijkglasScore.objects.create(rating=rating, statement=statement, value=4)
    WorkingGroupCollaboration.objects.get_or_create(
        working_group=working_group,
        phase=phase,
        defaults={"form": "gedeeld", "reason": "Ieder zijn reden."},
    )


@pytest.fixture
def world(db):
    make_world()


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_changelist_opens(staff_client, world, model):
    response = staff_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.model is model
    assert changelist.result_count == model._default_manager.count()


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_add_page_opens(staff_client, superuser, world, model):
    request = RequestFactory().get("/")
    request.user = superuser
    # Some admins deliberately offer no add page (records the portal or a package writes).
    may_add = admin.site._registry[model].has_add_permission(request)
    response = staff_client.get(admin_url(model, "add"))
    assert response.status_code == (200 if may_add else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("model", SEARCHABLE, ids=_id)
def test_changelist_search(staff_client, world, model):
    response = staff_client.get(admin_url(model, "changelist"), {"q": "x"})
    assert response.status_code == 200
    assert response.context["cl"].query == "x"
    # The search fields really filter: a word no row contains finds nothing.
    response = staff_client.get(admin_url(model, "changelist"), {"q": "qqqgeenrijqqq"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


@pytest.mark.django_db
@pytest.mark.parametrize("model", PROJECT_MODELS, ids=_id)
def test_change_page_opens(staff_client, world, model):
    obj = model._default_manager.first()
    assert obj is not None, f"no {model._meta.label} in the test data"
    response = staff_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    # Files are linked through the portal's views (their rules), never as /media/ addresses.
    assert settings.MEDIA_URL not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model", PROJECT_MODELS, ids=_id)
def test_changelist_queries_do_not_grow_with_rows(staff_client, world, model):
    url = admin_url(model, "changelist")
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    make_world()
    make_world()
    with CaptureQueriesContext(connection) as more:
        assert staff_client.get(url).status_code == 200
    assert len(more) <= len(few), "\n".join(q["sql"] for q in more.captured_queries)


@pytest.mark.django_db
def test_user_add_form_uses_email(staff_client):
    response = staff_client.post(
        admin_url(User, "add"),
        {
            "email": "Nieuwe.Partner@Example.org",
            "usable_password": "true",
            "password1": "Een-lang-wachtwoord-2019",
            "password2": "Een-lang-wachtwoord-2019",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="nieuwe.partner@example.org")
    assert user.check_password("Een-lang-wachtwoord-2019")


@pytest.mark.django_db
def test_user_add_form_refuses_email_differing_only_in_case(staff_client, superuser):
    response = staff_client.post(
        admin_url(User, "add"),
        {
            "email": superuser.email.upper(),
            "usable_password": "true",
            "password1": "Een-lang-wachtwoord-2019",
            "password2": "Een-lang-wachtwoord-2019",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact=superuser.email).count() == 1


@pytest.mark.django_db
def test_photo_uploaded_in_admin_is_reencoded(staff_client, world):
    activity = Activity.objects.first()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    upload = SimpleUploadedFile("Inwoner met naam.png", buffer.getvalue(), "image/png")
    response = staff_client.post(
        admin_url(ActivityPhoto, "add"),
        {"activity": activity.pk, "image": upload, "alt_text": "Fietstocht", "consent": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = ActivityPhoto.objects.get(alt_text="Fietstocht")
    assert photo.image.name.endswith(".jpg")
    assert "Inwoner" not in photo.image.name
    with Image.open(photo.image) as stored:
        assert stored.format == "JPEG"
    assert photo.uploaded_by.email == "beheerder@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize("model", PROJECT_MODELS, ids=_id)
def test_history_page_opens(staff_client, world, model):
    obj = model._default_manager.first()
    response = staff_client.get(admin_url(model, "history", obj.pk))
    assert response.status_code == 200
    assert response.context["object"] == obj


@pytest.mark.django_db
def test_user_pages_are_in_dutch_and_by_email(staff_client, superuser):
    response = staff_client.get(admin_url(User, "change", superuser.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Persoonlijke gegevens" in content
    assert 'name="email"' in content
    assert 'name="username"' not in content
    # Django's UserAdmin names this URL after auth.User, whatever the user model is.
    response = staff_client.get(reverse("admin:auth_user_password_change", args=[superuser.pk]))
    assert response.status_code == 200
