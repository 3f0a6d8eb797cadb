"""``di.prefix_cache`` settings validation."""

from __future__ import annotations

import pytest

from di_plugins.errors import ConfigError
from di_plugins.prefix.settings import PrefixCacheSettings


def test_defaults():
    s = PrefixCacheSettings.from_mapping(None)
    assert s == PrefixCacheSettings()
    assert (s.enabled, s.min_tokens, s.max_breakpoints, s.redis_timeout_ms, s.retry_after_s, s.log_interval_s,
            s.balance_abs_threshold, s.balance_rel_threshold, s.replicas_per_prefix, s.secret, s.prompt_cache_key,
            s.key_prefix, s.load_factor) == (True, 1024, 4, 50, 2.0, 30, 4.0, 2.0, 3, None, True, "di:pfx", None)
    assert s.redis_timeout_s == 0.05
    assert PrefixCacheSettings.from_mapping({}) == s


def test_all_fields(monkeypatch):
    monkeypatch.setenv("PFX_SECRET", "from-env")
    s = PrefixCacheSettings.from_mapping({
        "enabled": False, "min_tokens": 0, "max_breakpoints": 8, "redis_timeout_ms": 20, "retry_after_s": 0,
        "log_interval_s": 5.5, "load_factor": 2, "secret": "os.environ/PFX_SECRET", "prompt_cache_key": False,
        "key_prefix": "acme:pfx", "balance_abs_threshold": 0, "balance_rel_threshold": 2})
    assert (s.enabled, s.min_tokens, s.max_breakpoints, s.redis_timeout_ms, s.retry_after_s, s.log_interval_s,
            s.load_factor, s.secret, s.prompt_cache_key, s.key_prefix, s.balance_abs_threshold,
            s.balance_rel_threshold) == (False, 0, 8, 20.0, 0.0, 5.5, 2.0, "from-env", False, "acme:pfx", 0.0, 2.0)
    assert PrefixCacheSettings.from_mapping({"secret": None}).secret is None


@pytest.mark.parametrize(("mapping", "message"), [
    ([], "di.prefix_cache: expected a mapping, got list"),
    ({"colour": 1}, "di.prefix_cache.colour: unknown setting"),
    ({"enabled": "yes"}, "di.prefix_cache.enabled: expected a boolean, got string"),
    ({"prompt_cache_key": 1}, "di.prefix_cache.prompt_cache_key: expected a boolean, got integer"),
    ({"min_tokens": 1.5}, "di.prefix_cache.min_tokens: expected an integer, got number"),
    ({"min_tokens": -1}, "di.prefix_cache.min_tokens: must be at least 0"),
    ({"min_tokens": True}, "di.prefix_cache.min_tokens: expected an integer, got boolean"),
    ({"max_breakpoints": 0}, "di.prefix_cache.max_breakpoints: must be at least 1"),
    ({"redis_timeout_ms": 0}, "di.prefix_cache.redis_timeout_ms: must be greater than 0"),
    ({"redis_timeout_ms": "50ms"}, "di.prefix_cache.redis_timeout_ms: expected an integer or number, got string"),
    ({"retry_after_s": -1}, "di.prefix_cache.retry_after_s: must be at least 0"),
    ({"log_interval_s": float("nan")}, "di.prefix_cache.log_interval_s: must be a finite number"),
    ({"load_factor": 0.5}, "di.prefix_cache.load_factor: must be at least 1"),
    ({"balance_abs_threshold": -1}, "di.prefix_cache.balance_abs_threshold: must be at least 0"),
    ({"balance_rel_threshold": 0.5}, "di.prefix_cache.balance_rel_threshold: must be at least 1"),
    ({"secret": 42}, "di.prefix_cache.secret: expected a string, got integer"),
    ({"secret": ""}, "di.prefix_cache.secret: must not be empty"),
    ({"secret": "os.environ/PFX_UNSET_VAR"}, "di.prefix_cache.secret: environment variable PFX_UNSET_VAR is not set"),
    ({"key_prefix": "a b"}, "di.prefix_cache.key_prefix: must be a non-empty string without whitespace"),
    ({"key_prefix": None}, "di.prefix_cache.key_prefix: expected a string, got null"),
])
def test_errors_name_the_field(mapping, message):
    with pytest.raises(ConfigError) as info:
        PrefixCacheSettings.from_mapping(mapping)
    assert str(info.value).startswith(message)


def test_custom_path():
    with pytest.raises(ConfigError, match=r"^x\.y\.enabled:"):
        PrefixCacheSettings.from_mapping({"enabled": 1}, path="x.y")
