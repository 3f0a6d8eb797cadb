"""Helpers that observe a running gateway from the outside: its ``/metrics``, condition waits with
deadlines (never bare sleeps), SSE streams as the client saw them, and what the deterministic stand-in
upstream answered for a request it received."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from standin.answers import build_answer
from standin.state import ReplicaState

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$")
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def scrape(metrics_url: str) -> str:
    """The Prometheus text of ``GET /metrics``."""
    resp = httpx.get(metrics_url + "/metrics", timeout=10)
    assert resp.status_code == 200, resp.text
    return resp.text


def metric(text: str, name: str, **labels: str) -> float:
    """The value of the sample ``name{labels}`` in Prometheus text; a sample that is absent is 0.

    Labels not given are not matched on; several matching samples are summed.
    """
    total = 0.0
    for line in text.splitlines():
        found = _SAMPLE.match(line.strip())
        if not found or found.group(1) != name:
            continue
        have = dict(_LABEL.findall(found.group(2) or ""))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(found.group(3))
    return total


def metric_at(metrics_url: str, name: str, **labels: str) -> float:
    """One metric's current value on the gateway whose metrics listener is at ``metrics_url``."""
    return metric(scrape(metrics_url), name, **labels)


def wait_until(condition: Callable[[], Any], message: str | Callable[[], str], timeout: float = 15.0,
               interval: float = 0.02) -> Any:
    """Poll ``condition`` until it returns something truthy (returned) or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout:g}s: {message() if callable(message) else message}")
        time.sleep(interval)


@dataclass
class Stream:
    """An SSE response as the client saw it: status, headers and the ``data:`` payloads in order."""

    status: int
    headers: httpx.Headers
    data: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.data) and self.data[-1] == "[DONE]"

    def chunks(self) -> list[dict[str, Any]]:
        """Every JSON payload (``[DONE]`` left out)."""
        return [json.loads(d) for d in self.data if d != "[DONE]"]

    def errors(self) -> list[dict[str, Any]]:
        return [c for c in self.chunks() if "error" in c]

    def text(self, index: int = 0) -> str:
        """The reassembled ``delta.content`` of choice ``index``."""
        return "".join(c["delta"].get("content") or "" for c in self._choices(index))

    def tool_call(self, index: int = 0) -> dict[str, Any]:
        """The reassembled first tool call of choice ``index``: ``id``, ``name``, ``arguments``."""
        out: dict[str, Any] = {"id": None, "name": None, "arguments": ""}
        for choice in self._choices(index):
            for call in choice["delta"].get("tool_calls") or []:
                assert call.get("index", 0) == 0, call
                out["id"] = call.get("id") or out["id"]
                fn = call.get("function") or {}
                out["name"] = fn.get("name") or out["name"]
                out["arguments"] += fn.get("arguments") or ""
        return out

    def finish_reason(self, index: int = 0) -> str | None:
        reasons = [c["finish_reason"] for c in self._choices(index) if c.get("finish_reason")]
        assert len(reasons) <= 1, reasons
        return reasons[0] if reasons else None

    def _choices(self, index: int) -> Iterable[dict[str, Any]]:
        for chunk in self.chunks():
            for choice in chunk.get("choices") or []:
                if choice.get("index", 0) == index:
                    yield choice


def read_stream(url: str, body: dict[str, Any], key: str, headers: dict[str, str] | None = None,
                timeout: float = 30) -> Stream:
    """POST ``body`` with ``stream: true`` and read the whole SSE response."""
    with httpx.stream("POST", url, json={**body, "stream": True}, timeout=timeout,
                      headers={"Authorization": f"Bearer {key}", **(headers or {})}) as resp:
        out = Stream(resp.status_code, resp.headers)
        if resp.status_code == 200:
            out.data = [line[6:] for line in resp.iter_lines() if line.startswith("data: ")]
        else:
            resp.read()
            out.data = [resp.text]
    return out


def chat_requests(replica: ReplicaState) -> list[dict[str, Any]]:
    """The chat-completion request bodies a stand-in replica received, oldest first."""
    return [r["body"] for r in replica.requests() if r["path"].endswith("chat/completions")]


def stand_in_answer(replica: ReplicaState, forwarded: dict[str, Any]) -> dict[str, Any]:
    """What the (deterministic) stand-in replica answered to the request body it received, choice 0:
    ``content``, ``finish_reason`` and ``tool_call`` (``{"id", "name", "arguments"}`` or None)."""
    choice = build_answer(forwarded, replica.model_name).choices[0]
    call = choice.tool_call
    return {"content": choice.content, "finish_reason": choice.finish_reason,
            "tool_call": None if call is None else {"id": call["id"], "name": call["function"]["name"],
                                                    "arguments": call["function"]["arguments"]}}
