"""Accounting of prefix caching: pin sets after a reply, the engine's verdict, the usage we report.

Pure functions, no I/O:

* :func:`engine_verdict` reads the backend's own ``usage.prompt_tokens_details.cached_tokens``: a
  prefix the backend really had cached comes back with (about) its length in cached tokens (*warm*);
  one it evicted, or a replica that restarted, comes back with few or none (*cold*).
* :func:`next_pins` updates a prefix's pin set (deployment ids, most recent first) after a served
  request: the serving deployment goes in front (it holds the prefix now), unless it was pinned and
  the engine said *cold* while other copies exist: then its pin is dropped (it evicts this prefix,
  e.g. its cache is too small for the prefixes sent there, or it restarted), so the prefix converges
  on the replicas that keep it.
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


def next_pins(pins: Sequence[str], served: str, verdict: str | None, keep: int,
              allowed: Iterable[str] | None = None) -> list[str]:
    """The pin set after ``served`` answered a request for the prefix (see the module docstring).

    ``pins``: the set read before routing, most recent first; ``allowed``: the group's deployments
    (pins of others are dropped); ``keep``: at most this many ids.
    """
    allowed_ids = None if allowed is None else set(allowed)
    others = [i for i in pins if i != served and (allowed_ids is None or i in allowed_ids)]
    if verdict == COLD and served in pins and others:
        return others[:keep]
    return [served, *others][:keep]


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
