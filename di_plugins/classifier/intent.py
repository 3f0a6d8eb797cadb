"""Model-id intent: the effort suffix (``name@xhigh``, ``name:fast``) and the base type (flash/pro)."""

from __future__ import annotations

import re

from .. import EFFORT_LEVELS

EFFORT_ALIASES: dict[str, str] = {"none": "fast"}
"""Accepted spellings that mean another level (OpenAI's ``reasoning_effort: none`` = no reasoning)."""

_LEVELS = frozenset(EFFORT_LEVELS)


def normalize_effort(value: object) -> str | None:
    """The canonical level for ``value`` (case-insensitive, ``none`` -> ``fast``), or None if unknown."""
    if not isinstance(value, str):
        return None
    v = value.strip().lower()
    v = EFFORT_ALIASES.get(v, v)
    return v if v in _LEVELS else None


def split_effort_suffix(model: object) -> tuple[str, str | None]:
    """Split ``name@level`` / ``name:level`` into ``(name, level)``.

    Only a *known* effort level after the *last* ``@`` or ``:`` counts, and the name before it must be
    non-empty: ``claude-sonnet-4-6@xhigh`` -> (``claude-sonnet-4-6``, ``xhigh``), ``gpt-5:fast`` ->
    (``gpt-5``, ``fast``), ``gpt-5:none`` -> (``gpt-5``, ``fast``); ``ft:gpt-4o:org:custom``,
    ``llama3:8b`` and ``anthropic.claude-v2:1`` carry none and come back unchanged.
    """
    if not isinstance(model, str):
        return "", None
    cut = max(model.rfind("@"), model.rfind(":"))
    if cut <= 0:
        return model, None
    level = normalize_effort(model[cut + 1:])
    if level is None:
        return model, None
    return model[:cut], level


class ModelIntent:
    """Maps a model id to its base type with the configured patterns (results cached per id)."""

    def __init__(self, pro: list[str] | tuple[str, ...], flash: list[str] | tuple[str, ...],
                 default: str = "pro", cache_size: int = 4096) -> None:
        self.rules = [(p, re.compile(p), "pro") for p in pro] + [(p, re.compile(p), "flash") for p in flash]
        self.default = default
        self._cache: dict[str, tuple[str, str | None]] = {}
        self._cache_size = cache_size

    def base_type(self, model: object) -> tuple[str, str | None]:
        """``(base type, pattern that decided it or None for the default)``."""
        if not isinstance(model, str):
            model = ""
        hit = self._cache.get(model)
        if hit is not None:
            return hit
        result: tuple[str, str | None] = (self.default, None)
        lowered = model.strip().lower()
        if lowered:
            for pattern, rx, kind in self.rules:
                if rx.search(lowered):
                    result = (kind, pattern)
                    break
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[model] = result
        return result
