"""``di.json.repair`` settings (validated once at start-up).

Example (every key optional; shown with the defaults)::

    di:
      json:
        repair:
          enabled: true             # check replies of requests that carry a JSON contract
          tools: true               # check tool-call arguments against the tool's parameters
          reasks:                   # extra upstream calls per request, by effort (re-asks and longer retries)
            fast: 0                 # fast / minimal: deterministic repair only
            minimal: 0
            auto: 1
            low: 1
            medium: 1
            high: 2
            xhigh: 3
            max: 3
          rules: [strip_fences, extract_json, strip_comments, python_literals, single_quotes,
                  unquoted_keys, trailing_commas]   # deterministic repair rules, in order
          reask_max_tokens: 4096    # a re-ask asks for at most this many tokens
          length_max_tokens: 8192   # a retry after finish_reason "length" asks for at most this many
          streams: buffer           # buffer | relay: streamed response_format requests
          tool_streams: relay       # buffer | relay: streamed requests whose only contract is tools
          validator_cache: 256      # compiled schema validators kept per process (LRU)

``reasks`` merges with the defaults: ``{high: 4}`` changes only ``high``. ``rules`` replaces the list
(``[]`` turns deterministic repair off). ``buffer`` serves a stream from one whole completion that is
checked (repaired, re-asked) like a non-streaming one and then sent as SSE; ``relay`` passes the
backend's chunks on as they come, unchecked (counted in ``di_json_unchecked_total{reason="stream"}``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from .. import EFFORT_LEVELS
from ..config import expect, reject_unknown
from ..errors import ConfigError
from .repair import RULES

DEFAULT_REASKS: dict[str, int] = {"fast": 0, "minimal": 0, "auto": 1, "low": 1, "medium": 1, "high": 2,
                                  "xhigh": 3, "max": 3}
STREAM_MODES = ("buffer", "relay")
MAX_REASKS = 8
"""The largest per-effort budget accepted (the journey stops at this many extra calls whatever a plugin asks)."""


@dataclass(slots=True)
class JsonRepairSettings:
    """Validated ``di.json.repair``; see the module docstring for the meaning of each field."""

    enabled: bool = True
    tools: bool = True
    reasks: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_REASKS))
    rules: tuple[str, ...] = tuple(RULES)
    reask_max_tokens: int = 4096
    length_max_tokens: int = 8192
    streams: str = "buffer"
    tool_streams: str = "relay"
    validator_cache: int = 256

    def budget(self, effort: str) -> int:
        """Extra upstream calls a request at ``effort`` may make (``none`` is ``fast``)."""
        if effort == "none":
            effort = "fast"
        return self.reasks.get(effort, self.reasks["auto"])

    @classmethod
    def from_mapping(cls, mapping: dict | None, path: str = "di.json.repair") -> JsonRepairSettings:
        """Validate a mapping (``None`` = all defaults). Raises :class:`ConfigError` naming the field."""
        if mapping is None:
            return cls()
        expect(mapping, dict, path)
        reject_unknown(mapping, _FIELDS, path)
        out = cls()
        m = mapping

        def count(name: str, value: Any, p: str, minimum: int, maximum: int | None = None) -> int:
            expect(value, int, p)
            if value < minimum or (maximum is not None and value > maximum):
                bound = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
                raise ConfigError(f"{p}: must be {bound}, got {value!r}")
            return value

        for name in ("enabled", "tools"):
            if name in m:
                setattr(out, name, expect(m[name], bool, f"{path}.{name}"))
        if "reasks" in m:
            p = f"{path}.reasks"
            reasks = expect(m["reasks"], dict, p)
            reject_unknown(reasks, set(EFFORT_LEVELS), p)
            for level, n in reasks.items():
                out.reasks[level] = count(level, n, f"{p}.{level}", 0, MAX_REASKS)
        if "rules" in m:
            p = f"{path}.rules"
            rules = expect(m["rules"], list, p)
            for i, rule in enumerate(rules):
                if expect(rule, str, f"{p}[{i}]") not in RULES:
                    raise ConfigError(f"{p}[{i}]: unknown repair rule {rule!r} (known: {', '.join(RULES)})")
            if len(set(rules)) != len(rules):
                raise ConfigError(f"{p}: a rule is listed twice")
            out.rules = tuple(rules)
        for name in ("reask_max_tokens", "length_max_tokens"):
            if name in m:
                setattr(out, name, count(name, m[name], f"{path}.{name}", 1))
        if "validator_cache" in m:
            out.validator_cache = count("validator_cache", m["validator_cache"], f"{path}.validator_cache", 1)
        for name in ("streams", "tool_streams"):
            if name in m:
                p = f"{path}.{name}"
                if expect(m[name], str, p) not in STREAM_MODES:
                    raise ConfigError(f"{p}: expected one of {', '.join(STREAM_MODES)}, got {m[name]!r}")
                setattr(out, name, m[name])
        return out


_FIELDS = frozenset(f.name for f in fields(JsonRepairSettings))


def parse_json_section(raw: Any, path: str = "di.json") -> JsonRepairSettings:
    """The ``di.json`` mapping (today only ``repair``)."""
    if raw is None:
        return JsonRepairSettings()
    expect(raw, dict, path)
    reject_unknown(raw, {"repair"}, path)
    return JsonRepairSettings.from_mapping(raw.get("repair"), f"{path}.repair")
