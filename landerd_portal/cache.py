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
"""

from django.conf import settings
from django_redis.cache import CONNECTION_INTERRUPTED, RedisCache
from django_redis.exceptions import ConnectionInterrupted

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
