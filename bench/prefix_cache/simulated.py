"""Prefix-cache routing on queueing stand-in replicas: vanilla LiteLLM vs LiteLLM ``prompt_caching`` vs ours.

    .venv/bin/python -m bench.prefix_cache.simulated                      # both scenarios, ~10 min on 2 cores
    .venv/bin/python -m bench.prefix_cache.simulated --scenario two-tenants
    .venv/bin/python -m bench.prefix_cache.simulated --load 0.8

Replicas (:mod:`standin`, one process): ``slots`` requests served at once per replica, the rest wait in a
FIFO queue; a request looks up the KV cache (LRU of 16-token blocks, ``capacity_tokens`` per replica,
smaller than all tenants' prefixes on every replica) when it gets a slot; time to first token = 5 ms +
0.1 ms per uncached prompt token; the answer streams 8 chunks 50 ms apart, holding the slot.

Scenarios (``--scenario``, default both):

* ``main``: 4 replicas x 2 slots, 40 k tokens each; 40 tenants with 2 000-6 000-token system prompts
  (148 k in all), Zipf(0.8) popularity, 600 requests.
* ``two-tenants``: the case that failed before: 2 single-slot replicas whose cache holds about one
  prefix (5 000 tokens, prefixes of 4 000), two equally busy tenants, 200 requests.

Arrivals are open loop: request ``i`` is sent at a seeded Poisson time, at ``--load`` (default 0.65)
times what the replicas serve when every prefix is cached (from the replica model), the same schedule
for every strategy. Before each strategy the replicas' KV caches, counters and request logs are reset
and Redis is flushed; each router first gets a few short uncacheable warm-up requests.

Strategies: ``vanilla (simple-shuffle)``, ``litellm prompt_caching``, ``ours (1 gateway)``,
``ours (2 gateways, 1 Redis)`` (requests alternate between two processes sharing Redis), and in the main
scenario ``ours, Redis killed mid-run`` (Redis SIGKILLed at 35 % of the schedule, restarted empty 4 s
later: errors, and seconds until the gateway routes by a pin again). Offline, on the same schedule and
the same replica model (:mod:`bench.prefix_cache.queueing`): the oracle held to our load rule
(``oracle-bounded``, the reference for the hit rate) and the unbounded oracle.

Targets per ``ours`` row: TTFT p50 <= 0.5x vanilla; p50 and p90 <= LiteLLM's pin; no error; token hit
(from the replicas' own KV counters) >= 90 % of the bounded oracle's. Table on stdout, JSON in
``bench/results/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench._common import HOST, Managed, Processes, free_port  # noqa: E402
from bench.prefix_cache.harness import (  # noqa: E402
    GROUP,
    MASTER_KEY,
    OURS_MODEL,
    RESULTS,
    Target,
    check_targets,
    child_env,
    flush_redis,
    git_info,
    latency_stats,
    run_schedule,
    run_sequence,
    start_litellm,
    start_ours,
    start_redis,
    wait_redis,
    wait_router,
    write_configs,
)
from bench.prefix_cache.queueing import ReplicaModel, arrivals  # noqa: E402
from bench.prefix_cache.queueing import simulate as model_run  # noqa: E402
from bench.prefix_cache.workload import Workload, WorkloadSpec, build  # noqa: E402

_QID = re.compile(r"\[q(\d{5})\]")
TTFT_BASE_MS = 5.0
TTFT_PER_TOKEN_MS = 0.1
CHUNK_DELAY_MS = 50.0
DECODE_MS = 7 * CHUNK_DELAY_MS   # ~8 chunks, the first right after the prefill


@dataclass(frozen=True)
class Scenario:
    name: str
    replicas: int
    slots: int
    capacity_tokens: int
    spec: WorkloadSpec
    redis_kill: bool = False

    def model(self) -> ReplicaModel:
        return ReplicaModel(self.replicas, self.slots, self.capacity_tokens, TTFT_BASE_MS, TTFT_PER_TOKEN_MS,
                            DECODE_MS)


SCENARIOS = {
    "main": Scenario("main", 4, 2, 40_000, WorkloadSpec(seed=7, tenants=40, requests=600, zipf_s=0.8),
                     redis_kill=True),
    "two-tenants": Scenario("two-tenants", 2, 1, 5_000,
                            WorkloadSpec(seed=7, tenants=2, requests=200, zipf_s=0.0, prefix_min=4000,
                                         prefix_max=4000)),
}


# -- stand-in control -------------------------------------------------------------------------------


def start_standin(procs: Processes, sc: Scenario, requests: int) -> tuple[Managed, list[str]]:
    cmd = [sys.executable, "-m", "bench.prefix_cache.standin", "--replicas", str(sc.replicas),
           "--kv-capacity-tokens", str(sc.capacity_tokens), "--ttft-base-ms", str(TTFT_BASE_MS),
           "--ttft-per-token-ms", str(TTFT_PER_TOKEN_MS), "--prefill-concurrency", "0", "--slots", str(sc.slots),
           "--max-records", str(requests + 100), "--delay-ms", str(CHUNK_DELAY_MS)]
    root = Path(__file__).resolve().parents[2]
    proc = procs.start(f"standin-{sc.name}", cmd, child_env(PYTHONPATH=str(root)), root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        urls = re.findall(r"stand-in replica on (\S+)", proc.log_tail(100_000))
        if len(urls) == sc.replicas:
            return proc, urls
        if proc.popen.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"stand-in did not start:\n{proc.log_tail()}")


def control(url: str) -> str:
    return url.rsplit("/v1", 1)[0] + "/_control/"


def reset_backends(urls: list[str]) -> None:
    for u in urls:
        httpx.post(control(u) + "kv/reset", timeout=10).raise_for_status()
        httpx.delete(control(u) + "requests", timeout=10).raise_for_status()


def kv_stats(urls: list[str]) -> list[dict[str, Any]]:
    return [httpx.get(control(u) + "kv", timeout=10).json() for u in urls]


def served_by(urls: list[str]) -> dict[int, int]:
    """request index -> replica index, from the replicas' request logs."""
    out: dict[int, int] = {}
    for r, u in enumerate(urls):
        records = orjson.loads(httpx.get(control(u) + "requests", timeout=60).content)["requests"]
        for rec in records:
            msgs = (rec.get("body") or {}).get("messages") or []
            m = _QID.search(json.dumps(msgs[-1]) if msgs else "")
            if m:
                out[int(m.group(1))] = r
    return out


# -- Redis killed mid-run ------------------------------------------------------------------------------


class RedisOutage:
    """Kills Redis at ``kill_at`` seconds into the run and restarts it (empty, same port) ``down_s`` later;
    polls the gateway's metrics meanwhile to time the return of affinity."""

    def __init__(self, procs: Processes, workdir: Path, redis: Managed, url: str, metrics_url: str,
                 kill_at: float, down_s: float = 4.0) -> None:
        self.procs, self.workdir, self.redis, self.url, self.metrics_url = procs, workdir, redis, url, metrics_url
        self.kill_at, self.down_s = kill_at, down_s
        self.killed_at: float | None = None
        self.restarted_at: float | None = None
        self.samples: list[tuple[float, float, float]] = []   # (t, circuit open, pinned total)
        self._stop = threading.Event()
        self._t0 = time.perf_counter()
        self._poller = threading.Thread(target=self._poll, daemon=True)

    def start(self) -> None:
        self._t0 = time.perf_counter()
        self._poller.start()

    def tick(self, t: float) -> None:
        if self.killed_at is None and t >= self.kill_at:
            os.killpg(self.redis.popen.pid, signal.SIGKILL)
            self.killed_at = t
        elif self.killed_at is not None and self.restarted_at is None and t >= self.killed_at + self.down_s:
            port = int(self.url.rsplit(":", 1)[1].split("/")[0])
            self.redis, _ = start_redis(self.procs, self.workdir, port=port, name="redis-restarted")
            self.restarted_at = t

    def _poll(self) -> None:
        while not self._stop.wait(0.2):
            try:
                text = httpx.get(self.metrics_url, timeout=1).text
            except httpx.HTTPError:
                continue
            circuit = re.search(r"^di_prefix_cache_redis_circuit_open (\S+)", text, re.M)
            pinned = re.search(r'^di_prefix_cache_routed_total\{outcome="pinned"\} (\S+)', text, re.M)
            self.samples.append((time.perf_counter() - self._t0, float(circuit.group(1)) if circuit else math.nan,
                                 float(pinned.group(1)) if pinned else math.nan))

    def stop(self) -> dict[str, Any]:
        self._stop.set()
        self._poller.join(2)
        back = None
        if self.restarted_at is not None:
            at_restart = [p for t, _, p in self.samples if t <= self.restarted_at]
            base = at_restart[-1] if at_restart else 0.0
            for t, circuit, pinned in self.samples:
                if t > self.restarted_at and circuit == 0 and pinned > base:
                    back = t - self.restarted_at
                    break
        return {"killed_at_s": self.killed_at, "restarted_at_s": self.restarted_at, "down_s": self.down_s,
                "affinity_back_after_restart_s": back,
                "circuit_open_seen": any(c == 1 for _, c, _ in self.samples)}


# -- metrics ------------------------------------------------------------------------------------------


def metrics(name: str, results: list[dict], kv: list[dict], replica_of: dict[int, int], wall: float,
            reference: dict[str, Any]) -> dict[str, Any]:
    ok = [r for r in results if r["error"] is None]
    prompt = sum(s["prompt_tokens"] for s in kv)
    cached = sum(s["cached_tokens"] for s in kv)
    per_replica = [s["requests"] for s in kv]
    mean = sum(per_replica) / len(per_replica)
    token_hit = cached / prompt if prompt else math.nan
    ttft = latency_stats([r["ttft_s"] for r in ok])
    errors = [r for r in results if r["error"] is not None]
    return {
        "strategy": name, "requests": len(results), "ok": len(ok), "errors": len(errors),
        "first_error": errors[0]["error"] if errors else None, "wall_s": wall,
        "prompt_tokens": prompt, "cached_tokens": cached, "token_hit_rate": token_hit,
        "token_hit_vs_bounded_oracle": token_hit / reference["token_hit_rate"],
        "ttft_p50_ms": ttft["p50_ms"], "ttft_p90_ms": ttft["p90_ms"], "ttft_mean_ms": ttft["mean_ms"],
        "per_replica_requests": per_replica, "imbalance": max(per_replica) / mean if mean else math.nan,
        "max_queued": [s.get("max_queued") for s in kv], "attributed": len(replica_of),
        "per_request": {"ttft_ms": [None if r["ttft_s"] is None else round(r["ttft_s"] * 1000, 2) for r in results],
                        "cached_tokens": [r["cached_tokens"] for r in results],
                        "replica": [replica_of.get(r["index"]) for r in results]},
    }


def fmt(v: Any, spec: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return format(v, spec)


def table(rows: list[dict], offline: dict[str, dict]) -> list[str]:
    head = ["strategy", "TTFT p50", "TTFT p90", "token hit", "vs bounded oracle", "per replica", "err"]
    lines = [[r["strategy"], fmt(r["ttft_p50_ms"], ".0f") + " ms", fmt(r["ttft_p90_ms"], ".0f") + " ms",
              fmt(r["token_hit_rate"], ".3f"), fmt(r["token_hit_vs_bounded_oracle"], ".3f"),
              "/".join(str(v) for v in r["per_replica_requests"]), str(r["errors"])] for r in rows]
    ref = offline["oracle-bounded"]["token_hit_rate"]
    for name, o in offline.items():
        lines.append([f"[model] {name}", fmt(o["ttft_p50_ms"], ".0f") + " ms", fmt(o["ttft_p90_ms"], ".0f") + " ms",
                      fmt(o["token_hit_rate"], ".3f"), fmt(o["token_hit_rate"] / ref, ".3f"),
                      "/".join(str(v) for v in o["per_replica_requests"]), ""])
    widths = [max(len(str(x[i])) for x in [head, *lines]) for i in range(len(head))]
    return ["  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)) for line in [head, *lines]]


# -- one scenario ------------------------------------------------------------------------------------------


def run_scenario(sc: Scenario, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    t_start = time.monotonic()
    wl: Workload = build(sc.spec)
    tenants = [r.tenant for r in wl.requests]
    model = sc.model()
    turn = (sc.spec.turn_min + sc.spec.turn_max) / 2 + 10  # the user turn plus the chat framing, in tokens
    rate = args.load * model.warm_capacity_rps(turn)
    offsets = arrivals(len(wl.requests), rate, sc.spec.seed)
    print(f"[{sc.name}] {sc.replicas} replicas x {sc.slots} slots, KV {sc.capacity_tokens} tokens; "
          f"{len(wl.requests)} requests at {rate:.1f}/s ({args.load:.0%} of warm capacity "
          f"{model.warm_capacity_rps(turn):.1f}/s); workload {json.dumps(wl.summary())}", flush=True)
    offline = {name: model_run(wl, offsets, model, name) for name in ("oracle-bounded", "oracle")}
    for name in ("vanilla", "litellm-pin", "ours"):
        offline[name] = model_run(wl, offsets, model, name, seed=sc.spec.seed)

    sdir = workdir / sc.name
    sdir.mkdir()
    procs = Processes(sdir)
    rows: list[dict] = []
    outage_report: dict[str, Any] | None = None
    try:
        standin, backend_urls = start_standin(procs, sc, len(wl.requests))
        redis_proc, redis_url = start_redis(procs, sdir)
        keys = [wl.tenant_key(t) for t in range(sc.spec.tenants)]
        paths = write_configs(sdir, backend_urls, "kv-backend-model", keys, cache_salt=True,
                              strip_cache_control=False, prefix_cache={})
        routers: dict[str, tuple[Managed, int, str]] = {}
        routers["vanilla"] = (*start_litellm(procs, "vanilla", paths["vanilla"], sdir), "litellm")
        routers["litellm-pc"] = (*start_litellm(procs, "litellm-pc", paths["litellm-pc"], sdir), "litellm")
        wait_redis(redis_proc, redis_url)
        metrics_port = free_port()
        routers["ours-0"] = (*start_ours(procs, "ours-0", paths["ours"], sdir, redis_url, metrics_port), "ours")
        routers["ours-1"] = (*start_ours(procs, "ours-1", paths["ours"], sdir, redis_url), "ours")
        for proc, port, kind in routers.values():
            wait_router(proc, port, kind)

        def url(name: str) -> str:
            port, kind = routers[name][1], routers[name][2]
            return f"http://{HOST}:{port}" + ("/di/v1/chat/completions" if kind == "ours" else "/v1/chat/completions")

        targets = [Target("vanilla (simple-shuffle)", [url("vanilla")], GROUP, lambda _t: MASTER_KEY),
                   Target("litellm prompt_caching", [url("litellm-pc")], GROUP, lambda _t: MASTER_KEY),
                   Target("ours (1 gateway)", [url("ours-0")], OURS_MODEL, lambda t: keys[t]),
                   Target("ours (2 gateways, 1 Redis)", [url("ours-0"), url("ours-1")], OURS_MODEL,
                          lambda t: keys[t])]
        if sc.redis_kill and not args.no_redis_kill:
            targets.append(Target("ours, Redis killed mid-run", [url("ours-0")], OURS_MODEL, lambda t: keys[t]))
        warm = [orjson.dumps({"model": "MODEL", "messages": [{"role": "user", "content": f"warm-up {i}"}],
                              "max_tokens": 4, "stream": True, "stream_options": {"include_usage": True}})
                for i in range(8)]
        for t in targets:
            bodies = [w.replace(b'"MODEL"', f'"{t.model}"'.encode()) for w in warm]
            asyncio.run(run_sequence(t, bodies, [0] * len(bodies), 2))

        for t in targets:
            bodies = [orjson.dumps(r.body(t.model)) for r in wl.requests]
            reset_backends(backend_urls)
            flush_redis(redis_url)
            time.sleep(0.5)
            outage = None
            if t.name.startswith("ours, Redis killed"):
                outage = RedisOutage(procs, sdir, redis_proc, redis_url, f"http://{HOST}:{metrics_port}/metrics",
                                     kill_at=0.35 * offsets[-1])
                outage.start()
            t0 = time.perf_counter()
            results = asyncio.run(run_schedule(t, bodies, tenants, offsets, timeout=600,
                                               at=outage.tick if outage else None))
            wall = time.perf_counter() - t0
            time.sleep(0.3)
            row = metrics(t.name, results, kv_stats(backend_urls), served_by(backend_urls), wall,
                          offline["oracle-bounded"])
            if outage is not None:
                outage_report = row["redis_outage"] = outage.stop()
                redis_proc = outage.redis
                wait_redis(redis_proc, redis_url)
            rows.append(row)
            print(f"  {t.name}: {wall:.0f}s, TTFT p50 {row['ttft_p50_ms']:.0f} ms p90 {row['ttft_p90_ms']:.0f} ms, "
                  f"token hit {row['token_hit_rate']:.3f} ({row['token_hit_vs_bounded_oracle']:.2f} of the bounded "
                  f"oracle), per replica {row['per_replica_requests']}, errors {row['errors']}"
                  + (f" (first: {row['first_error']})" if row["errors"] else "")
                  + (f", Redis outage: {row['redis_outage']}" if "redis_outage" in row else ""), flush=True)
    finally:
        procs.stop_all()
    checks = check_targets([r for r in rows if not r["strategy"].startswith("ours, Redis")],
                           "token_hit_vs_bounded_oracle", "hit >= 90% of bounded oracle")
    return {"scenario": sc.name, "replicas": sc.replicas, "slots": sc.slots, "capacity_tokens": sc.capacity_tokens,
            "load": args.load, "rate_per_s": rate, "workload": wl.summary(), "offline_model": offline,
            "strategies": rows, "targets": checks, "redis_outage": outage_report,
            "runtime_s": time.monotonic() - t_start}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.prefix_cache.simulated", description=__doc__.split("\n")[0])
    p.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    p.add_argument("--load", type=float, default=0.65, help="arrival rate as a share of the warm capacity")
    p.add_argument("--no-redis-kill", action="store_true", help="skip the Redis outage run")
    p.add_argument("--keep", action="store_true", help="keep the work directory (configs, logs)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    t_start = time.monotonic()
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    workdir = Path(tempfile.mkdtemp(prefix="bench-pfx-"))
    out: list[dict[str, Any]] = []
    try:
        for name in names:
            out.append(run_scenario(SCENARIOS[name], args, workdir))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"work directory kept: {workdir}")
    for res in out:
        print()
        print(f"== prefix cache, simulated [{res['scenario']}]: {res['replicas']} replicas x {res['slots']} slots "
              f"(KV {res['capacity_tokens']} tokens each, TTFT {TTFT_BASE_MS:g} ms + {TTFT_PER_TOKEN_MS:g} ms/uncached "
              f"token, 8 chunks {CHUNK_DELAY_MS:g} ms apart), {res['workload']['requests']} requests, "
              f"{res['workload']['tenants']} tenants, {res['rate_per_s']:.1f} req/s ({res['load']:.0%} of warm capacity) ==")
        for line in table(res["strategies"], {k: res["offline_model"][k] for k in ("oracle-bounded", "oracle")}):
            print(line)
        for line in res["targets"]:
            print(line)
        if res["redis_outage"]:
            print(f"Redis outage: {res['redis_outage']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"prefix-cache-sim-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps({"args": vars(args), "scenarios": out, "python": sys.version.split()[0],
                                "platform": platform.platform(), "git": git_info(),
                                "runtime_s": time.monotonic() - t_start}, indent=1, default=str))
    print(f"\nresults: {path.relative_to(RESULTS.parents[1])}  (total {time.monotonic() - t_start:.0f}s)")
    return 0 if all(r["errors"] == 0 for res in out for r in res["strategies"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
