"""Rendered parts of the busiest pages, kept in the shared cache until what they show changes.

A part is stored under its name, what it varies on (who may see what, the query string),
the language and today's date, together with the *versions of the areas* it shows: one
number in the cache per area of the portal's data (the activities, the activities of one
theme, the DIN, the partner meetings, the reports, the learning history, the shared
vocabulary of themes, villages and organisations, one user, one organisation), moved on
whenever something in that area is saved or deleted (the signal receivers below,
connected in ``landerd_portal.apps``). A part is served only while every area it depends
on still has the version it was rendered at: a partner who logs an activity sees it at
once, and so does everyone else, while the parts of other themes, the DIN and the
meetings stay cached. Every part also depends on :data:`EVERYTHING`, which a deployment
(``migrate``), a change to the programme's phases and any model without an area of its
own move on. ``FRAGMENT_CACHE_SECONDS`` bounds what no signal reports.

The cache is an optimisation only: when it is down (Redis unreachable) every call renders
from the database, as if nothing were cached, and a save still goes through.

Nothing read from the cache is trusted as it is: whoever can write to the cache's Redis
must not be able to put HTML into a page. Each value is stored pickled by us, with an HMAC
(keyed with ``SECRET_KEY``) over its key, versions and bytes; a value whose signature does
not match is never unpickled, but logged and computed anew, as if it had not been cached.
"""

import hashlib
import logging
import pickle
import time

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

SIGNATURE_SALT = "landerd_portal.fragments"
VERSION_PREFIX = "portal:version:"

# --- The areas --------------------------------------------------------------------------
# Every part depends on this one: a deployment, a new phase, a model without an area.
EVERYTHING = "everything"
ACTIVITIES = "activities"  # any activity: the list, the theme overview, the dashboards
DIN = "din"  # goals, efforts, indicators, network (and activities linked to an effort)
MEETINGS = "meetings"
REPORTS = "reports"
LEARNING_HISTORY = "learning-history"
# The approaches taken up in other villages ("voortbouwend op"): a take-up counts for the
# theme its approach started in, which may be any theme.
SPREAD = "spread"
# What many pages show beside their own data: themes and working groups, villages, target
# groups, health dimensions, organisations and people's names.
VOCABULARY = "vocabulary"


def theme_area(theme_id):
    """The activities of one theme (and the theme page itself)."""
    return f"theme:{theme_id}"


def user_area(user_id):
    return f"user:{user_id}"


def organisation_area(organisation_id):
    return f"organisation:{organisation_id}"


# The apps whose data pages show. Changes elsewhere (sessions, login attempts, beat's
# schedule, the outbox) do not make a page stale.
CONTENT_APPS = ("auth", "partners", "themes", "programme", "learning_history")
# A CSRF token is per browser, so a cached part holds this stand-in instead; it is
# replaced by the requesting browser's token every time the part is served. The same in
# every web process (any one may serve a part another rendered), and not guessable.
CSRF_STAND_IN = (
    "csrf-" + hashlib.sha256(f"csrf-stand-in:{settings.SECRET_KEY}".encode()).hexdigest()[:32]
)


def _version_key(area):
    return VERSION_PREFIX + area


def content_version(*areas):
    """The current versions of ``areas`` (and of :data:`EVERYTHING`), as stored with a part."""
    keys = [_version_key(area) for area in _with_everything(areas)]
    return _versions(keys, cache.get_many(keys))


def _with_everything(areas):
    return (EVERYTHING, *sorted(set(areas) - {EVERYTHING}))


def _versions(keys, found):
    return tuple(_version(key, found.get(key)) for key in keys)


def _version(key, stored):
    if stored is not None:
        return stored
    # A fresh cache (or one that evicted the key) starts from the clock, so it never
    # reuses a number that an older part may still be stored with.
    version = time.time_ns()
    if not cache.add(key, version, timeout=None):
        version = cache.get(key, version)
    return version


def content_changed(*areas):
    """Say that the data of ``areas`` changed (all of it when none are given): every
    cached part that shows one of them is out of date from now on."""
    areas = frozenset(areas or {EVERYTHING})
    _move_on(areas)
    # Once more when the transaction commits: a page rendered between the first step and
    # the commit read the old data, and must not be served under the new version. One
    # callback per transaction, collecting the areas of every row it saves.
    connection = transaction.get_connection()
    for _ids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _MoveOnAtCommit):
            callback.areas |= areas
            return
    transaction.on_commit(_MoveOnAtCommit(areas))


class _MoveOnAtCommit:
    def __init__(self, areas):
        self.areas = set(areas)

    def __call__(self):
        _move_on(self.areas)


def _move_on(areas):
    if getattr(_request_memo, "lookups", None):
        _request_memo.lookups = {}
    for area in areas:
        try:
            cache.incr(_version_key(area))
        except ValueError:  # no version stored: the next read starts a new one
            pass


def cached(name, vary, compute, *, areas=(EVERYTHING,), timeout=None):
    """``compute()`` from the cache, or computed now and stored for the next request.

    A value is stored with the versions of ``areas`` it was computed at, and used only
    while they are all still current; versions and value are read in one round trip.
    It lives at most ``timeout`` seconds (``FRAGMENT_CACHE_SECONDS`` when not given).
    """
    return cached_many([(name, vary, compute, areas)], timeout=timeout)[0]


def cached_many(parts, *, timeout=None):
    """The values of ``parts``, each ``(name, vary, compute, areas)`` as for :func:`cached`,
    with every version and value read in one round trip and the missing ones stored in one."""
    timeout = settings.FRAGMENT_CACHE_SECONDS if timeout is None else timeout
    if timeout == 0:
        # Kept for no time: the cache is off for these parts, so what an earlier setting
        # stored is not served either.
        return [compute() for _name, _vary, compute, _areas in parts]
    keys = [_key(name, vary) for name, vary, _compute, _areas in parts]
    version_keys = [
        [_version_key(area) for area in _with_everything(areas)]
        for _name, _vary, _compute, areas in parts
    ]
    found = cache.get_many(list(dict.fromkeys([*sum(version_keys, []), *keys])))
    values, missing = [], {}
    for key, part_version_keys, (_name, _vary, compute, _areas) in zip(
        keys, version_keys, parts, strict=True
    ):
        versions = _versions(part_version_keys, found)
        found_value, value = _unseal(key, versions, found.get(key))
        if not found_value:
            value = compute()
            missing[key] = _seal(key, versions, value)
        values.append(value)
    if missing:
        cache.set_many(missing, timeout)
    return values


def cached_lookup(name, compute, *, areas, vary=()):
    """A small table every page reads (phases, the filters' choices), kept per version of
    its ``areas`` for ``LOOKUP_CACHE_SECONDS`` even when page parts are not cached: it
    changes only with its areas, and reading it anew on every page is pure cost. Within
    one request it is read from the cache once, however many parts ask for it. ``vary``:
    what else it depends on (a user), as for :func:`cached`."""
    memo = getattr(_request_memo, "lookups", None)
    key = (name, tuple(vary), get_language())
    if memo is not None and key in memo:
        return memo[key]
    value = cached(
        f"lookup:{name}", vary, compute, areas=areas, timeout=settings.LOOKUP_CACHE_SECONDS
    )
    if memo is not None:
        memo[key] = value
    return value


# The lookups one request has read; only while a request is served (not in tasks or
# commands, which may run for long), and forgotten at once when the request saves data.
_request_memo = Local()


def start_request_lookups(**kwargs):
    _request_memo.lookups = {}


def end_request_lookups(**kwargs):
    _request_memo.lookups = None


def _signature(key, versions, payload):
    message = f"{key}\n{versions!r}\n".encode() + payload
    return salted_hmac(SIGNATURE_SALT, message, algorithm="sha256").hexdigest()


def _seal(key, versions, value):
    """What the cache holds for ``value``: its versions, its pickled bytes and their signature."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return (versions, payload, _signature(key, versions, payload))


def _unseal(key, versions, stored):
    """``(True, value)`` for a stored value of these versions with a valid signature.

    ``(False, None)`` for anything else: missing, out of date, or not signed by us.
    """
    if stored is None:
        return False, None
    try:
        stored_versions, payload, signature = stored
    except (TypeError, ValueError):
        stored_versions, payload, signature = None, b"", ""
    if stored_versions != versions and isinstance(payload, bytes) and isinstance(signature, str):
        return False, None  # merely out of date
    if not (
        isinstance(payload, bytes)
        and isinstance(signature, str)
        and constant_time_compare(signature, _signature(key, versions, payload))
    ):
        logger.warning("cached part %s failed its signature check; rendered anew", key)
        return False, None
    # Signed by this portal with its secret key: the bytes are what it pickled itself.
    return True, pickle.loads(payload)  # noqa: S301


def cached_fragment(request, name, vary, template_name, context, *, areas=(EVERYTHING,)):
    """The HTML of ``template_name``, rendered with ``context()`` only when not cached.

    ``vary`` must hold everything besides the data that the part depends on: a part is
    shared by every request with the same ``vary``; ``areas`` every area of the data it
    shows. ``context`` is a callable, so that a cached part costs none of the queries that
    build its context.
    """
    return cached_html(
        request,
        name,
        vary,
        lambda: render_part(request, template_name, context()),
        areas=areas,
    )


def cached_html(request, name, vary, render, *, areas=(EVERYTHING,)):
    """Like :func:`cached_fragment`, for HTML that ``render()`` makes with :func:`render_part`."""
    html = cached(name, vary, render, areas=areas)
    if CSRF_STAND_IN in html:
        html = html.replace(CSRF_STAND_IN, get_token(request))
    # Our own templates rendered this HTML with autoescaping on, and its signature shows it
    # is what they rendered (``cached``), so it is as safe as when it was rendered; only
    # the stand-in became the masked token of the requesting browser.
    return mark_safe(html)


def cached_html_many(request, parts):
    """Like :func:`cached_html` for several parts of one page, read in one round trip."""
    htmls = cached_many(parts)
    # As in cached_html: our own templates' HTML, signed; only the stand-in is replaced.
    token = get_token(request) if any(CSRF_STAND_IN in html for html in htmls) else ""
    return [mark_safe(html.replace(CSRF_STAND_IN, token) if token else html) for html in htmls]


def render_part(request, template_name, context):
    """Render a part to be cached: its forms carry the CSRF stand-in, not this browser's token."""
    return str(
        render_to_string(template_name, {**context, "csrf_token": CSRF_STAND_IN}, request=request)
    )


def _key(name, vary):
    digest = hashlib.sha256(repr(tuple(vary)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{get_language()}:{timezone.localdate().isoformat()}:{digest}"


# --- What a change makes stale ----------------------------------------------------------
# By model label or by the module an app's area keeps its models in. A model named in
# neither moves EVERYTHING on: safe, merely slower. History rows (django-simple-history)
# move nothing: no cached part shows them.


def _activity_areas(activity, before=None):
    areas = {ACTIVITIES, theme_area(activity.theme_id)}
    if activity.effort_id:
        areas.add(DIN)  # the DIN counts the activities of each effort
    if activity.builds_on_id:
        areas.add(SPREAD)
    for theme_id, effort_id, builds_on_before in [before] if before else []:
        areas.add(theme_area(theme_id))
        if effort_id:
            areas.add(DIN)
        if builds_on_before:
            areas.add(SPREAD)
    return areas


def _photo_areas(photo, before=None):
    return _activity_areas(photo.activity)


def _user_areas(user, before=None):
    return {user_area(user.pk), VOCABULARY}


def _organisation_areas(organisation, before=None):
    return {organisation_area(organisation.pk), VOCABULARY}


AREAS_BY_MODEL = {
    "themes.activity": _activity_areas,
    "themes.activityphoto": _photo_areas,
    "partners.user": _user_areas,
    "partners.organisation": _organisation_areas,
    # Shown only on its user's own token page, which is not cached.
    "partners.apitoken": lambda token, before=None: set(),
    # Sent out by beat; no page shows it.
    "themes.kartrekkerdigest": lambda instance, before=None: set(),
    # A poll and its answers show on their theme's page only: a resident's answer must not
    # make the rest of the portal stale.
    "themes.poll": lambda poll, before=None: {theme_area(poll.theme_id)},
    "themes.pollanswer": lambda answer, before=None: {theme_area(answer.poll.theme_id)},
}
AREAS_BY_MODULE = {
    "themes.models": {VOCABULARY},
    "programme.din.models": {DIN},
    "programme.meetings.models": {MEETINGS},
    "programme.reports.models": {REPORTS},
    "learning_history.models": {LEARNING_HISTORY},
}
# What an activity was before a change moves it: the theme, effort and approach it leaves.
FIELDS_BEFORE = {"themes.activity": ("theme_id", "effort_id", "builds_on_id")}


def areas_of(instance, before=None):
    """The areas whose cached parts show ``instance``."""
    model = type(instance)
    if getattr(model, "instance_type", None) is not None and model.__name__.startswith(
        "Historical"
    ):
        return set()
    if (areas := AREAS_BY_MODEL.get(model._meta.label_lower)) is not None:
        return areas(instance, before)
    return set(AREAS_BY_MODULE.get(model.__module__, {EVERYTHING}))


def _before_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    fields = FIELDS_BEFORE.get(sender._meta.label_lower)
    if raw or not fields or instance.pk is None:
        return
    if update_fields is not None and not {name.removesuffix("_id") for name in fields} & {
        name.removesuffix("_id") for name in update_fields
    }:
        return
    # One primary-key read per change of an activity: its old theme's page goes stale too.
    instance._fragment_areas_before = (
        sender._base_manager.filter(pk=instance.pk).values_list(*fields).first()
    )


def _saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in touches the user row but changes nothing a page shows
    before = instance.__dict__.pop("_fragment_areas_before", None)
    if areas := areas_of(instance, before):
        content_changed(*areas)


def _deleted(sender, instance, **kwargs):
    if areas := areas_of(instance):
        content_changed(*areas)


def _relations_changed(sender, instance, action, model, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # Seen from the other side (a village's activities): every side may have changed.
        content_changed()
    elif areas := areas_of(instance):
        content_changed(*areas)


def connect_content_signals():
    """Listen to every model of the content apps, their many-to-many tables included.

    Per model rather than for all senders: a receiver for all models would also stop
    Django from deleting sessions and login attempts in bulk.
    """
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

    request_started.connect(start_request_lookups, dispatch_uid="fragments-lookups")
    request_finished.connect(end_request_lookups, dispatch_uid="fragments-lookups")

    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"content-{model._meta.label_lower}"
            pre_save.connect(_before_saving, sender=model, dispatch_uid=uid)
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
            # Sent with the table between the two models as sender (``.add()``, ``.set()``).
            m2m_changed.connect(_relations_changed, sender=model, dispatch_uid=uid)
