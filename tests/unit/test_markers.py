"""The ``integration`` marker covers every test that starts processes: ``-m "not integration"`` selects
none of them (checked by collecting in a child pytest, which imports but starts nothing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def collected(*args: str) -> list[str]:
    """Node ids a child ``pytest --collect-only`` selects with ``args``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 5), proc.stdout + proc.stderr  # 5: everything deselected
    return [line for line in proc.stdout.splitlines() if "::" in line]


def test_not_integration_selects_no_process_starting_test() -> None:
    here = ["tests/unit/test_markers.py::" + name for name in
            ("test_not_integration_selects_no_process_starting_test", "test_integration_selects_process_tests_only")]
    assert collected("-m", "not integration", "tests/integration", "tests/chart/test_rendered_boot.py",
                     "tests/unit/test_markers.py") == here


def test_integration_selects_process_tests_only() -> None:
    assert collected("-m", "integration", "tests/unit/test_prefix_store.py", "tests/unit/test_markers.py") == [
        "tests/unit/test_prefix_store.py::test_real_redis_killed_and_restarted"]
