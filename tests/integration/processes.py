"""Starting and stopping real gateway processes (``di-gateway serve``) for integration tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

from di_plugins.serve import free_port


@dataclass
class GatewayProcess:
    """A ``di-gateway serve`` subprocess, its root URL, its log file and its metrics listener's URL."""

    process: subprocess.Popen
    root_url: str
    log_path: Path
    metrics_url: str = ""

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"gateway exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.root_url + "/health/readiness", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.process.kill()
                pytest.fail(f"gateway did not become ready:\n{self.log()}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_gateway(config: Path, log_path: Path, env: dict[str, str], workers: int = 1) -> GatewayProcess:
    """Start a gateway on a free port with a clean environment plus ``env`` (not yet ready)."""
    port, metrics_port = free_port(), free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DI_", "REDIS_URL"))}
    clean.update({"PYTHONUNBUFFERED": "1", **env})
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "di_plugins.cli", "serve", "--config", str(config),
                                 "--port", str(port), "--workers", str(workers),
                                 "--metrics-listen", f"127.0.0.1:{metrics_port}"], cwd=config.parent, env=clean,
                                stdout=log, stderr=subprocess.STDOUT)
    return GatewayProcess(proc, f"http://127.0.0.1:{port}", log_path, f"http://127.0.0.1:{metrics_port}")


@contextmanager
def serving(config: dict, directory: Path, env: dict[str, str]) -> Iterator[GatewayProcess]:
    """A ready gateway serving ``config`` (written to ``directory/config.yaml``), stopped afterwards."""
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    gw = start_gateway(path, directory / "gateway.log", env)
    try:
        gw.wait_ready()
        yield gw
    finally:
        gw.stop()


def reset_replicas(upstream: object) -> None:
    """Clear the injected failures and the request records of every replica of a stand-in."""
    for replica in upstream.replicas:  # type: ignore[attr-defined]
        replica.reset()
        replica.clear_requests()
