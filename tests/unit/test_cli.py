"""The ``di-gateway`` command line: offline classification of a request file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from di_plugins.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_classify_file_prints_the_decision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = {"model": "gpt-5.5-mini", "messages": [{"role": "user", "content": [
        {"type": "text", "text": "What is in this image?"},
        {"type": "image_url", "image_url": {"url": "https://example.com/photo.jpg"}}]}]}
    path = tmp_path / "req.json"
    path.write_text(json.dumps(request))
    assert main(["classify", str(path), "--config", str(ROOT / "config.yaml"), "-H", "X-DI-Effort: high"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["request_type"] == "vision"
    assert out["effort"] == {"level": "high", "source": "header"}
    assert out["base_type"] == "flash"


def test_classify_file_reports_invalid_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps({"model": "x", "messages": [], "temperature": 9}))
    assert main(["classify", str(path), "--config", str(ROOT / "config.yaml")]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["param"]
    path.write_text("{not json")
    assert main(["classify", str(path), "--config", str(ROOT / "config.yaml")]) == 2
