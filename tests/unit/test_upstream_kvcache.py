"""Tests of the stand-in upstream's KV-cache model (standin.kvcache and its use by the app)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from standin import ReplicaState, StandInUpstream, kvcache
from standin.kvcache import (
    IMAGE_TOKENS,
    KVCache,
    Prompt,
    block_hashes,
    count_tokens,
    prompt_tokens,
    render_prompt,
)

MODEL = "secret-backend-model"
SYSTEM = "You are a careful assistant for the harbour office. Answer in short sentences. " * 40  # ~800 tokens
TOOL = {
    "type": "function",
    "function": {"name": "lookup", "description": "Find a ship", "parameters": {"type": "object", "properties": {
        "name": {"type": "string"}}, "required": ["name"]}},
}  # fmt: skip


def body(user: str = "Which ships arrive today?", system: str = SYSTEM, **extra: Any) -> dict[str, Any]:
    return {"model": MODEL, "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}], **extra}


def full_block_tokens(b: dict[str, Any], block_size: int = 16) -> int:
    return len(render_prompt(b)) // (block_size * 4) * block_size


@pytest.fixture(scope="module")
def upstream() -> Iterator[StandInUpstream]:
    with StandInUpstream(2, model_name=MODEL) as up:
        yield up


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=10.0) as c:
        yield c


@pytest.fixture(autouse=True)
def _clean(upstream: StandInUpstream) -> Iterator[None]:
    upstream.reset()
    upstream.reset_kv()
    yield
    for state in upstream.replicas:
        state.configure_kv(kv_capacity_tokens=200_000, kv_block_size=16, ttft_base_ms=0, ttft_per_token_ms=0,
                           prefill_concurrency=0)  # fmt: skip
    upstream.reset_kv()


def post(client: httpx.Client, url: str, payload: dict[str, Any] | bytes) -> httpx.Response:
    if isinstance(payload, bytes):
        r = client.post(url + "/chat/completions", content=payload, headers={"content-type": "application/json"})
    else:
        r = client.post(url + "/chat/completions", json=payload)
    assert r.status_code == 200, r.text
    return r


def cached(client: httpx.Client, url: str, payload: dict[str, Any] | bytes) -> int:
    return post(client, url, payload).json()["usage"]["prompt_tokens_details"]["cached_tokens"]


# -- tokenisation and hashing (no server) -----------------------------------------------------------


def test_rendering_ignores_cache_control_key_order_and_part_shape() -> None:
    plain = body(tools=[TOOL])
    marked = {
        "tools": [{**TOOL, "cache_control": {"type": "ephemeral"}}],
        "messages": [
            {"content": [{"text": SYSTEM, "cache_control": {"type": "ephemeral", "ttl": "1h"}, "type": "text"}],
             "role": "system", "cache_control": {"type": "ephemeral"}},
            {"role": "user", "content": [{"type": "text", "text": "Which ships arrive today?"}]},
        ],
    }  # fmt: skip
    reordered = json.loads(json.dumps(marked, indent=3, sort_keys=True))
    assert render_prompt(plain) == render_prompt(marked) == render_prompt(reordered)
    assert prompt_tokens(plain) == count_tokens(render_prompt(plain)) == -(-len(render_prompt(plain)) // 4)
    assert render_prompt(body()) != render_prompt(plain)  # tools are part of the prompt, first
    assert render_prompt(plain).index("lookup") < render_prompt(plain).index("harbour")


def test_image_parts_cost_a_fixed_marker_per_url() -> None:
    def with_image(url: str) -> dict[str, Any]:
        parts = [{"type": "text", "text": "What is this?"}, {"type": "image_url", "image_url": {"url": url}}]
        return {"messages": [{"role": "user", "content": parts}]}

    base = prompt_tokens({"messages": [{"role": "user", "content": [{"type": "text", "text": "What is this?"}]}]})
    a, b = render_prompt(with_image("https://x/a.png")), render_prompt(with_image("https://x/b.png"))
    assert a != b and len(a) == len(b)
    text_only = render_prompt({"messages": [{"role": "user", "content": [{"type": "text", "text": "What is this?"}]}]})
    assert len(a) - len(text_only) == IMAGE_TOKENS * 4 + 1  # the marker and a part separator
    assert prompt_tokens(with_image("https://x/a.png")) - base in (IMAGE_TOKENS, IMAGE_TOKENS + 1)
    assert "a.png" not in a


def test_block_hash_chain_salt_and_prefix() -> None:
    text = "x" * 64 * 5 + "tail"
    plain, salted, other = block_hashes(text), block_hashes(text, "tenant-a"), block_hashes(text, "tenant-b")
    assert len(plain) == 5  # the partial tail block is not hashed
    assert not set(plain) & set(salted) and not set(salted) & set(other)
    assert block_hashes(text, "tenant-a") == salted
    changed = block_hashes("x" * 64 * 2 + "y" + "x" * 64 * 3)
    assert changed[:2] == plain[:2] and not set(changed[2:]) & set(plain)  # the chain diverges for good
    assert block_hashes("é" * 64 * 2) != block_hashes("e" * 64 * 2) and len(block_hashes("é" * 64 * 2)) == 2


def test_lru_eviction_keeps_recent_prompts_and_counts() -> None:
    cache = KVCache(capacity_tokens=64, block_size=16)  # 4 blocks
    a, b = Prompt("a" * 256, 64), Prompt("b" * 256, 64)  # 4 full blocks each
    assert cache.prefill(a) == 0 and cache.prefill(a) == 64
    assert cache.prefill(b) == 0  # evicts all of a
    assert cache.prefill(b) == 64 and cache.prefill(a) == 0
    stats = cache.stats()
    assert stats["evicted_blocks"] == 8 and stats["cached_blocks"] == 4 and stats["capacity_blocks"] == 4
    assert (stats["requests"], stats["prompt_tokens"], stats["cached_tokens"]) == (5, 320, 128)
    assert stats["hit_rate"] == pytest.approx(0.4)

    big = KVCache(capacity_tokens=64, block_size=16)
    assert big.prefill(Prompt("c" * 64 * 6, 96)) == 0
    assert big.prefill(Prompt("c" * 64 * 6, 96)) == 64  # too long to fit: the prefix survives, the tail goes
    big.configure(capacity_tokens=32)
    assert len(big) == 2 and big.prefill(Prompt("c" * 64 * 6, 96)) == 32
    big.configure(block_size=8)
    assert len(big) == 0 and big.capacity_blocks == 4
    big.reset()
    assert big.stats()["requests"] == 0
    assert KVCache(capacity_tokens=0).prefill(a) == 0 == KVCache(capacity_tokens=0).prefill(a)


def test_prefill_hashes_each_full_block_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work per request is one hash per full block, linear in the prompt, nothing per token (how fast
    that is on a machine is a benchmark's question, not a test's)."""
    calls = 0
    real = kvcache.hashlib

    class CountingHashlib:
        @staticmethod
        def blake2b(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            return real.blake2b(*args, **kwargs)

    monkeypatch.setattr(kvcache, "hashlib", CountingHashlib)
    cache = KVCache()
    for copies, repeat in ((13, 1), (13, 2), (26, 1)):  # ~10k tokens, the same again, then twice as long
        prompt = Prompt.of(body(system=SYSTEM * copies))
        blocks = len(prompt.text) // (16 * 4)
        assert prompt.tokens > 700 * copies  # 13 copies: ~10k tokens
        for _ in range(repeat):
            calls = 0
            cache.prefill(prompt)
            assert calls == blocks, (copies, calls, blocks)


def test_prefill_concurrency_queues_uncached_work() -> None:
    state = ReplicaState(ttft_base_ms=1, ttft_per_token_ms=0.01, prefill_concurrency=1)
    first = Prompt("p" * 4000, 1000)
    _, t1 = state.prefill(first)
    _, t2 = state.prefill(Prompt("q" * 4000, 1000))  # waits for the first prefill's lane
    cached, t3 = state.prefill(first)  # 992 of 1000 tokens cached: little compute, but it queues too
    assert t1 == pytest.approx(0.011, abs=1e-3) and t2 == pytest.approx(0.021, abs=2e-3)
    assert cached == 992 and t3 == pytest.approx(t2, abs=2e-3)
    state.configure_kv(prefill_concurrency=0)
    assert state.prefill(first) == (992, pytest.approx(0.001 + 8 * 0.01 / 1000))
    with pytest.raises(ValueError):
        state.configure_kv(ttft_per_token_ms=-1)
    with pytest.raises(ValueError):
        ReplicaState(kv_capacity_tokens=-5)


# -- through the server -----------------------------------------------------------------------------


def test_same_prompt_twice_hits_full_blocks(upstream: StandInUpstream, client: httpx.Client) -> None:
    url = upstream.urls[0]
    first = post(client, url, body()).json()["usage"]
    second = post(client, url, body()).json()["usage"]
    expected = full_block_tokens(body())
    assert first["prompt_tokens_details"] == {"cached_tokens": 0}
    assert second["prompt_tokens_details"] == {"cached_tokens": expected}
    assert 0 < expected <= second["prompt_tokens"] == first["prompt_tokens"] == prompt_tokens(body())
    assert second["prompt_tokens"] - expected < 16
    assert second["cost"] == 0.00123  # careless leaks stay
    stats = upstream.replicas[0].kv_stats()
    assert stats["requests"] == 2 and stats["cached_tokens"] == expected
    assert stats["prompt_tokens"] == 2 * first["prompt_tokens"]


def test_cache_salt_separates_tenants(upstream: StandInUpstream, client: httpx.Client) -> None:
    url = upstream.urls[0]
    post(client, url, body(cache_salt="tenant-a"))
    assert cached(client, url, body(cache_salt="tenant-b")) == 0
    assert cached(client, url, body()) == 0  # unsalted does not share with salted either
    assert cached(client, url, body(cache_salt="tenant-a")) == full_block_tokens(body())


def test_cache_control_does_not_change_the_hit(upstream: StandInUpstream, client: httpx.Client) -> None:
    url = upstream.urls[0]
    marked = {
        "tools": [{"cache_control": {"type": "ephemeral"}, **TOOL}],
        "messages": [
            {"role": "system", "content": [{"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}]},
            {"role": "user", "content": "Which ships arrive today?"},
        ],
        "model": MODEL,
    }
    raw = json.dumps(marked, indent=2, sort_keys=True).encode()  # other whitespace and key order
    first = post(client, url, raw).json()["usage"]
    plain = body(tools=[TOOL])
    second = post(client, url, plain).json()["usage"]
    assert first["prompt_tokens"] == second["prompt_tokens"]
    assert second["prompt_tokens_details"]["cached_tokens"] == full_block_tokens(plain) > 0


def test_shared_prefix_hits_shared_full_blocks(upstream: StandInUpstream, client: httpx.Client) -> None:
    url = upstream.urls[0]
    a, b = body("Which ships arrive today?"), body("Where is the lighthouse?")
    post(client, url, a)
    common = len(os.path.commonprefix([render_prompt(a), render_prompt(b)]))
    hit = cached(client, url, b)
    assert hit == common // 64 * 16 and hit >= len(SYSTEM) // 4 - 16
    assert hit < full_block_tokens(b) or len(render_prompt(b)) - common < 64


def test_lru_eviction_through_the_server(upstream: StandInUpstream, client: httpx.Client) -> None:
    base = upstream.urls[0].removesuffix("/v1")
    tokens = full_block_tokens(body())
    config = client.post(base + "/_control/config", json={"kv_capacity_tokens": tokens}).json()
    assert config["kv"]["capacity_tokens"] == tokens
    url = upstream.urls[0]
    other = body(system=SYSTEM.upper())
    post(client, url, body())
    post(client, url, other)  # does not fit next to the first: evicts it
    assert cached(client, url, other) == full_block_tokens(other)
    assert cached(client, url, body()) == 0
    stats = client.get(base + "/_control/kv").json()
    assert stats["evicted_blocks"] > 0 and stats["cached_blocks"] <= stats["capacity_blocks"]
    assert client.post(base + "/_control/config", json={"kv_capacity_tokens": -1}).status_code == 400


def test_ttft_waits_for_the_uncached_tokens(upstream: StandInUpstream, client: httpx.Client) -> None:
    """Each answer waits at least base + uncached x per-token before its first byte (lower bounds only:
    sleeps never end early); the warm request's uncached count, which sets its wait, comes from the cache."""
    url = upstream.urls[0]
    base = url.removesuffix("/v1")
    cfg = client.post(base + "/_control/config", json={"ttft_base_ms": 2, "ttft_per_token_ms": 0.15}).json()
    assert cfg["kv"]["ttft_per_token_ms"] == 0.15 and cfg["kv"]["ttft_base_ms"] == 2

    def ttft_s(uncached: int) -> float:
        return (2 + uncached * 0.15) / 1000

    started = time.perf_counter()
    cold = post(client, url, body()).json()["usage"]
    assert cold["prompt_tokens_details"]["cached_tokens"] == 0
    assert time.perf_counter() - started >= ttft_s(cold["prompt_tokens"]) > 0.1  # ~830 tokens cold

    warm = post(client, url, body()).json()["usage"]
    uncached = warm["prompt_tokens"] - warm["prompt_tokens_details"]["cached_tokens"]
    assert 0 < uncached < 16  # only the partial last block is computed again
    assert upstream.replicas[0].prefill(Prompt.of(body())) == (full_block_tokens(body()), pytest.approx(ttft_s(uncached)))

    streamed = body(system=SYSTEM.lower(), stream=True)
    started = time.perf_counter()  # streams wait before the first byte too
    with client.stream("POST", url + "/chat/completions", json=streamed) as r:
        next(r.iter_bytes())
        assert time.perf_counter() - started >= ttft_s(prompt_tokens(streamed)) > 0.1


def test_stream_usage_chunk_carries_cached_tokens(upstream: StandInUpstream, client: httpx.Client) -> None:
    url = upstream.urls[0]
    payload = body(stream=True, stream_options={"include_usage": True})
    post(client, url, payload)
    text = post(client, url, payload).text
    chunks = [json.loads(e[6:]) for e in text.split("\n\n") if e.startswith("data: {")]
    usage = chunks[-1]["usage"]
    assert chunks[-1]["choices"] == [] and usage["prompt_tokens_details"]["cached_tokens"] == full_block_tokens(payload)
    assert usage["prompt_tokens"] == prompt_tokens(payload) and usage["cost"] == 0.00123


def test_replicas_have_independent_caches(upstream: StandInUpstream, client: httpx.Client) -> None:
    a, b = upstream.urls
    post(client, a, body())
    assert cached(client, b, body()) == 0
    assert cached(client, a, body()) == cached(client, b, body()) == full_block_tokens(body())
    stats = upstream.kv_stats()
    assert [s["requests"] for s in stats] == [2, 2]


def test_kv_reset_endpoint_and_state(upstream: StandInUpstream, client: httpx.Client) -> None:
    url = upstream.urls[1]
    base = url.removesuffix("/v1")
    post(client, url, body())
    state = client.get(base + "/_control/state").json()
    kv = state["kv"]
    expected = {"requests", "prompt_tokens", "cached_tokens", "hit_rate", "evicted_blocks", "cached_blocks",
                "capacity_blocks", "capacity_tokens", "block_size", "ttft_base_ms", "ttft_per_token_ms",
                "prefill_concurrency", "slots", "max_queued"}  # fmt: skip
    assert set(kv) == expected
    assert kv["requests"] == 1 and kv["cached_blocks"] == full_block_tokens(body()) // 16
    assert kv["capacity_tokens"] == 200_000 and kv["capacity_blocks"] == 12_500
    client.post(base + "/_control/reset")  # failures only: the cache stays
    assert cached(client, url, body()) > 0
    assert client.post(base + "/_control/kv/reset").json() == {"ok": True}
    assert client.get(base + "/_control/kv").json()["requests"] == 0
    assert cached(client, url, body()) == 0


def test_polite_mode_reports_cached_tokens_without_leaks(client: httpx.Client) -> None:
    with StandInUpstream(1, model_name=MODEL, careless=False, kv_capacity_tokens=4096) as polite:
        post(client, polite.urls[0], body())
        usage = post(client, polite.urls[0], body()).json()["usage"]
        assert usage["prompt_tokens_details"] == {"cached_tokens": full_block_tokens(body())}
        assert "cost" not in usage
        assert polite.replicas[0].kv_stats()["capacity_blocks"] == 256
