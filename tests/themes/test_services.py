"""The activity services: permission, validation, photos and history, without the web."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from tests.factories import ActivityFactory, EffortFactory, GoalFactory, ThemeFactory
from themes import services
from themes.models import Activity, ActivityPhoto

pytestmark = pytest.mark.django_db


def data(theme, **overrides):
    values = {
        "theme": theme,
        "title": "Mantelzorgcafé",
        "date": datetime.date(2019, 11, 10),
        "description": "Een middag voor mantelzorgers.",
    }
    values.update(overrides)
    return values


def test_partner_logs_for_own_organisation_even_when_asking_for_another(
    partner, theme, other_organisation
):
    activity = services.activity_create(
        author=partner, data=data(theme), publish=False, owner_organisation=other_organisation
    )
    assert activity.owner_organisation == partner.organisation
    assert activity.status == Activity.Status.DRAFT


def test_programme_team_logs_on_behalf_of_an_organisation(programmateam, theme, organisation):
    activity = services.activity_create(
        author=programmateam, data=data(theme), publish=True, owner_organisation=organisation
    )
    assert activity.owner_organisation == organisation


@pytest.mark.parametrize("role", ["griffie", "observer"])
def test_readers_without_a_contributor_role_cannot_log(request, role, theme):
    with pytest.raises(PermissionDenied):
        services.activity_create(
            author=request.getfixturevalue(role), data=data(theme), publish=True
        )
    assert not Activity.objects.exists()


def test_end_before_start_is_refused_with_a_dutch_message(partner, theme):
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            author=partner,
            data=data(theme, end_date=datetime.date(2019, 11, 1)),
            publish=True,
        )
    assert "De einddatum ligt vóór de begindatum." in str(error.value)
    assert not Activity.objects.exists()


def test_effort_must_belong_to_the_activitys_theme(partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=ThemeFactory(name="Opvoeding")))
    with pytest.raises(ValidationError) as error:
        services.activity_create(author=partner, data=data(theme, effort=effort), publish=True)
    assert "effort" in error.value.message_dict


def test_quote_needs_an_attribution(partner, theme):
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            author=partner, data=data(theme, quote="Fijn om erbij te horen."), publish=True
        )
    assert "quote_attribution" in error.value.message_dict


def test_photo_without_consent_is_refused_and_nothing_saved(partner, theme, small_png):
    with pytest.raises(ValidationError) as error:
        services.activity_create(author=partner, data=data(theme), publish=True, photos=[small_png])
    assert "photo_consent" in error.value.message_dict
    assert not Activity.objects.exists() and not ActivityPhoto.objects.exists()


def test_photo_is_reencoded_without_gps(partner, theme, gps_jpeg):
    activity = services.activity_create(
        author=partner,
        data=data(theme),
        publish=True,
        photos=[gps_jpeg],
        photo_alt_text="Koffie op het plein",
        photo_consent=True,
    )
    photo = activity.photos.get()
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif().get_ifd(0x8825)
        assert len(stored.getexif()) == 0
    assert photo.alt_text == "Koffie op het plein"


def test_png_with_transparency_becomes_a_jpeg(partner, theme, small_png):
    activity = services.activity_create(
        author=partner, data=data(theme), publish=True, photos=[small_png], photo_consent=True
    )
    with Image.open(activity.photos.get().image.path) as stored:
        assert stored.format == "JPEG" and stored.mode == "RGB"


def test_refused_update_changes_nothing(other_partner, theme, organisation):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation, title="Oud")
    with pytest.raises(PermissionDenied):
        services.activity_update(
            activity=activity, editor=other_partner, data=data(theme, title="Nieuw"), publish=True
        )
    activity.refresh_from_db()
    assert activity.title == "Oud" and activity.history.count() == 1


def test_update_records_editor_and_history(kartrekker, theme, other_organisation):
    activity = ActivityFactory(theme=theme, owner_organisation=other_organisation)
    services.activity_update(
        activity=activity, editor=kartrekker, data=data(theme, title="Nieuw"), publish=True
    )
    activity.refresh_from_db()
    assert activity.updated_by == kartrekker and activity.is_published
    assert activity.history.latest().history_user == kartrekker


def test_delete_is_refused_for_others_and_done_for_the_owner(
    partner, other_partner, theme, organisation
):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation)
    pk = activity.pk
    with pytest.raises(PermissionDenied):
        services.activity_delete(activity=activity, user=other_partner)
    assert Activity.objects.filter(pk=pk).exists()
    services.activity_delete(activity=activity, user=partner)
    assert not Activity.objects.filter(pk=pk).exists()
    assert Activity.history.filter(id=pk, history_type="-").get().history_user == partner
