"""Effort resolution: where the caller asked for a level, first found wins.

=====  ======================  ==============================================================
 #     source                  read from
=====  ======================  ==============================================================
 1     ``header``              ``X-DI-Effort`` request header
 2     ``query``               ``?effort=`` query parameter
 3     ``reasoning_effort``    ``reasoning_effort``, then ``reasoning.effort`` (OpenAI)
 4     ``gemini_thinking``     ``generationConfig.thinkingConfig.thinkingLevel``, then ``.thinkingBudget``
 5     ``anthropic_thinking``  ``output_config.effort``, then ``thinking.budget_tokens`` (type enabled)
 6     ``model_suffix``        ``name@level`` / ``name:level`` (see :func:`split_effort_suffix`)
 7     ``default``             ``auto``
=====  ======================  ==============================================================

Values are case-insensitive; ``none`` means ``fast``. An empty header/query value counts as absent, and
so does a JSON ``null``. An unknown value in 1–3 is the caller's mistake and gets a 400
(``code: invalid_effort``); the native thinking fields (4–5) are the surfaces' own business, so an
unusable value there is skipped. Budgets (Gemini ``thinkingBudget``, Anthropic ``budget_tokens``) map
through ``thinking_budget_levels``: 0 -> ``fast`` (thinking off), 1–1023 -> ``minimal``, –4095 ->
``low``, –12287 -> ``medium``, –24575 -> ``high``, –49151 -> ``xhigh``, above -> ``max``; Gemini's
``-1`` (dynamic) means "no preference" and is skipped.

The model-id suffix is always stripped for intent (``ctx.intent_model``), whichever source won.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import EFFORT_LEVELS
from ..context import Effort
from ..errors import RequestError
from .intent import normalize_effort, split_effort_suffix

_VALID = ", ".join(EFFORT_LEVELS) + " (none = fast)"


def _invalid(value: Any, where: str, param: str) -> RequestError:
    shown = value if isinstance(value, str) else repr(value)
    if isinstance(shown, str) and len(shown) > 40:
        shown = shown[:40] + "..."
    return RequestError(f"Invalid effort {shown!r} in {where}: expected one of {_VALID}.",
                        status=400, param=param, code="invalid_effort")


def _explicit(value: Any, where: str, param: str) -> str | None:
    """Level from an explicit effort field; None when absent; RequestError when invalid."""
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    level = normalize_effort(value)
    if level is None:
        raise _invalid(value, where, param)
    return level


def _budget(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        value = int(value)
    return value if value >= 0 else None


def _first(d: Mapping, *keys: str) -> Any:
    for k in keys:
        v = d.get(k)
        if v is not None:
            return v
    return None


def resolve_effort(request: Any, headers: Mapping | None, query: Mapping | None, model: Any,
                   budget_level) -> tuple[Effort, str]:
    """``(Effort, intent model)`` for a request. ``budget_level(int) -> level`` maps thinking budgets.

    Raises :class:`~di_plugins.errors.RequestError` (400, ``invalid_effort``) for an invalid header,
    query or ``reasoning_effort`` value.
    """
    intent_model, suffix_level = split_effort_suffix(model)
    if isinstance(headers, Mapping) and headers:
        value = headers.get("x-di-effort")
        if value is None:
            value = headers.get("X-DI-Effort", headers.get("X-Di-Effort"))
        level = _explicit(value, "the X-DI-Effort header", "X-DI-Effort")
        if level:
            return Effort(level, "header"), intent_model
    if isinstance(query, Mapping) and query:
        level = _explicit(query.get("effort"), "the effort query parameter", "effort")
        if level:
            return Effort(level, "query"), intent_model
    if isinstance(request, Mapping):
        level = _explicit(request.get("reasoning_effort"), "reasoning_effort", "reasoning_effort")
        if level:
            return Effort(level, "reasoning_effort"), intent_model
        reasoning = request.get("reasoning")
        if isinstance(reasoning, Mapping):
            level = _explicit(reasoning.get("effort"), "reasoning.effort", "reasoning.effort")
            if level:
                return Effort(level, "reasoning_effort"), intent_model
        level = _gemini(request, budget_level)
        if level:
            return Effort(level, "gemini_thinking"), intent_model
        level = _anthropic(request, budget_level)
        if level:
            return Effort(level, "anthropic_thinking"), intent_model
    if suffix_level:
        return Effort(suffix_level, "model_suffix"), intent_model
    return Effort("auto", "default"), intent_model


def _gemini(request: Mapping, budget_level) -> str | None:
    gc = _first(request, "generationConfig", "generation_config")
    if not isinstance(gc, Mapping):
        return None
    tc = _first(gc, "thinkingConfig", "thinking_config")
    if not isinstance(tc, Mapping):
        return None
    level = normalize_effort(_first(tc, "thinkingLevel", "thinking_level"))
    if level:
        return level
    budget = _budget(_first(tc, "thinkingBudget", "thinking_budget"))
    if budget is not None:
        return budget_level(budget)
    return None


def _anthropic(request: Mapping, budget_level) -> str | None:
    oc = request.get("output_config")
    if isinstance(oc, Mapping):
        level = normalize_effort(oc.get("effort"))
        if level:
            return level
    thinking = request.get("thinking")
    if isinstance(thinking, Mapping) and thinking.get("type", "enabled") == "enabled":
        budget = _budget(thinking.get("budget_tokens"))
        if budget is not None:
            return budget_level(budget)
    return None
