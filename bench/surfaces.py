"""What each wire shape costs the gateway: the same request on every surface, side by side.

One stand-in backend and two gateways (``di-gateway serve --workers 1``), started by this script on
``127.0.0.1``:

* ``lean``: every request type on ``openai/…`` deployments (the pooled relay);
* ``translated``: every request type on ``anthropic/…`` deployments (the stand-in's ``/v1/messages``,
  LiteLLM's provider translation).

Each surface (OpenAI chat, Anthropic Messages, Gemini generateContent, Responses) sends the same prompt
through each gateway, non-streaming and as a 200-chunk stream (``[[words:200]]``), concurrency 1. For R
rounds, the cases run in a shuffled order; the gateway's user+system CPU is sampled around the measured
requests. The table gives the median CPU per request over rounds with ``[min-max]``, and its ratio to
the OpenAI chat surface on the same gateway and scenario: the price of the surface's translation in
and out. ``anthropic → translated`` is the path where a pass-through (no translation at all, the
deployment already speaks the caller's shape) could save the most.

    .venv/bin/python bench/surfaces.py              # 3 rounds, ~4 minutes on 2 cores
    .venv/bin/python bench/surfaces.py --quick      # 1 round, fewer requests

Results: a table on stdout and ``bench/results/surfaces-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
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
    spread,
    wait_http_ok,
)
from overhead import MASTER_KEY, PROMPT, RESULTS, child_env, gateway_config  # noqa: E402

LONG = PROMPT + " [[words:200]]"


@dataclass(frozen=True)
class SurfaceCase:
    """One surface: its path (stream and non-stream), body, and the bytes that mark success."""

    name: str
    path: str
    stream_path: str
    stream_end: bytes
    body_mark: bytes

    def body(self, stream: bool, long: bool) -> bytes:
        prompt, limit = (LONG, 512) if long else (PROMPT, 64)
        if self.name == "openai":
            payload: dict[str, Any] = {"model": "gpt-5.5", "max_tokens": limit,
                                       "messages": [{"role": "user", "content": prompt}]}
        elif self.name == "anthropic":
            payload = {"model": "claude-sonnet-4-5", "max_tokens": limit,
                       "messages": [{"role": "user", "content": prompt}]}
        elif self.name == "gemini":
            payload = {"contents": [{"role": "user", "parts": [{"text": prompt}]}],
                       "generationConfig": {"maxOutputTokens": limit}}
        else:
            payload = {"model": "gpt-5.5", "input": prompt, "max_output_tokens": limit}
        if stream and self.name != "gemini":
            payload["stream"] = True
        return json.dumps(payload, separators=(",", ":")).encode()


CASES = (
    SurfaceCase("openai", "/di/v1/chat/completions", "/di/v1/chat/completions", b"[DONE]", b'"choices"'),
    SurfaceCase("anthropic", "/di/v1/messages", "/di/v1/messages", b"message_stop", b'"content"'),
    SurfaceCase("gemini", "/di/v1beta/models/gemini-2.5-pro:generateContent",
                "/di/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", b'"finishReason"', b'"candidates"'),
    SurfaceCase("responses", "/di/v1/responses", "/di/v1/responses", b"response.completed", b'"output"'),
)
SCENARIOS = (("chat", False, False), ("stream200", True, True))


def start(procs: Processes, workdir: Path) -> tuple[dict[str, tuple[Managed, int]], Managed]:
    py = sys.executable
    backend_port = free_port()
    backend = procs.start("backend", [py, "-m", "standin", "--polite", "--host", HOST, "--model", "stand-in-backend",
                                      "--port", str(backend_port)], child_env(), ROOT, None)
    gateways: dict[str, tuple[Managed, int]] = {}
    waits = [(backend, backend_port, "/health")]
    for name, anthropic in (("lean", False), ("translated", True)):
        cfg = gateway_config(f"http://{HOST}:{backend_port}/v1", f"http://{HOST}:{backend_port}", anthropic)
        cfg["di"]["prefix_cache"] = {"enabled": False}
        path = workdir / f"{name}.yaml"
        path.write_text(yaml.safe_dump(cfg, sort_keys=False))
        port = free_port()
        proc = procs.start(name, [py, "-m", "di_plugins.cli", "serve", "--config", str(path), "--host", HOST,
                                  "--port", str(port), "--workers", "1", "--metrics-listen", f"{HOST}:{free_port()}"],
                           child_env(DI_MASTER_KEY=MASTER_KEY), workdir, None)
        gateways[name] = (proc, port)
        waits.append((proc, port, "/health/readiness"))
    for proc, port, path in waits:
        wait_http_ok(proc, port, path)
    return gateways, backend


async def measure(proc: Managed, port: int, case: SurfaceCase, stream: bool, long: bool, n: int,
                  warmup: int) -> dict[str, Any]:
    data = build_request(port, case.stream_path if stream else case.path, case.body(stream, long), MASTER_KEY)
    async with Load(port, data, 1, stream, (case.stream_end, case.body_mark)) as load:
        warm = await load.run(warmup, 120)
        cpu0 = proc.cpu_seconds()
        res = await load.run(n, 120 + n)
        cpu1 = proc.cpu_seconds()
    ok = len(res.latencies)
    return {"ok": ok, "errors": res.errors + warm.errors, "first_error": res.first_error or warm.first_error,
            "cpu_ms": (cpu1 - cpu0) * 1000 / ok if ok else float("nan"),
            "p50_ms": sorted(res.latencies)[ok // 2] * 1000 if ok else float("nan")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=150, help="measured requests per case (streams: a third)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--surfaces", default=",".join(c.name for c in CASES), help="comma-separated subset")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if c.name in args.surfaces.split(",")]
    if args.quick:
        args.rounds, args.requests = 1, 40
    workdir = Path(tempfile.mkdtemp(prefix="di-bench-surfaces-"))
    procs = Processes(workdir)
    results: dict[str, list[dict[str, Any]]] = {}
    try:
        gateways, _backend = start(procs, workdir)
        keys = [(g, c, s) for g in gateways for c in cases for s in SCENARIOS]
        rng = random.Random(7)
        for _ in range(args.rounds):
            rng.shuffle(keys)
            for gname, case, (sname, stream, long) in keys:
                proc, port = gateways[gname]
                n = args.requests // 3 if long else args.requests
                out = asyncio.run(measure(proc, port, case, stream, long, n, max(5, n // 10)))
                results.setdefault(f"{gname}/{case.name}/{sname}", []).append(out)
    finally:
        procs.stop_all()
    summary = summarise(results)
    print_table(summary)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"surfaces-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"rounds": args.rounds, "requests": args.requests, "summary": summary,
                               "raw": results}, indent=1))
    print(f"\nresults: {out.relative_to(ROOT)}")
    errors = sum(r["errors"] for runs in results.values() for r in runs)
    return 1 if errors else 0


def summarise(results: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for key, runs in results.items():
        cpu = [r["cpu_ms"] for r in runs]
        summary[key] = {"cpu_ms": median(cpu), "spread": spread(cpu), "errors": sum(r["errors"] for r in runs),
                        "p50_ms": median([r["p50_ms"] for r in runs]),
                        "first_error": next((r["first_error"] for r in runs if r["first_error"]), None)}
    for key, row in summary.items():
        gname, _case, sname = key.split("/")
        base = summary.get(f"{gname}/openai/{sname}")
        row["vs_openai"] = row["cpu_ms"] / base["cpu_ms"] if base and base["cpu_ms"] else float("nan")
    return summary


def print_table(summary: dict[str, Any]) -> None:
    print(f"{'gateway/surface/scenario':40} {'CPU ms/req':>22} {'vs openai':>10} {'p50 ms':>9} {'errors':>7}")
    for key in sorted(summary):
        row = summary[key]
        lo, hi = row["spread"]
        print(f"{key:40} {row['cpu_ms']:8.2f} [{lo:5.2f}-{hi:5.2f}]   {row['vs_openai']:9.2f}x "
              f"{row['p50_ms']:9.2f} {row['errors']:7d}")
        if row["first_error"]:
            print(f"    first error: {row['first_error']}")


if __name__ == "__main__":
    raise SystemExit(main())
