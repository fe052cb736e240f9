"""The shared cache: django-redis, quick and quiet while Redis does not answer.

The cache is an optimisation (``landerd_portal.fragments``, cached_db sessions): without it
pages are rendered from the database. django-redis' ``IGNORE_EXCEPTIONS`` already turns a
failing Redis into cache misses, but it waits for the time-out on every call and logs a
traceback each time (with, as its context, the AttributeError Django's session store uses
to load itself lazily: the "SessionStore has no attribute _session_cache" lines that
drowned the log). This backend instead

- logs one warning when Redis stops answering and one when it is back (``logs.CACHE``);
- while it is away, skips Redis and retries once per ``CACHE_RETRY_SECONDS``, so a hung
  Redis costs one short time-out per interval, not one per cache call;
- empties the cache when Redis is back: what was deleted or replaced meanwhile (a
  session signed out, a user switched off, a newer page part) never reached it, and an
  old copy must not come back.

Values go through :class:`SignedPickleSerializer`: unpickling runs code, so a Redis that
someone else can write to (one without a password, a shared one) must never hand the
portal a pickle it did not make itself.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django_redis.cache import CONNECTION_INTERRUPTED, RedisCache
from django_redis.exceptions import ConnectionInterrupted
from django_redis.serializers.pickle import PickleSerializer

from .logs import CACHE


class PortalRedisCache(RedisCache):
    def _forget_what_was_missed(self):
        try:
            self.client.clear()
        except ConnectionInterrupted as error:
            CACHE.failed(error)


def _guarded(name, when_unavailable):
    # The method without django-redis' omit_exception around it: this wrapper decides.
    unguarded = getattr(RedisCache, name).__wrapped__

    def method(self, *args, **kwargs):
        if not CACHE.may_try(settings.CACHE_RETRY_SECONDS):
            return when_unavailable
        try:
            result = unguarded(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            CACHE.failed(error)
            return when_unavailable
        if CACHE.answered():
            self._forget_what_was_missed()
        return result

    method.__name__ = name
    method.__doc__ = unguarded.__doc__
    return method


# Every call Django and the portal make; RedisCache.get reads through _get.
for _name, _when_unavailable in {
    "_get": CONNECTION_INTERRUPTED,
    "get_many": {},
    "set": False,
    "add": False,
    "set_many": [],
    "delete": False,
    "delete_many": 0,
    "incr": None,
    "decr": None,
    "has_key": False,
    "touch": False,
    "ttl": None,
    "expire": False,
    "clear": None,
}.items():
    setattr(PortalRedisCache, _name, _guarded(_name, _when_unavailable))


class SignedPickleSerializer(PickleSerializer):
    """django-redis' pickle, each value preceded by an HMAC-SHA256 of its bytes.

    The key is derived from ``SECRET_KEY``. A value without a valid signature is never
    unpickled: it reads as a miss (``None``), so the portal falls back to the database.
    """

    DIGEST_SIZE = hashlib.sha256().digest_size

    def __init__(self, options):
        super().__init__(options)
        self._key = hashlib.sha256(
            b"landerd_portal.cache.SignedPickleSerializer" + settings.SECRET_KEY.encode()
        ).digest()

    def _sign(self, payload):
        return hmac.new(self._key, payload, hashlib.sha256).digest()

    def dumps(self, value):
        payload = super().dumps(value)
        return self._sign(payload) + payload

    def loads(self, value):
        signature, payload = value[: self.DIGEST_SIZE], value[self.DIGEST_SIZE :]
        if not hmac.compare_digest(signature, self._sign(payload)):
            logging.getLogger(__name__).warning(
                "a cached value failed its signature check; ignored"
            )
            return None
        return super().loads(payload)
