"""Prefix-cache routing in front of a real inference engine: 2+ llama.cpp servers (llama-cpp-python).

    bash bench/prefix_cache/setup_real.sh                  # once: builds llama-cpp-python from the sdist (~5 min)
    .venv/bin/python -m bench.prefix_cache.real_engine     # ~4 minutes on 2 cores

Opt-in; imports nothing of llama-cpp-python itself (the replicas are ``python -m llama_cpp.server``
processes). The model is a random-weight llama-architecture GGUF with a byte-fallback vocabulary that
:mod:`bench.prefix_cache.make_model` generates (512-dim, 8 layers; ~1 token per character); nothing is
downloaded. Each replica runs with one thread and llama-cpp-python's prompt cache (``--cache true
--cache_type ram --cache_size``, on top of the reuse of the previous prompt's KV state), so a prefix it
evaluated recently is not prefilled again.

Strategies (as in :mod:`bench.prefix_cache.simulated`): vanilla LiteLLM (``simple-shuffle``), LiteLLM
with ``optional_pre_call_checks: ["prompt_caching"]`` and ours (``di-gateway serve``, Redis). Before each
strategy the replicas are restarted (empty caches). The breakpoint sits on the system *message*
(``cache_control`` next to a string content: llama-cpp-python rejects content parts in system messages,
and ignores the extra key). Prefixes here are ~300-600 estimated tokens, so the minimum cacheable prefix
is lowered for both routers (``di.prefix_cache.min_tokens`` and LiteLLM's
``MINIMUM_PROMPT_CACHE_TOKEN_COUNT``). llama-cpp-python reports no ``cached_tokens``, so the backend hit
rate comes from the replicas' own log lines: reused = ``Llama.generate: N prefix-match hit``, evaluated =
``prompt eval time = ... / N tokens``; hit rate = reused / (reused + evaluated). The replicas run with
``--interrupt_requests false`` (by default llama-cpp-python aborts a streaming answer when the next
request arrives); one llama-cpp-python server computes one request at a time, the others queue.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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
    child_env,
    flush_redis,
    git_info,
    latency_stats,
    run_sequence,
    start_ours,
    start_redis,
    wait_redis,
    wait_router,
    write_configs,
)
from bench.prefix_cache.workload import WorkloadSpec, build  # noqa: E402
from bench.vanilla import vanilla_command, vanilla_python  # noqa: E402

_PREFIX_HIT = re.compile(r"Llama\.generate: (\d+) prefix-match hit, remaining (\d+) prompt tokens")
_EVAL = re.compile(r"prompt eval time =\s*[\d.]+ ms /\s*(\d+) tokens")
_POSTS = re.compile(r'"POST /v1/chat/completions HTTP/1\.1" 200')


def have_llama() -> bool:
    try:
        import gguf  # noqa: F401
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    return True


def start_replica(procs: Processes, name: str, model: Path, port: int, args: argparse.Namespace,
                  workdir: Path) -> Managed:
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", HOST, "--port", str(port),
           "--n_ctx", str(args.n_ctx), "--n_threads", str(args.threads), "--n_threads_batch", str(args.threads),
           "--cache", "true", "--cache_type", "ram", "--cache_size", str(args.cache_mb * 1_000_000),
           "--interrupt_requests", "false", "--verbose", "true"]
    return procs.start(name, cmd, child_env(), workdir)


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


def replica_stats(proc: Managed) -> dict[str, int]:
    log = proc.log_tail(50_000_000)
    hits = [(int(a), int(b)) for a, b in _PREFIX_HIT.findall(log)]
    return {"requests": len(_POSTS.findall(log)), "reused_tokens": sum(a for a, _ in hits),
            "evaluated_tokens": sum(int(n) for n in _EVAL.findall(log)),
            "ram_cache_hits": log.count("cache hit"), "ram_cache_misses": log.count("cache miss")}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.prefix_cache.real_engine", description=__doc__.split("\n")[0])
    p.add_argument("--replicas", type=int, default=2)
    p.add_argument("--tenants", type=int, default=8)
    p.add_argument("--requests", type=int, default=60)
    p.add_argument("--concurrency", type=int, default=2)
    p.add_argument("--zipf", type=float, default=0.8)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--prefix-min", type=int, default=300, help="estimated tokens (x4 characters = llama tokens)")
    p.add_argument("--prefix-max", type=int, default=600)
    p.add_argument("--threads", type=int, default=1, help="llama.cpp threads per replica")
    p.add_argument("--n-ctx", type=int, default=4096)
    p.add_argument("--cache-mb", type=int, default=200,
                   help="llama-cpp-python RAM prompt cache per replica (~5 states of a 2.4k-token prompt)")
    p.add_argument("--max-tokens", type=int, default=8)
    p.add_argument("--model", type=Path, default=None, help="a GGUF to use instead of generating one")
    p.add_argument("--strategies", default="vanilla,litellm-pc,ours")
    p.add_argument("--keep", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not have_llama():
        print("llama-cpp-python / gguf are not installed: run bash bench/prefix_cache/setup_real.sh", file=sys.stderr)
        return 2
    t_start = time.monotonic()
    spec = WorkloadSpec(seed=args.seed, tenants=args.tenants, requests=args.requests, zipf_s=args.zipf,
                        prefix_min=args.prefix_min, prefix_max=args.prefix_max, turn_min=8, turn_max=24)
    wl = build(spec)
    tenants = [r.tenant for r in wl.requests]
    print(f"workload: {json.dumps(wl.summary())}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="bench-pfx-real-"))
    procs = Processes(workdir)
    rows: list[dict[str, Any]] = []
    try:
        model = args.model
        if model is None:
            from bench.prefix_cache.make_model import make

            model = make(workdir / "random-llama.gguf")
            print(f"generated {model.name} ({model.stat().st_size / 1e6:.0f} MB)", flush=True)
        ports = [free_port() for _ in range(args.replicas)]
        urls = [f"http://{HOST}:{p}/v1" for p in ports]
        redis_proc, redis_url = start_redis(procs, workdir)
        keys = [wl.tenant_key(t) for t in range(args.tenants)]
        paths = write_configs(workdir, urls, "random-llama", keys, cache_salt=False, strip_cache_control=False,
                              prefix_cache={"min_tokens": 64})
        litellm_env = child_env(MINIMUM_PROMPT_CACHE_TOKEN_COUNT="64")
        strategies = [s.strip() for s in args.strategies.split(",") if s.strip()]
        routers: dict[str, tuple[Managed, int, str]] = {}
        for name in ("vanilla", "litellm-pc"):
            if name in strategies:
                port = free_port()
                proc = procs.start(name, vanilla_command(vanilla_python(), HOST, port),
                                   {**litellm_env, "CONFIG_FILE_PATH": str(paths[name])}, workdir)
                routers[name] = (proc, port, "litellm")
        wait_redis(redis_proc, redis_url)
        if "ours" in strategies:
            routers["ours"] = (*start_ours(procs, "ours", paths["ours"], workdir, redis_url), "ours")
        for proc, port, kind in routers.values():
            wait_router(proc, port, kind)
        print(f"routers started in {time.monotonic() - t_start:.0f}s", flush=True)

        for s in strategies:
            proc, port, kind = routers[s]
            path = "/di/v1/chat/completions" if kind == "ours" else "/v1/chat/completions"
            model_name = OURS_MODEL if kind == "ours" else GROUP
            target = Target(s, [f"http://{HOST}:{port}{path}"], model_name,
                            (lambda t: keys[t]) if kind == "ours" else (lambda _t: MASTER_KEY))
            replicas = [start_replica(procs, f"llama-{s}-{i}", model, p, args, workdir) for i, p in enumerate(ports)]
            for rep, p in zip(replicas, ports, strict=True):
                wait_http_ok(rep, p, "/v1/models", 120)
            flush_redis(redis_url)
            warm = [orjson.dumps({"model": model_name, "messages": [{"role": "user", "content": f"warm {i}"}],
                                  "max_tokens": 2, "stream": True}) for i in range(2 * args.replicas)]
            asyncio.run(run_sequence(target, warm, [0] * len(warm), 1))
            before = [replica_stats(r) for r in replicas]
            bodies = [orjson.dumps(r.body(model_name, max_tokens=args.max_tokens, system_parts=False))
                      for r in wl.requests]
            t0 = time.perf_counter()
            results = asyncio.run(run_sequence(target, bodies, tenants, args.concurrency, timeout=600))
            wall = time.perf_counter() - t0
            time.sleep(0.5)
            after = [replica_stats(r) for r in replicas]
            for rep in replicas:
                stop(rep)
            per = [{k: a[k] - b[k] for k in a} for a, b in zip(after, before, strict=True)]
            ok = [r for r in results if r["error"] is None]
            reused = sum(p["reused_tokens"] for p in per)
            prompt = reused + sum(p["evaluated_tokens"] for p in per)
            reqs = [p["requests"] for p in per]
            mean = sum(reqs) / len(reqs) if reqs else 0
            ttft = latency_stats([r["ttft_s"] for r in ok])
            row = {"strategy": s, "requests": len(results), "errors": len(results) - len(ok),
                   "first_error": next((r["error"] for r in results if r["error"]), None), "wall_s": wall,
                   "ttft_p50_ms": ttft["p50_ms"], "ttft_p90_ms": ttft["p90_ms"], "ttft_mean_ms": ttft["mean_ms"],
                   "prompt_tokens": prompt, "reused_tokens": reused,
                   "token_hit_rate": reused / prompt if prompt else math.nan,
                   "per_replica_requests": reqs, "imbalance": max(reqs) / mean if mean else math.nan,
                   "per_replica": per, "ttft_ms": [None if r["ttft_s"] is None else round(r["ttft_s"] * 1000, 1)
                                                   for r in results]}
            rows.append(row)
            print(f"  {s}: {wall:.0f}s, TTFT p50 {row['ttft_p50_ms']:.0f} ms p90 {row['ttft_p90_ms']:.0f} ms, "
                  f"token hit {row['token_hit_rate']:.3f}, per replica {reqs}, errors {row['errors']}"
                  + (f" (first: {row['first_error']})" if row["errors"] else ""), flush=True)
    finally:
        procs.stop_all()
        if args.keep:
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(f"== prefix cache, real engine: {args.replicas} llama.cpp replicas (random-weight 512-dim 8-layer llama, "
          f"{args.threads} thread each, RAM prompt cache {args.cache_mb} MB), {args.requests} requests, "
          f"{args.tenants} tenants, concurrency {args.concurrency} ==")
    head = ["strategy", "TTFT p50", "TTFT p90", "TTFT mean", "token hit", "imbalance", "err"]
    lines = [[r["strategy"], f"{r['ttft_p50_ms']:.0f} ms", f"{r['ttft_p90_ms']:.0f} ms", f"{r['ttft_mean_ms']:.0f} ms",
              f"{r['token_hit_rate']:.3f}", f"{r['imbalance']:.2f}", str(r["errors"])] for r in rows]
    widths = [max(len(x[i]) for x in [head, *lines]) for i in range(len(head))]
    for line in [head, *lines]:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"prefix-cache-real-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"args": vars(args), "workload": wl.summary(), "strategies": rows, "git": git_info(),
                               "runtime_s": time.monotonic() - t_start}, indent=1, default=str))
    print(f"\nresults: {out.relative_to(ROOT)}  (total {time.monotonic() - t_start:.0f}s)")
    return 0 if all(r["errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
