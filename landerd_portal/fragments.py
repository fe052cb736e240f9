"""Rendered parts of the busiest pages, kept in the shared cache until the data changes.

A part is stored under its name, what it varies on (who may see what, the query string),
the language and today's date, together with the *content version* it was rendered at:
one number in the cache that goes up whenever anything in the portal's own data is saved
or deleted (the signal receivers below, connected in ``landerd_portal.apps``). A part
rendered at an older version is never served: a partner who logs an activity sees it at
once, and so does everyone else. ``FRAGMENT_CACHE_SECONDS`` bounds what no signal reports.

The cache is an optimisation only: when it is down (Redis unreachable) every call renders
from the database, as if nothing were cached.

Nothing read from the cache is trusted as it is: whoever can write to the cache's Redis
must not be able to put HTML into a page or an object (the signed-in user) into a request.
Each value is stored pickled by us, with an HMAC (keyed with ``SECRET_KEY``) over its key,
content version and bytes; a value whose signature does not match is never unpickled, but
logged and computed anew, as if it had not been cached.
"""

import hashlib
import logging
import pickle
import time

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

VERSION_KEY = "portal:content-version"
SIGNATURE_SALT = "landerd_portal.fragments"
# The apps whose data pages show. Changes elsewhere (sessions, login attempts, beat's
# schedule) do not make a page stale.
CONTENT_APPS = ("auth", "partners", "themes", "programme", "learning_history")
# A CSRF token is per browser, so a cached part holds this stand-in instead; it is
# replaced by the requesting browser's token every time the part is served. The same in
# every web process (any one may serve a part another rendered), and not guessable.
CSRF_STAND_IN = (
    "csrf-" + hashlib.sha256(f"csrf-stand-in:{settings.SECRET_KEY}".encode()).hexdigest()[:32]
)


def content_version():
    return _content_version(cache.get(VERSION_KEY))


def _content_version(stored):
    if stored is not None:
        return stored
    # A fresh cache (or one that evicted the key) starts from the clock, so it never
    # reuses a number that an older part may still be stored with.
    version = time.time_ns()
    if not cache.add(VERSION_KEY, version, timeout=None):
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed():
    """Say that the portal's data changed: every cached part is out of date from now on."""
    _next_version()
    # Once more when the transaction commits: a page rendered between the first step and
    # the commit read the old data, and must not be served under the new version. Once
    # per transaction is enough, however many rows it saves.
    connection = transaction.get_connection()
    if not any(callback is _next_version for _ids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_next_version)


def _next_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version stored: the next read starts a new one
        pass


def cached(name, vary, compute):
    """``compute()`` from the cache, or computed now and stored for the next request.

    A value is stored with the content version it was computed at, and used only while
    that is still the current version; both are read in one round trip.
    """
    key = _key(name, vary)
    found = cache.get_many([VERSION_KEY, key])
    version = _content_version(found.get(VERSION_KEY))
    found_value, value = _unseal(key, version, found.get(key))
    if not found_value:
        value = compute()
        cache.set(key, _seal(key, version, value), settings.FRAGMENT_CACHE_SECONDS)
    return value


def _signature(key, version, payload):
    message = f"{key}\n{version}\n".encode() + payload
    return salted_hmac(SIGNATURE_SALT, message, algorithm="sha256").hexdigest()


def _seal(key, version, value):
    """What the cache holds for ``value``: its version, its pickled bytes and their signature."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return (version, payload, _signature(key, version, payload))


def _unseal(key, version, stored):
    """``(True, value)`` for a stored value of this version with a valid signature.

    ``(False, None)`` for anything else: missing, out of date, or not signed by us.
    """
    if stored is None:
        return False, None
    try:
        stored_version, payload, signature = stored
    except (TypeError, ValueError):
        stored_version, payload, signature = None, b"", ""
    if stored_version != version and isinstance(payload, bytes) and isinstance(signature, str):
        return False, None  # merely out of date
    if not (
        isinstance(payload, bytes)
        and isinstance(signature, str)
        and constant_time_compare(signature, _signature(key, version, payload))
    ):
        logger.warning("cached part %s failed its signature check; rendered anew", key)
        return False, None
    # Signed by this portal with its secret key: the bytes are what it pickled itself.
    return True, pickle.loads(payload)  # noqa: S301


def cached_fragment(request, name, vary, template_name, context):
    """The HTML of ``template_name``, rendered with ``context()`` only when not cached.

    ``vary`` must hold everything besides the data that the part depends on: a part is
    shared by every request with the same ``vary``. ``context`` is a callable, so that a
    cached part costs none of the queries that build its context.
    """
    return cached_html(request, name, vary, lambda: render_part(request, template_name, context()))


def cached_html(request, name, vary, render):
    """Like :func:`cached_fragment`, for HTML that ``render()`` makes with :func:`render_part`."""
    html = cached(name, vary, render)
    if CSRF_STAND_IN in html:
        html = html.replace(CSRF_STAND_IN, get_token(request))
    # Our own templates rendered this HTML with autoescaping on, and its signature shows it
    # is what they rendered (``cached``), so it is as safe as when it was rendered; only
    # the stand-in became the masked token of the requesting browser.
    return mark_safe(html)


def render_part(request, template_name, context):
    """Render a part to be cached: its forms carry the CSRF stand-in, not this browser's token."""
    return str(
        render_to_string(template_name, {**context, "csrf_token": CSRF_STAND_IN}, request=request)
    )


def _key(name, vary):
    digest = hashlib.sha256(repr(tuple(vary)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{get_language()}:{timezone.localdate().isoformat()}:{digest}"


# --- What makes the content change ------------------------------------------------------


def _saved(sender, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in touches the user row but changes nothing a page shows
    content_changed()


def _deleted(sender, **kwargs):
    content_changed()


def _relations_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed()


def connect_content_signals():
    """Listen to every model of the content apps, their many-to-many tables included.

    Per model rather than for all senders: a receiver for all models would also stop
    Django from deleting sessions and login attempts in bulk.
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"content-{model._meta.label_lower}"
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
            # Sent with the table between the two models as sender (``.add()``, ``.set()``).
            m2m_changed.connect(_relations_changed, sender=model, dispatch_uid=uid)
