"""Zero-knowledge: drive the careless stand-in (it leaks model names, hosts, ids, fingerprints, costs and
rate-limit headers everywhere) through success, streaming, tools, fallback, upstream errors, timeouts,
dropped connections and mid-stream failures, and assert that nothing of it reaches the caller."""

from __future__ import annotations

import json

import httpx
import pytest

from .conftest import BACKEND_NAMES, DEPLOYMENT_IDS, DEPLOYMENT_MODELS, MASTER_KEY, RunningGateway
from .fixtures_observe import Stream, chat_requests, stand_in_answer

ALLOWED_HEADERS = {"content-type", "content-length", "transfer-encoding", "connection", "cache-control",
                   "vary", "content-encoding", "date", "x-request-id", "x-di-request-type",
                   "x-accel-buffering",  # "no" on streams: tells nginx-style proxies not to buffer SSE
                   "retry-after"}  # seconds, on 429/503 only (checked to be a number in assert_clean)
FORBIDDEN_TEXT = ["litellm", "llm_provider", "x-ratelimit", "system_fingerprint", "fp_secret", "org-secret",
                  "req_secret", "replica-", "openai-", "provider_specific_fields", "response_cost", '"cost"',
                  "sk-upstream-secret-key", "chatcmpl-secret", "openaiexception", "traceback", "stand-in",
                  # vendor fields the careless stand-in adds at every level, as real providers do
                  "service_tier", "obfuscation", "x_groq", "prompt_filter_results", "content_filter_results",
                  "native_finish_reason", "extra_content", "thought_signature", "secretcloud", '"provider"',
                  "x_secret"]
TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {
    "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]
JSON_FORMAT = {"type": "json_schema", "json_schema": {"name": "person", "schema": {
    "type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}}


def forbidden(gateway: RunningGateway) -> list[str]:
    hosts = [r.address for r in gateway.upstream.replicas]
    return [t.lower() for t in FORBIDDEN_TEXT + BACKEND_NAMES + list(DEPLOYMENT_MODELS.values())
            + list(DEPLOYMENT_IDS.values()) + hosts]


def assert_clean(gateway: RunningGateway, resp: httpx.Response, body_text: str) -> None:
    names = {k.lower() for k in resp.headers.keys()}
    assert names <= ALLOWED_HEADERS, f"unexpected headers: {names - ALLOWED_HEADERS}"
    if "retry-after" in names:
        assert resp.status_code in (429, 503) and resp.headers["retry-after"].isdigit()
    if "x-accel-buffering" in names:
        assert resp.headers["x-accel-buffering"] == "no"
    everything = (body_text + "\n" + "\n".join(f"{k}: {v}" for k, v in resp.headers.items())).lower()
    leaks = [t for t in forbidden(gateway) if t in everything]
    assert not leaks, f"leaked {leaks} in:\n{everything[:2000]}"


def post(gateway: RunningGateway, body: dict, headers: dict | None = None) -> httpx.Response:
    return httpx.post(gateway.base_url + "/chat/completions", json=body, timeout=30,
                      headers={"Authorization": f"Bearer {MASTER_KEY}", **(headers or {})})


def stream(gateway: RunningGateway, body: dict, headers: dict | None = None) -> tuple[httpx.Response, list[str]]:
    with httpx.stream("POST", gateway.base_url + "/chat/completions", json={**body, "stream": True}, timeout=30,
                      headers={"Authorization": f"Bearer {MASTER_KEY}", **(headers or {})}) as resp:
        frames = [line for line in resp.iter_lines() if line.strip()]
    return resp, frames


CHAT = {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Tell me about tea."}]}


@pytest.mark.parametrize("body", [
    CHAT,
    {**CHAT, "tools": TOOLS},
    {**CHAT, "response_format": JSON_FORMAT},
    {**CHAT, "n": 2, "logprobs": True},
], ids=["chat", "tools", "json", "n2"])
def test_success_is_clean(gateway: RunningGateway, body: dict) -> None:
    resp = post(gateway, body)
    assert resp.status_code == 200, resp.text
    data = resp.json()
    assert data["model"] == "gpt-5.5"
    assert data["id"].startswith("chatcmpl-di")
    assert "system_fingerprint" not in data
    assert_clean(gateway, resp, resp.text)


@pytest.mark.parametrize("body", [
    {**CHAT, "stream_options": {"include_usage": True}},
    {**CHAT, "tools": TOOLS},
    {**CHAT, "logprobs": True, "n": 2},
], ids=["chat", "tools", "logprobs-n2"])
def test_stream_is_clean(gateway: RunningGateway, body: dict) -> None:
    resp, frames = stream(gateway, body)
    assert resp.status_code == 200
    assert frames[-1] == "data: [DONE]"
    chunks = [json.loads(f[6:]) for f in frames[:-1]]
    assert {c["model"] for c in chunks} == {"gpt-5.5"}
    assert len({c["id"] for c in chunks}) == 1
    assert_clean(gateway, resp, "\n".join(frames))
    replica = gateway.upstream.replicas[0]  # `pro` and `code` are served by replica-0
    (forwarded,) = chat_requests(replica)
    expected, seen = stand_in_answer(replica, forwarded), Stream(resp.status_code, resp.headers,
                                                                 [f[6:] for f in frames])
    assert seen.text() == (expected["content"] or "")
    if expected["tool_call"] is not None:
        assert {k: seen.tool_call()[k] for k in ("name", "arguments")} == \
            {k: expected["tool_call"][k] for k in ("name", "arguments")}
    assert seen.finish_reason() == expected["finish_reason"]


def test_fallback_echoes_and_is_clean(gateway: RunningGateway) -> None:
    json_replica = gateway.upstream.replicas[1]
    json_replica.fail("status", status=500, count=-1)
    body = {**CHAT, "model": "my-legacy-model-2019", "response_format": JSON_FORMAT}
    resp = post(gateway, body)
    assert resp.status_code == 200, resp.text
    assert resp.json()["model"] == "my-legacy-model-2019"
    assert resp.headers["x-di-request-type"] == "json"
    assert gateway.upstream.replicas[0].requests(), "the fallback group (pro) should have served it"
    assert_clean(gateway, resp, resp.text)
    sresp, frames = stream(gateway, body)
    assert frames[-1] == "data: [DONE]"
    assert {json.loads(f[6:])["model"] for f in frames[:-1]} == {"my-legacy-model-2019"}
    assert_clean(gateway, sresp, "\n".join(frames))


@pytest.mark.parametrize(("upstream_status", "expected_status", "expected_type"), [
    (400, 400, "invalid_request_error"),
    (401, 502, "server_error"),
    (404, 400, "invalid_request_error"),
    (429, 429, "rate_limit_error"),
    (500, 502, "server_error"),
    (503, 502, "server_error"),
])
def test_upstream_errors_are_clean(gateway: RunningGateway, upstream_status: int, expected_status: int,
                                   expected_type: str) -> None:
    gateway.upstream.replicas[0].fail("status", status=upstream_status, count=-1)
    resp = post(gateway, CHAT)
    assert resp.status_code == expected_status, resp.text
    error = resp.json()["error"]
    assert error["type"] == expected_type and error["message"]
    assert resp.headers["x-di-request-type"] == "pro"  # rule 9: gpt-5.5 is a `pro` id
    assert_clean(gateway, resp, resp.text)


def test_upstream_error_before_first_byte_of_stream_is_clean(gateway: RunningGateway) -> None:
    gateway.upstream.replicas[0].fail("status", status=500, count=-1)
    resp, frames = stream(gateway, CHAT)
    assert resp.status_code == 502
    assert_clean(gateway, resp, "\n".join(frames))


def test_dropped_connection_is_clean(gateway: RunningGateway) -> None:
    gateway.upstream.replicas[0].fail("connection", count=-1)
    resp = post(gateway, CHAT)
    assert resp.status_code == 502, resp.text
    assert resp.json()["error"]["code"] == "upstream_unavailable"
    assert_clean(gateway, resp, resp.text)


def test_timeout_is_clean(gateway: RunningGateway) -> None:
    gateway.upstream.replicas[2].fail("timeout", count=-1)
    resp = post(gateway, {**CHAT, "model": "reasoner-x"}, headers={"X-DI-Effort": "max"})
    assert resp.status_code == 504, resp.text
    assert resp.json()["error"]["code"] == "upstream_timeout"
    assert_clean(gateway, resp, resp.text)


def test_midstream_failure_gives_clean_error_frame(gateway: RunningGateway) -> None:
    gateway.upstream.replicas[0].fail("midstream", count=-1)
    resp, frames = stream(gateway, CHAT)
    assert resp.status_code == 200
    assert frames[-1] != "data: [DONE]"
    last = json.loads(frames[-1][6:])
    assert last["error"]["message"] and last["error"]["type"] == "server_error"
    assert_clean(gateway, resp, "\n".join(frames))


def test_upstream_failures_never_log_the_backend_key(gateway: RunningGateway) -> None:
    """LiteLLM's secret redaction stays on and the gateway's own logs never carry a backend's key."""
    for status in (401, 500):
        gateway.upstream.replicas[0].fail("status", status=status, count=-1)
        assert post(gateway, CHAT).status_code == 502
    gateway.upstream.replicas[0].fail("connection", count=-1)
    assert post(gateway, CHAT).status_code == 502
    assert "sk-upstream-secret-key" not in gateway.log()
