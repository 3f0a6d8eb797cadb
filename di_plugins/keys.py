"""API keys and tenants without a database: the master key plus the keys declared under ``di.keys``.

Keys are looked up by the SHA-256 digest of the presented key, so lookup time does not depend on how
much of a real key the presented one shares, and no key is kept in plain text after start-up.
"""

from __future__ import annotations

import hashlib

from .config import MASTER_TENANT, DIConfig
from .context import Tenant


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


class KeyStore:
    """Maps an API key to its :class:`Tenant`; unknown keys map to ``None``."""

    def __init__(self, config: DIConfig) -> None:
        self._by_digest: dict[bytes, Tenant] = {}
        if config.master_key:
            self._by_digest[_digest(config.master_key)] = Tenant(tenant=MASTER_TENANT, key_name="master")
        for spec in config.keys:
            self._by_digest[_digest(spec.key)] = Tenant(tenant=spec.tenant, key_name=spec.name)

    def lookup(self, key: str | None) -> Tenant | None:
        if not key:
            return None
        return self._by_digest.get(_digest(key))

    def __len__(self) -> int:
        return len(self._by_digest)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header value (scheme case-insensitive)."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None
