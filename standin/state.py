"""The mutable state of one stand-in replica: identity, settings, request records and injected failures.

A :class:`ReplicaState` is shared by the replica's ASGI app (running on the server loop) and test
code (running in another thread). Everything a test touches is guarded by a lock or is a single
atomic operation, so it is safe to call ``fail()``/``requests()`` from any thread while requests are
being served.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .kvcache import DEFAULT_BLOCK_SIZE, DEFAULT_CAPACITY_TOKENS, KVCache, Prompt
from .slips import SLIP_KINDS, Slipper

FAILURE_MODES: tuple[str, ...] = ("status", "timeout", "midstream", "connection")
"""Failure modes understood by :meth:`ReplicaState.fail` and ``POST /_control/fail``."""


@dataclass(slots=True)
class FailurePlan:
    """An injected failure: what to do and for how many more chat requests (``-1`` = forever).

    * ``status``: answer HTTP ``status`` with an OpenAI-style error body (``message`` overrides the text).
    * ``timeout``: sleep ``delay_s`` seconds before answering normally.
    * ``midstream``: streams send 2 chunks then the connection is dropped; non-streams get a 500.
    * ``connection``: the connection is closed without any response.
    """

    mode: str
    status: int = 500
    count: int = 1
    message: str | None = None
    delay_s: float = 30.0
    retry_after: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "status": self.status,
            "count": self.count,
            "message": self.message,
            "delay_s": self.delay_s,
            "retry_after": self.retry_after,
        }


@dataclass(slots=True)
class RequestRecord:
    """One request a replica received (control-endpoint calls are not recorded)."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    time: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "path": self.path, "headers": self.headers, "body": self.body, "time": self.time}


class ReplicaState:
    """Identity, behaviour switches, records and failure plan of one stand-in replica.

    Attributes:
        name: replica name (``replica-0``); careless mode puts it in ids and error texts.
        model_name: the backend model name this replica pretends to be.
        careless: leak like a careless provider (headers, ids, fingerprints, costs) when True.
        delay_ms: pause between streamed chunks, in milliseconds (0 = none).
        words: text answers have exactly this many words, one streamed chunk each (0 = 18 to 40 words
            in about eight chunks).
        host, port: where the replica listens (set once it is bound).
        kv_cache: the replica's prefix-cache model (:class:`~standin.kvcache.KVCache`).
        ttft_base_ms, ttft_per_token_ms: time to first token = base + uncached prompt tokens x per-token.
        prefill_concurrency: how many prefills compute at once (0 = unlimited); more queue for a lane,
            so an overloaded replica answers later (the per-token part is what queues).
        slots: how many requests the replica serves at once, like an inference engine's batch slots
            (0 = unlimited, the default). A request holds a slot from its prefill to its last byte;
            the others wait in a FIFO queue, and the KV look-up happens when a slot is free (at
            schedule time, so a queued request can hit the prefix that the one before it wrote).
        slipper: the JSON slip mode (:class:`~standin.slips.Slipper`; rate 0 = off): json answers slip
            (fence, prose, trailing comma, missing key, truncated) at a set rate, seeded.
    """

    def __init__(
        self,
        name: str = "replica-0",
        model_name: str = "secret-backend-model",
        *,
        careless: bool = True,
        delay_ms: float = 0.0,
        words: int = 0,
        host: str = "127.0.0.1",
        port: int = 0,
        max_records: int = 1000,
        kv_capacity_tokens: int = DEFAULT_CAPACITY_TOKENS,
        kv_block_size: int = DEFAULT_BLOCK_SIZE,
        ttft_base_ms: float = 0.0,
        ttft_per_token_ms: float = 0.0,
        prefill_concurrency: int = 0,
        slots: int = 0,
        slip_rate: float = 0.0,
        slip_kinds: tuple[str, ...] | list[str] = SLIP_KINDS,
        slip_seed: int = 0,
    ) -> None:
        self.name = name
        self.model_name = model_name
        self.careless = careless
        self.delay_ms = delay_ms
        self.words = words
        self.host = host
        self.port = port
        self.kv_cache = KVCache(kv_capacity_tokens, kv_block_size)
        self.ttft_base_ms = 0.0
        self.ttft_per_token_ms = 0.0
        self.prefill_concurrency = 0
        self._lanes: list[float] = []
        self.slots = 0
        self._busy = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self.max_queued = 0
        self.served = 0
        self._records: deque[RequestRecord] = deque(maxlen=max_records)
        self._failure: FailurePlan | None = None
        self._lock = threading.Lock()
        self.slipper = Slipper(slip_rate, slip_kinds, slip_seed)
        self.configure_kv(ttft_base_ms=ttft_base_ms, ttft_per_token_ms=ttft_per_token_ms,
                          prefill_concurrency=prefill_concurrency, slots=slots)

    # -- identity -------------------------------------------------------------------------------------

    @property
    def address(self) -> str:
        """``host:port`` of the replica."""
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """OpenAI base URL of the replica (``http://host:port/v1``)."""
        return f"http://{self.host}:{self.port}/v1"

    @property
    def root_url(self) -> str:
        """The replica's root URL (``http://host:port``): LiteLLM's ``anthropic/`` ``api_base``."""
        return f"http://{self.host}:{self.port}"

    def next_serial(self) -> int:
        """A per-replica increasing number (used in careless response ids)."""
        self.served += 1
        return self.served

    # -- records --------------------------------------------------------------------------------------

    def record(self, method: str, path: str, headers: dict[str, str], body: Any) -> None:
        self._records.append(RequestRecord(method, path, headers, body))

    def requests(self) -> list[dict[str, Any]]:
        """The recorded requests, oldest first, as plain dicts (``method, path, headers, body, time``)."""
        return [r.to_dict() for r in list(self._records)]

    def clear_requests(self) -> None:
        self._records.clear()

    # -- KV cache -------------------------------------------------------------------------------------

    def prefill(self, prompt: Prompt) -> tuple[int, float]:
        """Run a prompt through the KV cache: ``(cached_tokens, seconds until the first token)``."""
        cached = self.kv_cache.prefill(prompt)
        compute = max(0, prompt.tokens - cached) * self.ttft_per_token_ms / 1000.0
        wait = self.ttft_base_ms / 1000.0 + compute
        lanes = self.prefill_concurrency
        if lanes > 0 and compute > 0:
            now = time.monotonic()
            with self._lock:
                if len(self._lanes) != lanes:
                    self._lanes = [0.0] * lanes
                i = min(range(lanes), key=self._lanes.__getitem__)
                done = max(now, self._lanes[i]) + compute
                self._lanes[i] = done
            wait += done - now - compute
        return cached, wait

    async def acquire_slot(self) -> bool:
        """Wait (FIFO) for a free slot when ``slots`` is set; True when a slot is held (then call
        :meth:`release_slot` once the answer is sent)."""
        if self.slots <= 0:
            return False
        if self._busy < self.slots and not self._waiters:
            self._busy += 1
            return True
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        self.max_queued = max(self.max_queued, len(self._waiters))
        try:
            await waiter  # release_slot hands its slot over (the busy count does not change)
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release_slot()
            else:
                self._waiters.remove(waiter)
            raise
        return True

    def release_slot(self) -> None:
        """Give a held slot to the first waiter, or free it."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._busy = max(0, self._busy - 1)

    def configure_kv(
        self,
        kv_capacity_tokens: int | None = None,
        kv_block_size: int | None = None,
        ttft_base_ms: float | None = None,
        ttft_per_token_ms: float | None = None,
        prefill_concurrency: int | None = None,
        slots: int | None = None,
    ) -> None:
        """Change KV-cache and time-to-first-token settings (None = keep)."""
        for name, value in (("ttft_base_ms", ttft_base_ms), ("ttft_per_token_ms", ttft_per_token_ms)):
            if value is not None and float(value) < 0:
                raise ValueError(f"{name} must be >= 0")
        if prefill_concurrency is not None and int(prefill_concurrency) < 0:
            raise ValueError("prefill_concurrency must be >= 0")
        if slots is not None and int(slots) < 0:
            raise ValueError("slots must be >= 0")
        if slots is not None:
            self.slots = int(slots)
        self.kv_cache.configure(kv_capacity_tokens, kv_block_size)
        if ttft_base_ms is not None:
            self.ttft_base_ms = float(ttft_base_ms)
        if ttft_per_token_ms is not None:
            self.ttft_per_token_ms = float(ttft_per_token_ms)
        if prefill_concurrency is not None:
            self.prefill_concurrency = int(prefill_concurrency)

    def kv_stats(self) -> dict[str, Any]:
        """KV counters (``requests, prompt_tokens, cached_tokens, hit_rate, evicted_blocks, cached_blocks,
        capacity_blocks, capacity_tokens, block_size``) and the TTFT settings."""
        return {
            **self.kv_cache.stats(),
            "ttft_base_ms": self.ttft_base_ms,
            "ttft_per_token_ms": self.ttft_per_token_ms,
            "prefill_concurrency": self.prefill_concurrency,
            "slots": self.slots,
            "max_queued": self.max_queued,
        }

    def reset_kv(self) -> None:
        """Empty the KV cache, zero its counters and free the prefill lanes."""
        self.kv_cache.reset()
        self.max_queued = 0
        with self._lock:
            self._lanes = []

    # -- failure injection ----------------------------------------------------------------------------

    def fail(
        self,
        mode: str = "status",
        status: int = 500,
        count: int = 1,
        message: str | None = None,
        delay_s: float = 30.0,
        retry_after: int = 1,
    ) -> FailurePlan:
        """Make the next ``count`` chat requests fail in ``mode`` (``count=-1``: until :meth:`reset`)."""
        if mode not in FAILURE_MODES:
            raise ValueError(f"unknown failure mode {mode!r}; expected one of {', '.join(FAILURE_MODES)}")
        if not 100 <= int(status) <= 599:
            raise ValueError(f"invalid HTTP status {status!r}")
        if int(count) == 0 or int(count) < -1:
            raise ValueError("count must be a positive number or -1 (forever)")
        plan = FailurePlan(mode, int(status), int(count), message, float(delay_s), int(retry_after))
        with self._lock:
            self._failure = plan
        return plan

    def reset(self) -> None:
        """Remove any injected failure and turn JSON slips off (records are kept; see :meth:`clear_requests`)."""
        with self._lock:
            self._failure = None
            if self.slipper.active:
                self.slipper = Slipper()

    # -- JSON slips -----------------------------------------------------------------------------------

    def slip(self, rate: float, kinds: tuple[str, ...] | list[str] = SLIP_KINDS, seed: int = 0) -> Slipper:
        """Make json answers slip at ``rate`` (0 turns it off), by ``kinds``, drawn from ``seed``."""
        slipper = Slipper(rate, kinds, seed)
        with self._lock:
            self.slipper = slipper
        return slipper

    @property
    def failure(self) -> FailurePlan | None:
        """The pending failure plan, if any."""
        return self._failure

    def take_failure(self) -> FailurePlan | None:
        """Consume one use of the failure plan (called once per chat request)."""
        if self._failure is None:  # fast path, no lock
            return None
        with self._lock:
            plan = self._failure
            if plan is None:
                return None
            if plan.count > 0:
                plan.count -= 1
                if plan.count == 0:
                    self._failure = None
            return plan

    def to_dict(self) -> dict[str, Any]:
        failure = self._failure
        return {
            "name": self.name,
            "model": self.model_name,
            "careless": self.careless,
            "delay_ms": self.delay_ms,
            "words": self.words,
            "address": self.address,
            "served": self.served,
            "recorded": len(self._records),
            "failure": failure.to_dict() if failure else None,
            "slip": self.slipper.to_dict(),
            "kv": self.kv_stats(),
        }
