"""``di.prefix_cache`` settings (validated once at start-up).

Example (every key optional; shown with the defaults; see :mod:`di_plugins.prefix.affinity` for the
placement rules)::

    di:
      prefix_cache:
        enabled: true
        min_tokens: 1024          # minimum estimated prefix tokens worth caching (and pinning)
        max_breakpoints: 4        # more cache_control breakpoints in one request is a 400
        redis_timeout_ms: 50      # per Redis operation; beyond it the request is served without affinity
        retry_after_s: 2.0        # after a Redis failure, skip Redis for this long (circuit breaker)
        log_interval_s: 30        # log Redis failures at most once per interval
        balance_abs_threshold: 4.0  # a pinned deployment spills when its in-flight per slot exceeds the
        balance_rel_threshold: 2.0  # least-loaded one's by more than abs AND is more than rel times it
        replicas_per_prefix: 3    # a hot prefix may be pinned to this many deployments (spill-over copies)
        secret: os.environ/DI_PREFIX_SECRET   # keys tenant hashes and cache_salt; default: from the master key
        prompt_cache_key: true    # use OpenAI's prompt_cache_key for requests without breakpoints
        key_prefix: "di:pfx"      # Redis key prefix
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

from ..config import expect, reject_unknown, resolve_env
from ..errors import ConfigError


@dataclass(slots=True)
class PrefixCacheSettings:
    """Validated prefix-cache settings; see the module docstring for the meaning of each field."""

    enabled: bool = True
    min_tokens: int = 1024
    max_breakpoints: int = 4
    redis_timeout_ms: float = 50
    retry_after_s: float = 2.0
    log_interval_s: float = 30
    balance_abs_threshold: float = 4.0
    balance_rel_threshold: float = 2.0
    replicas_per_prefix: int = 3
    load_factor: float | None = None   # deprecated, ignored: the earlier bounded-load rule
    secret: str | None = None
    prompt_cache_key: bool = True
    key_prefix: str = "di:pfx"

    @property
    def redis_timeout_s(self) -> float:
        """``redis_timeout_ms`` in seconds (what ``asyncio.wait_for`` and redis-py take)."""
        return self.redis_timeout_ms / 1000.0

    @classmethod
    def from_mapping(cls, mapping: dict | None, path: str = "di.prefix_cache") -> PrefixCacheSettings:
        """Validate a mapping (``None`` = all defaults). Raises :class:`ConfigError` naming the field."""
        if mapping is None:
            return cls()
        expect(mapping, dict, path)
        reject_unknown(mapping, _FIELDS, path)
        out = cls()
        m = mapping

        def number(name: str, *, minimum: float, strict: bool = False, integer: bool = False) -> Any:
            p = f"{path}.{name}"
            value = expect(m[name], int if integer else (int, float), p)
            if not integer and not math.isfinite(value):
                raise ConfigError(f"{p}: must be a finite number")
            if value < minimum or (strict and value == minimum):
                raise ConfigError(f"{p}: must be {'greater than' if strict else 'at least'} {minimum:g}, "
                                  f"got {value!r}")
            return value

        if "enabled" in m:
            out.enabled = expect(m["enabled"], bool, f"{path}.enabled")
        if "prompt_cache_key" in m:
            out.prompt_cache_key = expect(m["prompt_cache_key"], bool, f"{path}.prompt_cache_key")
        if "min_tokens" in m:
            out.min_tokens = number("min_tokens", minimum=0, integer=True)
        if "max_breakpoints" in m:
            out.max_breakpoints = number("max_breakpoints", minimum=1, integer=True)
        if "redis_timeout_ms" in m:
            out.redis_timeout_ms = float(number("redis_timeout_ms", minimum=0, strict=True))
        if "retry_after_s" in m:
            out.retry_after_s = float(number("retry_after_s", minimum=0))
        if "log_interval_s" in m:
            out.log_interval_s = float(number("log_interval_s", minimum=0))
        if "load_factor" in m:  # accepted so that older configs still load; placement no longer uses it
            out.load_factor = float(number("load_factor", minimum=1))
        if "balance_abs_threshold" in m:
            out.balance_abs_threshold = float(number("balance_abs_threshold", minimum=0))
        if "balance_rel_threshold" in m:
            out.balance_rel_threshold = float(number("balance_rel_threshold", minimum=1))
        if "replicas_per_prefix" in m:
            out.replicas_per_prefix = number("replicas_per_prefix", minimum=1, integer=True)
        if m.get("secret") is not None:
            p = f"{path}.secret"
            secret = expect(resolve_env(expect(m["secret"], str, p), p), str, p)
            if not secret:
                raise ConfigError(f"{p}: must not be empty")
            out.secret = secret
        if "key_prefix" in m:
            p = f"{path}.key_prefix"
            prefix = expect(m["key_prefix"], str, p)
            if not prefix or any(c.isspace() for c in prefix):
                raise ConfigError(f"{p}: must be a non-empty string without whitespace")
            out.key_prefix = prefix
        return out


_FIELDS = frozenset(f.name for f in fields(PrefixCacheSettings))
