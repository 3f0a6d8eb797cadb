"""What hostile bodies cost the gateway: 8 bodies of 32 MB of tiny JSON objects at once.

Starts ``di-gateway serve --workers 1`` (in front of a stand-in), sends ``--bodies`` concurrent POSTs of
``{"model":..., "messages":[...], "x":[{},{},...]}`` just under 32 MB, and meanwhile probes
``GET /health/liveliness`` every 5 ms (the longest probe = the worst event-loop stall every other
request on that worker saw) and samples the gateway's RSS every 10 ms (the peak). Prints the statuses,
the peak RSS above the idle RSS, and the probe latencies.

    .venv/bin/python bench/hostile_bodies.py                      # this checkout
    .venv/bin/python bench/hostile_bodies.py --source ../before   # another checkout (a git worktree)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import HOST, ROOT, Processes, free_port, quantile, wait_http_ok  # noqa: E402
from vanilla import OFFLINE_ENV  # noqa: E402

KEY = "sk-bench-hostile"


def body_of_tiny_objects(size: int) -> bytes:
    head = b'{"model":"gpt-5.5","messages":[{"role":"user","content":"hi"}],"x":['
    count = (size - len(head) - 2) // 3
    return head + b"{}," * (count - 1) + b"{}]}"


async def post(port: int, body: bytes) -> int:
    reader, writer = await asyncio.open_connection(HOST, port)
    head = (f"POST /di/v1/chat/completions HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {KEY}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    writer.write(head + body)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    writer.close()
    return status


async def probe(port: int, stop: asyncio.Event, latencies: list[float]) -> None:
    request = f"GET /health/liveliness HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode()
    reader, writer = await asyncio.open_connection(HOST, port)
    while not stop.is_set():
        t0 = time.perf_counter()
        writer.write(request)
        await reader.readuntil(b"\r\n\r\n")
        await reader.readuntil(b"}")
        latencies.append(time.perf_counter() - t0)
        await asyncio.sleep(0.005)
    writer.close()


async def sample_rss(pid: int, stop: asyncio.Event, peak: list[int]) -> None:
    proc = psutil.Process(pid)
    while not stop.is_set():
        try:
            peak[0] = max(peak[0], sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]
                                       if "redis" not in p.name()))
        except psutil.NoSuchProcess:
            return
        await asyncio.sleep(0.01)


async def run(port: int, pid: int, bodies: int, size: int) -> None:
    body = body_of_tiny_objects(size)
    proc = psutil.Process(pid)
    idle = proc.memory_info().rss
    stop, latencies, peak = asyncio.Event(), [], [idle]
    watchers = [asyncio.create_task(probe(port, stop, latencies)), asyncio.create_task(sample_rss(pid, stop, peak))]
    await asyncio.sleep(0.3)
    t0 = time.perf_counter()
    statuses = await asyncio.gather(*(post(port, body) for _ in range(bodies)))
    elapsed = time.perf_counter() - t0
    await asyncio.sleep(0.3)
    stop.set()
    await asyncio.gather(*watchers)
    print(f"{bodies} bodies of {len(body) / 2**20:.1f} MB ({(len(body) - 70) // 3:,} objects each): "
          f"statuses {sorted(set(statuses))}, all answered in {elapsed:.2f} s")
    print(f"  RSS idle {idle / 2**20:.0f} MB, peak {peak[0] / 2**20:.0f} MB (+{(peak[0] - idle) / 2**20:.0f} MB)")
    print(f"  event-loop probe: max {max(latencies) * 1000:.0f} ms, p99 {quantile(latencies, 0.99) * 1000:.0f} ms, "
          f"p50 {quantile(latencies, 0.5) * 1000:.1f} ms over {len(latencies)} probes")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=8)
    parser.add_argument("--mb", type=float, default=31.9)
    parser.add_argument("--source", type=Path, default=None, help="import di_plugins from this checkout")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="di-bench-hostile-"))
    procs = Processes(workdir)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DI_", "LITELLM_", "REDIS_URL"))}
        env.update(OFFLINE_ENV, PYTHONUNBUFFERED="1", DI_MASTER_KEY=KEY)
        if args.source:
            env["PYTHONPATH"] = str(args.source.resolve())
        up_port, port = free_port(), free_port()
        upstream = procs.start("standin", [sys.executable, "-m", "standin", "--polite", "--port", str(up_port)],
                               env, ROOT)
        config = {"model_list": [{"model_name": "pro", "litellm_params": {
                      "model": "openai/x", "api_base": f"http://{HOST}:{up_port}/v1", "api_key": "k"}}],
                  "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"}}
        (workdir / "config.yaml").write_text(yaml.safe_dump(config))
        gateway = procs.start("gateway", [sys.executable, "-m", "di_plugins.cli", "serve", "--config",
                                          str(workdir / "config.yaml"), "--port", str(port), "--workers", "1"],
                              env, workdir)
        wait_http_ok(upstream, up_port, "/health")
        wait_http_ok(gateway, port, "/health/readiness")
        asyncio.run(run(port, gateway.pid, args.bodies, int(args.mb * 2**20)))
        return 0
    finally:
        procs.stop_all()


if __name__ == "__main__":
    raise SystemExit(main())
