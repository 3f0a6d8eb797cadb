"""The prefix-cache plugin's routing and accounting, with a fakeredis store and no proxy."""

from __future__ import annotations

import asyncio

import fakeredis.aioredis
import pytest

from di_plugins.builtin.prefix_cache import STATE_KEY, PrefixCachePlugin
from di_plugins.context import RequestContext, Tenant
from di_plugins.errors import RequestError
from di_plugins.prefix.settings import PrefixCacheSettings
from di_plugins.prefix.store import PrefixStore

DEPLOYMENTS = [{"model_info": {"id": f"d{i}", "di_cache_salt": True}, "litellm_params": {}} for i in range(4)]


def request(seed: str, turn: str = "hi") -> dict:
    text = " ".join(f"{seed} rule {i}." for i in range(800))
    return {"model": "m", "messages": [
        {"role": "system", "content": [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]},
        {"role": "user", "content": turn}]}


@pytest.fixture()
def plugin() -> PrefixCachePlugin:
    store = PrefixStore(client=fakeredis.aioredis.FakeRedis(), timeout_s=0.5)
    return PrefixCachePlugin(PrefixCacheSettings(min_tokens=100), redis_url=None, master_key="sk-m", store=store)


def route(plugin: PrefixCachePlugin, body: dict, tenant: str = "a", deployments=DEPLOYMENTS) -> RequestContext:
    ctx = RequestContext(tenant=Tenant(tenant, tenant), model_group="pro")
    plugin.di_validate_request(body, ctx)
    pending = plugin.di_before_routing(body, ctx)
    if pending is not None:
        asyncio.run(pending)
    chosen = plugin.di_choose_deployments(ctx, deployments)
    ctx.deployment_id = chosen[0]["model_info"]["id"] if chosen else None
    if chosen:  # as the journey does: the request is sent, hence counted in flight
        plugin.di_prepare_deployment_call(ctx, chosen[0]["model_info"], {"messages": body["messages"]})
    return ctx


def finish(plugin: PrefixCachePlugin, ctx: RequestContext) -> None:
    pending = plugin.di_request_finished(ctx, {"ok": True, "deployment_id": ctx.deployment_id, "usage": None})
    if pending is not None:
        asyncio.run(pending)


def test_repeated_prefix_sticks_and_reports_index_usage(plugin: PrefixCachePlugin) -> None:
    first = route(plugin, request("alpha"))
    usage = {"prompt_tokens": 5000, "prompt_tokens_details": None}
    plugin.di_transform_usage(first, usage)
    assert usage["prompt_tokens_details"]["cached_tokens"] == 0
    assert usage["prompt_tokens_details"]["cache_write_tokens"] > 1000
    finish(plugin, first)
    for turn in ("a", "b", "c"):
        again = route(plugin, request("alpha", turn))
        assert again.deployment_id == first.deployment_id
        usage = {"prompt_tokens": 5000}
        plugin.di_transform_usage(again, usage)
        assert usage["prompt_tokens_details"]["cached_tokens"] > 1000
        finish(plugin, again)
    assert plugin.routed["pinned"] == 3 and plugin.inflight == {}


def test_backend_reported_usage_wins(plugin: PrefixCachePlugin) -> None:
    ctx = route(plugin, request("beta"))
    usage = {"prompt_tokens_details": {"cached_tokens": 7}}
    plugin.di_transform_usage(ctx, usage)
    assert usage["prompt_tokens_details"]["cached_tokens"] == 7


def test_new_prefixes_spread_by_rendezvous_hash_and_agree_across_processes(plugin: PrefixCachePlugin) -> None:
    other = PrefixCachePlugin(PrefixCacheSettings(min_tokens=100), redis_url=None, master_key="sk-m")
    chosen = set()
    for seed in ("a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8"):
        ctx1, ctx2 = route(plugin, request(seed)), route(other, request(seed))
        assert ctx1.deployment_id == ctx2.deployment_id
        chosen.add(ctx1.deployment_id)
        finish(plugin, ctx1)
        finish(other, ctx2)
    assert len(chosen) >= 2


def test_overloaded_pin_spills_and_the_spill_joins_the_pin_set(plugin: PrefixCachePlugin) -> None:
    first = route(plugin, request("hot"))
    finish(plugin, first)
    held = [route(plugin, request("hot", str(i))) for i in range(6)]  # in flight, not finished
    served = [c.deployment_id for c in held]
    assert served[:5] == [first.deployment_id] * 5, "stays while within the absolute threshold (4)"
    assert served[5] != first.deployment_id, "5 in flight against 0 elsewhere: spilled"
    assert plugin.routed["bypassed"] == 1
    for ctx in held:
        finish(plugin, ctx)
    value = asyncio.run(plugin.store.lookup([plugin_key(plugin, held[-1])]))[0]
    assert 2 <= len(value.split("\x1f")) <= 3  # the spill joined the pin set (replicas_per_prefix = 3)


def plugin_key(plugin: PrefixCachePlugin, ctx: RequestContext) -> str:
    return ctx.extra[STATE_KEY].keys[-1].key


def test_tenants_do_not_share_pins_and_get_different_salts(plugin: PrefixCachePlugin) -> None:
    a = route(plugin, request("shared"), tenant="a")
    finish(plugin, a)
    b = route(plugin, request("shared"), tenant="b")
    assert plugin_key(plugin, a) != plugin_key(plugin, b)
    usage = {"prompt_tokens_details": {}}
    plugin.di_transform_usage(b, usage)
    assert usage["prompt_tokens_details"]["cached_tokens"] == 0
    calls = [{"messages": []}, {"messages": []}]
    plugin.di_prepare_deployment_call(a, DEPLOYMENTS[0]["model_info"], calls[0])
    plugin.di_prepare_deployment_call(b, DEPLOYMENTS[0]["model_info"], calls[1])
    salts = [c["extra_body"]["cache_salt"] for c in calls]
    assert salts[0] != salts[1] and "a" != salts[0]


def test_strip_cache_control_per_deployment(plugin: PrefixCachePlugin) -> None:
    ctx = route(plugin, request("strip"))
    body = request("strip")
    call = {"messages": body["messages"]}
    plugin.di_prepare_deployment_call(ctx, {"id": "x", "di_cache_control": "strip"}, call)
    assert "cache_control" not in str(call["messages"])
    assert "cache_control" in str(body["messages"]), "the caller's request is not mutated"


def test_redis_down_still_routes_by_rendezvous() -> None:
    store = PrefixStore("redis://127.0.0.1:1/0", timeout_s=0.05, retry_after_s=60)
    plugin = PrefixCachePlugin(PrefixCacheSettings(min_tokens=100), redis_url=None, master_key="sk", store=store)
    first = route(plugin, request("gamma"))
    finish(plugin, first)
    again = route(plugin, request("gamma", "next"))
    assert first.deployment_id == again.deployment_id
    assert store.stats.failures >= 1


def test_invalid_breakpoint_is_a_400(plugin: PrefixCachePlugin) -> None:
    body = request("bad")
    body["messages"][0]["content"][0]["cache_control"] = {"type": "ephemeral", "ttl": "2h"}
    with pytest.raises(RequestError) as info:
        plugin.di_validate_request(body, RequestContext())
    assert info.value.error.param == "messages[0].content[0].cache_control.ttl"


class _BrokenClient:
    """A Redis client whose every round trip fails (a dead or overloaded Redis)."""

    def pipeline(self, transaction: bool = False):
        raise ConnectionError("redis down")

    async def mget(self, keys):
        raise ConnectionError("redis down")


def test_affinity_survives_redis_failing_through_the_local_copy(plugin: PrefixCachePlugin) -> None:
    first = route(plugin, request("steady"))
    finish(plugin, first)
    plugin.store._client = _BrokenClient()
    held = [route(plugin, request("steady", str(i))) for i in range(3)]  # in flight: the load would move a new prefix
    assert [c.deployment_id for c in held] == [first.deployment_id] * 3
    assert plugin.store.is_open and plugin.routed["pinned"] == 3 and plugin.routed["unpinned"] == 1
    fresh = route(plugin, request("never-seen"))
    assert fresh.deployment_id != first.deployment_id, "an unknown prefix is still placed by load"


def test_affinity_survives_redis_restarted_empty(plugin: PrefixCachePlugin) -> None:
    first = route(plugin, request("kept"))
    finish(plugin, first)
    asyncio.run(plugin.store._client.flushall())
    again = route(plugin, request("kept", "next"))  # first's load is gone; the local copy still pins it
    assert again.deployment_id == first.deployment_id and plugin.routed["pinned"] == 1


def test_without_redis_one_process_keeps_its_own_pins() -> None:
    alone = PrefixCachePlugin(PrefixCacheSettings(min_tokens=100), redis_url=None, master_key="sk-m")
    assert alone.store is None
    first = route(alone, request("solo"))
    second = route(alone, request("solo", "b"))  # first still in flight: by load alone it would move
    assert second.deployment_id == first.deployment_id and alone.routed["pinned"] == 1
    finish(alone, first)
    finish(alone, second)
    assert alone.inflight == {} and alone.local_pins.get(plugin_key(alone, first)) == [first.deployment_id]
