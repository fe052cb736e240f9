"""Personal data (AVG): what the portal holds about one person, and forgetting who they were.

Beheer answers a request for access with :func:`person_data_export` (everything the
portal holds about one person, as data for a JSON download) and a person who leaves the
programme with :func:`person_anonymise`: their name, e-mail address and contact details
are replaced, the account is switched off, their sessions end. What they contributed
(activities, reflections, proposals, ...) stays, under their organisation, attributed to
"Oud-deelnemer <id>": the programme's account to the council keeps its history.
"""

import datetime
import hashlib
import hmac
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from landerd_portal.audit import save_by
from landerd_portal.logs import log_event
from landerd_portal.permissions import require_permission
from learning_history.models import Question, Reflection, SelfAnalysis
from programme.meetings.models import ActionItem, AgendaAttachment, AgendaProposal
from themes.models import Activity, ActivityPhoto, KartrekkerDigest

from .models import ApiToken, User

PERMISSION = "partners.manage_personal_data"
# Account fields never handed out, not even to the person themselves.
SECRET_USER_FIELDS = ("password",)
ANONYMOUS_NAME = "Oud-deelnemer"
# .invalid is reserved (RFC 2606): no mail can ever be delivered to such an address.
ANONYMOUS_EMAIL_DOMAIN = "anoniem.invalid"


def _records(queryset):
    """Each row as ``{"model", "pk", "fields"}`` (Django's python serialisation)."""
    return serializers.serialize("python", queryset)


def person_data_export(*, actor: User, person: User) -> dict:
    """Everything the portal holds about ``person``: account, memberships and contributions.

    The password hash is left out. Files (photos, attachments) are listed by name; the
    files themselves stay in the portal. JSON-ready with ``DjangoJSONEncoder``.
    """
    require_permission(
        actor, PERMISSION, message=_("Alleen beheer mag persoonsgegevens exporteren.")
    )
    with transaction.atomic():
        account = _records(User.objects.filter(pk=person.pk))[0]
        for field in SECRET_USER_FIELDS:
            account["fields"].pop(field, None)
        organisation = person.organisation
        data = {
            "exported_at": timezone.now(),
            "exported_by": actor.pk,
            "account": account,
            "memberships": {
                "organisation": (
                    {"id": organisation.pk, "name": organisation.name} if organisation else None
                ),
                "role": person.role,
                "working_groups": [
                    {"id": group.pk, "name": group.name}
                    for group in person.working_groups.order_by("name")
                ],
                "leads_working_groups": [
                    {"id": group.pk, "name": group.name}
                    for group in person.led_working_groups.order_by("name")
                ],
                "groups": list(person.groups.order_by("name").values_list("name", flat=True)),
            },
            "activities": _records(Activity.objects.filter(created_by=person).order_by("pk")),
            "reflections": _records(Reflection.objects.filter(author=person).order_by("pk")),
            "questions": _records(Question.objects.filter(raised_by=person).order_by("pk")),
            "proposals": _records(AgendaProposal.objects.filter(proposer=person).order_by("pk")),
            "action_items": _records(ActionItem.objects.filter(owner=person).order_by("pk")),
            "self_analyses": _records(
                SelfAnalysis.objects.filter(filled_in_by=person).order_by("pk")
            ),
            # The keys' names and dates; never their digests.
            "api_tokens": list(
                ApiToken.objects.filter(user=person)
                .order_by("pk")
                .values("name", "prefix", "created_at", "last_used_at", "revoked_at")
            ),
            "photos": [
                {
                    "id": photo.pk,
                    "activity": photo.activity_id,
                    "file": photo.image.name,
                    "alt_text": photo.alt_text,
                    "consent": photo.consent,
                    "uploaded_at": photo.uploaded_at,
                }
                for photo in ActivityPhoto.objects.filter(uploaded_by=person).order_by("pk")
            ],
            "attachments": [
                {
                    "id": attachment.pk,
                    "agenda_item": attachment.agenda_item_id,
                    "file": attachment.file.name,
                    "name": attachment.name,
                }
                for attachment in AgendaAttachment.objects.filter(uploaded_by=person).order_by("pk")
            ],
            "digests_received": _records(
                KartrekkerDigest.objects.filter(recipient__iexact=person.email).order_by("pk")
            ),
        }
        log_event("person_data_exported", user=actor, obj=person)
    return data


def person_anonymise(*, actor: User, person: User) -> User:
    """Forget who ``person`` was; keep what they contributed.

    Name, e-mail address, job title and phone number are replaced (also in the account's
    history), the account is switched off with an unusable password and every session of
    theirs ends. Working-group memberships end. Activities, reflections, proposals and the
    rest stay, under their organisation, shown as "Oud-deelnemer <id>".
    """
    require_permission(actor, PERMISSION, message=_("Alleen beheer mag een persoon anonimiseren."))
    if actor.pk == person.pk:
        raise PermissionDenied(_("Je kunt je eigen account niet anonimiseren."))
    if person.email.endswith("@" + ANONYMOUS_EMAIL_DOMAIN) and not person.is_active:
        raise ValidationError(_("Deze persoon is al geanonimiseerd."), code="already_anonymised")
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        old_email = person.email
        replacement = {
            "first_name": ANONYMOUS_NAME,
            "last_name": str(person.pk),
            "email": f"oud-deelnemer-{person.pk}@{ANONYMOUS_EMAIL_DOMAIN}",
            "job_title": "",
            "phone": "",
        }
        for field, value in replacement.items():
            setattr(person, field, value)
        person.is_active = False
        person.is_staff = False
        person.is_superuser = False
        person.set_unusable_password()
        person.save()
        person.groups.clear()
        person.user_permissions.clear()
        # From the group's side: its history records the membership ending (cleared from
        # the person's side, django-simple-history would misfile it as a user's record).
        for group in person.working_groups.all():
            group.members.remove(person)
        person.led_working_groups.update(kartrekker=None)
        # The account's own history kept the old name and address in every earlier row.
        User.history.filter(id=person.pk).update(**replacement)
        KartrekkerDigest.objects.filter(recipient__iexact=old_email).update(
            recipient=replacement["email"]
        )
        _forget_sign_in_attempts(old_email)
        _end_sessions(person)
        # Switched off, its API keys open nothing already; revoked, they say so too.
        for token in ApiToken.objects.filter(user=person, revoked_at__isnull=True):
            _revoke(token, actor=actor)
        log_event("person_anonymised", user=actor, obj=person)
    return person


def _forget_sign_in_attempts(email):
    """django-axes keeps failed and successful sign-ins under the e-mail address typed."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()


def _end_sessions(person):
    """Delete every live session of ``person`` (from the database and the cache)."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = str(person.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            store_class(session.session_key).delete()


# --- API keys ---------------------------------------------------------------------------

API_TOKEN_PREFIX = "ld"
# How often the "laatst gebruikt" time of a key is written: not on every request.
API_TOKEN_USE_RESOLUTION = datetime.timedelta(minutes=1)


def _api_token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a key for ``user``'s own scripts; returns the row and the key, shown only now.

    Only the key's SHA-256 digest is kept, with its first characters to find it by.
    """
    require_permission(
        user, "partners.manage_api_tokens", message=_("Je mag geen API-sleutels aanmaken.")
    )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef de sleutel een naam.")})
    prefix = secrets.token_hex(4)
    key = f"{API_TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=name, prefix=prefix, digest=_api_token_digest(key))
    token.full_clean()
    with transaction.atomic():
        save_by(user, token)
    log_event("api_token_created", user=user, obj=token)
    return token, key


def api_token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    """Revoke a key: from now on it opens nothing. Revoking it twice changes nothing."""
    require_permission(
        user,
        "partners.revoke_api_token",
        token,
        _("Je kunt alleen je eigen API-sleutels intrekken."),
    )
    if token.revoked_at is None:
        with transaction.atomic():
            _revoke(token, actor=user)
        log_event("api_token_revoked", user=user, obj=token)
    return token


def _revoke(token, *, actor):
    token.revoked_at = timezone.now()
    save_by(actor, token, update_fields=["revoked_at"])


def api_token_user(key: str) -> tuple[User, ApiToken] | None:
    """The user and key that ``key`` opens, or None: unknown, revoked, or its user is off.

    Looked up by the key's prefix and compared by digest in constant time; the time of use
    is stamped at most once a minute, without a history record.
    """
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != API_TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.digest, _api_token_digest(key)):
        return None
    if token.revoked_at is not None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user, token
