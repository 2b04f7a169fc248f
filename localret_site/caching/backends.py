"""Django's Redis cache, made to behave as an empty cache while Redis cannot be reached, and to
reuse its Redis client.

Wagtail keeps its site root paths in the default cache, and the page cache, the access request
limit and the log-in throttling keep their entries there too: with the plain backend an
unreachable Redis would turn every request into a 500. With this one, every read misses and
every write is dropped (logged), so pages are rendered for each request, and the limits count
from zero, until Redis answers again.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def unreachable(operation):
    logger.warning("Redis cannot be reached (%s); going on without the cache", operation)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis object for every cache call, which copies its table of
    some 170 response callbacks: measured here, that was 40 % of the time of serving a cached
    page. A client is safe to share between threads (connections come from its pool), so one
    per pool is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return self._clients[index]


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError:
            unreachable("add")
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError:
            unreachable("get")
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError:
            unreachable("set")

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError:
            unreachable("touch")
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError:
            unreachable("delete")
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError:
            unreachable("get_many")
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError:
            unreachable("has_key")
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError:
            unreachable("incr")
            # What Django raises for a key that is not there: callers already handle it.
            raise ValueError(f"Key '{key}' not found.") from None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError:
            unreachable("set_many")
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError:
            unreachable("delete_many")
