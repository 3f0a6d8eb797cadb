"""Prefix-cache routing in front of a real inference engine: 2-4 llama.cpp ``llama-server`` replicas.

    bash bench/prefix_cache/setup_real.sh                  # once: builds llama-server (~10-20 min on 2 cores)
    .venv/bin/python -m bench.prefix_cache.real_engine     # ~13 minutes on 2 cores

Opt-in, not part of ``make test``. ``setup_real.sh`` builds ``llama-server`` from the llama.cpp sources that
the ``llama-cpp-python`` sdist vendors and keeps it, the sources and the generated model under
``$LLAMA_TOOLS`` (default ``.tools/llama``), so a rerun skips the build. The model is a random-weight
llama-architecture GGUF with a byte-fallback vocabulary (:mod:`bench.prefix_cache.make_model`, written
with the sources' own ``gguf-py``; ~1 token per character); nothing else is downloaded.

Replicas: ``llama-server`` with one thread (``-t 1 -tb 1``: the machine's cores are shared),
``--parallel`` slots (default 2) and a host-memory prompt cache of ``--cache-ram`` MiB (default 64:
seven saved 2 k-token prompt states of this model, ~8.4 MiB each, LRU). Measured on one replica, closed
loop, Zipf traffic: a replica asked by 4 of the tenants finds 0.91-0.94 of the prompt tokens cached,
one asked by all 8 only 0.77 (the engine saves a slot's whole prompt, user turn included, so a hot
tenant takes several entries). At 40 MiB even 4 tenants thrash (0.75), so no placement can keep the
replicas warm: every strategy overloads. The engine reports ``usage.prompt_tokens_details.cached_tokens`` per
reply and ``llamacpp:prompt_tokens_total`` / ``llamacpp:prompt_tokens_cached_total`` on ``/metrics``:
the backend-reported cached share of a strategy is cached / (cached + processed) summed over replicas.

Workload: 8 tenants with ~2 k-token system prompts (``cache_control`` on the system message), Zipf(0.8)
popularity, unique short user turns, ``max_tokens`` 16, streamed with usage. Arrivals are open loop on
one seeded Poisson schedule per load level; the rate is ``--loads`` (default 0.5 and 0.8) times the
*warm capacity* measured first (:func:`calibrate`: the workload's own tenants, each only on its replica
under a static weight-balanced partition, every replica saturated at once).

Strategies (per load level, replicas restarted with empty caches, Redis flushed and the router itself
started afresh before each, so nothing learnt at one level carries into the next):
vanilla LiteLLM (``simple-shuffle``), LiteLLM ``optional_pre_call_checks: ["prompt_caching"]``, ours
(``di-gateway serve``, Redis, defaults). Two references for the cached share: the bounded oracle of the
queueing model (:mod:`bench.prefix_cache.queueing`) calibrated with the measured cold and warm times (a
model: its cache holds every saved prompt state as one distinct prefix, which overstates this engine),
and the share the engine itself reported during the warm-capacity measurement, where every tenant went
only to its own replica (measured, at saturation; a router that replicates hot prefixes could beat it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import orjson

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench._common import HOST, Managed, Processes, free_port, wait_http_ok  # noqa: E402
from bench.prefix_cache.harness import (  # noqa: E402
    GROUP,
    MASTER_KEY,
    OURS_MODEL,
    RESULTS,
    ROOT,
    Target,
    check_targets,
    child_env,
    flush_redis,
    git_info,
    latency_stats,
    run_schedule,
    run_sequence,
    start_ours,
    start_redis,
    wait_redis,
    wait_router,
    write_configs,
)
from bench.prefix_cache.queueing import ReplicaModel, arrivals  # noqa: E402
from bench.prefix_cache.queueing import simulate as model_run  # noqa: E402
from bench.prefix_cache.workload import WorkloadSpec, build  # noqa: E402
from bench.vanilla import vanilla_command, vanilla_python  # noqa: E402

LLAMA_CPP_PYTHON_VERSION = "0.3.36"
_METRIC = re.compile(r"^llamacpp:(prompt_tokens_total|prompt_tokens_cached_total|tokens_predicted_total) (\S+)$", re.M)


def tools_dir() -> Path:
    return Path(os.environ.get("LLAMA_TOOLS") or ROOT / ".tools" / "llama")


def llama_server() -> Path:
    return tools_dir() / "bin" / "llama-server"


def gguf_py() -> Path:
    return tools_dir() / f"llama_cpp_python-{LLAMA_CPP_PYTHON_VERSION}" / "vendor" / "llama.cpp" / "gguf-py"


def model_path(args: argparse.Namespace) -> Path:
    """The generated GGUF (made once, kept next to the build)."""
    if args.model is not None:
        return args.model
    path = tools_dir() / "models" / f"random-llama-{args.dim}x{args.layers}.gguf"
    if not path.exists():
        sys.path.insert(0, str(gguf_py()))
        from bench.prefix_cache.make_model import make

        path.parent.mkdir(parents=True, exist_ok=True)
        make(path, dim=args.dim, layers=args.layers, heads=max(1, args.dim // 64), kv_heads=max(1, args.dim // 64),
             ff=int(args.dim * 2.75))
        print(f"generated {path} ({path.stat().st_size / 1e6:.1f} MB)", flush=True)
    return path


def start_replica(procs: Processes, name: str, model: Path, port: int, args: argparse.Namespace) -> Managed:
    cmd = [str(llama_server()), "-m", str(model), "--host", HOST, "--port", str(port), "-t", str(args.threads),
           "-tb", str(args.threads), "-c", str(args.n_ctx * args.slots), "--parallel", str(args.slots),
           "--cache-ram", str(args.cache_mib), "--metrics"]
    return procs.start(name, cmd, child_env(), procs.log_dir)


def stop(proc: Managed) -> None:
    try:
        os.killpg(proc.popen.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    try:
        proc.popen.wait(10)
    except Exception:  # noqa: BLE001 - escalate
        os.killpg(proc.popen.pid, signal.SIGKILL)
        proc.popen.wait(5)


def engine_counters(port: int) -> dict[str, float]:
    text = httpx.get(f"http://{HOST}:{port}/metrics", timeout=10).text
    return {name: float(value) for name, value in _METRIC.findall(text)}


def counter_deltas(before: list[dict[str, float]], after: list[dict[str, float]]) -> list[dict[str, float]]:
    """Per replica, how much each engine counter grew between two :func:`engine_counters` readings."""
    return [{k: a.get(k, 0.0) - b.get(k, 0.0) for k in a} for a, b in zip(after, before, strict=True)]


def cached_share(per: list[dict[str, float]]) -> tuple[float, float, float]:
    """``(cached, processed, share)`` prompt tokens over the replicas' :func:`counter_deltas`: what the
    engine itself reports (share NaN when nothing was asked)."""
    cached = sum(p.get("prompt_tokens_cached_total", 0.0) for p in per)
    processed = sum(p.get("prompt_tokens_total", 0.0) for p in per)
    return cached, processed, cached / (cached + processed) if cached + processed else math.nan


def routed(metrics_port: int) -> dict[str, float]:
    """Our gateway's ``di_prefix_cache_routed_total`` per outcome (pinned, bypassed, unpinned)."""
    text = httpx.get(f"http://{HOST}:{metrics_port}/metrics", timeout=10).text
    return {k: float(v) for k, v in re.findall(r'^di_prefix_cache_routed_total\{outcome="(\w+)"\} (\S+)$', text, re.M)}


def start_replicas(procs: Processes, label: str, model: Path, ports: list[int], args: argparse.Namespace) -> list[Managed]:
    replicas = [start_replica(procs, f"llama-{label}-{i}", model, p, args) for i, p in enumerate(ports)]
    for rep, p in zip(replicas, ports, strict=True):
        wait_http_ok(rep, p, "/health", 120)
    return replicas


async def _post(client: httpx.AsyncClient, url: str, body: dict[str, Any]) -> float:
    t0 = time.perf_counter()
    resp = await client.post(url, json=body, timeout=600)
    resp.raise_for_status()
    return time.perf_counter() - t0


def partition(weights: list[float], replicas: int) -> list[list[int]]:
    """Tenants split over the replicas greedily by weight (heaviest first onto the lightest replica): the
    static placement that serves every request warm with the load as even as whole tenants allow."""
    parts: list[list[int]] = [[] for _ in range(replicas)]
    load = [0.0] * replicas
    for t in sorted(range(len(weights)), key=lambda t: -weights[t]):
        r = load.index(min(load))
        parts[r].append(t)
        load[r] += weights[t]
    return parts


def calibrate(ports: list[int], wl: Any, args: argparse.Namespace) -> dict[str, Any]:
    """The engine's cold and warm answer times, and the warm capacity of all replicas together.

    Cold and warm: one request at a time on each replica (one tenant each). Warm capacity: the
    workload's own traffic, each tenant sent only to the replica that :func:`partition` gives it (after
    one warm-up request per tenant), every replica at once with ``slots`` closed-loop clients each, for
    ``--calibrate-s`` seconds: the completions per second. So it counts what serving warm costs this
    engine with several tenants per replica (slot swaps: saving and restoring prompt states) and with
    the replicas sharing the machine; one tenant per replica, one request at a time, overstated it
    1.5-1.6x here.
    """
    parts = partition(wl.weights, len(ports))

    async def run() -> dict[str, Any]:
        cold, warm = [], []
        rng = random.Random(args.seed)
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=64)) as client:
            def ask(port: int, tenant: int, turn: str) -> Any:
                return _post(client, f"http://{HOST}:{port}/v1/chat/completions", {
                    "model": "x", "max_tokens": args.max_tokens,
                    "messages": [{"role": "system", "content": wl.systems[tenant]}, {"role": "user", "content": turn}]})

            for port, tenants in zip(ports, parts, strict=True):
                cold.append(await ask(port, tenants[0], "c"))
                for k in range(3):
                    warm.append(await ask(port, tenants[0], f"calibration question number {k}?"))
                for t in tenants[1:]:
                    await ask(port, t, "warm-up")
            done = 0
            before = [engine_counters(port) for port in ports]
            t_end = time.perf_counter() + args.calibrate_s

            async def client_loop(port: int, tenants: list[int]) -> None:
                nonlocal done
                weights = [wl.weights[t] for t in tenants]
                while time.perf_counter() < t_end:
                    tenant = rng.choices(tenants, weights)[0]
                    await ask(port, tenant, f"saturation question {rng.random():.6f}?")
                    done += 1

            t0 = time.perf_counter()
            await asyncio.gather(*(client_loop(port, tenants) for port, tenants in zip(ports, parts, strict=True)
                                   for _ in range(args.slots)))
            elapsed = time.perf_counter() - t0
            after = [engine_counters(port) for port in ports]
        return {"cold_s": sum(cold) / len(cold), "warm_s": sum(warm) / len(warm),
                "warm_capacity_rps": done / elapsed, "saturation_answers": done, "partition": parts,
                "partition_cached_share": cached_share(counter_deltas(before, after))[2]}

    return asyncio.run(run())


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.prefix_cache.real_engine", description=__doc__.split("\n")[0])
    p.add_argument("--replicas", type=int, default=2)
    p.add_argument("--slots", type=int, default=2, help="llama-server --parallel per replica")
    p.add_argument("--threads", type=int, default=1, help="threads per replica (the cores are shared: keep 1)")
    p.add_argument("--cache-mib", type=int, default=64,
                   help="llama-server --cache-ram per replica (MiB; 64: seven saved 2 k-token prompt states)")
    p.add_argument("--n-ctx", type=int, default=4096, help="context per slot")
    p.add_argument("--calibrate-s", type=float, default=10.0, help="seconds of the saturated warm-capacity measurement")
    p.add_argument("--tenants", type=int, default=8)
    p.add_argument("--requests", type=int, default=400, help="requests per load level")
    p.add_argument("--loads", default="0.5,0.8", help="arrival rates as shares of the measured warm capacity")
    p.add_argument("--zipf", type=float, default=0.8)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--prefix-tokens", type=int, default=2000, help="engine tokens of a system prompt (~characters)")
    p.add_argument("--max-tokens", type=int, default=16)
    p.add_argument("--dim", type=int, default=256, help="model width of the generated GGUF")
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--model", type=Path, default=None, help="a GGUF to use instead of generating one")
    p.add_argument("--strategies", default="vanilla,litellm-pc,ours")
    p.add_argument("--keep", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not llama_server().exists():
        print(f"no {llama_server()}: run bash bench/prefix_cache/setup_real.sh (LLAMA_TOOLS={tools_dir()})",
              file=sys.stderr)
        return 2
    t_start = time.monotonic()
    est = args.prefix_tokens // 4   # the workload counts 4 characters a token; this vocabulary ~1 a character
    spec = WorkloadSpec(seed=args.seed, tenants=args.tenants, requests=args.requests, zipf_s=args.zipf,
                        prefix_min=int(est * 0.9), prefix_max=int(est * 1.1), turn_min=4, turn_max=8)
    wl = build(spec)
    tenants = [r.tenant for r in wl.requests]
    loads = [float(x) for x in args.loads.split(",") if x.strip()]
    strategies = [s.strip() for s in args.strategies.split(",") if s.strip()]
    print(f"workload: {json.dumps(wl.summary())}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="bench-pfx-real-"))
    procs = Processes(workdir)
    levels: list[dict[str, Any]] = []
    calibration: dict[str, Any] = {}
    try:
        model = model_path(args)
        ports = [free_port() for _ in range(args.replicas)]
        urls = [f"http://{HOST}:{p}/v1" for p in ports]
        redis_proc, redis_url = start_redis(procs, workdir)
        keys = [wl.tenant_key(t) for t in range(args.tenants)]
        paths = write_configs(workdir, urls, "random-llama", keys, cache_salt=False, strip_cache_control=False,
                              prefix_cache={"min_tokens": 64})
        litellm_env = child_env(MINIMUM_PROMPT_CACHE_TOKEN_COUNT="64")
        wait_redis(redis_proc, redis_url)
        metrics_port = free_port()

        def start_router(name: str, label: str) -> tuple[Managed, int, str]:
            """A fresh router process per run: no strategy carries what it learnt into the next level."""
            if name == "ours":
                proc, port = start_ours(procs, f"ours-{label}", paths["ours"], workdir, redis_url, metrics_port)
                kind = "ours"
            else:
                port = free_port()
                proc = procs.start(f"{name}-{label}", vanilla_command(vanilla_python(), HOST, port),
                                   {**litellm_env, "CONFIG_FILE_PATH": str(paths[name])}, workdir)
                kind = "litellm"
            wait_router(proc, port, kind)
            return proc, port, kind

        replicas = start_replicas(procs, "calibration", model, ports, args)
        calibration = calibrate(ports, wl, args)
        for rep in replicas:
            stop(rep)
        capacity = calibration["warm_capacity_rps"]
        print(f"calibration: cold answer {calibration['cold_s'] * 1000:.0f} ms, warm {calibration['warm_s'] * 1000:.0f} ms "
              f"(one at a time); warm capacity {capacity:.2f} req/s (the workload's tenants split over the replicas, "
              f"all saturated; {args.replicas / calibration['warm_s']:.2f} one at a time); the engine's cached share "
              f"meanwhile {calibration['partition_cached_share']:.3f}", flush=True)
        prompt_chars = sum(len(s) for s in wl.systems) / len(wl.systems)
        per_token_ms = max(0.0, (calibration["cold_s"] - calibration["warm_s"]) * 1000 / prompt_chars)
        # the replica model of this engine: one compute lane per replica (one thread), KV for the slots' own
        # contexts plus the RAM prompt cache (bytes per token: 2 (K, V) x layers x width x 2 (f16))
        state_bytes = 4 * args.layers * args.dim * prompt_chars   # one saved prompt state (f16 K and V)
        kv_tokens = int((args.slots + int(args.cache_mib * 2**20 // state_bytes)) * prompt_chars)
        # the model counts 4 characters a token (this vocabulary: one a character)
        # a warm request holds the lane for the measured saturated time (replicas / warm capacity)
        engine_model = ReplicaModel(args.replicas, 1, kv_tokens // 4, 0.0, per_token_ms * 4,
                                    args.replicas / capacity * 1000, block_size=1)

        for load in loads:
            rate = load * capacity
            offsets = arrivals(len(wl.requests), rate, args.seed)
            oracle = model_run(wl, offsets, engine_model, "oracle-bounded")
            print(f"[load {load:.0%}] {len(wl.requests)} requests at {rate:.2f}/s over {offsets[-1]:.0f}s; "
                  f"modelled bounded oracle: cached share {oracle['token_hit_rate']:.3f}", flush=True)
            rows = []
            for s in strategies:
                router, port, kind = start_router(s, f"{load}")
                path = "/di/v1/chat/completions" if kind == "ours" else "/v1/chat/completions"
                model_name = OURS_MODEL if kind == "ours" else GROUP
                target = Target(s, [f"http://{HOST}:{port}{path}"], model_name,
                                (lambda t: keys[t]) if kind == "ours" else (lambda _t: MASTER_KEY))
                replicas = start_replicas(procs, f"{s}-{load}", model, ports, args)
                flush_redis(redis_url)
                warm = [orjson.dumps({"model": model_name, "messages": [{"role": "user", "content": f"warm {i}"}],
                                      "max_tokens": 2, "stream": True}) for i in range(2 * args.replicas)]
                asyncio.run(run_sequence(target, warm, [0] * len(warm), 1))
                before = [engine_counters(p) for p in ports]
                routed_before = routed(metrics_port) if kind == "ours" else {}
                bodies = [orjson.dumps(r.body(model_name, max_tokens=args.max_tokens, system_parts=False))
                          for r in wl.requests]
                t0 = time.perf_counter()
                results = asyncio.run(run_schedule(target, bodies, tenants, offsets, timeout=900))
                wall = time.perf_counter() - t0
                time.sleep(0.5)
                after = [engine_counters(p) for p in ports]
                routed_after = routed(metrics_port) if kind == "ours" else {}
                for proc in (*replicas, router):
                    stop(proc)
                per = counter_deltas(before, after)
                cached, processed, share = cached_share(per)
                decoded = [p.get("tokens_predicted_total", 0.0) for p in per]
                ok = [r for r in results if r["error"] is None]
                ttft = latency_stats([r["ttft_s"] for r in ok])
                row = {"strategy": s, "requests": len(results), "errors": len(results) - len(ok),
                       "first_error": next((r["error"] for r in results if r["error"]), None), "wall_s": wall,
                       "ttft_p50_ms": ttft["p50_ms"], "ttft_p90_ms": ttft["p90_ms"], "ttft_mean_ms": ttft["mean_ms"],
                       "cached_tokens": cached, "processed_tokens": processed, "cached_share": share,
                       "cached_share_vs_model_oracle": share / oracle["token_hit_rate"],
                       "cached_share_vs_partition": share / calibration["partition_cached_share"],
                       "decode_share_per_replica": [round(d / sum(decoded), 3) if sum(decoded) else None
                                                    for d in decoded],
                       "routed": {k: v - routed_before.get(k, 0.0) for k, v in routed_after.items()},
                       "ttft_ms": [None if r["ttft_s"] is None else round(r["ttft_s"] * 1000, 1) for r in results]}
                rows.append(row)
                print(f"  {s}: {wall:.0f}s, TTFT p50 {row['ttft_p50_ms']:.0f} ms p90 {row['ttft_p90_ms']:.0f} ms, "
                      f"engine cached share {share:.3f}, decode per replica {row['decode_share_per_replica']}, "
                      + (f"routed {row['routed']}, " if row["routed"] else "") +
                      f"errors {row['errors']}" + (f" (first: {row['first_error']})" if row["errors"] else ""),
                      flush=True)
            levels.append({"load": load, "rate_per_s": rate, "modelled_oracle_bounded": oracle, "strategies": rows,
                           "targets": check_targets(
                               rows, "cached_share_vs_model_oracle",
                               "cached share >= 90% of the modelled bounded oracle")})
    finally:
        procs.stop_all()
        if args.keep:
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    for level in levels:
        print(f"== prefix cache, real engine: {args.replicas} llama-server replicas ({args.slots} slots, "
              f"{args.threads} thread, --cache-ram {args.cache_mib} MiB, random {args.dim}x{args.layers} llama), "
              f"{args.requests} requests, {args.tenants} tenants, load {level['load']:.0%} of warm capacity "
              f"({level['rate_per_s']:.2f} req/s) ==")
        head = ["strategy", "TTFT p50", "TTFT p90", "TTFT mean", "cached share (engine)", "vs modelled oracle",
                "vs measured partition", "decode per replica", "err"]
        lines = [[r["strategy"], f"{r['ttft_p50_ms']:.0f} ms", f"{r['ttft_p90_ms']:.0f} ms",
                  f"{r['ttft_mean_ms']:.0f} ms", f"{r['cached_share']:.3f}", f"{r['cached_share_vs_model_oracle']:.3f}",
                  f"{r['cached_share_vs_partition']:.3f}", "/".join(str(x) for x in r["decode_share_per_replica"]), str(r["errors"])]
                 for r in level["strategies"]]
        widths = [max(len(x[i]) for x in [head, *lines]) for i in range(len(head))]
        for line in [head, *lines]:
            print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
        for line in level["targets"]:
            print(line)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"prefix-cache-real-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"args": vars(args), "workload": wl.summary(), "calibration": calibration,
                               "levels": levels, "git": git_info(), "load_average": os.getloadavg(),
                               "runtime_s": time.monotonic() - t_start}, indent=1, default=str))
    print(f"\nresults: {out.relative_to(ROOT)}  (total {time.monotonic() - t_start:.0f}s)")
    return 0 if all(r["errors"] == 0 for level in levels for r in level["strategies"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
