"""The pure core of prefix caching (no LiteLLM): breakpoints, keys, the Redis pin store, settings.

* :mod:`.breakpoints` — read and validate ``cache_control``, canonical blocks of the prefix;
* :mod:`.keys` — tenant namespaces, ``cache_salt``, the hash-chain keys per breakpoint;
* :mod:`.store` — prefix → deployment pins in Redis, one round trip, failing open behind a breaker;
* :mod:`.settings` — the ``di.prefix_cache`` settings.
"""

from .breakpoints import Breakpoint, estimate_block_tokens, has_cache_control, parse, strip_cache_control
from .keys import (
    PrefixKey,
    cache_salt,
    derive_secret,
    prefix_keys,
    prompt_cache_key_key,
    tenant_namespace,
)
from .settings import PrefixCacheSettings
from .store import PrefixStore, PrefixStoreStats

__all__ = ["Breakpoint", "PrefixCacheSettings", "PrefixKey", "PrefixStore", "PrefixStoreStats", "cache_salt",
           "derive_secret", "estimate_block_tokens", "has_cache_control", "parse", "prefix_keys",
           "prompt_cache_key_key", "strip_cache_control", "tenant_namespace"]
