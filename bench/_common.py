"""Shared bench helpers: managed server processes, a cheap keep-alive HTTP/1.1 load client, statistics.

Only loopback (``127.0.0.1``) is ever used. Every process started here runs in its own session (process
group) so that :meth:`Processes.stop_all` can end it and its children by id, also on Ctrl-C.
"""

from __future__ import annotations

import asyncio
import math
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


# -- processes --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pin_to(cpus: set[int] | None) -> Callable[[], None] | None:
    """A ``preexec_fn`` pinning the child (and every thread/child it creates) to ``cpus``."""
    if not cpus:
        return None

    def _pin() -> None:
        os.sched_setaffinity(0, cpus)

    return _pin


@dataclass
class Managed:
    name: str
    popen: subprocess.Popen
    log_path: Path
    extra_pids: list[int] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def cpu_seconds(self) -> float:
        """user+system CPU seconds of the process, its live descendants and ``extra_pids``."""
        return tree_cpu_seconds(self.pid, self.extra_pids)


def tree_cpu_seconds(pid: int, extra_pids: Sequence[int] = ()) -> float:
    total = 0.0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        procs = []
    for extra in extra_pids:
        try:
            procs.append(psutil.Process(extra))
        except psutil.NoSuchProcess:
            pass
    for proc in procs:
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


class Processes:
    """Registry of the processes a bench started; :meth:`stop_all` ends them (SIGTERM, then SIGKILL)."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.items: list[Managed] = []
        self.cleanups: list[Callable[[], None]] = []

    def start(self, name: str, cmd: list[str], env: dict[str, str], cwd: Path,
              cpus: set[int] | None = None) -> Managed:
        log_path = self.log_dir / f"{name}.log"
        with open(log_path, "wb") as log:
            popen = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=pin_to(cpus))
        item = Managed(name, popen, log_path)
        self.items.append(item)
        return item

    def stop_all(self, timeout: float = 10.0) -> None:
        for fn in reversed(self.cleanups):
            try:
                fn()
            except Exception:  # noqa: BLE001 - best effort at exit
                pass
        self.cleanups.clear()
        alive = [m for m in self.items if m.popen.poll() is None]
        for m in alive:
            _signal_group(m.popen.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for m in alive:
            try:
                m.popen.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(m.popen.pid, signal.SIGKILL)
                try:
                    m.popen.wait(5)
                except subprocess.TimeoutExpired:
                    pass
        for m in self.items:  # children left in the group (the group id is the child's own pid)
            _signal_group(m.popen.pid, signal.SIGKILL)
        self.items.clear()


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def wait_http_ok(proc: Managed, port: int, path: str, timeout: float = 180.0) -> None:
    """Poll ``GET path`` until it answers 200; raise with the log tail if the process dies or times out."""
    deadline = time.monotonic() + timeout
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode()
    while time.monotonic() < deadline:
        if proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited with {proc.popen.returncode}:\n{proc.log_tail()}")
        try:
            with socket.create_connection((HOST, port), timeout=2) as s:
                s.sendall(request)
                head = s.recv(64)
            if head.startswith(b"HTTP/1.1 200"):
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{proc.name} not ready on {HOST}:{port}{path} after {timeout:.0f}s:\n{proc.log_tail()}")


# -- load client ------------------------------------------------------------------------------------


def build_request(port: int, path: str, body: bytes, key: str | None) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {HOST}:{port}", "Content-Type: application/json",
             "Accept: */*", f"Content-Length: {len(body)}"]
    if key:
        lines.append(f"Authorization: Bearer {key}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


OPENAI_MARKERS = (b"[DONE]", b'"choices"')
"""What a successful OpenAI stream contains (its end) and what a successful completion body contains."""


class Conn:
    """One keep-alive HTTP/1.1 connection; parses just enough (content-length or chunked).

    ``markers`` is ``(stream end, body)``: the bytes a successful stream ends with and a successful
    response body contains (OpenAI's by default; another surface's for ``bench/surfaces.py``)."""

    def __init__(self, port: int, markers: tuple[bytes, bytes] = OPENAI_MARKERS) -> None:
        self.port = port
        self.stream_end, self.body_mark = markers
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        self.close()
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, data: bytes, stream: bool) -> tuple[int, float, float | None, bool]:
        """Send ``data``; return (status, seconds to last byte, seconds to first SSE event, body ok)."""
        if self.writer is None:
            await self.connect()
        t0 = time.perf_counter()
        self.writer.write(data)
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            # the server closed an idle keep-alive connection: reconnect once
            await self.connect()
            t0 = time.perf_counter()
            self.writer.write(data)
            head = await self.reader.readuntil(b"\r\n\r\n")
        reader = self.reader
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length = -1
        chunked = close = False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        first: float | None = None
        ok = False
        if chunked:
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
                if size == 0:
                    while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers
                        pass
                    break
                chunk = await reader.readexactly(size + 2)
                if first is None and b"data:" in chunk:
                    first = time.perf_counter() - t0
                if self.stream_end in chunk or (not stream and self.body_mark in chunk):
                    ok = True
        elif length >= 0:
            body = await reader.readexactly(length)
            ok = self.stream_end in body if stream else self.body_mark in body
        else:
            body = await reader.read()
            close = True
            ok = self.stream_end in body if stream else self.body_mark in body
        elapsed = time.perf_counter() - t0
        if close:
            self.close()
        return status, elapsed, first, ok and status == 200


@dataclass
class LoadResult:
    latencies: list[float]
    firsts: list[float]
    wall: float
    errors: int
    first_error: str | None
    ends: list[float] = field(default_factory=list)


class Load:
    """``concurrency`` workers, one keep-alive connection each, sharing a request budget."""

    def __init__(self, port: int, data: bytes, concurrency: int, stream: bool,
                 markers: tuple[bytes, bytes] = OPENAI_MARKERS) -> None:
        self.data, self.stream = data, stream
        self.conns = [Conn(port, markers) for _ in range(concurrency)]

    async def __aenter__(self) -> Load:
        await asyncio.gather(*(c.connect() for c in self.conns))
        return self

    async def __aexit__(self, *exc: Any) -> None:
        for c in self.conns:
            c.close()

    async def run(self, n: int, timeout: float, until: float | None = None) -> LoadResult:
        """Run ``n`` requests (or, with ``until``, as many as fit before that ``perf_counter`` time)."""
        latencies: list[float] = []
        firsts: list[float] = []
        ends: list[float] = []
        errors = 0
        first_error: str | None = None
        issued = 0
        data, stream = self.data, self.stream

        async def worker(conn: Conn) -> None:
            nonlocal issued, errors, first_error
            while issued < n and (until is None or time.perf_counter() < until):
                issued += 1
                try:
                    status, elapsed, first, ok = await conn.request(data, stream)
                except (OSError, ValueError, IndexError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
                    errors += 1
                    first_error = first_error or repr(exc)
                    conn.close()
                    continue
                if not ok:
                    errors += 1
                    first_error = first_error or f"HTTP {status} or unexpected body"
                    continue
                latencies.append(elapsed)
                if until is not None:
                    ends.append(time.perf_counter())
                if first is not None:
                    firsts.append(first)

        t0 = time.perf_counter()
        try:
            async with asyncio.timeout(timeout):
                await asyncio.gather(*(worker(c) for c in self.conns))
        except TimeoutError:
            errors += max(0, n - len(latencies) - errors) if until is None else 0
            first_error = first_error or f"segment timed out after {timeout:.0f}s"
            for c in self.conns:
                c.close()
        return LoadResult(latencies, firsts, time.perf_counter() - t0, errors, first_error, ends)


# -- statistics -------------------------------------------------------------------------------------


def quantile(values: Sequence[float], q: float) -> float:
    """Nearest-rank quantile (``q`` in [0, 1]); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    vals = [v for v in values if not math.isnan(v)]
    if not vals:
        return math.nan
    ordered = sorted(vals)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def spread(values: Sequence[float]) -> tuple[float, float]:
    vals = [v for v in values if not math.isnan(v)]
    return (min(vals), max(vals)) if vals else (math.nan, math.nan)


def python_env() -> dict[str, str]:
    return {"python": sys.version.split()[0], "executable": sys.executable}
