"""AVG: beheer exports everything the portal holds about a person, and anonymises one
who leaves while their contributions stay with their organisation."""

import datetime
import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partners import services
from partners.models import User
from programme.meetings.models import ActionItem
from tests.factories import (
    ActionItemFactory,
    ActivityFactory,
    AgendaProposalFactory,
    QuestionFactory,
    ReflectionFactory,
    WorkingGroupFactory,
)
from themes.models import ActivityPhoto

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributions(partner, theme):
    group = WorkingGroupFactory(theme=theme)
    group.members.add(partner)
    activity = ActivityFactory(
        title="Mantelzorgcafé", owner_organisation=partner.organisation, created_by=partner
    )
    photo = ActivityPhoto.objects.create(
        activity=activity,
        image="fotos/cafe.jpg",
        alt_text="Koffie",
        consent=True,
        uploaded_by=partner,
    )
    return {
        "group": group,
        "activity": activity,
        "photo": photo,
        "reflection": ReflectionFactory(author=partner, organisation=partner.organisation),
        "question": QuestionFactory(raised_by=partner),
        "proposal": AgendaProposalFactory(proposer=partner, title="Eenzaamheid bespreken"),
        "action": ActionItemFactory(owner=partner, description="Flyer maken"),
    }


def _pks(records):
    return [record["pk"] for record in records]


def test_export_holds_the_persons_account_memberships_and_contributions_without_password(
    beheer, partner, contributions
):
    data = services.person_data_export(actor=beheer, person=partner)

    assert data["account"]["pk"] == partner.pk
    assert data["account"]["fields"]["email"] == partner.email
    assert "password" not in data["account"]["fields"]
    assert data["memberships"]["organisation"]["name"] == partner.organisation.name
    assert data["memberships"]["working_groups"] == [
        {"id": contributions["group"].pk, "name": contributions["group"].name}
    ]
    assert _pks(data["activities"]) == [contributions["activity"].pk]
    assert _pks(data["reflections"]) == [contributions["reflection"].pk]
    assert _pks(data["questions"]) == [contributions["question"].pk]
    assert _pks(data["proposals"]) == [contributions["proposal"].pk]
    assert _pks(data["action_items"]) == [contributions["action"].pk]
    assert [photo["file"] for photo in data["photos"]] == ["fotos/cafe.jpg"]
    assert partner.password not in json.dumps(data, default=str)


def test_only_beheer_may_export_or_anonymise(programmateam, partner):
    with pytest.raises(PermissionDenied):
        services.person_data_export(actor=programmateam, person=partner)
    with pytest.raises(PermissionDenied):
        services.person_anonymise(actor=programmateam, person=partner)
    partner.refresh_from_db()
    assert partner.is_active and partner.first_name != services.ANONYMOUS_NAME


def test_anonymising_removes_name_and_email_and_keeps_contributions_under_the_organisation(
    beheer, partner, contributions
):
    old_email, old_name = partner.email, partner.first_name
    organisation = partner.organisation

    services.person_anonymise(actor=beheer, person=partner)

    partner.refresh_from_db()
    assert partner.get_full_name() == f"Oud-deelnemer {partner.pk}"
    assert partner.email == f"oud-deelnemer-{partner.pk}@anoniem.invalid"
    assert not partner.is_active
    assert not partner.has_usable_password()
    assert partner.organisation == organisation
    assert not partner.working_groups.exists()
    # The contributions stay, attributed to the anonymised account of the organisation.
    contributions["activity"].refresh_from_db()
    assert contributions["activity"].created_by == partner
    assert contributions["activity"].owner_organisation == organisation
    contributions["reflection"].refresh_from_db()
    assert contributions["reflection"].author == partner
    assert ActionItem.objects.get(pk=contributions["action"].pk).owner == partner
    # Nothing in the account's history gives the old name or address away.
    history = User.history.filter(id=partner.pk)
    assert history.exists()
    assert not history.filter(email=old_email).exists()
    assert not history.filter(first_name=old_name).exists()


def test_anonymising_ends_the_persons_sessions(beheer, partner):
    browser = Client()
    browser.force_login(partner)
    assert browser.get("/").status_code == 200

    services.person_anonymise(actor=beheer, person=partner)

    response = browser.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_beheer_cannot_anonymise_themselves(beheer):
    with pytest.raises(PermissionDenied):
        services.person_anonymise(actor=beheer, person=beheer)


def test_beheer_downloads_the_export_from_the_user_admin(client, beheer, partner, contributions):
    client.force_login(beheer)
    response = client.post(
        reverse("admin:partners_user_changelist"),
        {"action": "export_personal_data", ACTION_CHECKBOX_NAME: [partner.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["fields"]["email"] == partner.email
    assert "password" not in data["account"]["fields"]


def test_beheer_anonymises_from_the_user_admin_after_confirming(client, beheer, partner):
    client.force_login(beheer)
    url = reverse("admin:partners_user_changelist")
    confirm = client.post(url, {"action": "anonymise", ACTION_CHECKBOX_NAME: [partner.pk]})
    assert confirm.status_code == 200
    assert "Ja, anonimiseren" in confirm.content.decode()
    partner.refresh_from_db()
    assert partner.is_active  # nothing happens before confirming

    client.post(url, {"action": "anonymise", ACTION_CHECKBOX_NAME: [partner.pk], "post": "ja"})

    partner.refresh_from_db()
    assert not partner.is_active
    assert partner.first_name == services.ANONYMOUS_NAME


def test_photos_older_than_the_retention_period_are_flagged_in_the_admin(
    client, beheer, partner, settings
):
    settings.PHOTO_RETENTION_DAYS = 30
    activity = ActivityFactory(owner_organisation=partner.organisation)
    old = ActivityPhoto.objects.create(
        activity=activity, image="fotos/oud.jpg", alt_text="Oud", consent=True
    )
    ActivityPhoto.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = ActivityPhoto.objects.create(
        activity=activity, image="fotos/nieuw.jpg", alt_text="Nieuw", consent=True
    )
    client.force_login(beheer)

    listing = client.get(
        reverse("admin:themes_activityphoto_changelist") + "?bewaartermijn=verlopen"
    )
    assert list(listing.context["cl"].result_list) == [old]
    assert recent not in listing.context["cl"].result_list

    index = client.get(reverse("admin:index")).content.decode()
    assert "1 foto is ouder dan de bewaartermijn (30 dagen)" in index
    assert "?bewaartermijn=verlopen" in index
