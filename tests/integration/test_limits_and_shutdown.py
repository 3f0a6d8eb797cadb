"""A gateway's input limit and its end of life, on gateway processes of this module's own: a chunked body
(no Content-Length) over ``di.max_body_mb`` is a clean 413, and SIGTERM while a slow stream is in flight
lets the stream finish (or end with one clean error frame) and the process and its children exit.
One gateway process (``di.max_body_mb: 1``) serves the module; the shutdown test stops it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from standin.replicas import StandInUpstream

from .fixtures_observe import Stream, chat_requests, stand_in_answer, wait_until
from .processes import GatewayProcess, start_gateway

MASTER = "sk-di-limits-master-5e1"
LIMIT_MB = 1
LIMIT = LIMIT_MB * 1024 * 1024
HEADERS = {"Authorization": f"Bearer {MASTER}", "Content-Type": "application/json"}
SHUTDOWN_DEADLINE_S = 30  # uvicorn's graceful period is 10 s; the process must be gone well before this


def write_config(directory: Path, upstream: StandInUpstream, **di: Any) -> Path:
    model_list = [{"model_name": group, "litellm_params": {"model": "openai/limits-backend", "api_key": "sk-x",
                                                          "api_base": upstream.urls[0]},
                   "model_info": {"id": f"limits-{group}"}} for group in ("pro", "flash")]
    config = {"model_list": model_list,
              "router_settings": {"num_retries": 0, "disable_cooldowns": True},
              "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
              "di": di}
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def upstream() -> Iterator[StandInUpstream]:
    with StandInUpstream(1, model_name="limits-secret-model", careless=False) as up:
        yield up


@pytest.fixture(autouse=True)
def _fresh_upstream(upstream: StandInUpstream) -> None:
    upstream.reset()  # no failures, no records of earlier tests


class Gateways:
    """This module's gateway process, started on first use and again after a test stopped it (the
    shutdown test runs last in file order, so one start serves the whole module)."""

    def __init__(self, config: Path) -> None:
        self.config = config
        self.current: GatewayProcess | None = None
        self.started = 0

    def get(self) -> GatewayProcess:
        if self.current is None or self.current.process.poll() is not None:
            self.started += 1
            log = self.config.parent / f"gateway-{self.started}.log"
            self.current = start_gateway(self.config, log, {"DI_MASTER_KEY": MASTER})
            self.current.wait_ready()
        return self.current

    def close(self) -> None:
        if self.current is not None and self.current.process.poll() is None:
            self.current.stop()


@pytest.fixture(scope="module")
def gateways(upstream: StandInUpstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateways]:
    directory = tmp_path_factory.mktemp("limits")
    running = Gateways(write_config(directory, upstream, max_body_mb=LIMIT_MB))
    try:
        yield running
    finally:
        running.close()


@pytest.fixture()
def small_limit_gateway(gateways: Gateways) -> str:
    return gateways.get().root_url


def chat_body_of_size(size: int) -> bytes:
    """A valid chat request of exactly ``size`` bytes."""
    shell = {"model": "gpt-5.5", "messages": [{"role": "user", "content": ""}]}
    empty = len(json.dumps(shell).encode())
    shell["messages"][0]["content"] = "a" * (size - empty)
    raw = json.dumps(shell).encode()
    assert len(raw) == size
    return raw


def chunked(raw: bytes, piece: int = 64 * 1024) -> Iterator[bytes]:
    """A generator body: httpx sends it with ``Transfer-Encoding: chunked`` and no Content-Length."""
    for start in range(0, len(raw), piece):
        yield raw[start:start + piece]


def post_chunked(root_url: str, raw: bytes) -> httpx.Response:
    resp = httpx.post(root_url + "/di/v1/chat/completions", content=chunked(raw), headers=HEADERS, timeout=60)
    assert resp.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in resp.request.headers
    return resp


def test_chunked_body_under_the_limit_is_served(small_limit_gateway: str, upstream: StandInUpstream) -> None:
    resp = post_chunked(small_limit_gateway, chat_body_of_size(LIMIT // 2))
    assert resp.status_code == 200, resp.text
    assert resp.json()["model"] == "gpt-5.5"
    assert len(chat_requests(upstream.replicas[0])) == 1


@pytest.mark.parametrize("size", [LIMIT + 1, LIMIT + 64 * 1024, 4 * LIMIT], ids=["one-byte-over", "64k-over", "4x"])
def test_chunked_body_over_the_limit_is_413(small_limit_gateway: str, upstream: StandInUpstream, size: int) -> None:
    resp = post_chunked(small_limit_gateway, chat_body_of_size(size))
    assert resp.status_code == 413, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    error = resp.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["type"] == "invalid_request_error" and error["message"]
    assert not chat_requests(upstream.replicas[0]), "nothing of an oversized body reaches a backend"


def test_body_exactly_at_the_limit_is_served(small_limit_gateway: str) -> None:
    assert post_chunked(small_limit_gateway, chat_body_of_size(LIMIT)).status_code == 200


# -- graceful shutdown ----------------------------------------------------------------------------

def children_of(pid: int) -> set[int]:
    """Live child processes of ``pid`` (from /proc)."""
    out = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.add(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@pytest.fixture()
def gateway_to_stop(gateways: Gateways) -> Iterator[GatewayProcess]:
    gw = gateways.get()
    try:
        yield gw
    finally:
        if gw.process.poll() is None:
            gw.process.kill()
            gw.process.wait(10)


def test_sigterm_lets_the_stream_in_flight_finish_and_the_process_exit(
        gateway_to_stop: GatewayProcess, upstream: StandInUpstream) -> None:
    gw, replica = gateway_to_stop, upstream.replicas[0]
    children = children_of(gw.process.pid)
    assert children, "the gateway runs its embedded Redis as a child"
    body = {"model": "gpt-5.5", "stream": True, "messages": [{"role": "user", "content": "Tell me about tea."}]}
    replica.delay_ms = 250  # ~2 s of stream after the first chunk: SIGTERM lands mid-stream
    try:
        with httpx.stream("POST", gw.root_url + "/di/v1/chat/completions", json=body, timeout=30,
                          headers=HEADERS) as resp:
            assert resp.status_code == 200
            lines = resp.iter_lines()
            data = [next(line for line in lines if line.startswith("data: "))[6:]]
            gw.process.send_signal(signal.SIGTERM)
            try:
                data += [line[6:] for line in lines if line.startswith("data: ")]
            except httpx.TransportError as exc:
                pytest.fail(f"SIGTERM cut the stream in flight ({exc!r}) after {data}")
    finally:
        replica.delay_ms = 0
    seen = Stream(resp.status_code, resp.headers, data)
    chunks = seen.chunks()
    assert len(chunks) > 2, data
    if seen.done:  # the stream in flight completed: all of it, as the backend sent it
        assert not seen.errors(), data
        (forwarded,) = chat_requests(replica)
        assert seen.text() == stand_in_answer(replica, forwarded)["content"]
    else:  # or it ends with exactly one clean error frame
        assert seen.errors() == [chunks[-1]], data
        assert set(chunks[-1]["error"]) >= {"message", "type"}
    assert {c["model"] for c in chunks if "error" not in c} == {"gpt-5.5"}

    try:
        code = gw.process.wait(SHUTDOWN_DEADLINE_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the gateway did not exit within {SHUTDOWN_DEADLINE_S}s of SIGTERM:\n{gw.log()[-3000:]}")
    assert code in (0, -signal.SIGTERM), gw.log()[-3000:]  # uvicorn re-raises SIGTERM once it has drained
    wait_until(lambda: not any(alive(pid) for pid in children),
               lambda: f"children of the gateway still running: {[p for p in children if alive(p)]}")
    with pytest.raises(httpx.ConnectError):
        httpx.get(gw.root_url + "/health/liveliness", timeout=5)
    assert not os.path.exists(f"/proc/{gw.process.pid}")
