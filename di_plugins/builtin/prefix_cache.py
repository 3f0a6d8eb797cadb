"""Built-in prefix caching: ``cache_control``-aware, tenant-scoped affinity with bounded loads.

Per request:

1. ``di_validate_request`` parses the ``cache_control`` breakpoints (a bad one is a 400 naming the field).
2. ``di_before_routing`` computes one key per breakpoint (a hash chain over the canonical prefix,
   namespaced by a keyed hash of the tenant and by the model group; OpenAI's ``prompt_cache_key``
   stands in when there is no breakpoint) and looks them all up in Redis in one ``MGET``.
3. ``di_choose_deployments`` routes to a deployment pinned for the longest matching prefix (the least
   loaded one when a hot prefix is pinned to several), unless it carries more than its share of
   in-flight requests: the bound is ``ceil(load_factor * (in-flight + 1) / healthy deployments)``
   (consistent hashing with bounded loads). Then the request spills to the least-loaded deployment,
   which joins the prefix's pin set on success (up to ``replicas_per_prefix`` deployments, most
   recent first), so a hot prefix is served warm by a few replicas instead of moving back and forth.
   Unpinned prefixes go to the first deployment under the bound in rendezvous-hash order of the
   prefix key, so every gateway process sends a new prefix to the same replica even before the pin
   exists. In-flight counts are those of every gateway process (:mod:`di_plugins.prefix.load`: each
   process publishes its own to Redis, and the pin lookup reads the others' in the same round trip).
4. ``di_prepare_deployment_call`` injects a per-tenant ``cache_salt`` (a keyed hash, never the tenant
   name) for deployments with ``model_info.di_cache_salt: true``, strips ``cache_control`` for
   deployments with ``model_info.di_cache_control: strip``, and replaces a caller's
   ``prompt_cache_key`` with a keyed hash of tenant and key, so tenants cannot share provider caches
   by choosing the same key.
5. ``di_transform_usage`` reports ``usage.prompt_tokens_details.cached_tokens`` and
   ``cache_write_tokens`` (non-streaming responses and the usage chunk of a stream). A salted deployment's own figures are tenant-scoped and win; the index
   fills what it left out (read = the matched prefix on a hit, write = the prefix tokens beyond it;
   ``model_info.di_usage_from_index: false`` turns the filling off). An *unsalted* deployment (a
   hosted provider) caches across all tenants of the operator's account, so its figures could tell a
   tenant that another tenant sent the same prefix: they are replaced by the tenant's own index
   figures (0 when the request has no cacheable prefix).
6. ``di_request_finished`` pins every breakpoint's key to the deployment that served the request
   (added in front of the key's pin set; an unchanged set just has its TTL refreshed), in one
   pipelined round trip, in the background.

Redis down or slow: lookups and writes fail open within ``redis_timeout_ms`` and a circuit breaker
skips Redis for ``retry_after_s`` (see ``di_plugins.prefix.store``); routing then falls back to the
rendezvous order, which still keeps a prefix on one replica while the deployment set is stable.
"""

from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass, field
from typing import Any

from ..context import RequestContext
from ..hookspecs import hookimpl
from ..metrics import Sample
from ..prefix.breakpoints import Breakpoint, parse, strip_cache_control
from ..prefix.keys import (
    PrefixKey,
    cache_salt,
    derive_secret,
    prefix_keys,
    prompt_cache_key_key,
    tenant_namespace,
)
from ..prefix.load import SharedLoad
from ..prefix.settings import PrefixCacheSettings
from ..prefix.store import PrefixStore

STATE_KEY = "di.prefix"
PIN_SEPARATOR = "\x1f"  # between deployment ids in a pin set (ids may contain commas)
_PROMPT_CACHE_KEY_BREAKPOINT = Breakpoint(block=-1, ttl=300, path="prompt_cache_key")


@dataclass(slots=True)
class DeploymentSettings:
    """Prefix-cache settings of one deployment, read from its ``model_info``."""

    cache_salt: bool = False
    strip_cache_control: bool = False
    usage_from_index: bool = True

    @classmethod
    def from_model_info(cls, info: dict) -> DeploymentSettings:
        return cls(cache_salt=bool(info.get("di_cache_salt", False)),
                   strip_cache_control=info.get("di_cache_control", "pass") == "strip",
                   usage_from_index=bool(info.get("di_usage_from_index", True)))


@dataclass(slots=True)
class PrefixRequest:
    """What the plugin knows about one request."""

    blocks: list[bytes]
    breakpoints: list[Breakpoint]
    prompt_cache_key: str | None = None
    keys: list[PrefixKey] = field(default_factory=list)
    pins: list[list[str]] = field(default_factory=list)   # per key: pinned deployment ids, most recent first
    others: dict[str, int] = field(default_factory=dict)  # other gateway processes' in-flight, per deployment
    counted: list[str] = field(default_factory=list)
    group_ids: set[str] = field(default_factory=set)


def _rendezvous(key: str, deployment_id: str) -> bytes:
    return hashlib.blake2b(f"{key}|{deployment_id}".encode(), digest_size=8).digest()


class PrefixCachePlugin:
    """Prefix-cache affinity, tenant isolation at the backend, and cache usage accounting."""

    name = "di.prefix_cache"

    def __init__(self, settings: PrefixCacheSettings | None = None, *, redis_url: str | None = None,
                 master_key: str | None = None, store: PrefixStore | None = None) -> None:
        self._store = store
        self.configure(settings or PrefixCacheSettings(), redis_url, master_key)
        self.load = SharedLoad(self.settings.key_prefix)
        self.inflight = self.load.local  # this process's exact counts
        self._group_ids: dict[str, list[str]] = {}
        self._deployments: dict[str, DeploymentSettings] = {}
        self._namespaces: dict[str, str] = {}
        self._salts: dict[str, str] = {}
        self.routed: dict[str, int] = {"pinned": 0, "bypassed": 0, "unpinned": 0}

    def configure(self, settings: PrefixCacheSettings, redis_url: str | None, master_key: str | None) -> None:
        self.settings = settings
        self.redis_url = redis_url
        self.secret = (settings.secret.encode() if settings.secret
                       else derive_secret(master_key or "di-gateway-without-master-key"))

    @hookimpl
    def di_configure(self, config: Any) -> None:
        self.configure(config.di.prefix_cache, redis_url_from(config.di.redis_url), config.di.master_key)
        self.load.key_prefix = self.settings.key_prefix
        for dep in config.deployments:
            self.deployment(dep.model_info)
            self._group_ids.setdefault(dep.group, []).append(dep.id)

    # -- helpers -----------------------------------------------------------------------------------

    @property
    def store(self) -> PrefixStore | None:
        if self._store is None and self.redis_url:
            self._store = PrefixStore.from_settings(self.redis_url, self.settings)
        return self._store

    def namespace(self, tenant: str) -> str:
        ns = self._namespaces.get(tenant)
        if ns is None:
            ns = self._namespaces[tenant] = tenant_namespace(self.secret, tenant)
        return ns

    def salt(self, tenant: str) -> str:
        salt = self._salts.get(tenant)
        if salt is None:
            salt = self._salts[tenant] = cache_salt(self.secret, tenant)
        return salt

    def deployment(self, info: dict) -> DeploymentSettings:
        dep_id = str(info.get("id"))
        found = self._deployments.get(dep_id)
        if found is None:
            found = self._deployments[dep_id] = DeploymentSettings.from_model_info(info)
        return found

    # -- hooks -------------------------------------------------------------------------------------

    @hookimpl
    def di_validate_request(self, request: dict, ctx: RequestContext) -> None:
        if not self.settings.enabled:
            return
        blocks, breakpoints = parse(request, max_breakpoints=self.settings.max_breakpoints)
        pck = request.get("prompt_cache_key") if self.settings.prompt_cache_key else None
        if breakpoints or isinstance(pck, str) and pck:
            ctx.extra[STATE_KEY] = PrefixRequest(blocks, breakpoints, pck if not breakpoints else None)

    @hookimpl
    def di_before_routing(self, request: dict, ctx: RequestContext) -> Any:
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        if state is None or ctx.tenant is None or not ctx.model_group:
            return None
        namespace = self.namespace(ctx.tenant.tenant)
        if state.breakpoints:
            state.keys = prefix_keys(state.blocks, state.breakpoints, namespace=namespace, group=ctx.model_group,
                                     key_prefix=self.settings.key_prefix, min_tokens=self.settings.min_tokens,
                                     secret=self.secret)
        elif state.prompt_cache_key:
            key = prompt_cache_key_key(state.prompt_cache_key, namespace=namespace, group=ctx.model_group,
                                       key_prefix=self.settings.key_prefix, secret=self.secret)
            state.keys = [PrefixKey(key=key, tokens=0, ttl=300, breakpoint=_PROMPT_CACHE_KEY_BREAKPOINT)]
        if not state.keys:
            return None
        store = self.store
        state.pins = [[] for _ in state.keys]
        if store is None:
            return None
        return self._lookup(store, state, self._group_ids.get(ctx.model_group, []))

    async def _lookup(self, store: PrefixStore, state: PrefixRequest, group_ids: list[str]) -> None:
        self.load.start(store.publish_load)
        shared = group_ids if len(group_ids) > 1 else []  # one deployment: nothing to balance
        values, hashes = await store.lookup_with_load([k.key for k in state.keys],
                                                      [self.load.key(i) for i in shared])
        state.pins = [value.split(PIN_SEPARATOR) if value else [] for value in values]
        state.others = self.load.others(shared, hashes)

    @hookimpl
    def di_choose_deployments(self, ctx: RequestContext, deployments: list[dict]) -> list[dict] | None:
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        if state is None or not state.keys or len(deployments) < 2:
            return None
        by_id: dict[str, dict] = {}
        for dep in deployments:
            info = dep.get("model_info") or {}
            dep_id = str(info.get("id"))
            by_id[dep_id] = dep
            self.deployment(info)
        state.group_ids = set(by_id)
        local, others = self.inflight, state.others

        def load(i: str, default: int = 0) -> int:
            return local.get(i, default) + others.get(i, 0)

        bound = math.ceil(self.settings.load_factor * (sum(load(i) for i in by_id) + 1) / len(by_id))

        pinned: list[str] = []
        for pin_set in reversed(state.pins):
            pinned = [i for i in pin_set if i in by_id]
            if pinned:
                break
        warm = [i for i in pinned if load(i, 0) + 1 <= bound]
        if warm:
            chosen = min(warm, key=lambda i: load(i, 0))
            self.routed["pinned"] += 1
        else:
            longest = state.keys[-1].key
            order = sorted(by_id, key=lambda i: _rendezvous(longest, i), reverse=True)
            under = [i for i in order if load(i, 0) + 1 <= bound] or order
            if pinned:  # every warm copy is overloaded: spill to the least loaded, which joins the pin set
                chosen = min(under, key=lambda i: load(i, 0))
                self.routed["bypassed"] += 1
            else:
                chosen = under[0]
                self.routed["unpinned"] += 1
        self.load.add(chosen, +1)
        state.counted.append(chosen)
        return [by_id[chosen]]

    @hookimpl
    def di_prepare_deployment_call(self, ctx: RequestContext, deployment: dict, call: dict) -> None:
        if not deployment or "id" not in deployment:
            return
        settings = self.deployment(deployment)
        pck = call.get("prompt_cache_key")
        if isinstance(pck, str) and ctx.tenant is not None:
            call["prompt_cache_key"] = "di-" + tenant_namespace(self.secret, f"pck\x00{ctx.tenant.tenant}\x00{pck}")
        if settings.cache_salt and ctx.tenant is not None:
            call["extra_body"] = {**(call.get("extra_body") or {}), "cache_salt": self.salt(ctx.tenant.tenant)}
        if settings.strip_cache_control:
            stripped = strip_cache_control({"messages": call.get("messages"), "tools": call.get("tools")})
            if stripped.get("messages") is not None:
                call["messages"] = stripped["messages"]
            if stripped.get("tools") is not None:
                call["tools"] = stripped["tools"]

    def _usage_figures(self, ctx: RequestContext, reported_cached: Any, reported_write: Any) -> tuple[Any, Any]:
        """(cached_tokens, cache_write_tokens) to report, from the backend's figures and the index."""
        settings = self._deployments.get(str(ctx.deployment_id))
        salted = settings is not None and settings.cache_salt
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        index: tuple[int, int] | None = None
        if state is not None and state.keys and state.keys[-1].tokens:
            served = ctx.deployment_id
            hit = max((k.tokens for k, pin_set in zip(state.keys, state.pins, strict=False) if served in pin_set),
                      default=0)
            index = (hit, state.keys[-1].tokens - hit)
        if not salted:  # shared across tenants at the backend: only the tenant's own index may speak
            if reported_cached is None and reported_write is None and index is None:
                return None, None
            return (index or (0, 0))
        if index is None or (settings is not None and not settings.usage_from_index):
            return reported_cached, reported_write
        cached = index[0] if reported_cached is None else reported_cached
        write = max(0, sum(index) - cached) if reported_write is None else reported_write
        return cached, write

    @hookimpl
    def di_transform_usage(self, ctx: RequestContext, usage: dict) -> None:
        details = usage.get("prompt_tokens_details")
        if not isinstance(details, dict):
            details = usage["prompt_tokens_details"] = {}
        cached, write = self._usage_figures(ctx, details.get("cached_tokens"), details.get("cache_write_tokens"))
        if cached is None and write is None:
            return
        details["cached_tokens"] = cached
        details["cache_write_tokens"] = write

    @hookimpl
    def di_metrics(self) -> list[Sample]:
        out = [Sample("di_prefix_cache_routed_total", "counter",
                      "Requests with a cacheable prefix by routing outcome (pinned, bypassed for load, unpinned).",
                      n, {"outcome": outcome}) for outcome, n in self.routed.items()]
        out.append(Sample("di_prefix_cache_inflight", "gauge", "In-flight requests with a cacheable prefix.",
                          sum(self.inflight.values())))
        store = self._store
        if store is not None:
            for name, value in store.stats.as_dict().items():
                out.append(Sample(f"di_prefix_cache_redis_{name}_total", "counter",
                                  f"Prefix-cache Redis operations: {name.replace('_', ' ')}.", value))
            out.append(Sample("di_prefix_cache_redis_circuit_open", "gauge",
                              "1 while Redis is skipped after a failure (serving without affinity).",
                              int(store.is_open)))
        return out

    @hookimpl
    def di_health(self) -> dict[str, str]:
        store = self.store if self.settings.enabled else None
        if store is None:
            return {"prefix_cache_redis": "off"}
        return {"prefix_cache_redis": "degraded" if store.is_open else "ok"}

    @hookimpl
    def di_request_finished(self, ctx: RequestContext, outcome: dict) -> Any:
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        if state is None:
            return None
        for dep_id in state.counted:
            self.load.add(dep_id, -1)
        state.counted.clear()
        served = outcome.get("deployment_id")
        store = self.store
        if not outcome.get("ok") or not served or not state.keys or store is None:
            return None
        if state.group_ids and served not in state.group_ids:
            return None  # served by a fallback group: its pins belong to another namespace
        keep = self.settings.replicas_per_prefix
        pins: list[tuple[str, str, int]] = []
        touches: list[tuple[str, int]] = []
        for key, pin_set in zip(state.keys, state.pins or [[] for _ in state.keys], strict=True):
            if pin_set and pin_set[0] == served:
                touches.append((key.key, key.ttl))
                continue
            new_set = [served] + [i for i in pin_set if i != served and (not state.group_ids or i in state.group_ids)]
            pins.append((key.key, PIN_SEPARATOR.join(new_set[:keep]), key.ttl))
        return store.update(pins, touches)


def redis_url_from(config_redis_url: str | None) -> str | None:
    """``di.redis_url``, else ``$DI_REDIS_URL`` (set by ``di-gateway serve``), else ``$REDIS_URL``, else
    None (no shared state: rendezvous routing only)."""
    return config_redis_url or os.environ.get("DI_REDIS_URL") or os.environ.get("REDIS_URL") or None
