"""Run N stand-in upstream replicas in one background thread (one asyncio loop, N uvicorn servers).

Usage from tests::

    with StandInUpstream(replicas=2) as upstream:
        httpx.post(upstream.urls[0] + "/chat/completions", json={...})
        upstream.replicas[1].fail("status", status=429)
        upstream.replicas[0].requests()

Ports are bound before the servers start (``port=0`` picks free ports, otherwise consecutive ports
from ``port``), and :meth:`StandInUpstream.start` returns only once every replica accepts connections.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import uvicorn

from .app import StandInApp
from .kvcache import DEFAULT_BLOCK_SIZE, DEFAULT_CAPACITY_TOKENS
from .state import ReplicaState

logger = logging.getLogger(__name__)


class StandInUpstream:
    """N stand-in replicas (``replica-0`` ... ``replica-{N-1}``) served from a background thread.

    Args:
        replicas: how many replicas to run.
        model_name: backend model name of every replica, or one name per replica.
        careless: leak like a careless provider (default) or behave politely.
        delay_ms: pause between streamed chunks.
        words: text answers have exactly this many words, one chunk each (0: the default answers).
        host: interface to bind (``127.0.0.1``).
        port: first port (consecutive ports for the others); 0 picks free ports.
        max_records: how many requests each replica remembers.
        kv_capacity_tokens: KV-cache capacity of each replica, in tokens (default 200 000).
        kv_block_size: tokens per KV block (default 16).
        ttft_base_ms, ttft_per_token_ms: time to first token = base + uncached prompt tokens x per-token
            (both 0 by default; :data:`~standin.kvcache.REALISTIC_TTFT_BASE_MS` and
            ``REALISTIC_TTFT_PER_TOKEN_MS`` are 5 and 0.05).
        prefill_concurrency: prefills computing at once per replica (0 = unlimited; others queue).
        slots: requests served at once per replica, prefill to last byte (0 = unlimited; others wait
            in a FIFO queue and look up the KV cache when they get a slot).
        slip_rate: JSON slip rate of every replica, or one rate per replica (0 = off; :mod:`standin.slips`).
        slip_kinds: the slip kinds drawn from (all by default).
        slip_seed: replica ``i`` draws its slips from ``slip_seed + i``.
    """

    def __init__(
        self,
        replicas: int = 1,
        *,
        model_name: str | Sequence[str] = "secret-backend-model",
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
        slip_rate: float | Sequence[float] = 0.0,
        slip_kinds: Sequence[str] | None = None,
        slip_seed: int = 0,
    ) -> None:
        if replicas < 1:
            raise ValueError("replicas must be >= 1")
        names = [model_name] * replicas if isinstance(model_name, str) else list(model_name)
        if len(names) != replicas:
            raise ValueError("give one model_name or exactly one per replica")
        rates = [float(slip_rate)] * replicas if isinstance(slip_rate, (int, float)) else list(slip_rate)
        if len(rates) != replicas:
            raise ValueError("give one slip_rate or exactly one per replica")
        self.host = host
        self.port = port
        kv = {
            "kv_capacity_tokens": kv_capacity_tokens,
            "kv_block_size": kv_block_size,
            "ttft_base_ms": ttft_base_ms,
            "ttft_per_token_ms": ttft_per_token_ms,
            "prefill_concurrency": prefill_concurrency,
            "slots": slots,
        }
        self.replicas: list[ReplicaState] = [
            ReplicaState(
                f"replica-{i}", names[i], careless=careless, delay_ms=delay_ms, words=words, host=host, max_records=max_records,
                slip_rate=rates[i], slip_seed=slip_seed + i, **({"slip_kinds": tuple(slip_kinds)} if slip_kinds else {}), **kv
            )
            for i in range(replicas)
        ]
        self.apps: list[StandInApp] = [StandInApp(state) for state in self.replicas]
        self._servers: list[uvicorn.Server] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def urls(self) -> list[str]:
        """OpenAI base URLs, ``http://127.0.0.1:PORT/v1``, one per replica."""
        return [state.url for state in self.replicas]

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 10.0) -> StandInUpstream:
        """Bind the ports, start the servers and wait until all accept connections."""
        if self._thread is not None:
            raise RuntimeError("already started")
        sockets: list[socket.socket] = []
        try:
            for i in range(len(self.replicas)):
                sockets.append(self._bind(i))
        except OSError:
            for sock in sockets:
                sock.close()
            raise
        for app in self.apps:
            app.reopen()
        for state, sock in zip(self.replicas, sockets, strict=True):
            state.port = sock.getsockname()[1]
        self._ready.clear()
        self._error = None
        self._thread = threading.Thread(target=self._run, args=(sockets,), name="stand-in-upstream", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout) or self._error is not None:
            err = self._error
            self.stop()
            raise RuntimeError(f"stand-in upstream did not start: {err!r}") from err
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop all replicas (in-flight ``timeout``-mode sleeps are cut short) and join the thread."""
        thread, loop = self._thread, self._loop
        if thread is None:
            return
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._request_exit)
            except RuntimeError:  # loop already closed
                pass
        thread.join(timeout)
        if thread.is_alive():
            logger.warning("stand-in upstream thread did not stop within %.1fs", timeout)
        self._thread = None
        self._loop = None
        self._servers = []

    def reset(self) -> None:
        """Clear injected failures and recorded requests on every replica."""
        for state in self.replicas:
            state.reset()
            state.clear_requests()

    def reset_kv(self) -> None:
        """Empty every replica's KV cache and zero its counters."""
        for state in self.replicas:
            state.reset_kv()

    def kv_stats(self) -> list[dict[str, Any]]:
        """Each replica's KV-cache stats (see :meth:`ReplicaState.kv_stats`)."""
        return [state.kv_stats() for state in self.replicas]

    def __enter__(self) -> StandInUpstream:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------------------

    def _bind(self, index: int) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # proto=IPPROTO_TCP so asyncio sets TCP_NODELAY on accepted connections (else ~40 ms Nagle stalls).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port + index if self.port else 0))
        except OSError:
            sock.close()
            raise
        sock.listen(2048)
        sock.setblocking(False)
        return sock

    def _request_exit(self) -> None:
        for app in self.apps:
            app.close()
        for server in self._servers:
            server.should_exit = True

    def _run(self, sockets: list[socket.socket]) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve(sockets))
        except BaseException as exc:  # noqa: BLE001 - reported to start()
            self._error = exc
            self._ready.set()
        finally:
            for sock in sockets:
                sock.close()
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()

    async def _serve(self, sockets: list[socket.socket]) -> None:
        self._servers = [uvicorn.Server(_config(app)) for app in self.apps]
        tasks = [asyncio.create_task(s.serve(sockets=[sock])) for s, sock in zip(self._servers, sockets, strict=True)]
        while not all(s.started for s in self._servers):
            if any(t.done() for t in tasks):
                break
            await asyncio.sleep(0.005)
        if all(s.started for s in self._servers):
            self._ready.set()
        else:
            self._request_exit()
        results: list[Any] = await asyncio.gather(*tasks, return_exceptions=True)
        failures = [r for r in results if isinstance(r, BaseException)]
        if not self._ready.is_set():
            self._error = failures[0] if failures else RuntimeError("a replica server exited during startup")
            self._ready.set()


def _config(app: StandInApp) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        log_level="warning",
        lifespan="off",
        access_log=False,
        server_header=False,
        proxy_headers=False,
        ws="none",
        timeout_graceful_shutdown=2,
    )
