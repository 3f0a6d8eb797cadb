"""This process's own memory of recent pin sets: affinity that outlives a Redis timeout or outage.

Redis is the shared view of every gateway process's pins. Each process also remembers the pin sets it
sent requests by (written at dispatch, from what Redis answered, and corrected after the reply),
bounded (least recently used out) and with each key's own TTL. Routing uses the local copy when
Redis did not answer (a timeout under load, the circuit breaker open, no Redis configured) or answered
without the key (a Redis restarted empty): before, every such request was placed as a new prefix,
and a 2 s breaker window on a loaded machine scattered the tenants of a whole group over the replicas
and cost their caches. A process that never saw a prefix still places it as new, exactly as before.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

DEFAULT_MAX_KEYS = 16384


class LocalPins:
    """Pin sets by prefix key (most recent deployment first), LRU-bounded, each expiring after its TTL."""

    def __init__(self, max_keys: int = DEFAULT_MAX_KEYS, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_keys = max_keys
        self.clock = clock
        self._pins: OrderedDict[str, tuple[list[str], float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._pins)

    def get(self, key: str) -> list[str]:
        """The remembered pin set of ``key`` (empty: none, or expired)."""
        entry = self._pins.get(key)
        if entry is None:
            return []
        pins, expires = entry
        if self.clock() >= expires:
            del self._pins[key]
            return []
        self._pins.move_to_end(key)
        return pins

    def put(self, key: str, pins: Sequence[str], ttl: float) -> None:
        """Remember ``pins`` for ``key`` for ``ttl`` seconds (an empty set forgets the key)."""
        if not pins:
            self._pins.pop(key, None)
            return
        self._pins[key] = (list(pins), self.clock() + ttl)
        self._pins.move_to_end(key)
        while len(self._pins) > self.max_keys:
            self._pins.popitem(last=False)
