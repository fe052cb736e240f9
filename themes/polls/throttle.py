"""How often one address may answer a poll: a few households share an address (a care
home, a library computer), a script sending hundreds does not get through.

Counted in the shared cache per poll and address (hashed: the cache never holds an
address). When the cache is down nobody is stopped: the signed cookie still keeps one
answer per browser, and a poll must not fail because Redis does.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from landerd_portal.auth import client_ip_address

ANSWERS_PER_ADDRESS = 20
WINDOW_SECONDS = 60 * 60


def _key(request, poll_id):
    address = client_ip_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"poll-throttle:{poll_id}:{digest}"


def too_many_answers(request, poll_id) -> bool:
    """Whether this address already answered the poll as often as allowed, this hour."""
    count = cache.get(_key(request, poll_id))
    return count is not None and count >= ANSWERS_PER_ADDRESS


def count_answer(request, poll_id) -> None:
    key = _key(request, poll_id)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls: start again
        cache.add(key, 1, WINDOW_SECONDS)
