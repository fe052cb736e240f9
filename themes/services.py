"""Functions that change data in the themes app: logging, editing and removing activities.

Every write checks the permission itself (a view is not the only caller), validates the
whole activity, runs in one transaction and records who did it: ``created_by`` /
``updated_by`` on the row and the history user on its simple_history record.
"""

import datetime
from collections.abc import Iterable, Sequence
from functools import partial

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from landerd_portal.audit import delete_by, save_by
from landerd_portal.concurrency import claim
from landerd_portal.permissions import require_permission
from landerd_portal.text import mail_subject
from landerd_portal.uploads import store_upload, undo_uploads
from partners.models import Organisation, User

from .models import (
    Activity,
    ActivityPhoto,
    KartrekkerDigest,
    WorkingGroup,
    WorkingGroupCollaboration,
)
from .photos import reencode_photo
from .selectors import digest_content

# The fields of an activity a person fills in; the rest is set here.
ACTIVITY_FIELDS = (
    "theme",
    "title",
    "date",
    "end_date",
    "start_time",
    "end_time",
    "is_public",
    "reach",
    "volunteers",
    "description",
    "quote",
    "quote_attribution",
    "quote_consent",
    "effort",
    "builds_on",
)
ACTIVITY_M2M_FIELDS = ("villages", "target_groups", "health_dimensions", "organisations")
NO_PUBLISHED_ACTIVITY = gettext_lazy(
    "Er is geen gepubliceerde activiteit met dit nummer. Zoek de activiteit en kies haar."
)
PHOTO_NOT_STORED = gettext_lazy(
    "De foto kon niet worden opgeslagen: het opslaan van bestanden lukt nu niet. Er is "
    "niets bewaard; probeer het later opnieuw. Wat je invulde staat er nog, maar kies de "
    "foto opnieuw: een browser onthoudt een gekozen bestand niet."
)


def _apply(activity: Activity, data: dict) -> None:
    for field in ACTIVITY_FIELDS:
        if field in data:
            setattr(activity, field, data[field])


def _record_quote_consent(
    activity: Activity, data: dict, *, user: User, stored_quote: str | None
) -> None:
    """Record who ticked the quote's consent, and when; unticking it clears the record.

    Consent is for these words: a changed quote keeps it only when the editor ticked it
    again with the new wording (``quote_consent`` in ``data``), and then it is theirs. A
    quote without consent may be kept, but stays internal (see reports.selectors).
    """
    quote_changed = activity.quote != stored_quote
    if quote_changed and "quote_consent" not in data:
        activity.quote_consent = False
    if not activity.quote.strip() or not activity.quote_consent:
        activity.quote_consent = False
        activity.quote_consent_by = None
        activity.quote_consent_at = None
    elif activity.quote_consent_at is None or quote_changed:
        activity.quote_consent_by = user
        activity.quote_consent_at = timezone.now()


def _validate(activity: Activity, data: dict) -> None:
    errors = {}
    effort = data.get("effort")
    if effort is not None and effort.goal.theme_id != activity.theme_id:
        errors["effort"] = _("Kies een inspanning van het thema %(theme)s.") % {
            "theme": activity.theme
        }
    builds_on_error = _builds_on_error(activity)
    if builds_on_error:
        errors["builds_on"] = builds_on_error
    if activity.quote and not activity.quote_attribution:
        errors["quote_attribution"] = _(
            "Zet erbij van wie het citaat is: een rol of organisatie, geen naam van een inwoner."
        )
    try:
        activity.full_clean(exclude=["created_by", "updated_by", "quote_consent_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)


def _builds_on_error(activity: Activity) -> str | None:
    """Why ``activity`` cannot build on the activity it names, or None when it can.

    An approach spreads forwards in time: from a published activity (any organisation's),
    never from itself, a later activity or a draft, and never round in a circle.
    """
    earlier = activity.builds_on
    if earlier is None:
        return None
    if activity.pk is not None and earlier.pk == activity.pk:
        return _("Een activiteit kan niet op zichzelf voortbouwen.")
    if earlier.status != Activity.Status.PUBLISHED:
        return NO_PUBLISHED_ACTIVITY
    if activity.date and earlier.date > activity.date:
        return _(
            "‘%(title)s’ was later (%(date)s) dan deze activiteit: kies een eerdere activiteit."
        ) % {"title": earlier.title, "date": date_format(earlier.date, "j F Y")}
    if activity.pk is None:
        return None  # nothing builds on a new activity yet, so it closes no circle
    seen = {activity.pk}
    step = earlier
    while step is not None and step.builds_on_id is not None:
        if step.builds_on_id in seen:
            return _("Dan bouwen de activiteiten in een kring op elkaar voort.")
        seen.add(step.pk)
        step = step.builds_on
    return None


def _set_m2m(activity: Activity, data: dict) -> None:
    for field in ACTIVITY_M2M_FIELDS:
        if field in data:
            getattr(activity, field).set(data[field])


def _require_consent(photos: Sequence, consent: bool) -> None:
    if photos and not consent:
        raise ValidationError(
            {
                "photo_consent": ValidationError(
                    _(
                        "Een foto bewaren we alleen met toestemming van de mensen erop. Vink "
                        "dit aan, of laat de foto weg (‘niet meer gebruiken’)."
                    ),
                    code="consent_required",
                )
            }
        )


def _add_photos(*, activity: Activity, photos: Sequence, alt_text: str, user: User) -> None:
    """Keep the photos; the callers checked consent before their transaction began.

    Called last in the caller's transaction: when storing a photo fails, the files written
    so far are removed and the ValidationError rolls the whole change back, so the form
    comes back with everything typed and nothing is half saved.
    """
    with undo_uploads() as written:
        for uploaded in photos:
            photo = ActivityPhoto(
                activity=activity, alt_text=alt_text, consent=True, uploaded_by=user
            )
            content = reencode_photo(uploaded)
            store_upload(
                photo.image,
                content.name,
                content,
                written=written,
                form_field="photos",
                message=PHOTO_NOT_STORED,
                user=user,
            )
            photo.full_clean()
            photo.save()


def activity_create(
    *,
    author: User,
    data: dict,
    publish: bool,
    owner_organisation: Organisation | None = None,
    photos: Sequence = (),
    photo_alt_text: str = "",
    photo_consent: bool = False,
) -> Activity:
    """Log an activity for the author's organisation (or, for the programme team, another's)."""
    require_permission(
        author, "themes.add_activity", message=_("Je mag geen activiteiten vastleggen.")
    )
    if owner_organisation is None or not author.has_perm("themes.choose_activity_owner"):
        owner_organisation = author.organisation
    if owner_organisation is None:
        raise ValidationError(
            {"owner_organisation": _("Kies de organisatie die de activiteit organiseerde.")}
        )
    activity = Activity(
        owner_organisation=owner_organisation,
        status=Activity.Status.PUBLISHED if publish else Activity.Status.DRAFT,
        created_by=author,
        updated_by=author,
    )
    _apply(activity, data)
    _record_quote_consent(activity, data, user=author, stored_quote=None)
    _validate(activity, data)
    _require_consent(photos, photo_consent)
    with transaction.atomic():
        save_by(author, activity)
        _set_m2m(activity, data)
        _add_photos(
            activity=activity,
            photos=photos,
            alt_text=photo_alt_text,
            user=author,
        )
    return activity


def activity_update(
    *,
    activity: Activity,
    editor: User,
    data: dict,
    publish: bool,
    photos: Sequence = (),
    photo_alt_text: str = "",
    photo_consent: bool = False,
    remove_photos: Iterable[ActivityPhoto] = (),
    version: int | None = None,
) -> Activity:
    """Change an activity; refused (and nothing saved) unless the editor may change it.

    ``version`` is the one the editor started from: if someone saved since, nothing is
    saved and ``EditConflict`` tells what they saved (None: no check, e.g. a script).
    """
    require_permission(
        editor,
        "themes.change_activity",
        activity,
        _(
            "Je kunt deze activiteit niet wijzigen: dat mogen alleen de organisatie die "
            "haar vastlegde, de kartrekker van het thema en het programmateam."
        ),
    )
    _require_consent(photos, photo_consent)
    # The stored wording, not the instance's: a bound form may already have changed that.
    stored_quote = Activity.objects.filter(pk=activity.pk).values_list("quote", flat=True).first()
    _apply(activity, data)
    _record_quote_consent(activity, data, user=editor, stored_quote=stored_quote)
    activity.status = Activity.Status.PUBLISHED if publish else Activity.Status.DRAFT
    activity.updated_by = editor
    _validate(activity, data)
    with transaction.atomic():
        claim(activity, version)
        save_by(editor, activity)
        _set_m2m(activity, data)
        for photo in remove_photos:
            if photo.activity_id == activity.pk:
                photo.delete()
                # The file goes once the row is gone for good: if anything below fails,
                # the rollback keeps the row and so its file.
                transaction.on_commit(partial(photo.image.storage.delete, photo.image.name))
        _add_photos(
            activity=activity,
            photos=photos,
            alt_text=photo_alt_text,
            user=editor,
        )
    return activity


def activity_delete(*, activity: Activity, user: User) -> None:
    """Remove an activity and its photos; refused unless the user may delete it."""
    require_permission(
        user,
        "themes.delete_activity",
        activity,
        _(
            "Je kunt deze activiteit niet verwijderen: dat mogen alleen de organisatie die "
            "haar vastlegde, de kartrekker van het thema en het programmateam."
        ),
    )
    files = [photo.image for photo in activity.photos.all()]
    with transaction.atomic():
        delete_by(user, activity)

        def remove_files():
            for image in files:
                image.storage.delete(image.name)

        transaction.on_commit(remove_files)


# --- Monthly digest for kartrekkers ------------------------------------------------------


def digest_period_end(moment: datetime.datetime) -> datetime.datetime:
    """The start of the month ``moment`` falls in, in Amsterdam time: where a digest ends."""
    local = timezone.localtime(moment)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def kartrekker_digest_send(
    *, working_group: WorkingGroup, period_end: datetime.datetime
) -> KartrekkerDigest | None:
    """E-mail the kartrekker what happened in the theme since the last digest.

    Idempotent: a period that was sent is not sent again. Returns None when the working
    group has no kartrekker to write to.
    """
    kartrekker = working_group.kartrekker
    if kartrekker is None or not kartrekker.is_active or not kartrekker.email:
        return None
    last = (
        KartrekkerDigest.objects.filter(
            working_group=working_group, sent_at__isnull=False, period_end__lt=period_end
        )
        .order_by("-period_end")
        .first()
    )
    since = last.period_end if last else period_end - relativedelta(months=1)
    digest, _created = KartrekkerDigest.objects.get_or_create(
        working_group=working_group, period_end=period_end, defaults={"period_start": since}
    )
    with transaction.atomic():
        digest = KartrekkerDigest.objects.select_for_update().get(pk=digest.pk)
        if digest.sent_at is not None:
            return digest
        content = digest_content(
            working_group=working_group, since=digest.period_start, until=digest.period_end
        )
        theme = working_group.theme
        context = {
            **content,
            "kartrekker": kartrekker,
            "theme": theme,
            "since": timezone.localtime(digest.period_start),
            "until_inclusive": timezone.localtime(digest.period_end) - datetime.timedelta(days=1),
            "portal_url": settings.PORTAL_URL,
            "log_url": f"{reverse('themes:activity_create')}?thema={theme.slug}",
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("themes/email/kartrekker_digest_subject.txt", context)
            body = render_to_string("themes/email/kartrekker_digest.txt", context)
        send_mail(
            mail_subject(subject),
            body.strip() + "\n",
            settings.DEFAULT_FROM_EMAIL,
            [kartrekker.email],
        )
        digest.sent_at = timezone.now()
        digest.recipient = kartrekker.email
        digest.activity_count = len(content["activities"])
        digest.save(update_fields=["sent_at", "recipient", "activity_count"])
    return digest


@transaction.atomic
def collaboration_form_record(
    *, user: User, working_group: WorkingGroup, phase, form: str, reason: str
) -> WorkingGroupCollaboration:
    """Record how a working group collaborates in a phase, and why (one record a phase:
    recording again revises it)."""
    require_permission(
        user,
        "themes.record_collaboration_form",
        working_group,
        _("Alleen de kartrekker van deze werkgroep en het programmateam leggen dit vast."),
    )
    record = (
        WorkingGroupCollaboration.objects.select_for_update()
        .filter(working_group=working_group, phase=phase)
        .first()
    ) or WorkingGroupCollaboration(working_group=working_group, phase=phase)
    record.form = form
    record.reason = (reason or "").strip()
    record.recorded_by = user
    record.full_clean()
    save_by(user, record)
    return record
