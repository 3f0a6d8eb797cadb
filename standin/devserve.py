"""``python -m standin.devserve [serve options]``: ``di-gateway serve`` for a checkout, with a stand-in backend.

This is what ``make run`` starts. When the config refers to ``os.environ/DI_UPSTREAM_URL`` and that
variable is unset, it starts the stand-in upstream (``python -m standin``) as a child process that dies
with this one, points ``DI_UPSTREAM_URL`` at it, says so, and then runs the gateway in this process.
With ``DI_UPSTREAM_URL`` set (or a config that does not use it) it is exactly ``di-gateway serve``.

The installed ``di-gateway`` never starts the stand-in: it is a test and demo double that lives in the
repository, not in the package.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

UPSTREAM_ENV = "DI_UPSTREAM_URL"
UPSTREAM_KEY_ENV = "DI_UPSTREAM_API_KEY"
REPO_ROOT = Path(__file__).resolve().parent.parent


def start_stand_in(host: str = "127.0.0.1") -> tuple[subprocess.Popen, str]:
    """Start ``python -m standin`` on a free port; return the process and its OpenAI base URL."""
    from di_plugins.serve import die_with_parent, free_port, wait_for_port

    port = free_port(host)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen([sys.executable, "-m", "standin", "--host", host, "--port", str(port)], env=env,
                            preexec_fn=die_with_parent if sys.platform == "linux" else None)
    wait_for_port(host, port, proc=proc)
    return proc, f"http://{host}:{port}/v1"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from di_plugins.cli import main as cli_main
    from di_plugins.serve import default_config_path, stop_process

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--config", default=os.environ.get("CONFIG") or str(default_config_path()))
    known, _ = parser.parse_known_args(argv)
    proc = None
    try:
        text = Path(known.config).read_text(encoding="utf-8")
    except OSError:
        text = ""  # the gateway reports the unreadable config itself
    if f"os.environ/{UPSTREAM_ENV}" in text and not os.environ.get(UPSTREAM_ENV):
        proc, url = start_stand_in()
        os.environ[UPSTREAM_ENV] = url
        os.environ.setdefault(UPSTREAM_KEY_ENV, "stand-in")
        print(f"[di-gateway] {UPSTREAM_ENV} is not set: started the stand-in upstream at {url} (deterministic "
              "fake answers; set DI_UPSTREAM_URL or point config.yaml at real backends for real ones)", flush=True)
    try:
        return cli_main(["serve", *argv])
    finally:
        if proc is not None:
            stop_process(proc)


if __name__ == "__main__":
    raise SystemExit(main())
