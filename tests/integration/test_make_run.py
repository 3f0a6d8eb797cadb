"""`make run`'s default path, as a fresh checkout runs it: the shipped config.yaml, no DI_UPSTREAM_URL, no
REDIS_URL, no master key. The stand-in upstream and an embedded Redis start, a master key is generated
and printed, the default number of workers serves, and after SIGTERM no process of it is left."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from di_plugins.serve import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def test_makefile_runs_the_dev_launcher() -> None:
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "-m standin.devserve" in recipe and "--config $(CONFIG)" in recipe


def test_make_run_default_path_serves_and_leaves_no_orphans(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DI_", "REDIS_URL", "WEB_CONCURRENCY", "CONFIG"))}
    log_path = tmp_path / "run.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "standin.devserve", "--config", "config.yaml",
                                 "--port", str(port)], cwd=ROOT, env={**env, "PYTHONUNBUFFERED": "1"},
                                stdout=log, stderr=subprocess.STDOUT)
    family: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, log_path.read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health/readiness", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)
        out = log_path.read_text()
        assert "started the stand-in upstream" in out and "started an embedded Redis" in out
        key = re.search(r"generated master key (sk-di-\S+)", out).group(1)
        family = psutil.Process(proc.pid).children(recursive=True)
        names = " ".join(" ".join(p.cmdline()) for p in family)
        assert "standin" in names and "redis-server" in names
        workers = [p for p in family if "spawn_main" in " ".join(p.cmdline())]
        assert len(workers) == len(os.sched_getaffinity(0)), names

        resp = httpx.post(f"http://127.0.0.1:{port}/di/v1/chat/completions", timeout=30,
                          headers={"Authorization": f"Bearer {key}"},
                          json={"model": "gpt-5.5-mini", "messages": [{"role": "user", "content": "Reply with PONG."}]})
        assert resp.status_code == 200 and resp.json()["model"] == "gpt-5.5-mini"
        assert resp.headers["x-di-request-type"] == "flash"  # a "mini" id, a trivial prompt: rule 8 or 9
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(40)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("make run's process did not stop within 40 s of SIGTERM")
    gone, alive = psutil.wait_procs(family, timeout=15)
    assert not alive, f"left running after SIGTERM: {[' '.join(p.cmdline()) for p in alive]}"
