"""Static checks of the Dockerfile (no container engine here, so it cannot be built in tests)."""

from __future__ import annotations

import json
import re

from tests.chart.k8s import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            op, _, rest = line.partition(" ")
            out.append((op.upper(), rest.strip()))
    return out


def test_pinned_slim_python_311_base():
    arg = [r for op, r in _instructions() if op == "ARG" and r.startswith("PYTHON_IMAGE=")]
    assert arg and re.fullmatch(r"PYTHON_IMAGE=python:3\.11\.\d+-slim(-[a-z]+)?", arg[0]), arg
    froms = [r for op, r in _instructions() if op == "FROM"]
    assert froms and all(f.startswith("${PYTHON_IMAGE}") for f in froms)


def test_runs_as_non_root_uid_10001():
    users = [r for op, r in _instructions() if op == "USER"]
    assert users[-1] == "10001:10001"
    assert "--uid 10001" in DOCKERFILE


def test_entrypoint_cmd_and_no_healthcheck():
    ins = dict((op, r) for op, r in _instructions() if op in ("ENTRYPOINT", "CMD"))
    assert json.loads(ins["ENTRYPOINT"]) == ["di-gateway"]
    assert json.loads(ins["CMD"]) == ["serve", "--config", "/etc/di-gateway/config.yaml",
                                      "--host", "0.0.0.0", "--port", "4000"]
    assert all(op != "HEALTHCHECK" for op, _ in _instructions())
    assert ("EXPOSE", "4000") in _instructions()


def test_installs_with_constraints_and_offline_env():
    assert "pip install -c constraints.txt ." in DOCKERFILE
    for var in ("LITELLM_LOCAL_MODEL_COST_MAP=True", "LITELLM_TELEMETRY_DISABLED=true", "HOME=/tmp"):
        assert var in DOCKERFILE


def test_dockerignore_keeps_build_inputs():
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    for needed in ("!pyproject.toml", "!constraints.txt", "!README.md", "!di_plugins/"):
        assert needed in lines
    for path in re.findall(r"^COPY (?!--from)(.+) \S+$", DOCKERFILE, flags=re.M):
        for src in path.split():
            assert f"!{src.rstrip('/')}" in lines or f"!{src.rstrip('/')}/" in lines, src


def test_the_stand_in_is_not_part_of_the_package_or_the_image():
    """The stand-in upstream is a test double: neither the installed package nor the image carries it."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == ["di_plugins*"]
    assert not (ROOT / "di_plugins" / "upstream").exists() and (ROOT / "standin" / "__init__.py").exists()
    assert "standin" not in DOCKERFILE
