"""Shared prefix → deployment pins in Redis, failing open.

Every operation is one round trip (``MGET`` for lookups; one non-transactional pipeline of ``SET EX`` /
``EXPIRE`` for writes) bounded by ``timeout`` (a hard bound that does not wait for the cancelled
operation to wind down, plus redis-py socket timeouts, no client-side retries). On any error or timeout the caller gets the "nothing known" answer (``None`` per
key) and the request is served without affinity.

Circuit breaker: after a failure, Redis is skipped entirely for ``retry_after_s`` (calls return at once,
counted in ``stats.skipped_while_open``); then one call at a time probes it, and the first success
closes the breaker again, so a dead Redis costs nothing per request and recovery needs no restart.

Failures are logged on ``di_gateway.prefix`` at most once per ``log_interval_s`` (with the count since
the last log, and the exception's class only: keys, tenants and URLs are never logged).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

logger = logging.getLogger("di_gateway.prefix")

T = TypeVar("T")


@dataclass(slots=True)
class PrefixStoreStats:
    """Counters since start.

    ``lookups``: lookup calls with at least one key; ``hits`` / ``misses``: of those, answered by Redis
    with / without any pinned key; ``pins``: keys written; ``touches``: TTL refreshes sent; ``failures``:
    Redis operations that failed or timed out; ``skipped_while_open``: operations not tried because the
    breaker was open.
    """

    lookups: int = 0
    hits: int = 0
    misses: int = 0
    pins: int = 0
    touches: int = 0
    failures: int = 0
    skipped_while_open: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class PrefixStore:
    """Prefix pins in Redis (``redis://``, ``rediss://`` or ``unix://`` URL, or an injected client)."""

    def __init__(self, url: str | None = None, *, client: Any = None, timeout_s: float = 0.05,
                 retry_after_s: float = 2.0, log_interval_s: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if client is None:
            if not url:
                raise ValueError("PrefixStore needs a Redis URL or a client")
            client = _client_from_url(url, timeout_s)
        self._client = client
        self.timeout_s = timeout_s
        self.retry_after_s = retry_after_s
        self.log_interval_s = log_interval_s
        self._clock = clock
        self.stats = PrefixStoreStats()
        self._open_until: float | None = None   # None: closed
        self._probing = False
        self._last_log: float | None = None
        self._unlogged = 0
        self._last_error = ""

    @classmethod
    def from_settings(cls, url: str | None, settings: Any, *, client: Any = None) -> PrefixStore:
        """Build from a :class:`~di_plugins.prefix.settings.PrefixCacheSettings`."""
        return cls(url, client=client, timeout_s=settings.redis_timeout_s, retry_after_s=settings.retry_after_s,
                   log_interval_s=settings.log_interval_s)

    @property
    def is_open(self) -> bool:
        """True while Redis is being skipped after a failure (or a probe is in flight)."""
        return self._open_until is not None

    # --- operations --------------------------------------------------------------------------------

    async def lookup(self, keys: Sequence[str]) -> list[str | None]:
        """The pinned deployment id per key (``None`` when absent, or on any failure): one ``MGET``."""
        return (await self._mget(keys))[0]

    async def _mget(self, keys: Sequence[str]) -> tuple[list[str | None], bool]:
        """:meth:`lookup`'s answer and whether Redis gave it."""
        if not keys:
            return [], True
        self.stats.lookups += 1
        keys = list(keys)
        ok, values = await self._run(lambda: self._client.mget(keys))
        if not ok or not isinstance(values, (list, tuple)) or len(values) != len(keys):
            return [None] * len(keys), False
        return self._answered(values), True

    async def lookup_with_load(self, keys: Sequence[str], load_keys: Sequence[str]
                               ) -> tuple[list[str | None], list[dict[Any, Any]], bool]:
        """Pins (as :meth:`lookup`), the load hashes of ``load_keys`` (``HGETALL`` each) and whether Redis
        answered, in one pipelined round trip; on any failure nothing is known (``None`` pins, empty
        hashes, ``False``)."""
        if not load_keys:
            pins, answered = await self._mget(keys)
            return pins, [], answered
        keys, load_keys = list(keys), list(load_keys)
        self.stats.lookups += 1

        async def read() -> Any:
            pipe = self._client.pipeline(transaction=False)
            pipe.mget(keys)
            for key in load_keys:
                pipe.hgetall(key)
            return await pipe.execute()

        ok, replies = await self._run(read)
        if not ok or not isinstance(replies, (list, tuple)) or len(replies) != 1 + len(load_keys):
            return [None] * len(keys), [{} for _ in load_keys], False
        pins = self._answered(replies[0] or [None] * len(keys))
        return pins, [h if isinstance(h, dict) else {} for h in replies[1:]], True

    def _answered(self, values: Sequence[Any]) -> list[str | None]:
        """The pins of an ``MGET`` answer, counted as a hit (any key pinned) or a miss."""
        pins = [_text(v) for v in values]
        if any(v is not None for v in pins):
            self.stats.hits += 1
        else:
            self.stats.misses += 1
        return pins

    async def publish_load(self, entries: Sequence[tuple[str, bytes, bytes]], ttl: int) -> None:
        """``HSET key field value`` and ``EXPIRE key ttl`` for each entry, in one pipeline. Fails open."""
        if not entries:
            return

        async def write() -> Any:
            pipe = self._client.pipeline(transaction=False)
            for key, field, value in entries:
                pipe.hset(key, field, value)
                pipe.expire(key, ttl)
            return await pipe.execute()

        await self._run(write)

    async def pin(self, pins: Sequence[tuple[str, str, int]]) -> None:
        """``SET key deployment_id EX ttl`` for each pin, in one pipeline."""
        await self.update(pins, ())

    async def touch(self, keys_ttls: Sequence[tuple[str, int]]) -> None:
        """``EXPIRE key ttl`` for each key (a hit refreshes its TTL), in one pipeline."""
        await self.update((), keys_ttls)

    async def update(self, pins: Sequence[tuple[str, str, int]], touches: Sequence[tuple[str, int]]) -> None:
        """Pins and TTL refreshes together, in one pipeline (one round trip). Fails open."""
        pins = [(k, d, max(1, int(t))) for k, d, t in pins]
        touches = [(k, max(1, int(t))) for k, t in touches]
        if not pins and not touches:
            return

        async def write() -> Any:
            pipe = self._client.pipeline(transaction=False)
            for key, deployment, ttl in pins:
                pipe.set(key, deployment, ex=ttl)
            for key, ttl in touches:
                pipe.expire(key, ttl)
            return await pipe.execute()

        ok, _ = await self._run(write)
        if ok:
            self.stats.pins += len(pins)
            self.stats.touches += len(touches)

    async def aclose(self) -> None:
        """Close the client's connections (errors ignored)."""
        try:
            close = getattr(self._client, "aclose", None) or self._client.close
            await close()
        except Exception:
            pass

    # --- breaker, timeout, logging -----------------------------------------------------------------

    async def _run(self, op: Callable[[], Awaitable[T]]) -> tuple[bool, T | None]:
        """Run one Redis operation under the breaker and timeout: ``(True, result)`` or ``(False, None)``."""
        if self._open_until is not None:
            if self._probing or self._clock() < self._open_until:
                self.stats.skipped_while_open += 1
                return False, None
            self._probing = True   # half-open: this call probes, concurrent ones still skip
        try:
            result = await _bounded(op(), self.timeout_s)
        except asyncio.CancelledError:
            self._probing = False
            raise
        except Exception as exc:   # fail open on anything: timeout, connection, protocol, bugs
            self._failed(exc)
            return False, None
        if self._open_until is not None:
            self._recovered()
        return True, result

    def _failed(self, exc: BaseException) -> None:
        now = self._clock()
        self.stats.failures += 1
        self._open_until = now + self.retry_after_s
        self._probing = False
        self._unlogged += 1
        self._last_error = type(exc).__name__
        if self._last_log is None or now - self._last_log >= self.log_interval_s:
            logger.warning("prefix cache: Redis unavailable (%d failure(s) since the last report, last: %s); "
                           "serving without prefix affinity, retrying every %gs",
                           self._unlogged, self._last_error, self.retry_after_s)
            self._last_log = now
            self._unlogged = 0

    def _recovered(self) -> None:
        self._open_until = None
        self._probing = False
        if self._unlogged:
            logger.warning("prefix cache: Redis unavailable (%d more failure(s), last: %s)",
                           self._unlogged, self._last_error)
            self._unlogged = 0
        logger.info("prefix cache: Redis reachable again; prefix affinity resumed")


async def _bounded(coro: Awaitable[T], timeout_s: float) -> T:
    """``coro``'s result, or ``TimeoutError`` after ``timeout_s`` seconds *whatever the operation does*.

    ``asyncio.wait_for`` (and ``asyncio.timeout``) wait for the cancelled operation to finish; a client
    that does not finish promptly when cancelled (cleanup that awaits a dead socket) would hold the
    request past the timeout. Here the operation runs as its own task: on timeout it is cancelled and
    given one turn of the loop to wind down, then left to finish in the background.
    """
    task = asyncio.ensure_future(coro)
    try:
        done, _ = await asyncio.wait((task,), timeout=timeout_s)
    except asyncio.CancelledError:
        task.cancel()
        raise
    if not done:
        task.cancel()
        task.add_done_callback(_consume)
        await asyncio.sleep(0)
        raise TimeoutError(f"Redis did not answer within {timeout_s * 1000:g} ms")
    return task.result()


def _consume(task: asyncio.Future) -> None:
    """Retrieve an abandoned operation's outcome, so that asyncio does not log it as never retrieved."""
    if not task.cancelled():
        task.exception()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _client_from_url(url: str, timeout_s: float) -> Any:
    import redis.asyncio as aioredis
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff

    return aioredis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                             retry=Retry(NoBackoff(), 0), decode_responses=False)
