"""Suite-wide collection rules.

Every test under ``tests/integration/`` and in the modules listed in :data:`PROCESS_MODULES` starts real
processes (the gateway, Redis, the stand-in upstream), so it gets the ``integration`` marker here, before
``-m`` selects: ``pytest -m "not integration"`` runs the in-process tests only and starts no gateway.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
INTEGRATION_DIR = TESTS / "integration"
PROCESS_MODULES = frozenset({TESTS / "chart" / "test_rendered_boot.py"})
"""Modules outside ``tests/integration/`` whose tests start processes (single tests mark themselves)."""


def starts_processes(path: Path) -> bool:
    path = path.resolve()
    return INTEGRATION_DIR in path.parents or path in PROCESS_MODULES


@pytest.hookimpl(tryfirst=True)  # before the `-m` selection, which runs in the same hook
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if starts_processes(Path(item.path)):
            item.add_marker(pytest.mark.integration)
