"""Built-in prefix caching: ``cache_control``-aware, tenant-scoped, load-aware affinity with engine feedback.

The plugin only wires hooks; the rules live in :mod:`di_plugins.prefix` (placement in
:mod:`~di_plugins.prefix.affinity`, pin sets and usage in :mod:`~di_plugins.prefix.usage`, keys in
:mod:`~di_plugins.prefix.keys`, shared in-flight counts in :mod:`~di_plugins.prefix.load`). Per request:

1. ``di_validate_request`` parses the ``cache_control`` breakpoints (a bad one is a 400 naming the field).
2. ``di_before_routing`` computes one key per breakpoint (a hash chain over the canonical prefix,
   namespaced by a keyed hash of the tenant and by the model group; OpenAI's ``prompt_cache_key``
   stands in when there is no breakpoint) and reads, in one Redis round trip, the keys' pin sets and
   the other gateway processes' in-flight requests per deployment of the group.
3. ``di_choose_deployments`` places the request (:func:`~di_plugins.prefix.affinity.place`): a pinned
   prefix stays on its least-loaded pinned deployment unless that one is imbalanced against the
   least-loaded deployment (absolute and relative thresholds on in-flight requests per slot, as
   SGLang's cache-aware router); a new or spilled prefix goes to the least-loaded deployment, ties
   broken by a rendezvous hash so every process agrees. Capacity per deployment:
   ``model_info.di_concurrency`` (optional; unknown = 1, a busy replica counts as full).
4. ``di_prepare_deployment_call`` counts the request in flight on the deployment it is sent to (every
   request of the gateway, with or without a prefix; a retry moves the count) and puts that
   deployment in front of every breakpoint key's pin set (up to ``replicas_per_prefix``
   deployments; :func:`~di_plugins.prefix.usage.dispatch_pins`), written in the background: requests
   that arrive while the first ones are still queued follow them instead of scattering a new prefix.
   It also injects a per-tenant ``cache_salt`` (a keyed hash, never the tenant name) for
   ``model_info.di_cache_salt: true``, strips ``cache_control`` for ``model_info.di_cache_control:
   strip``, and replaces a caller's ``prompt_cache_key`` with a keyed hash of tenant and key.
5. ``di_transform_usage`` keeps the backend's own ``cached_tokens`` (engine feedback, step 6) and
   reports ``usage.prompt_tokens_details.cached_tokens`` and ``cache_write_tokens``: a salted
   deployment's own figures are tenant-scoped and win, the index fills what it left out
   (``model_info.di_usage_from_index: false`` turns the filling off); an *unsalted* deployment (a
   hosted provider) caches across all tenants of the operator's account, so its figures are replaced
   by the tenant's own index figures (0 when the request has no cacheable prefix).
6. ``di_request_finished`` uncounts the request and applies the engine's verdict
   (:func:`~di_plugins.prefix.usage.finish_pins`): when the backend reported the prefix *cold* on a
   deployment it was pinned to while other copies exist (evicted, or a restarted replica), that pin
   is dropped; a failed request takes back the pin its dispatch added. One pipelined round trip, in
   the background, and none when nothing changes.

Redis down or slow: lookups and writes fail open within ``redis_timeout_ms`` and a circuit breaker
skips Redis for ``retry_after_s`` (see ``di_plugins.prefix.store``). Routing then uses this process's
own copy of the pin sets it sent requests by (:mod:`di_plugins.prefix.local`; also when Redis answers
without a key, e.g. restarted empty, and the only copy when no Redis is configured) and places the
prefixes it never saw as new (least loaded by this process's counts, ties by hash). The shared view
returns with the first lookups after Redis does.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from typing import Any

from ..context import RequestContext
from ..hookspecs import hookimpl
from ..metrics import Sample
from ..prefix.affinity import BYPASSED, PINNED, UNPINNED, place
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
from ..prefix.local import LocalPins
from ..prefix.settings import PrefixCacheSettings
from ..prefix.store import PrefixStore
from ..prefix.usage import dispatch_pins, engine_verdict, failed_pins, finish_pins, index_hit, usage_figures

STATE_KEY = "di.prefix"
COUNTED_KEY = "di.prefix.counted"  # the deployment a request is counted in flight on
PIN_SEPARATOR = "\x1f"  # between deployment ids in a pin set (ids may contain commas)
_PROMPT_CACHE_KEY_BREAKPOINT = Breakpoint(block=-1, ttl=300, path="prompt_cache_key")


@dataclass(slots=True)
class DeploymentSettings:
    """Prefix-cache settings of one deployment, read from its ``model_info``."""

    cache_salt: bool = False
    strip_cache_control: bool = False
    usage_from_index: bool = True
    concurrency: int | None = None   # requests the backend serves at once (None: unknown, counts as 1)

    @classmethod
    def from_model_info(cls, info: dict) -> DeploymentSettings:
        concurrency = info.get("di_concurrency")
        return cls(cache_salt=bool(info.get("di_cache_salt", False)),
                   strip_cache_control=info.get("di_cache_control", "pass") == "strip",
                   usage_from_index=bool(info.get("di_usage_from_index", True)),
                   concurrency=concurrency if isinstance(concurrency, int) and concurrency >= 1 else None)


@dataclass(slots=True)
class PrefixRequest:
    """What the plugin knows about one request."""

    blocks: list[bytes]
    breakpoints: list[Breakpoint]
    prompt_cache_key: str | None = None
    keys: list[PrefixKey] = field(default_factory=list)
    pins: list[list[str]] = field(default_factory=list)   # per key: pinned deployment ids, most recent first
    others: dict[str, int] = field(default_factory=dict)  # other gateway processes' in-flight, per deployment
    group_ids: set[str] = field(default_factory=set)
    dispatched: list[list[str]] = field(default_factory=list)  # per key: the pin set written at dispatch
    unwritten: bool = False   # dispatched but not yet sent to Redis (no event loop at dispatch)
    reported_cached: Any = None   # the backend's own usage figures (engine feedback)
    reported_prompt: Any = None


class PrefixCachePlugin:
    """Prefix-cache affinity, tenant isolation at the backend, and cache usage accounting."""

    name = "di.prefix_cache"

    def __init__(self, settings: PrefixCacheSettings | None = None, *, redis_url: str | None = None,
                 master_key: str | None = None, store: PrefixStore | None = None) -> None:
        self._store = store
        self.configure(settings or PrefixCacheSettings(), redis_url, master_key)
        self.load = SharedLoad(self.settings.key_prefix)
        self.inflight = self.load.local  # this process's exact counts
        self.local_pins = LocalPins()    # this process's recent pin sets (Redis timed out, down or emptied)
        self._group_ids: dict[str, list[str]] = {}
        self._deployments: dict[str, DeploymentSettings] = {}
        self._namespaces: dict[str, str] = {}
        self._salts: dict[str, str] = {}
        self.routed: dict[str, int] = {PINNED: 0, BYPASSED: 0, UNPINNED: 0}
        self._writes: set[asyncio.Task] = set()   # pin writes at dispatch, in flight

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
        if store is None:
            state.pins = [self.local_pins.get(k.key) for k in state.keys]
            return None
        return self._lookup(store, state, self._group_ids.get(ctx.model_group, []))

    async def _lookup(self, store: PrefixStore, state: PrefixRequest, group_ids: list[str]) -> None:
        """Pins and the other processes' load from Redis; per key, this process's own copy where Redis
        did not answer or does not hold the key (see :mod:`di_plugins.prefix.local`; the copy is written
        at dispatch, from the set read here)."""
        self.load.start(store.publish_load)
        shared = group_ids if len(group_ids) > 1 else []  # one deployment: nothing to balance
        values, hashes, answered = await store.lookup_with_load([k.key for k in state.keys],
                                                                [self.load.key(i) for i in shared])
        local = self.local_pins
        state.pins = [value.split(PIN_SEPARATOR) if value else local.get(key.key)
                      for key, value in zip(state.keys, values, strict=True)]
        state.others = self.load.others(shared, hashes) if answered else {}

    @hookimpl
    def di_choose_deployments(self, ctx: RequestContext, deployments: list[dict]) -> list[dict] | None:
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        if state is None or not state.keys or len(deployments) < 2:
            return None
        by_id: dict[str, dict] = {}
        capacity: dict[str, int | None] = {}
        for dep in deployments:
            info = dep.get("model_info") or {}
            dep_id = str(info.get("id"))
            by_id[dep_id] = dep
            capacity[dep_id] = self.deployment(info).concurrency
        state.group_ids = set(by_id)
        local, others = self.inflight, state.others
        load = {i: local.get(i, 0) + others.get(i, 0) for i in by_id}
        pinned: list[str] = []
        for pin_set in reversed(state.pins):  # the longest prefix that is pinned to a candidate
            if any(i in by_id for i in pin_set):
                pinned = pin_set
                break
        settings = self.settings
        chosen = place(state.keys[-1].key, list(by_id), pinned, load, capacity,
                       abs_threshold=settings.balance_abs_threshold, rel_threshold=settings.balance_rel_threshold)
        self.routed[chosen.outcome] += 1
        return [by_id[chosen.deployment]]

    @hookimpl
    def di_prepare_deployment_call(self, ctx: RequestContext, deployment: dict, call: dict) -> None:
        if not deployment or "id" not in deployment:
            return
        dep_id = str(deployment["id"])
        self._count(ctx, dep_id)
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        if state is not None and state.keys:
            self._pin_at_dispatch(ctx, state, dep_id)
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

    def _count(self, ctx: RequestContext, dep_id: str | None) -> None:
        """Count the request in flight on ``dep_id`` (None: on none), moving an earlier attempt's count."""
        before = ctx.extra.pop(COUNTED_KEY, None)
        if before is not None:
            self.load.add(before, -1)
        if dep_id is not None:
            self.load.add(dep_id, +1)
            ctx.extra[COUNTED_KEY] = dep_id

    @hookimpl
    def di_transform_usage(self, ctx: RequestContext, usage: dict) -> None:
        details = usage.get("prompt_tokens_details")
        if not isinstance(details, dict):
            details = usage["prompt_tokens_details"] = {}
        reported_cached, reported_write = details.get("cached_tokens"), details.get("cache_write_tokens")
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        settings = self._deployments.get(str(ctx.deployment_id))
        index: tuple[int, int] | None = None
        if state is not None:
            state.reported_cached, state.reported_prompt = reported_cached, usage.get("prompt_tokens")
            if state.keys and state.keys[-1].tokens:
                hit = index_hit([k.tokens for k in state.keys], state.pins, ctx.deployment_id)
                index = (hit, state.keys[-1].tokens - hit)
        cached, write = usage_figures(salted=settings is not None and settings.cache_salt,
                                      from_index=settings is None or settings.usage_from_index, index=index,
                                      reported_cached=reported_cached, reported_write=reported_write)
        if cached is None and write is None:
            return
        details["cached_tokens"] = cached
        details["cache_write_tokens"] = write

    @hookimpl
    def di_metrics(self) -> list[Sample]:
        out = [Sample("di_prefix_cache_routed_total", "counter",
                      "Requests with a cacheable prefix by routing outcome (pinned, bypassed for load, unpinned).",
                      n, {"outcome": outcome}) for outcome, n in self.routed.items()]
        out.append(Sample("di_prefix_cache_inflight", "gauge", "In-flight requests of this process (counted per deployment for placement).",
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

    def _in_group(self, ctx: RequestContext, state: PrefixRequest, dep_id: str) -> bool:
        """Whether ``dep_id`` serves the request's own group (a fallback group's pins live elsewhere)."""
        group = state.group_ids or set(self._group_ids.get(ctx.model_group or "", ()))
        return not group or dep_id in group

    def _pin_at_dispatch(self, ctx: RequestContext, state: PrefixRequest, dep_id: str) -> None:
        """Put ``dep_id`` in front of every key's pin set as the request is sent, so that requests
        arriving meanwhile follow it (written in the background; an unchanged set is only touched)."""
        if not self._in_group(ctx, state, dep_id):
            state.dispatched = []
            return
        keep = self.settings.replicas_per_prefix
        allowed = state.group_ids or None
        before = state.pins or [[] for _ in state.keys]
        state.dispatched = [dispatch_pins(pin_set, dep_id, keep, allowed) for pin_set in before]
        for key, pins in zip(state.keys, state.dispatched, strict=True):
            self.local_pins.put(key.key, pins, key.ttl)
        store = self.store
        if store is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:   # called outside the event loop (tests): written when the request ends
            state.unwritten = True
            return
        state.unwritten = False
        write = store.update(*self._changes(state.keys, before, state.dispatched))
        task = loop.create_task(write)
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait (at most ``timeout`` seconds) for the pin writes started at dispatch (tests; shutdown)."""
        if self._writes:
            await asyncio.wait(list(self._writes), timeout=timeout)

    @staticmethod
    def _changes(keys: list[PrefixKey], before: list[list[str]],
                 after: list[list[str] | None]) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
        """Pins to write (sets that changed) and TTLs to refresh (sets that did not)."""
        pins: list[tuple[str, str, int]] = []
        touches: list[tuple[str, int]] = []
        for key, old, new in zip(keys, before, after, strict=True):
            if new is None:
                continue
            if new == old:
                touches.append((key.key, key.ttl))
            else:
                pins.append((key.key, PIN_SEPARATOR.join(new), key.ttl))
        return pins, touches

    @hookimpl
    def di_request_finished(self, ctx: RequestContext, outcome: dict) -> Any:
        self._count(ctx, None)
        state: PrefixRequest | None = ctx.extra.get(STATE_KEY)
        if state is None or not state.keys or not state.dispatched:
            return None
        served = outcome.get("deployment_id")
        if not served or not self._in_group(ctx, state, served):
            return None
        before = state.pins or [[] for _ in state.keys]
        current = state.dispatched
        if state.unwritten:   # the dispatch's own write is still to do: it is the baseline
            pins, touches = self._changes(state.keys, before, current)
        else:
            pins, touches = [], []
        if outcome.get("ok"):
            after = [finish_pins(cur, old, served,
                                 engine_verdict(state.reported_cached, key.tokens, state.reported_prompt))
                     for key, cur, old in zip(state.keys, current, before, strict=True)]
        else:
            after = [failed_pins(cur, old, served) for cur, old in zip(current, before, strict=True)]
        fixes, _ = self._changes(state.keys, current, after)
        for key, pin_set in zip(state.keys, after, strict=True):
            if pin_set is not None:
                self.local_pins.put(key.key, pin_set, key.ttl)
        store = self.store
        if store is None:
            return None
        if fixes:
            done = {k for k, _, _ in fixes}
            pins = [p for p in pins if p[0] not in done] + fixes
            touches = [t for t in touches if t[0] not in done]
        if not pins and not touches:
            return None
        return store.update(pins, touches)


def redis_url_from(config_redis_url: str | None) -> str | None:
    """``di.redis_url``, else ``$DI_REDIS_URL`` (set by ``di-gateway serve``), else ``$REDIS_URL``, else
    None (no shared state: rendezvous routing only)."""
    return config_redis_url or os.environ.get("DI_REDIS_URL") or os.environ.get("REDIS_URL") or None
