"""Log lines worth reading: one per outage of a service, and one per event that matters.

A service the portal can live without for a while (the cache, the broker) that stops
answering must not fill the log with a traceback per request: :class:`Outage` writes one
warning when it goes away and one when it is back, with how long it was gone and how many
calls failed meanwhile. Everything else the portal logs on purpose (publishing, refusals,
failures) goes through :func:`log_event`: one line of ``key=value`` pairs saying who did
what to which object, easy to grep and to count.
"""

import logging
import threading
import time

logger = logging.getLogger("landerd_portal.events")


class Outage:
    """Whether one service answers, as this process last saw it (shared by its threads)."""

    def __init__(self, service, log=None):
        self.service = service
        self.log = log or logging.getLogger(f"landerd_portal.{service}")
        self._lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure, None while up
        self.last_attempt = 0.0
        self.failures = 0

    @property
    def is_down(self):
        return self.down_since is not None

    def failed(self, error):
        """A call failed: the first failure of an outage logs one warning, later ones nothing."""
        with self._lock:
            now = time.monotonic()
            first = self.down_since is None
            if first:
                self.down_since, self.failures = now, 0
            self.failures += 1
            self.last_attempt = now
        if first:
            self.log.warning(
                "%s unreachable: %s (logged once until it answers again)",
                self.service,
                describe(error),
                extra={"event": f"{self.service}_unreachable", "service": self.service},
            )

    def answered(self):
        """A call succeeded; True (and one warning logged) when that ends an outage."""
        if self.down_since is None:  # the usual case, without taking the lock
            return False
        with self._lock:
            if self.down_since is None:
                return False
            seconds = time.monotonic() - self.down_since
            failures, self.down_since = self.failures, None
        self.log.warning(
            "%s reachable again after %.0f s (%d failed calls)",
            self.service,
            seconds,
            failures,
            extra={"event": f"{self.service}_reachable", "service": self.service},
        )
        return True

    def may_try(self, retry_seconds):
        """Whether to call the service now: always while it is up; during an outage once
        per ``retry_seconds``, so that a hung service costs one time-out per interval and
        not one per call."""
        if self.down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now - self.last_attempt < retry_seconds:
                return False
            self.last_attempt = now
            return True

    def reset(self):
        with self._lock:
            self.down_since, self.failures, self.last_attempt = None, 0, 0.0


CACHE = Outage("cache")
BROKER = Outage("broker")


def describe(error):
    """An exception in one short line, its cause included (django-redis wraps Redis' own)."""
    cause = error.__cause__ or error
    return f"{type(cause).__name__}: {cause}"[:300]


def log_event(event, *, user=None, obj=None, level=logging.INFO, **fields):
    """Log ``event`` as one line of pairs, e.g.
    ``event=agenda_published user=12 object=programme.partnermeeting:7``.

    ``user`` and ``obj`` are model instances (or None); further keyword arguments are added
    as they are. The same pairs go along as the record's ``extra``, for a JSON formatter.
    """
    pairs = {"event": event}
    if user is not None:
        pairs["user"] = getattr(user, "pk", None) or "anonymous"
    if obj is not None:
        pairs["object"] = f"{obj._meta.label_lower}:{obj.pk}"
    pairs.update(fields)
    line = " ".join(f"{key}={_value(value)}" for key, value in pairs.items())
    logger.log(level, line, extra={"event": event, "fields": pairs})


def _value(value):
    text = str(value).replace("\n", " ").replace('"', "'")
    return f'"{text}"' if (" " in text or not text) else text


class LoggedAsRefusal(logging.Filter):
    """Drop Django's own line for a 403 (``django.request``, ``django.server``).

    The portal logs every refusal itself, once, as ``event=refused`` with the reason (the
    403 handler and ``view_base.refused``). Django's line would say it again, and for a
    ``PermissionDenied`` that a service raised it carries that exception's traceback: an
    expected answer, not an error. A CSRF failure is logged by ``django.security.csrf``
    and stays.
    """

    def filter(self, record):
        return getattr(record, "status_code", None) != 403
