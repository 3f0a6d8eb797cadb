"""An offline, virtual-time model of queueing replicas, and the routers replayed on it (incl. the oracle).

Each replica has ``slots`` slots and a FIFO queue; a request takes a slot when one is free, looks up the
KV cache then (the stand-in's LRU model, :class:`standin.kvcache.KVCache`), prefills its uncached tokens
(``ttft_base_ms + uncached * ttft_per_token_ms``: its time to first token counts from its arrival) and
holds the slot ``decode_ms`` more. Arrivals follow the same seeded schedule as the live runs
(:func:`arrivals`), so no strategy changes when requests arrive.

Routers see what a gateway sees at a request's arrival: in-flight requests per replica (queued and
running) and what they learnt from finished requests.

* ``vanilla``: a seeded random pick (LiteLLM's ``simple-shuffle``).
* ``litellm-pin``: LiteLLM's ``prompt_caching``: the replica that served the prefix's first finished
  request, forever; random until then; no load rule.
* ``ours``: :func:`di_plugins.prefix.affinity.place`, pin sets written at dispatch
  (:func:`di_plugins.prefix.usage.dispatch_pins`) and corrected by the engine's verdict when a request
  ends (:func:`~di_plugins.prefix.usage.finish_pins`), as the plugin does.
* ``oracle-bounded``: knows every replica's KV cache at arrival; among the replicas that our load rule
  would not call imbalanced against the least-loaded one, the one holding the longest cached prefix
  (ties: least loaded). The reference for the hit rate a router held to our load rule could reach.
* ``oracle``: the same without any load rule (hit rate only; it may queue without limit).
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench._common import quantile
from bench.prefix_cache.workload import PeekKV, Workload
from di_plugins.prefix.affinity import (
    DEFAULT_ABS_THRESHOLD,
    DEFAULT_REL_THRESHOLD,
    imbalanced,
    place,
    pressure,
)
from di_plugins.prefix.usage import dispatch_pins, engine_verdict, finish_pins
from standin.kvcache import Prompt, block_hashes

STRATEGIES = ("vanilla", "litellm-pin", "ours", "oracle-bounded", "oracle")


def arrivals(n: int, rate: float, seed: int) -> list[float]:
    """Seeded Poisson arrival offsets (seconds from the start) of ``n`` requests at ``rate`` per second."""
    rng = random.Random(seed * 7919 + 17)
    t, out = 0.0, []
    for _ in range(n):
        out.append(t)
        t += rng.expovariate(rate)
    return out


@dataclass(frozen=True, slots=True)
class ReplicaModel:
    replicas: int
    slots: int
    capacity_tokens: int
    ttft_base_ms: float
    ttft_per_token_ms: float
    decode_ms: float
    block_size: int = 16

    def warm_service_s(self, turn_tokens: float) -> float:
        """Seconds a slot is held by a request whose prefix is cached (``turn_tokens`` uncached)."""
        return (self.ttft_base_ms + turn_tokens * self.ttft_per_token_ms + self.decode_ms) / 1000.0

    def warm_capacity_rps(self, turn_tokens: float) -> float:
        """Requests per second all replicas serve when every prefix is cached."""
        return self.replicas * self.slots / self.warm_service_s(turn_tokens)


def simulate(workload: Workload, offsets: Sequence[float], model: ReplicaModel, strategy: str, *,
             abs_threshold: float = DEFAULT_ABS_THRESHOLD, rel_threshold: float = DEFAULT_REL_THRESHOLD,
             replicas_per_prefix: int = 3, seed: int = 0, salt_of: Any = None) -> dict[str, Any]:
    """Replay ``workload`` arriving at ``offsets`` on ``model`` with ``strategy`` (see the module docstring)."""
    if strategy not in STRATEGIES:
        raise ValueError(strategy)
    n_rep = model.replicas
    ids = [str(r) for r in range(n_rep)]
    caches = [PeekKV(model.capacity_tokens, model.block_size) for _ in range(n_rep)]
    queues: list[deque[int]] = [deque() for _ in range(n_rep)]
    running = [0] * n_rep
    inflight = [0] * n_rep
    rng = random.Random(seed)
    pins: dict[int, list[str]] = {}   # tenant -> pin set (ours) or [replica] (litellm-pin)
    prompts: list[Prompt] = []
    for req in workload.requests:
        body = req.body("x", stream=False)
        if salt_of is not None:
            body["cache_salt"] = salt_of(req.tenant)
        prompts.append(Prompt.of(body))
    ttft = [math.nan] * len(prompts)
    cached = [0] * len(prompts)
    replica_of = [-1] * len(prompts)
    pins_seen: list[list[str]] = [[] for _ in prompts]       # ours: the pin set read before routing
    pins_dispatched: list[list[str]] = [[] for _ in prompts]  # ours: the set written at dispatch
    prefix_tokens = [len(workload.systems[r.tenant]) // 4 for r in workload.requests]
    events: list[tuple[float, int, int, int]] = []   # (time, kind 0=finish 1=arrival, seq, request)
    for i, t in enumerate(offsets):
        heapq.heappush(events, (t, 1, i, i))
    seq = len(offsets)

    def start(r: int, now: float) -> None:
        nonlocal seq
        while running[r] < model.slots and queues[r]:
            i = queues[r].popleft()
            running[r] += 1
            hit = caches[r].prefill(prompts[i])
            cached[i] = hit
            prefill_ms = model.ttft_base_ms + (prompts[i].tokens - hit) * model.ttft_per_token_ms
            ttft[i] = now + prefill_ms / 1000.0 - offsets[i]
            seq += 1
            heapq.heappush(events, (now + (prefill_ms + model.decode_ms) / 1000.0, 0, seq, i))

    def route(i: int) -> int:
        tenant = workload.requests[i].tenant
        if strategy == "vanilla":
            return rng.randrange(n_rep)
        if strategy == "litellm-pin":
            pinned = pins.get(tenant)
            return int(pinned[0]) if pinned else rng.randrange(n_rep)
        load = {ids[r]: inflight[r] for r in range(n_rep)}
        if strategy == "ours":
            pinned = pins.get(tenant, [])
            pins_seen[i] = list(pinned)
            chosen = place(f"tenant-{tenant}", ids, pinned, load, abs_threshold=abs_threshold,
                           rel_threshold=rel_threshold).deployment
            pins[tenant] = pins_dispatched[i] = dispatch_pins(pinned, chosen, replicas_per_prefix)
            return int(chosen)
        hashes = block_hashes(prompts[i].text, prompts[i].salt, model.block_size)
        hits = [c.peek(hashes, prompts[i].tokens) for c in caches]
        allowed = list(range(n_rep))
        if strategy == "oracle-bounded":
            least = min(pressure(inflight[r], None) for r in range(n_rep))
            allowed = [r for r in range(n_rep)
                       if not imbalanced(pressure(inflight[r], None), least, abs_threshold, rel_threshold)]
        return max(allowed, key=lambda r: (hits[r], -inflight[r], -r))

    while events:
        now, kind, _, i = heapq.heappop(events)
        if kind == 1:
            r = route(i)
            replica_of[i] = r
            inflight[r] += 1
            queues[r].append(i)
            start(r, now)
        else:
            r = replica_of[i]
            running[r] -= 1
            inflight[r] -= 1
            tenant = workload.requests[i].tenant
            if strategy == "litellm-pin":
                pins.setdefault(tenant, [str(r)])
            elif strategy == "ours":
                verdict = engine_verdict(cached[i], prefix_tokens[i], prompts[i].tokens)
                after = finish_pins(pins_dispatched[i], pins_seen[i], str(r), verdict)
                if after is not None:
                    pins[tenant] = after
            start(r, now)
    prompt_total = sum(p.tokens for p in prompts)
    cached_total = sum(cached)
    reqs = [c.requests for c in caches]
    mean = sum(reqs) / n_rep
    vals = [t * 1000 for t in ttft]
    return {"strategy": strategy, "requests": len(prompts), "prompt_tokens": prompt_total,
            "cached_tokens": cached_total, "token_hit_rate": cached_total / prompt_total if prompt_total else 0.0,
            "request_hit_rate": sum(1 for c in cached if c > 0) / len(cached),
            "ttft_p50_ms": quantile(vals, 0.5), "ttft_p90_ms": quantile(vals, 0.9),
            "ttft_mean_ms": sum(vals) / len(vals), "per_replica_requests": reqs,
            "imbalance": max(reqs) / mean if mean else math.nan}
