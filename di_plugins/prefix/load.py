"""In-flight requests per deployment as every gateway process sees them, through Redis, failing open.

With one worker per CPU (and several pods), each process knows only its own in-flight requests; a load
bound computed from them is wrong by the number of processes. :class:`SharedLoad` keeps each process's
exact counts and publishes them: one Redis hash per deployment (``{prefix}:load:{deployment}``), one
field per process, value ``"<count>:<unix time>"``.

* **Publishing** is batched: a background task wakes every ``publish_interval_s`` (25 ms) and writes
  the counts that changed since, in one pipeline, plus every non-zero count at least every
  ``refresh_s`` (2 s), so its timestamp stays fresh; every write refreshes the hash's TTL.
* **Reading** rides on the request's pin lookup: the same round trip fetches the hashes of the
  group's deployments (:meth:`~di_plugins.prefix.store.PrefixStore.lookup_with_load`). Fields older
  than ``stale_s`` (10 s; a process that died) and the reader's own field are ignored: its own counts
  are exact locally.
* Redis down: the store's breaker skips both; routing falls back to the local counts.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import time
from collections.abc import Callable, Mapping
from typing import Any


def process_id() -> str:
    """A name for this gateway process that no other process shares."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


class SharedLoad:
    """This process's in-flight counts (:attr:`local`, exact) and the other processes' (from Redis)."""

    def __init__(self, key_prefix: str, *, publish_interval_s: float = 0.025, refresh_s: float = 2.0,
                 stale_s: float = 10.0, ttl_s: int = 60, clock: Callable[[], float] = time.time,
                 process: str | None = None) -> None:
        self.key_prefix = key_prefix
        self.publish_interval_s = publish_interval_s
        self.refresh_s = refresh_s
        self.stale_s = stale_s
        self.ttl_s = ttl_s
        self.clock = clock
        self.field = (process or process_id()).encode()
        self.local: dict[str, int] = {}
        self._dirty: set[str] = set()
        self._published: dict[str, float] = {}
        self._task: asyncio.Task | None = None

    def key(self, deployment_id: str) -> str:
        return f"{self.key_prefix}:load:{deployment_id}"

    def add(self, deployment_id: str, delta: int) -> None:
        """Count a request starting (+1) or ending (-1) on a deployment in this process."""
        count = self.local.get(deployment_id, 0) + delta
        if count > 0:
            self.local[deployment_id] = count
        else:
            self.local.pop(deployment_id, None)
        self._dirty.add(deployment_id)

    def others(self, deployment_ids: list[str], hashes: list[Mapping[Any, Any]]) -> dict[str, int]:
        """The other processes' fresh counts per deployment, from the hashes read for ``deployment_ids``."""
        now = self.clock()
        out: dict[str, int] = {}
        for dep_id, fields in zip(deployment_ids, hashes, strict=False):
            total = 0
            for name, value in (fields or {}).items():
                if (name if isinstance(name, bytes) else str(name).encode()) == self.field:
                    continue
                count, _, stamp = (value.decode() if isinstance(value, bytes) else str(value)).partition(":")
                try:
                    if now - float(stamp) <= self.stale_s:
                        total += max(0, int(count))
                except ValueError:
                    continue
            if total:
                out[dep_id] = total
        return out

    def due(self) -> list[tuple[str, str, bytes, bytes]]:
        """What to publish now: ``(key, deployment id, field, value)`` for changed or aging counts."""
        now = self.clock()
        due = set(self._dirty)
        due.update(d for d, n in self.local.items() if n and now - self._published.get(d, 0.0) >= self.refresh_s)
        self._dirty.clear()
        out = []
        for dep_id in due:
            self._published[dep_id] = now
            out.append((self.key(dep_id), dep_id, self.field, f"{self.local.get(dep_id, 0)}:{now:.3f}".encode()))
        return out

    def start(self, publish: Callable[[list[tuple[str, bytes, bytes]], int], Any]) -> None:
        """Start publishing from the running event loop (once; later calls do nothing)."""
        if self._task is not None and not self._task.done():
            return
        self._task = asyncio.get_running_loop().create_task(self._publisher(publish))

    async def _publisher(self, publish: Callable[[list[tuple[str, bytes, bytes]], int], Any]) -> None:
        """Every ``publish_interval_s``: publish what is due (nothing, most ticks; a timer wake-up costs
        microseconds). A plain sleep loop: it ends cleanly whenever the task is cancelled."""
        while True:
            await asyncio.sleep(self.publish_interval_s)
            entries = self.due()
            if entries:
                await publish([(key, field, value) for key, _, field, value in entries], self.ttl_s)
