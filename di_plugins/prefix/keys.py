"""Redis keys for cached prefixes: a hash chain over canonical blocks, namespaced by tenant and group.

Key shape: ``{key_prefix}:{namespace}:{group}:{hash}`` where ``namespace`` is a keyed hash of the tenant
(:func:`tenant_namespace`, never the tenant's name) and ``hash`` the first 32 hex digits of

    h_0 = sha256("di-pfx-chain/v1" [+ HMAC(secret) if a secret is given])
    h_i = sha256(h_{i-1} || len(block_i) as 8 bytes || block_i)

taken at a breakpoint's block. Keys reveal no prompt text; with ``secret`` passed to :func:`prefix_keys`
(recommended) someone who can read Redis cannot even confirm a guessed prompt. Another tenant (other
namespace) or model group never shares a key; a change in block ``i`` changes the keys of every
breakpoint at ``i`` or later.

Tokens are estimated per block with :func:`~di_plugins.prefix.breakpoints.estimate_block_tokens`
(canonical UTF-8 bytes / 4, rounded up; image/audio/video parts 1000, file parts 3000).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from .breakpoints import Breakpoint, estimate_block_tokens

_CHAIN_SEED = b"di-pfx-chain/v1"


def _secret_bytes(secret: bytes | str) -> bytes:
    return secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)


def _keyed(secret: bytes | str, domain: bytes, value: str) -> str:
    return hmac.new(_secret_bytes(secret), domain + b"\x00" + value.encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()


def derive_secret(master_key: str) -> bytes:
    """A prefix-cache secret derived from the gateway's master key (when ``secret`` is not configured).

    Stable across processes and replicas that share the master key; not the master key itself.
    """
    return hmac.new(master_key.encode("utf-8"), b"di-gateway/prefix-cache/secret/v1", hashlib.sha256).digest()


def tenant_namespace(secret: bytes | str, tenant: str) -> str:
    """The tenant's key namespace: 16 hex digits of HMAC-SHA256(secret, tenant) (never the name)."""
    return _keyed(secret, b"di-pfx/namespace/v1", tenant)[:16]


def cache_salt(secret: bytes | str, tenant: str) -> str:
    """The tenant's vLLM/SGLang ``cache_salt``: a keyed hash, domain-separated from the namespace."""
    return _keyed(secret, b"di-pfx/cache-salt/v1", tenant)[:32]


@dataclass(frozen=True, slots=True)
class PrefixKey:
    """The Redis key of one breakpoint's prefix, its estimated tokens and TTL (seconds)."""

    key: str
    tokens: int
    ttl: int
    breakpoint: Breakpoint


def chain_seed(secret: bytes | str | None = None) -> bytes:
    """``h_0`` of the chain (keyed when a secret is given)."""
    if secret is None:
        return hashlib.sha256(_CHAIN_SEED).digest()
    return hmac.new(_secret_bytes(secret), _CHAIN_SEED, hashlib.sha256).digest()


def prefix_keys(blocks: Sequence[bytes], breakpoints: Sequence[Breakpoint], *, namespace: str, group: str,
                key_prefix: str = "di:pfx", min_tokens: int = 1024,
                secret: bytes | str | None = None) -> list[PrefixKey]:
    """One key per breakpoint whose prefix has at least ``min_tokens`` estimated tokens.

    Ordered shortest → longest prefix (breakpoints are in block order). Breakpoints past the end of
    ``blocks`` are ignored.
    """
    if not breakpoints:
        return []
    out: list[PrefixKey] = []
    base = f"{key_prefix}:{namespace}:{group}:"
    h = chain_seed(secret)
    sha256 = hashlib.sha256
    tokens = 0
    pos = 0
    for bp in breakpoints:
        end = bp.block
        if end >= len(blocks):
            break
        while pos <= end:
            block = blocks[pos]
            step = sha256(h)
            step.update(len(block).to_bytes(8, "big"))
            step.update(block)
            h = step.digest()
            tokens += estimate_block_tokens(block)
            pos += 1
        if end < pos - 1:   # breakpoints out of order: not produced by parse()
            continue
        if tokens >= min_tokens:
            out.append(PrefixKey(key=base + h.hex()[:32], tokens=tokens, ttl=bp.ttl, breakpoint=bp))
    return out


def prompt_cache_key_key(prompt_cache_key: str, *, namespace: str, group: str, key_prefix: str = "di:pfx",
                         secret: bytes | str | None = None) -> str:
    """The Redis key for a caller's OpenAI ``prompt_cache_key`` (hashed, same namespacing)."""
    data = b"di-pfx/prompt-cache-key/v1\x00" + str(prompt_cache_key).encode("utf-8", "surrogatepass")
    if secret is None:
        digest = hashlib.sha256(data).hexdigest()
    else:
        digest = hmac.new(_secret_bytes(secret), data, hashlib.sha256).hexdigest()
    return f"{key_prefix}:{namespace}:{group}:pck:{digest[:32]}"
