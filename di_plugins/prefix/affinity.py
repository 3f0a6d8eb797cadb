"""Where a request with a cacheable prefix goes: pure placement rules, no I/O, no state.

Inputs are what every gateway process can know the same way: the candidate deployments, the prefix's
pin set (deployments that served it recently, most recent first, from Redis), each deployment's
in-flight requests (every process's, :mod:`di_plugins.prefix.load`) and an optional capacity per
deployment (``model_info.di_concurrency``: how many requests it serves at once; unknown = 1, so a busy
replica counts as full). *Pressure* is in-flight / capacity.

* **New prefix** (no candidate pinned): the candidate with the lowest pressure, ties broken by a
  rendezvous hash of the prefix key, so every process sends the same new prefix to the same replica
  while loads agree, and idle replicas share new prefixes evenly.
* **Pinned prefix**: the pinned candidate with the lowest pressure (ties: the most recent pin) stays
  chosen unless it is *imbalanced* against the least-loaded candidate, as SGLang's cache-aware router
  decides: ``pressure - least > abs_threshold`` **and** ``pressure > rel_threshold * least``. Then the
  request spills to the least-loaded candidate (ties by hash), which joins the prefix's pin set when
  it served the request, so a hot prefix ends up warm on a few replicas (``replicas_per_prefix``).

Choosing is pure: it counts nothing. The caller counts a request in flight when it is sent and
uncounts it when it ends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PINNED = "pinned"
BYPASSED = "bypassed"   # pinned, but imbalanced: spilled to the least-loaded replica
UNPINNED = "unpinned"   # a new prefix

DEFAULT_ABS_THRESHOLD = 4.0
DEFAULT_REL_THRESHOLD = 2.0


@dataclass(frozen=True, slots=True)
class Placement:
    """The chosen deployment and why (:data:`PINNED`, :data:`BYPASSED` or :data:`UNPINNED`)."""

    deployment: str
    outcome: str


def rendezvous(key: str, deployment_id: str) -> bytes:
    """The rendezvous (highest-random-weight) score of a deployment for a prefix key."""
    return hashlib.blake2b(f"{key}|{deployment_id}".encode(), digest_size=8).digest()


def pressure(load: int, capacity: int | None) -> float:
    """In-flight requests per slot (``capacity`` unknown or < 1: one slot)."""
    return load / capacity if capacity and capacity > 1 else float(load)


def imbalanced(own: float, least: float, abs_threshold: float, rel_threshold: float) -> bool:
    """Whether a replica at pressure ``own`` is too far above the least-loaded one (``least``)."""
    return own - least > abs_threshold and own > rel_threshold * least


def least_loaded(key: str, candidates: Sequence[str], pressures: Mapping[str, float]) -> str:
    """The candidate with the lowest pressure; ties go to the highest rendezvous score of ``key``."""
    return min(candidates, key=lambda i: (pressures[i], _neg(rendezvous(key, i))))


def place(key: str, candidates: Sequence[str], pinned: Sequence[str], load: Mapping[str, int],
          capacity: Mapping[str, int | None] | None = None, *, abs_threshold: float = DEFAULT_ABS_THRESHOLD,
          rel_threshold: float = DEFAULT_REL_THRESHOLD) -> Placement:
    """Where a request for prefix ``key`` goes (see the module docstring).

    ``candidates``: the healthy deployments (non-empty); ``pinned``: the prefix's pin set, most recent
    first (ids that are not candidates are ignored); ``load``: in-flight requests per deployment
    (missing = 0); ``capacity``: requests each serves at once (missing = 1).
    """
    if not candidates:
        raise ValueError("place() needs at least one candidate")
    caps = capacity or {}
    pressures = {i: pressure(load.get(i, 0), caps.get(i)) for i in candidates}
    least = min(pressures.values())
    order = {i: n for n, i in enumerate(pinned) if i in pressures}
    if order:
        best = min(order, key=lambda i: (pressures[i], order[i]))
        if not imbalanced(pressures[best], least, abs_threshold, rel_threshold):
            return Placement(best, PINNED)
        return Placement(least_loaded(key, candidates, pressures), BYPASSED)
    return Placement(least_loaded(key, candidates, pressures), UNPINNED)


def _neg(score: bytes) -> bytes:
    """Bytes that sort in the reverse order of ``score`` (so ``min`` picks the highest score)."""
    return bytes(255 - b for b in score)
