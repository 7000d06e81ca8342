"""The Redis cache backend: Django's behaviour, with one client kept per server."""

import uuid

from clientela.core.cache import RedisCache
from clientela.core.testing.services import port_open, require


def test_the_redis_cache_keeps_values_and_reuses_one_client():
    require(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    cache = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": uuid.uuid4().hex})
    cache.set("answer", {"value": 42}, timeout=30)
    assert cache.get("answer") == {"value": 42}
    assert cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    assert cache.add("counter", 1) and not cache.add("counter", 5)
    assert cache.incr("counter", 2) == 3
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.delete_many(["answer", "counter"])
    assert cache.get("answer") is None and cache.get("counter") is None
