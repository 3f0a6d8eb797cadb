"""Vanilla LiteLLM for side-by-side measurements: the LiteLLM proxy app, started the way LiteLLM
documents it (``uvicorn litellm.proxy.proxy_server:app`` with ``CONFIG_FILE_PATH``), over the same
model list as the gateway.

The gateway itself no longer installs LiteLLM's ``proxy`` extra (its own ASGI app serves the surface),
so the proxy runs from a separate virtual environment, ``.tools/vanilla-venv``, created on first use
with ``litellm[proxy]==1.108.7`` (the newest release whose ``proxy`` extra installs from this project's
registry) and reused afterwards. ``--vanilla-python PATH`` (in the benchmarks) uses another one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from di_plugins.provider import OFFLINE_ENV as GATEWAY_OFFLINE_ENV

ROOT = Path(__file__).resolve().parents[1]
VANILLA_VENV = ROOT / ".tools" / "vanilla-venv"
VANILLA_LITELLM = "litellm[proxy]==1.108.7"
OFFLINE_ENV = {**GATEWAY_OFFLINE_ENV, "NO_DOCS": "True", "NO_REDOC": "True", "DISABLE_ADMIN_UI": "True"}
"""The environment both vanilla LiteLLM and the gateway run with: the gateway's offline LiteLLM switches,
plus no docs or admin UI for the proxy app."""


def _has_proxy(python: str) -> bool:
    probe = "import litellm.proxy.proxy_server"
    env = {**os.environ, **OFFLINE_ENV}
    return subprocess.run([python, "-c", probe], env=env, capture_output=True, timeout=300).returncode == 0


def vanilla_python(explicit: str | None = None, say: Any = print) -> str:
    """A Python that can run LiteLLM's proxy app: ``explicit``, else ``.tools/vanilla-venv`` (created
    with ``litellm[proxy]`` the first time, a few minutes)."""
    if explicit:
        return explicit
    python = VANILLA_VENV / "bin" / "python"
    if python.exists() and _has_proxy(str(python)):
        return str(python)
    say(f"[bench] creating {VANILLA_VENV.relative_to(ROOT)} with {VANILLA_LITELLM} (once; a few minutes) ...")
    subprocess.run([sys.executable, "-m", "venv", str(VANILLA_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), VANILLA_LITELLM,
                    "uvloop", "httptools"], check=True)
    if not _has_proxy(str(python)):
        raise RuntimeError(f"{VANILLA_LITELLM} installed into {VANILLA_VENV} but its proxy app does not import")
    return str(python)


def vanilla_config(gateway_config: dict[str, Any], master_key: str) -> dict[str, Any]:
    """The LiteLLM proxy config equivalent to a gateway config: same model list, router and LiteLLM
    settings, the master key, no database, router internals kept out of error messages."""
    model_list = []
    for entry in gateway_config.get("model_list") or []:
        info = {k: v for k, v in (entry.get("model_info") or {}).items() if not str(k).startswith("di_")}
        model_list.append({**entry, "model_info": info} if info else
                          {k: v for k, v in entry.items() if k != "model_info"})
    settings = {"drop_params": True, **(gateway_config.get("litellm_settings") or {}),
                "expose_router_debug_in_errors": False}
    return {"model_list": model_list, "router_settings": dict(gateway_config.get("router_settings") or {}),
            "litellm_settings": settings,
            "general_settings": {"master_key": master_key, "disable_spend_logs": True}}


def write_vanilla_config(gateway_config: dict[str, Any], master_key: str, path: Path) -> Path:
    path.write_text(yaml.safe_dump(vanilla_config(gateway_config, master_key), sort_keys=False))
    return path


def vanilla_command(python: str, host: str, port: int, workers: int = 1) -> list[str]:
    """The documented way to serve LiteLLM's proxy app (config from ``CONFIG_FILE_PATH``)."""
    return [python, "-m", "uvicorn", "litellm.proxy.proxy_server:app", "--host", host, "--port", str(port),
            "--workers", str(workers), "--log-level", "warning", "--no-server-header", "--lifespan", "on"]
