"""In-flight counts shared by gateway processes (di_plugins.prefix.load), with fakeredis: each process
publishes its own counts, reads the others' in its pin lookup, ignores stale and its own fields, and the
placement then sees every process's requests."""

from __future__ import annotations

import asyncio

import fakeredis.aioredis
import pytest

from di_plugins.builtin.prefix_cache import COUNTED_KEY, STATE_KEY, PrefixCachePlugin
from di_plugins.context import RequestContext, Tenant
from di_plugins.prefix.load import SharedLoad
from di_plugins.prefix.settings import PrefixCacheSettings
from di_plugins.prefix.store import PrefixStore

from .test_prefix_plugin import DEPLOYMENTS, request


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_counts_are_exact_locally_and_published_when_changed_or_aging() -> None:
    clock = Clock()
    load = SharedLoad("di:pfx", process="p1", clock=clock, refresh_s=2.0)
    load.add("d0", +1)
    load.add("d0", +1)
    load.add("d1", +1)
    load.add("d1", -1)
    assert load.local == {"d0": 2}
    assert sorted((dep, value) for _, dep, _, value in load.due()) == [("d0", b"2:1000.000"), ("d1", b"0:1000.000")]
    assert load.due() == []  # nothing changed, nothing aged
    clock.now += 2.5
    assert [(dep, value) for _, dep, _, value in load.due()] == [("d0", b"2:1002.500")]  # refreshed, d1 is 0


def test_others_ignores_own_stale_and_garbled_fields() -> None:
    clock = Clock()
    load = SharedLoad("di:pfx", process="me", clock=clock, stale_s=10.0)
    hashes = [{b"me": b"9:1000", b"p2": b"3:999", b"p3": b"4:985", b"p4": b"x:y"}, {}, {b"p2": b"2:1000"}]
    assert load.others(["d0", "d1", "d2"], hashes) == {"d0": 3, "d2": 2}


def plugin_for(redis: fakeredis.aioredis.FakeRedis, process: str) -> PrefixCachePlugin:
    store = PrefixStore(client=redis, timeout_s=0.5)
    plugin = PrefixCachePlugin(PrefixCacheSettings(min_tokens=100, balance_abs_threshold=0), redis_url=None,
                               master_key="sk-m", store=store)
    plugin.load = SharedLoad("di:pfx", process=process, publish_interval_s=0.001)
    plugin.inflight = plugin.load.local
    plugin._group_ids = {"pro": [d["model_info"]["id"] for d in DEPLOYMENTS]}
    return plugin


async def route(plugin: PrefixCachePlugin, seed: str) -> str:
    ctx = RequestContext(tenant=Tenant("a", "a"), model_group="pro")
    body = request(seed)
    plugin.di_validate_request(body, ctx)
    await plugin.di_before_routing(body, ctx)
    chosen = plugin.di_choose_deployments(ctx, DEPLOYMENTS)
    plugin.di_prepare_deployment_call(ctx, chosen[0]["model_info"], {"messages": body["messages"]})
    assert ctx.extra[COUNTED_KEY] == chosen[0]["model_info"]["id"]
    return chosen[0]["model_info"]["id"]


def test_a_second_process_sees_the_first_ones_load() -> None:
    async def scenario() -> tuple[dict, dict, str, str]:
        redis = fakeredis.aioredis.FakeRedis()
        first, second = plugin_for(redis, "gw-1"), plugin_for(redis, "gw-2")
        placed = [await route(first, f"tenant-{i}") for i in range(3)]  # three prefixes held in flight on gw-1
        for _ in range(400):  # until the publisher has written every count gw-1 holds (deadline: 2 s)
            published = [await redis.hget("di:pfx:load:" + dep, "gw-1") for dep in first.inflight]
            if all(v is not None and v.split(b":")[0] == str(first.inflight[dep]).encode()
                   for dep, v in zip(first.inflight, published, strict=True)):
                break
            await asyncio.sleep(0.005)
        ctx = RequestContext(tenant=Tenant("a", "a"), model_group="pro")
        body = request("tenant-0")
        second.di_validate_request(body, ctx)
        await second.di_before_routing(body, ctx)
        return dict(first.inflight), ctx.extra[STATE_KEY].others, placed[0], await route(second, "tenant-9")

    local, seen_by_second, _, _ = asyncio.run(scenario())
    assert seen_by_second == local and sum(local.values()) == 3  # gw-2 sees gw-1's three requests


@pytest.mark.parametrize("shared", [True, False])
def test_the_load_bound_counts_other_processes(shared: bool) -> None:
    """A deployment busy with another process's requests is over the bound for a new prefix here."""
    async def scenario() -> str:
        redis = fakeredis.aioredis.FakeRedis()
        plugin = plugin_for(redis, "gw-2")
        order_probe = await route(plugin, "probe")  # where rendezvous puts this prefix (no load anywhere)
        plugin.load.add(order_probe, -1)
        if shared:  # another process holds 5 requests on exactly that deployment
            await redis.hset(f"di:pfx:load:{order_probe}", "gw-1", f"5:{__import__('time').time():.3f}")
        plugin.routed = {"pinned": 0, "bypassed": 0, "unpinned": 0}
        chosen = await route(plugin, "probe")
        return "moved" if chosen != order_probe else "same"

    assert asyncio.run(scenario()) == ("moved" if shared else "same")


def test_redis_down_falls_back_to_local_counts() -> None:
    class Broken:
        def pipeline(self, transaction: bool = False):
            raise ConnectionError("down")

    plugin = PrefixCachePlugin(PrefixCacheSettings(min_tokens=100), redis_url=None, master_key="sk-m",
                               store=PrefixStore(client=Broken(), timeout_s=0.1))
    plugin._group_ids = {"pro": [d["model_info"]["id"] for d in DEPLOYMENTS]}
    chosen = asyncio.run(route(plugin, "x"))
    assert plugin.inflight == {chosen: 1}
