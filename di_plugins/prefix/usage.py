"""Accounting of prefix caching: pin sets after a reply, the engine's verdict, the usage we report.

Pure functions, no I/O:

* :func:`engine_verdict` reads the backend's own ``usage.prompt_tokens_details.cached_tokens``: a
  prefix the backend really had cached comes back with (about) its length in cached tokens (*warm*);
  one it evicted, or a replica that restarted, comes back with few or none (*cold*).
* :func:`dispatch_pins` updates a prefix's pin set (deployment ids, most recent first) when a request
  is sent: the chosen deployment goes in front. Written at dispatch, not after the reply, so that
  requests arriving while the first ones queue follow them (an engine schedules its queue in order,
  so they find the prefix warm) instead of scattering a new prefix over every replica.
* :func:`finish_pins` applies the engine's verdict after the reply: a deployment that was pinned but
  reports the prefix *cold* while other copies exist is dropped (it evicted the prefix, e.g. its
  cache is too small for the prefixes sent there, or it restarted), so the prefix converges on the
  replicas that keep it. :func:`failed_pins` takes back a pin the dispatch added for a deployment
  that then failed.
* :func:`index_hit` and :func:`usage_figures`: the ``cached_tokens`` / ``cache_write_tokens`` a caller
  is told (the backend's figures where they are tenant-scoped, else the tenant's own index).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

WARM = "warm"
COLD = "cold"
WARM_SHARE = 0.5
"""A prefix is warm when the backend reports at least this share of its tokens as cached."""


def engine_verdict(reported_cached: Any, prefix_tokens: int, prompt_tokens: Any = None) -> str | None:
    """``WARM``, ``COLD`` or ``None`` (no figure from the backend) for a prefix of ``prefix_tokens``
    estimated tokens. The estimate (~4 characters a token) can be off either way, so the prefix is
    capped at the reported ``prompt_tokens`` and half of it cached counts as warm."""
    if isinstance(reported_cached, bool) or not isinstance(reported_cached, int) or prefix_tokens <= 0:
        return None
    need = prefix_tokens
    if isinstance(prompt_tokens, int) and not isinstance(prompt_tokens, bool) and prompt_tokens > 0:
        need = min(need, prompt_tokens)
    return WARM if reported_cached >= WARM_SHARE * need else COLD


def dispatch_pins(pins: Sequence[str], chosen: str, keep: int, allowed: Iterable[str] | None = None) -> list[str]:
    """The pin set once a request for the prefix is sent to ``chosen``: ``chosen`` in front (the
    engine holds the prefix by the time a request queued behind this one is scheduled), then the
    others, at most ``keep`` ids. ``pins``: the set read before routing, most recent first;
    ``allowed``: the group's deployments (pins of others are dropped)."""
    allowed_ids = None if allowed is None else set(allowed)
    others = [i for i in pins if i != chosen and (allowed_ids is None or i in allowed_ids)]
    return [chosen, *others][:keep]


def finish_pins(current: Sequence[str], before: Sequence[str], served: str, verdict: str | None) -> list[str] | None:
    """The pin set after the reply, or ``None`` to keep ``current`` (the set written at dispatch).

    Only a *cold* verdict from a deployment that was pinned before the request (``before``) changes
    it, and only while other copies exist: the deployment evicted the prefix (or restarted), so its
    pin is dropped and the prefix converges on the replicas that keep it. A cold reply from a
    deployment that was not pinned is a first write or a spill: expected, kept.
    """
    if verdict != COLD or served not in before:
        return None
    others = [i for i in current if i != served]
    return others if others else None


def failed_pins(current: Sequence[str], before: Sequence[str], served: str) -> list[str] | None:
    """The pin set after a failed request, or ``None`` to keep ``current``: a pin the dispatch added
    for a deployment that then failed is taken back (when other copies remain)."""
    if served in before:
        return None
    others = [i for i in current if i != served]
    return others if others else None


def index_hit(key_tokens: Sequence[int], pin_sets: Sequence[Sequence[str]], served: Any) -> int:
    """Estimated tokens of the longest prefix pinned to ``served`` (0: none)."""
    return max((tokens for tokens, pins in zip(key_tokens, pin_sets, strict=False) if served in pins), default=0)


def usage_figures(*, salted: bool, from_index: bool, index: tuple[int, int] | None, reported_cached: Any,
                  reported_write: Any) -> tuple[Any, Any]:
    """``(cached_tokens, cache_write_tokens)`` to report.

    ``index``: ``(hit, write)`` from the tenant's own pins (``None``: no cacheable prefix). A salted
    deployment's own figures are tenant-scoped and win; the index fills what it left out (unless
    ``from_index`` is off). An unsalted deployment caches across tenants, so only the index speaks.
    """
    if not salted:
        if reported_cached is None and reported_write is None and index is None:
            return None, None
        return index or (0, 0)
    if index is None or not from_index:
        return reported_cached, reported_write
    cached = index[0] if reported_cached is None else reported_cached
    write = max(0, sum(index) - cached) if reported_write is None else reported_write
    return cached, write
