"""The prefix-cache workload (seeded, deterministic) and the offline routers, incl. the oracle.

Workload: ``tenants`` tenants, each with a stable system prompt of ``prefix_min``-``prefix_max`` tokens
(stand-in tokens = 4 characters) carrying a ``cache_control`` breakpoint, and ``requests`` requests whose
tenant is drawn from a Zipf(``zipf_s``) popularity over a seeded permutation of the tenants; each request
adds one short user turn (``turn_min``-``turn_max`` tokens, unique: it carries the request index), so the
tenants' requests interleave. Each tenant has its own API key.

Offline routers replay the same sequence, in order, through the stand-in's own KV model
(:class:`standin.kvcache.KVCache`, same capacity and block size) and report the same
numbers as the live strategies (token and request hit rate, requests per replica):

* ``oracle``: knows every replica's cache; sends a request to the replica holding the longest cached
  prefix of its prompt (ties: fewest requests so far), and when no replica holds any of it, to the
  replica with the fewest requests so far. No load bound, no time: it is the hit-rate reference the
  live strategies are compared with (it is greedy, so an unusual router could in principle beat it).
* ``oracle-bounded``: the same, but only among replicas whose *in-flight* count stays within our
  plugin's bound ``ceil(load_factor * (in-flight + 1) / N)``, where in flight = the previous
  ``concurrency - 1`` requests (a closed-loop approximation). What an all-knowing router achieves under
  the same load rule as ours.
* ``round-robin``: request i to replica i mod N (what true round-robin would get).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from standin.kvcache import KVCache, Prompt, block_hashes

WORDS = ("the of and to in is that for it as with was on be by this are from at or an which have not "
         "policy customer invoice ledger shipment warranty refund contract clause tenant account region "
         "schedule escalation priority severity incident runbook deploy cluster replica latency budget "
         "quota limit audit record field column schema table index partition backup restore retention "
         "always never must should may respond answer cite source format markdown json table list step "
         "summary detail example exception error warning notice compliance privacy security access").split()


@dataclass(frozen=True, slots=True)
class WorkloadSpec:
    seed: int = 7
    tenants: int = 40
    requests: int = 800
    prefix_min: int = 2000
    prefix_max: int = 6000
    turn_min: int = 15
    turn_max: int = 60
    zipf_s: float = 1.0


@dataclass(slots=True)
class Request:
    index: int
    tenant: int
    system: str
    turn: str

    def body(self, model: str, *, stream: bool = True, max_tokens: int = 8, system_parts: bool = True) -> dict[str, Any]:
        """The chat request: the breakpoint sits on the system prompt's text part, or (``system_parts=False``,
        for servers that take only string content, like llama-cpp-python) on the system message itself."""
        cc = {"type": "ephemeral"}
        system: dict[str, Any] = (
            {"role": "system", "content": [{"type": "text", "text": self.system, "cache_control": cc}]} if system_parts
            else {"role": "system", "content": self.system, "cache_control": cc})
        out: dict[str, Any] = {"model": model, "messages": [system, {"role": "user", "content": self.turn}],
                               "max_tokens": max_tokens}
        if stream:
            out["stream"] = True
            out["stream_options"] = {"include_usage": True}
        return out


@dataclass(slots=True)
class Workload:
    spec: WorkloadSpec
    systems: list[str]
    weights: list[float]
    requests: list[Request] = field(default_factory=list)

    @property
    def prefix_tokens(self) -> list[int]:
        return [len(s) // 4 for s in self.systems]

    def tenant_key(self, tenant: int) -> str:
        return f"sk-bench-pfx-tenant-{tenant:03d}"

    def summary(self) -> dict[str, Any]:
        counts = [0] * len(self.systems)
        for r in self.requests:
            counts[r.tenant] += 1
        top = sorted(counts, reverse=True)
        return {**{k: getattr(self.spec, k) for k in self.spec.__dataclass_fields__},
                "total_prefix_tokens": sum(self.prefix_tokens),
                "requests_top5_tenants": top[:5], "tenants_seen": sum(1 for c in counts if c)}


def _text(rng: random.Random, tokens: int, head: str) -> str:
    chars = tokens * 4
    parts = [head]
    size = len(head)
    while size < chars:
        w = rng.choice(WORDS)
        parts.append(w)
        size += len(w) + 1
    return " ".join(parts)[:chars]


def build(spec: WorkloadSpec) -> Workload:
    rng = random.Random(spec.seed)
    systems = [_text(rng, rng.randint(spec.prefix_min, spec.prefix_max),
                     f"You are the assistant of tenant {t:03d}. Follow the tenant handbook below.")
               for t in range(spec.tenants)]
    ranks = list(range(spec.tenants))
    rng.shuffle(ranks)  # tenant t has popularity rank ranks[t]
    weights = [1.0 / (ranks[t] + 1) ** spec.zipf_s for t in range(spec.tenants)]
    wl = Workload(spec, systems, weights)
    tenants = rng.choices(range(spec.tenants), weights=weights, k=spec.requests)
    for i, t in enumerate(tenants):
        turn = _text(rng, rng.randint(spec.turn_min, spec.turn_max), f"[q{i:05d}] Question:")
        wl.requests.append(Request(i, t, systems[t], turn))
    return wl


# -- offline routers ----------------------------------------------------------------------------------


class PeekKV(KVCache):
    """The stand-in's KV model plus a read-only look-up (cached prefix tokens without touching the LRU)."""

    def peek(self, hashes: list[bytes], tokens: int) -> int:
        blocks = self._blocks
        hit = 0
        for h in hashes:
            if h not in blocks:
                break
            hit += 1
        return min(hit * self.block_size, tokens)


def _result(name: str, caches: list[PeekKV], per_request: list[tuple[int, int, int]]) -> dict[str, Any]:
    prompt = sum(c.prompt_tokens for c in caches)
    cached = sum(c.cached_tokens for c in caches)
    reqs = [c.requests for c in caches]
    mean = sum(reqs) / len(reqs)
    return {"strategy": name, "requests": sum(reqs), "prompt_tokens": prompt, "cached_tokens": cached,
            "token_hit_rate": cached / prompt if prompt else 0.0,
            "request_hit_rate": sum(1 for _, c, _ in per_request if c > 0) / len(per_request),
            "per_replica_requests": reqs, "imbalance": max(reqs) / mean if mean else math.nan,
            "assignment": [r for r, _, _ in per_request]}


def simulate(workload: Workload, router: str, *, replicas: int, capacity_tokens: int, block_size: int = 16,
             concurrency: int = 8, load_factor: float = 1.25, salt_of: Any = None) -> dict[str, Any]:
    """Replay the workload offline with ``router`` in ``oracle``, ``oracle-bounded``, ``round-robin``."""
    caches = [PeekKV(capacity_tokens, block_size) for _ in range(replicas)]
    per_request: list[tuple[int, int, int]] = []
    recent: list[int] = []
    for req in workload.requests:
        body = req.body("x", stream=False)
        if salt_of is not None:
            body["cache_salt"] = salt_of(req.tenant)
        prompt = Prompt.of(body)
        if router == "round-robin":
            choice = req.index % replicas
        else:
            hashes = block_hashes(prompt.text, prompt.salt, block_size)
            hits = [c.peek(hashes, prompt.tokens) for c in caches]
            allowed: Iterable[int] = range(replicas)
            if router == "oracle-bounded":
                window = recent[-(concurrency - 1):] if concurrency > 1 else []
                inflight = [window.count(r) for r in range(replicas)]
                bound = math.ceil(load_factor * (len(window) + 1) / replicas)
                under = [r for r in range(replicas) if inflight[r] + 1 <= bound]
                allowed = under or range(replicas)
            elif router != "oracle":
                raise ValueError(router)
            choice = max(allowed, key=lambda r: (hits[r], -caches[r].requests, -r))
        cached = caches[choice].prefill(prompt)
        per_request.append((choice, cached, prompt.tokens))
        recent.append(choice)
    return _result(router, caches, per_request)
