"""JSON slips: a stand-in replica that, at a set rate, answers ``json`` requests the way a careless
self-hosted model does, so that the gateway's repair and re-ask path can be tested and benchmarked.

A *json answer* is the content of a ``response_format`` ``json_schema`` / ``json_object`` reply or the
``arguments`` of a tool call. Each one slips with probability ``rate``, by one of the ``kinds`` (drawn
uniformly):

``fence``
    the JSON, pretty-printed, inside a Markdown ```` ```json ```` fence;
``prose``
    a sentence before the JSON and one after it;
``trailing_comma``
    a ``,`` before the closing bracket of the top-level object or array (a scalar is fenced instead);
``missing_key``
    the first required key of the top-level object dropped (no required key to drop: the value
    wrapped in a list, which parses but breaks an object contract);
``truncated``
    the text cut in the middle, ``finish_reason: "length"`` (what ``max_tokens`` does mid-object).

Draws come from a ``random.Random(seed)`` owned by the replica, one per json answer in the order the
replica answers them: the same seed and the same request order give the same slips.
"""

from __future__ import annotations

import math
import random
import threading
from collections import Counter
from typing import Any

import orjson

SLIP_KINDS: tuple[str, ...] = ("fence", "prose", "trailing_comma", "missing_key", "truncated")


def slip_text(kind: str, text: str, schema: Any) -> tuple[str, bool]:
    """``text`` (compact JSON) slipped by ``kind``; the flag tells whether it now stops at ``length``."""
    if kind not in SLIP_KINDS:
        raise ValueError(f"unknown slip kind {kind!r}; expected one of {', '.join(SLIP_KINDS)}")
    value = orjson.loads(text)
    if kind == "fence" or (kind == "trailing_comma" and not isinstance(value, (dict, list))):
        return "```json\n" + orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n```", False
    if kind == "prose":
        return f"Sure! Here is the JSON you asked for:\n{text}\nLet me know if you need anything else.", False
    if kind == "trailing_comma":
        if not value:  # {} or []: "{,}" is no trailing comma; add one after a placeholder-free element
            return text[:-1] + " ," + text[-1:], False
        return text[:-1] + "," + text[-1:], False
    if kind == "missing_key":
        required = schema.get("required") if isinstance(schema, dict) else None
        present = [k for k in required or () if isinstance(value, dict) and k in value]
        if present:
            rest = {k: v for k, v in value.items() if k != present[0]}
            return orjson.dumps(rest).decode(), False
        return orjson.dumps([value]).decode(), False
    cut = max(1, min(len(text) - 1, len(text) // 2))
    return text[:cut], True


class Slipper:
    """The slip mode of one replica: ``rate`` (0..1), ``kinds``, ``seed``; thread-safe draws and counts."""

    def __init__(self, rate: float = 0.0, kinds: tuple[str, ...] | list[str] = SLIP_KINDS, seed: int = 0) -> None:
        rate = float(rate)
        if not 0.0 <= rate <= 1.0:
            raise ValueError("slip rate must be between 0 and 1")
        kinds = tuple(kinds)
        if not kinds:
            raise ValueError("list at least one slip kind")
        for kind in kinds:
            if kind not in SLIP_KINDS:
                raise ValueError(f"unknown slip kind {kind!r}; expected one of {', '.join(SLIP_KINDS)}")
        self.rate, self.kinds, self.seed = rate, kinds, int(seed)
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self.answers = 0
        self.slipped: Counter[str] = Counter()

    @property
    def active(self) -> bool:
        return self.rate > 0

    def draw(self) -> str | None:
        """The slip of the next json answer, or ``None`` (both draws are always made, so the sequence
        of decisions depends only on the seed)."""
        with self._lock:
            roll, pick = self._rng.random(), self._rng.randrange(len(self.kinds))
            self.answers += 1
            if roll >= self.rate:
                return None
            kind = self.kinds[pick]
            self.slipped[kind] += 1
            return kind

    def to_dict(self) -> dict[str, Any]:
        return {"rate": self.rate, "kinds": list(self.kinds), "seed": self.seed, "answers": self.answers,
                "slipped": dict(self.slipped)}


def _schemas(body: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    fmt = body.get("response_format")
    content = None
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        spec = fmt.get("json_schema") if isinstance(fmt.get("json_schema"), dict) else {}
        content = spec.get("schema")
    tools = {}
    for tool in body.get("tools") or ():
        fn = tool.get("function") if isinstance(tool, dict) else None
        if isinstance(fn, dict):
            tools[fn.get("name")] = fn.get("parameters")
    return content, tools


def apply_slips(answer: Any, body: dict[str, Any], slipper: Slipper) -> list[str | None]:
    """Slip the json answers of ``answer`` (a :class:`~standin.answers.Answer`) in place; returns the
    slip of each choice (``None``: not slipped or not a json answer)."""
    from .answers import _split_text

    fmt = body.get("response_format")
    is_json = isinstance(fmt, dict) and fmt.get("type") in ("json_schema", "json_object")
    content_schema, tool_schemas = _schemas(body)
    out: list[str | None] = []
    for choice in answer.choices:
        if choice.tool_call is not None:
            fn = choice.tool_call["function"]
            kind = slipper.draw()
            if kind is not None:
                text, cut = slip_text(kind, fn["arguments"], tool_schemas.get(fn.get("name")))
                choice.tool_call = {**choice.tool_call, "function": {**fn, "arguments": text}}
                _update(choice, text, cut, _split_text)
        elif is_json and isinstance(choice.content, str):
            kind = slipper.draw()
            if kind is not None:
                text, cut = slip_text(kind, choice.content, content_schema)
                choice.content = text
                _update(choice, text, cut, _split_text)
        else:
            kind = None
        out.append(kind)
    return out


def _update(choice: Any, text: str, cut: bool, split: Any) -> None:
    choice.pieces = split(text)
    choice.completion_tokens = max(1, math.ceil(len(text) / 4))
    if cut:
        choice.finish_reason = "length"
