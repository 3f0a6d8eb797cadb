"""Placement rules (di_plugins.prefix.affinity) and engine feedback on pin sets (di_plugins.prefix.usage):
pure functions, plus the plugin wiring them (feedback eviction, processes agreeing)."""

from __future__ import annotations

import asyncio

import fakeredis.aioredis

from di_plugins.builtin.prefix_cache import PIN_SEPARATOR, STATE_KEY, PrefixCachePlugin
from di_plugins.context import RequestContext, Tenant
from di_plugins.prefix.affinity import BYPASSED, PINNED, UNPINNED, Placement, place, pressure
from di_plugins.prefix.settings import PrefixCacheSettings
from di_plugins.prefix.store import PrefixStore
from di_plugins.prefix.usage import COLD, WARM, dispatch_pins, engine_verdict, failed_pins, finish_pins

from .test_prefix_plugin import DEPLOYMENTS, request

IDS = ["d0", "d1", "d2", "d3"]


# -- new prefix ---------------------------------------------------------------------------------------

def test_new_prefix_goes_to_the_least_loaded_replica() -> None:
    assert place("k", IDS, [], {"d0": 2, "d1": 1, "d2": 0, "d3": 3}) == Placement("d2", UNPINNED)


def test_new_prefixes_on_idle_replicas_spread_by_hash_and_do_not_depend_on_candidate_order() -> None:
    keys = [f"key-{i}" for i in range(64)]
    chosen = [place(k, IDS, [], {}).deployment for k in keys]
    assert chosen == [place(k, list(reversed(IDS)), [], {}).deployment for k in keys]
    assert all(chosen.count(i) >= 8 for i in IDS), "64 prefixes spread over the 4 idle replicas"


def test_capacity_hint_counts_in_flight_per_slot() -> None:
    load = {"d0": 3, "d1": 1}
    assert place("k", ["d0", "d1"], [], load).deployment == "d1"
    assert place("k", ["d0", "d1"], [], load, {"d0": 8}).deployment == "d0", "3/8 of a big replica < 1/1"
    assert pressure(3, None) == 3.0 and pressure(3, 1) == 3.0 and pressure(2, 4) == 0.5


# -- pinned, overloaded pin, hot prefix spill -----------------------------------------------------------

def test_pin_stays_within_the_thresholds() -> None:
    # 4 above the least loaded (abs threshold 4): stays, warm
    assert place("k", IDS, ["d1"], {"d1": 4}) == Placement("d1", PINNED)
    # 5 above, but not 2x the least loaded (rel threshold): stays
    assert place("k", IDS, ["d1"], {"d0": 7, "d1": 12, "d2": 7, "d3": 7}) == Placement("d1", PINNED)


def test_overloaded_pin_spills_to_the_least_loaded_replica() -> None:
    load = {"d0": 1, "d1": 6, "d2": 2, "d3": 1}
    chosen = place("k", IDS, ["d1"], load)
    assert chosen.outcome == BYPASSED and chosen.deployment in ("d0", "d3")
    assert chosen == place("k", list(reversed(IDS)), ["d1"], load), "ties broken by hash, not by order"
    # with a capacity hint the same load is within the thresholds: 6 in flight on 4 slots
    assert place("k", IDS, ["d1"], load, {"d1": 4}) == Placement("d1", PINNED)


def test_hot_prefix_pinned_to_several_replicas_uses_the_least_loaded_copy() -> None:
    assert place("k", IDS, ["d0", "d2"], {"d0": 2, "d2": 1}) == Placement("d2", PINNED)
    assert place("k", IDS, ["d0", "d2"], {"d0": 1, "d2": 1}) == Placement("d0", PINNED), "ties: most recent"
    # every copy overloaded: spill to a fresh replica, which then joins the set
    chosen = place("k", IDS, ["d0", "d2"], {"d0": 6, "d2": 5})
    assert chosen.outcome == BYPASSED and chosen.deployment in ("d1", "d3")
    pins = dispatch_pins(["d0", "d2"], chosen.deployment, 3)
    assert pins == [chosen.deployment, "d0", "d2"], "the spill joins the set as it is sent"
    assert finish_pins(pins, ["d0", "d2"], chosen.deployment, COLD) is None, "a spill is cold by design"


def test_pins_outside_the_candidates_are_ignored() -> None:
    assert place("k", ["d0", "d1"], ["d9"], {"d0": 1}) == Placement("d1", UNPINNED)


# -- engine feedback ------------------------------------------------------------------------------------

def test_engine_verdict() -> None:
    assert engine_verdict(2000, 2100) == WARM
    assert engine_verdict(0, 2100) == COLD
    assert engine_verdict(12, 2100) == COLD, "a shared chat-template start is no cached prefix"
    assert engine_verdict(1500, 2100, prompt_tokens=1600) == WARM, "the estimate is capped by the real prompt"
    assert engine_verdict(None, 2100) is None and engine_verdict(True, 2100) is None


def test_dispatch_puts_the_chosen_replica_in_front() -> None:
    assert dispatch_pins([], "d1", 3) == ["d1"]
    assert dispatch_pins(["d0", "d1"], "d1", 3) == ["d1", "d0"]
    assert dispatch_pins(["d0", "d1", "d2"], "d3", 3) == ["d3", "d0", "d1"], "at most replicas_per_prefix"
    assert dispatch_pins(["d0", "x"], "d1", 3, allowed=IDS) == ["d1", "d0"]


def test_cold_report_drops_a_pin_when_other_copies_exist() -> None:
    assert finish_pins(["d1", "d0"], ["d0", "d1"], "d1", WARM) is None, "warm: confirmed as dispatched"
    assert finish_pins(["d1", "d0"], ["d0", "d1"], "d1", COLD) == ["d0"], "evicted on d1: dropped"
    assert finish_pins(["d1"], ["d1"], "d1", COLD) is None, "the only copy: d1 just prefilled it, keep it"
    assert finish_pins(["d1", "d0"], ["d0"], "d1", COLD) is None, "not pinned before: a first write"
    assert finish_pins(["d1", "d0"], ["d0", "d1"], "d1", None) is None, "no figure: nothing learnt"
    assert failed_pins(["d1", "d0"], ["d0"], "d1") == ["d0"], "the dispatch's pin is taken back"
    assert failed_pins(["d1", "d0"], ["d0", "d1"], "d1") is None


def make_plugin(redis: fakeredis.aioredis.FakeRedis) -> PrefixCachePlugin:
    store = PrefixStore(client=redis, timeout_s=0.5)
    return PrefixCachePlugin(PrefixCacheSettings(min_tokens=100), redis_url=None, master_key="sk-m", store=store)


async def serve(plugin: PrefixCachePlugin, seed: str, cached: int | None, turn: str = "q") -> str:
    """One request through the hooks, in the journey's order; the backend reports ``cached``."""
    ctx = RequestContext(tenant=Tenant("a", "a"), model_group="pro")
    body = request(seed, turn)
    plugin.di_validate_request(body, ctx)
    await plugin.di_before_routing(body, ctx)
    chosen = plugin.di_choose_deployments(ctx, DEPLOYMENTS)[0]["model_info"]
    plugin.di_prepare_deployment_call(ctx, chosen, {"messages": body["messages"]})
    await plugin.settle()  # the pin written at dispatch
    ctx.deployment_id = chosen["id"]
    plugin.di_transform_usage(ctx, {"prompt_tokens": 6000, "prompt_tokens_details": {"cached_tokens": cached}})
    pending = plugin.di_request_finished(ctx, {"ok": True, "deployment_id": chosen["id"], "usage": None})
    if pending is not None:
        await pending
    return chosen["id"]


def test_feedback_drops_an_evicted_pin_and_keeps_the_warm_copy() -> None:
    async def scenario() -> None:
        redis = fakeredis.aioredis.FakeRedis()
        plugin = make_plugin(redis)
        first = await serve(plugin, "evict", 0)
        key = next(iter(k for k in await redis.keys("di:pfx:*") if b":load:" not in k))
        other = next(i for i in IDS if i != first)
        await redis.set(key, PIN_SEPARATOR.join([first, other]))  # a hot prefix, warm on two replicas
        assert await serve(plugin, "evict", 0, "again") == first, "least-loaded copy, most recent first"
        assert (await redis.get(key)).decode() == other, "the engine said cold: the pin on it is dropped"
        assert await serve(plugin, "evict", 5000, "third") == other
        assert (await redis.get(key)).decode() == other, "warm there: confirmed"

    asyncio.run(scenario())


def test_restarted_replica_only_copy_is_kept_after_it_prefilled_again() -> None:
    async def scenario() -> None:
        redis = fakeredis.aioredis.FakeRedis()
        plugin = make_plugin(redis)
        first = await serve(plugin, "restart", 0)
        assert await serve(plugin, "restart", 0, "after restart") == first
        assert await serve(plugin, "restart", 5000, "warm again") == first

    asyncio.run(scenario())


def test_several_gateway_processes_agree() -> None:
    """Same pins, same shared loads: every process places every prefix alike, new or pinned."""
    async def scenario() -> None:
        redis = fakeredis.aioredis.FakeRedis()
        plugins = [make_plugin(redis) for _ in range(3)]
        for i in range(12):
            seed = f"agree-{i % 5}"
            chosen = set()
            for plugin in plugins:
                ctx = RequestContext(tenant=Tenant("a", "a"), model_group="pro")
                body = request(seed, str(i))
                plugin.di_validate_request(body, ctx)
                await plugin.di_before_routing(body, ctx)
                ctx.extra[STATE_KEY].others = {"d1": 1, "d3": 2}  # what every process read from Redis
                chosen.add(plugin.di_choose_deployments(ctx, DEPLOYMENTS)[0]["model_info"]["id"])
            assert len(chosen) == 1, (seed, chosen)
            await serve(plugins[i % 3], seed, 5000 if i >= 5 else 0, str(i))

    asyncio.run(scenario())
