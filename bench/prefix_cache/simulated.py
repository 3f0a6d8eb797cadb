"""Prefix-cache routing on the stand-in upstream: vanilla LiteLLM vs LiteLLM ``prompt_caching`` vs ours.

    .venv/bin/python -m bench.prefix_cache.simulated            # ~4-5 minutes on 2 cores
    .venv/bin/python -m bench.prefix_cache.simulated --quick    # ~2 minutes, 400 requests
    .venv/bin/python -m bench.prefix_cache.simulated --variant load_factor=3   # another 'ours' variant

One run, one seeded request sequence (see :mod:`bench.prefix_cache.workload`), the same N stand-in
replicas (KV-cache model: LRU of 16-token blocks, ``--capacity-tokens`` each; TTFT = 5 ms + 0.05 ms per
uncached token, at most ``--prefill-concurrency`` prefills at once per replica, the rest queue). The
strategies run back to back in a fixed order; before each one every replica's KV cache and counters are
reset, its request log is cleared and Redis is flushed. Each router first gets a few short, uncacheable
warm-up requests. ``--concurrency`` closed-loop client streams send the sequence in order (streaming,
``stream_options.include_usage``); TTFT = time to the first SSE chunk with non-empty content.

Per strategy: backend token hit rate (sum cached_tokens / sum prompt_tokens over the replicas' KV
counters), request hit rate (share of requests with cached_tokens > 0, from the usage the client got),
both relative to the offline oracle (see :mod:`bench.prefix_cache.workload`), TTFT p50/p90, load
imbalance (max/mean requests per replica) and tenant stickiness (share of a tenant's requests served by
the replica that served its previous request). Table on stdout, JSON in ``bench/results/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
import yaml

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench._common import Processes  # noqa: E402
from bench.prefix_cache.harness import (  # noqa: E402
    GROUP,
    MASTER_KEY,
    OURS_MODEL,
    RESULTS,
    Target,
    child_env,
    flush_redis,
    git_info,
    latency_stats,
    run_sequence,
    start_litellm,
    start_ours,
    start_redis,
    wait_redis,
    wait_router,
    write_configs,
)
from bench.prefix_cache.workload import WorkloadSpec, build, simulate  # noqa: E402

_QID = re.compile(r"\[q(\d{5})\]")
DEFAULT_VARIANTS = ("load_factor=2,replicas_per_prefix=3",)
"""The settings proposed for the plugin's defaults (see bench/README.md, "Prefix cache")."""


# -- stand-in control -------------------------------------------------------------------------------


def start_standin(procs: Processes, workdir: Path, args: argparse.Namespace) -> tuple[Any, list[str]]:
    cmd = [sys.executable, "-m", "bench.prefix_cache.standin", "--replicas", str(args.replicas),
           "--kv-capacity-tokens", str(args.capacity_tokens), "--ttft-base-ms", str(args.ttft_base_ms),
           "--ttft-per-token-ms", str(args.ttft_per_token_ms),
           "--prefill-concurrency", str(args.prefill_concurrency), "--max-records", str(args.requests + 100),
           "--delay-ms", str(args.decode_ms_per_chunk)]
    proc = procs.start("standin", cmd, child_env(PYTHONPATH=str(Path(__file__).resolve().parents[2])),
                       Path(__file__).resolve().parents[2])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        urls = re.findall(r"stand-in replica on (\S+)", proc.log_tail(100_000))
        if len(urls) == args.replicas:
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
            body = rec.get("body") or {}
            msgs = body.get("messages") or []
            m = _QID.search(json.dumps(msgs[-1]) if msgs else "")
            if m:
                out[int(m.group(1))] = r
    return out


# -- metrics ------------------------------------------------------------------------------------------


def stickiness(tenants: list[int], replica_of: dict[int, int]) -> float:
    last: dict[int, int] = {}
    same = total = 0
    for i, t in enumerate(tenants):
        r = replica_of.get(i)
        if r is None:
            continue
        if t in last:
            total += 1
            same += last[t] == r
        last[t] = r
    return same / total if total else math.nan


def miss_causes(tenants: list[int], results: list[dict], replica_of: dict[int, int]) -> dict[str, int]:
    """Requests with cached_tokens == 0 by cause: the tenant's first request (``cold``), sent to another
    replica than the tenant's previous request (``moved``), or to the same one, which evicted it (``evicted``)."""
    last: dict[int, int] = {}
    out = {"cold": 0, "moved": 0, "evicted": 0}
    for r in sorted(results, key=lambda r: r["index"]):
        i, t = r["index"], tenants[r["index"]]
        rep = replica_of.get(i)
        if rep is None:
            continue
        if r["cached_tokens"] == 0:
            out["cold" if t not in last else "moved" if last[t] != rep else "evicted"] += 1
        last[t] = rep
    return out


def metrics(name: str, results: list[dict], kv: list[dict], replica_of: dict[int, int], tenants: list[int],
            wall: float, oracle: dict[str, Any]) -> dict[str, Any]:
    ok = [r for r in results if r["error"] is None]
    prompt = sum(s["prompt_tokens"] for s in kv)
    cached = sum(s["cached_tokens"] for s in kv)
    per_replica = [s["requests"] for s in kv]
    mean = sum(per_replica) / len(per_replica)
    token_hit = cached / prompt if prompt else math.nan
    with_usage = [r for r in ok if r["cached_tokens"] is not None]
    req_hit = sum(1 for r in with_usage if r["cached_tokens"] > 0) / len(with_usage) if with_usage else math.nan
    ttft = latency_stats([r["ttft_s"] for r in ok])
    total = latency_stats([r["total_s"] for r in ok])
    errors = [r for r in results if r["error"] is not None]
    return {
        "strategy": name, "requests": len(results), "ok": len(ok), "errors": len(errors),
        "first_error": errors[0]["error"] if errors else None, "wall_s": wall, "rps": len(ok) / wall if wall else 0,
        "prompt_tokens": prompt, "cached_tokens": cached, "token_hit_rate": token_hit,
        "request_hit_rate": req_hit, "usage_reported": len(with_usage),
        "client_cached_tokens": sum(r["cached_tokens"] or 0 for r in with_usage),
        "token_hit_vs_oracle": token_hit / oracle["token_hit_rate"],
        "request_hit_vs_oracle": req_hit / oracle["request_hit_rate"],
        "ttft_p50_ms": ttft["p50_ms"], "ttft_p90_ms": ttft["p90_ms"], "ttft_mean_ms": ttft["mean_ms"],
        "total_p50_ms": total["p50_ms"], "total_p90_ms": total["p90_ms"],
        "per_replica_requests": per_replica, "imbalance": max(per_replica) / mean if mean else math.nan,
        "stickiness": stickiness(tenants, replica_of), "attributed": len(replica_of),
        "misses": miss_causes(tenants, results, replica_of),
        "evicted_blocks": sum(s["evicted_blocks"] for s in kv),
        "per_request": {"ttft_ms": [None if r["ttft_s"] is None else round(r["ttft_s"] * 1000, 2) for r in results],
                        "cached_tokens": [r["cached_tokens"] for r in results],
                        "replica": [replica_of.get(r["index"]) for r in results]},
    }


def fmt(v: Any, spec: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return format(v, spec)


def print_table(rows: list[dict], offline: dict[str, dict]) -> None:
    head = ["strategy", "token hit", "req hit", "tok vs oracle", "TTFT p50", "TTFT p90", "imbalance", "sticky",
            "misses cold/moved/evicted", "req/s", "err"]
    lines = []
    for r in rows:
        lines.append([r["strategy"], fmt(r["token_hit_rate"], ".3f"), fmt(r["request_hit_rate"], ".3f"),
                      fmt(r["token_hit_vs_oracle"], ".3f"), fmt(r["ttft_p50_ms"], ".1f") + " ms",
                      fmt(r["ttft_p90_ms"], ".1f") + " ms", fmt(r["imbalance"], ".2f"), fmt(r["stickiness"], ".2f"),
                      "/".join(str(v) for v in r["misses"].values()), fmt(r["rps"], ".0f"), str(r["errors"])])
    for name, o in offline.items():
        lines.append([f"[offline] {name}", fmt(o["token_hit_rate"], ".3f"), fmt(o["request_hit_rate"], ".3f"),
                      fmt(o["token_hit_rate"] / offline["oracle"]["token_hit_rate"], ".3f"), "", "",
                      fmt(o["imbalance"], ".2f"), "", "", "", ""])
    widths = [max(len(str(x[i])) for x in [head, *lines]) for i in range(len(head))]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    for line in lines:
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)))


def check_targets(rows: list[dict]) -> list[str]:
    base = next((r for r in rows if r["strategy"].startswith("vanilla")), None)
    out = []
    for r in rows:
        if not r["strategy"].startswith("ours"):
            continue
        speedup = base["ttft_p50_ms"] / r["ttft_p50_ms"] if base and r["ttft_p50_ms"] else math.nan
        checks = [("hit >= 95% of oracle", r["token_hit_vs_oracle"] >= 0.95, f"{r['token_hit_vs_oracle']:.3f}"),
                  ("TTFT p50 >= 3x better than vanilla", speedup >= 3,
                   f"{speedup:.2f}x" if not math.isnan(speedup) else "n/a: vanilla not run"),
                  ("imbalance <= 1.3", r["imbalance"] <= 1.3, f"{r['imbalance']:.2f}")]
        r["targets"] = {name: {"met": bool(ok), "value": value} for name, ok, value in checks}
        out.append(f"{r['strategy']}: " + "; ".join(f"{n}: {'MET' if ok else 'MISSED'} ({v})" for n, ok, v in checks))
    return out


def parse_variant(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--variant: expected KEY=VALUE, got {item!r}")
        out[key.strip()] = yaml.safe_load(value)
    return out


# -- main ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.prefix_cache.simulated", description=__doc__.split("\n")[0])
    p.add_argument("--requests", type=int, default=600)
    p.add_argument("--tenants", type=int, default=40)
    p.add_argument("--zipf", type=float, default=0.8, help="Zipf exponent of tenant popularity (default 0.8)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--replicas", type=int, default=4)
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--capacity-tokens", type=int, default=40_000,
                   help="KV capacity per replica (default 40000: ~1.1x a fair share of all tenants' prefixes)")
    p.add_argument("--ttft-base-ms", type=float, default=5.0)
    p.add_argument("--ttft-per-token-ms", type=float, default=0.05)
    p.add_argument("--prefill-concurrency", type=int, default=2)
    p.add_argument("--decode-ms-per-chunk", type=float, default=50.0,
                   help="stand-in pause between streamed chunks (default 50: ~0.4 s of decode per answer)")
    p.add_argument("--load-factor", type=float, default=None,
                   help="di.prefix_cache.load_factor for 'ours' (default: the plugin's default)")
    p.add_argument("--variant", action="append", default=None, metavar="KEY=VALUE[,KEY=VALUE]",
                   help="one more single-gateway 'ours' strategy with these di.prefix_cache settings (repeatable; "
                        f"default: {' and '.join(DEFAULT_VARIANTS)}; 'none' for no variant)")
    p.add_argument("--strategies", default="vanilla,litellm-pc,ours,ours-2gw",
                   help="subset/order of vanilla,litellm-pc,ours,ours-2gw")
    p.add_argument("--quick", action="store_true", help="400 requests")
    p.add_argument("--keep", action="store_true", help="keep the work directory (configs, logs)")
    args = p.parse_args(argv)
    if args.variant is None:
        args.variant = list(DEFAULT_VARIANTS)
    args.variant = [v for v in args.variant if v.strip().lower() != "none"]
    if args.quick:
        args.requests = min(args.requests, 400)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    t_start = time.monotonic()
    spec = WorkloadSpec(seed=args.seed, tenants=args.tenants, requests=args.requests, zipf_s=args.zipf)
    wl = build(spec)
    tenants = [r.tenant for r in wl.requests]
    print(f"workload: {json.dumps(wl.summary())}", flush=True)

    strategies = [s.strip() for s in args.strategies.split(",") if s.strip()]
    variants = [parse_variant(v) for v in args.variant]
    workdir = Path(tempfile.mkdtemp(prefix="bench-pfx-"))
    procs = Processes(workdir)
    rows: list[dict] = []
    offline: dict[str, dict] = {}
    try:
        standin, backend_urls = start_standin(procs, workdir, args)
        redis_proc, redis_url = start_redis(procs, workdir)
        keys = [wl.tenant_key(t) for t in range(args.tenants)]
        prefix_settings: dict[str, Any] = {}
        if args.load_factor is not None:
            prefix_settings["load_factor"] = args.load_factor
        paths = write_configs(workdir, backend_urls, "kv-backend-model", keys, cache_salt=True,
                              strip_cache_control=False, prefix_cache=prefix_settings)
        routers: dict[str, tuple[Any, int, str]] = {}
        if "vanilla" in strategies:
            routers["vanilla"] = (*start_litellm(procs, "vanilla", paths["vanilla"], workdir), "litellm")
        if "litellm-pc" in strategies:
            routers["litellm-pc"] = (*start_litellm(procs, "litellm-pc", paths["litellm-pc"], workdir), "litellm")
        wait_redis(redis_proc, redis_url)
        if "ours" in strategies or "ours-2gw" in strategies:
            routers["ours-0"] = (*start_ours(procs, "ours-0", paths["ours"], workdir, redis_url), "ours")
        if "ours-2gw" in strategies:
            routers["ours-1"] = (*start_ours(procs, "ours-1", paths["ours"], workdir, redis_url), "ours")
        for i, variant in enumerate(variants):
            v_dir = workdir / f"variant{i}"
            v_dir.mkdir()
            v_paths = write_configs(v_dir, backend_urls, "kv-backend-model", keys, cache_salt=True,
                                    strip_cache_control=False, prefix_cache={**prefix_settings, **variant})
            routers[f"ours-v{i}"] = (*start_ours(procs, f"ours-v{i}", v_paths["ours"], v_dir, redis_url), "ours")

        # the offline routers, computed while the proxies start
        for name in ("oracle", "oracle-bounded", "round-robin"):
            lf = args.load_factor if args.load_factor is not None else 1.25
            res = simulate(wl, name, replicas=args.replicas, capacity_tokens=args.capacity_tokens,
                           concurrency=args.concurrency, load_factor=lf)
            res.pop("assignment")
            offline[name] = res
        oracle = offline["oracle"]
        print(f"offline oracle: token hit {oracle['token_hit_rate']:.3f}, request hit "
              f"{oracle['request_hit_rate']:.3f}, imbalance {oracle['imbalance']:.2f}", flush=True)

        for proc, port, kind in routers.values():
            wait_router(proc, port, kind)
        print(f"all started in {time.monotonic() - t_start:.0f}s", flush=True)

        def url(name: str) -> str:
            port, kind = routers[name][1], routers[name][2]
            return f"http://127.0.0.1:{port}" + ("/di/v1/chat/completions" if kind == "ours" else "/v1/chat/completions")

        def tenant_key(t: int) -> str:
            return keys[t]

        def master(_t: int) -> str:
            return MASTER_KEY

        targets: list[Target] = []
        for s in strategies:
            if s == "vanilla":
                targets.append(Target("vanilla (simple-shuffle)", [url("vanilla")], GROUP, master, ["vanilla"]))
            elif s == "litellm-pc":
                targets.append(Target("litellm prompt_caching", [url("litellm-pc")], GROUP, master, ["litellm-pc"]))
            elif s == "ours":
                targets.append(Target("ours (1 gateway)", [url("ours-0")], OURS_MODEL, tenant_key, ["ours-0"]))
            elif s == "ours-2gw":
                targets.append(Target("ours (2 gateways, 1 Redis)", [url("ours-0"), url("ours-1")], OURS_MODEL,
                                      tenant_key, ["ours-0", "ours-1"]))
            else:
                raise SystemExit(f"unknown strategy {s!r}")
        for i, variant in enumerate(variants):
            label = ", ".join(f"{k}={v}" for k, v in variant.items())
            targets.append(Target(f"ours (1 gateway, {label})", [url(f"ours-v{i}")], OURS_MODEL, tenant_key,
                                  [f"ours-v{i}"]))

        # warm-up: short, uncacheable requests (no breakpoint, < 1024 tokens): first requests of a proxy are slow
        warm = [orjson.dumps({"model": GROUP, "messages": [{"role": "user", "content": f"warm-up {i}"}],
                              "max_tokens": 4, "stream": True, "stream_options": {"include_usage": True}})
                for i in range(16)]
        for t in targets:
            warm_bodies = [w.replace(b'"model":"pro"', f'"model":"{t.model}"'.encode()) for w in warm]
            asyncio.run(run_sequence(t, warm_bodies, [0] * len(warm_bodies), 4))

        for t in targets:
            bodies = [orjson.dumps(r.body(t.model)) for r in wl.requests]
            reset_backends(backend_urls)
            flush_redis(redis_url)
            time.sleep(0.3)
            router_procs = [routers[n][0] for n in t.procs]
            cpu0 = [m.cpu_seconds() for m in (*router_procs, standin)] + [time.process_time()]
            t0 = time.perf_counter()
            results = asyncio.run(run_sequence(t, bodies, tenants, args.concurrency))
            wall = time.perf_counter() - t0
            cpu1 = [m.cpu_seconds() for m in (*router_procs, standin)] + [time.process_time()]
            cpu = [b - a for a, b in zip(cpu0, cpu1, strict=True)]
            time.sleep(0.3)
            row = metrics(t.name, results, kv_stats(backend_urls), served_by(backend_urls), tenants, wall, oracle)
            row["urls"] = len(t.urls)
            n = max(1, len(results))
            row["cpu_ms_per_req"] = {"router": sum(cpu[:-2]) * 1000 / n, "standin": cpu[-2] * 1000 / n,
                                     "client": cpu[-1] * 1000 / n}
            rows.append(row)
            print(f"  {t.name}: {wall:.1f}s, token hit {row['token_hit_rate']:.3f}, TTFT p50 "
                  f"{row['ttft_p50_ms']:.1f} ms, imbalance {row['imbalance']:.2f}, errors {row['errors']}, CPU ms/req "
                  f"{', '.join(f'{k} {v:.1f}' for k, v in row['cpu_ms_per_req'].items())}"
                  + (f" (first: {row['first_error']})" if row["errors"] else ""), flush=True)
            if row["prompt_tokens"] != oracle["prompt_tokens"]:
                print(f"  ! prompt tokens at the replicas ({row['prompt_tokens']}) differ from the offline model's "
                      f"({oracle['prompt_tokens']})", flush=True)
    finally:
        procs.stop_all()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"work directory kept: {workdir}")

    print()
    print(f"== prefix cache, simulated: {args.replicas} stand-in replicas (KV {args.capacity_tokens} tokens each, "
          f"TTFT {args.ttft_base_ms:g} ms + {args.ttft_per_token_ms:g} ms/uncached token, "
          f"{args.prefill_concurrency} prefill lanes), {args.requests} requests, {args.tenants} tenants, "
          f"concurrency {args.concurrency} ==")
    print_table(rows, offline)
    print()
    for line in check_targets(rows):
        print(line)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"prefix-cache-sim-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"args": vars(args), "workload": wl.summary(), "offline": offline, "strategies": rows,
                               "python": sys.version.split()[0], "platform": platform.platform(), "git": git_info(),
                               "runtime_s": time.monotonic() - t_start}, indent=1, default=str))
    print(f"\nresults: {out.relative_to(RESULTS.parents[1])}  (total {time.monotonic() - t_start:.0f}s)")
    return 0 if all(r["errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
