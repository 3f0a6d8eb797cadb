"""The prefix-cache workload (seeded, deterministic) and the KV model's read-only look-up.

Workload: ``tenants`` tenants, each with a stable system prompt of ``prefix_min``-``prefix_max`` tokens
(stand-in tokens = 4 characters) carrying a ``cache_control`` breakpoint, and ``requests`` requests whose
tenant is drawn from a Zipf(``zipf_s``) popularity over a seeded permutation of the tenants; each request
adds one short user turn (``turn_min``-``turn_max`` tokens, unique: it carries the request index), so the
tenants' requests interleave. Each tenant has its own API key.

The offline routers (the oracle among them) replay it on a queueing model of the replicas:
:mod:`bench.prefix_cache.queueing`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from standin.kvcache import KVCache

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


# -- the KV model, with a look-up that leaves the LRU alone ------------------------------------------------


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
