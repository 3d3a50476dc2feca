"""The shared cache of production, that a Redis outage slows down rather than takes down.

Django's Redis cache raises when Redis does not answer, and every page reads the cache (the
page tree, the layout fragments, whole anonymous pages): an outage of the cache would be an
outage of the site. Here a read that fails is a miss and a write that fails is skipped, so
pages are rendered from the database meanwhile; a warning is logged at most once a minute.
/healthz still reports the cache as failing (its set-then-get finds nothing kept).

A version bump missed during an outage (core/layout_cache.py, core/page_cache.py) can leave a
kept page until it expires, at most a quarter of an hour, when Redis comes back with its data.
"""

from __future__ import annotations

import logging
import time

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
# After a failure the process leaves Redis alone for a few seconds: a Redis that hangs would
# otherwise cost each page a timeout per cache call.
PAUSE = 5.0
_state = {"down_until": 0.0, "warned": 0.0}


class _Skipped(RedisError):
    """Redis was not asked: it failed a moment ago."""


def _check():
    if time.monotonic() < _state["down_until"]:
        raise _Skipped("paused after a failure")


def _warn(operation, error):
    now = time.monotonic()
    if not isinstance(error, _Skipped):
        _state["down_until"] = now + PAUSE
    if now - _state["warned"] >= 60:
        _state["warned"] = now
        logger.warning(
            "The shared cache did not answer (%s: %s); serving without it",
            operation,
            type(error).__name__,
        )


class TolerantRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            _check()
            return super().get(key, default, version)
        except RedisError as error:
            _warn("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            _check()
            return super().get_many(keys, version)
        except RedisError as error:
            _warn("get_many", error)
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            _check()
            super().set(key, value, timeout, version)
        except RedisError as error:
            _warn("set", error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            _check()
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _warn("add", error)
            return False

    def delete(self, key, version=None):
        try:
            _check()
            return super().delete(key, version)
        except RedisError as error:
            _warn("delete", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            _check()
            return super().incr(key, delta, version)
        except RedisError as error:
            _warn("incr", error)
            return 0
