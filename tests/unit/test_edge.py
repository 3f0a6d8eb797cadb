"""The ASGI edge in front of a fake inner app: header allowlist, error rewriting, stream error frames,
body limits, and what is forwarded. No LiteLLM involved."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import yaml

from di_plugins.config import load_config
from di_plugins.context import current_context
from di_plugins.edge import Edge
from di_plugins.gateway import Gateway

KEY = "sk-edge-master"
LEAKY_HEADERS = [(b"x-litellm-model-id", b"deploy-1"), (b"llm_provider-openai-organization", b"org-x"),
                 (b"x-ratelimit-remaining-requests", b"9"), (b"server", b"leaky/1.0"), (b"request-id", b"req_1"),
                 (b"openai-processing-ms", b"3"), (b"x-request-id", b"upstream-id")]


class FakeInner:
    """Stands in for the LiteLLM app: records what it received and answers as told."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.received: list[dict] = []

    async def __call__(self, scope, receive, send):
        message = await receive()
        ctx = current_context.get()
        self.received.append({"path": scope["path"], "headers": dict(scope["headers"]),
                              "body": json.loads(message["body"]), "group": ctx.model_group if ctx else None})
        if self.mode == "ok":
            body = b'{"id":"x","model":"m","choices":[]}'
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json")] + LEAKY_HEADERS})
            await send({"type": "http.response.body", "body": body})
        elif self.mode == "error":
            body = b'{"error":{"message":"litellm.BadRequestError: OpenAIException - secret-model at 10.0.0.1:8000"}}'
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"application/json")] + LEAKY_HEADERS})
            await send({"type": "http.response.body", "body": body[:20], "more_body": True})
            await send({"type": "http.response.body", "body": body[20:]})
        elif self.mode == "stream-error":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/event-stream")] + LEAKY_HEADERS})
            await send({"type": "http.response.body", "body": b'data: {"choices":[]}\n\n', "more_body": True})
            await send({"type": "http.response.body", "more_body": True,
                        "body": b'data: {"error": {"message": "OpenAIException - secret-model down", "code": "500"}}\n\n'})
            await send({"type": "http.response.body", "body": b""})


@pytest.fixture()
def setup(tmp_path: Path):
    data = {"model_list": [{"model_name": t, "litellm_params": {"model": f"openai/{t}"}} for t in ("pro", "flash")],
            "general_settings": {"master_key": KEY}, "di": {"max_body_mb": 1}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    inner = FakeInner()
    edge = Edge(inner, Gateway(load_config(path)))
    return edge, inner


async def call(edge: Edge, method: str, path: str, **kwargs) -> httpx.Response:
    transport = httpx.ASGITransport(app=edge)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
        headers = {"Authorization": f"Bearer {KEY}", **kwargs.pop("headers", {})}
        return await client.request(method, path, headers=headers, **kwargs)


pytestmark = pytest.mark.anyio

CHAT = {"model": "gpt-x", "messages": [{"role": "user", "content": "hi"}]}


async def test_success_headers_are_allowlisted(setup) -> None:
    edge, inner = setup
    resp = await call(edge, "POST", "/di/v1/chat/completions", json=CHAT)
    assert resp.status_code == 200
    assert set(resp.headers) <= {"content-type", "x-request-id", "x-di-request-type", "content-length"}
    assert "x-di-request-type" in resp.headers
    assert resp.headers["x-request-id"].startswith("chatcmpl-di")
    assert inner.received[0]["path"] == "/v1/chat/completions"
    assert inner.received[0]["group"] == "pro"


async def test_inner_errors_are_replaced(setup) -> None:
    edge, inner = setup
    inner.mode = "error"
    resp = await call(edge, "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 502
    assert "secret" not in resp.text and "litellm" not in resp.text.lower()
    assert resp.json()["error"]["type"] == "server_error"
    assert resp.headers["x-di-request-type"] == "pro"
    assert "x-litellm-model-id" not in resp.headers


async def test_stream_error_frame_is_replaced(setup) -> None:
    edge, inner = setup
    inner.mode = "stream-error"
    resp = await call(edge, "POST", "/v1/chat/completions", json={**CHAT, "stream": True})
    assert "secret" not in resp.text and "OpenAIException" not in resp.text
    frames = [f for f in resp.text.split("\n\n") if f]
    assert json.loads(frames[-1][6:])["error"]["code"] == "upstream_unavailable"


async def test_request_headers_reaching_litellm_are_allowlisted(setup) -> None:
    edge, inner = setup
    await call(edge, "POST", "/v1/chat/completions", json=CHAT,
               headers={"x-litellm-timeout": "0.01", "x-litellm-tags": "a", "api-key": "z", "X-Title": "app"})
    headers = inner.received[0]["headers"]
    assert b"x-litellm-timeout" not in headers and b"api-key" not in headers
    assert headers[b"x-title"] == b"app"


async def test_body_limits(setup) -> None:
    edge, inner = setup
    big = json.dumps({**CHAT, "messages": [{"role": "user", "content": "a" * (2 * 1024 * 1024)}]})
    resp = await call(edge, "POST", "/v1/chat/completions", content=big)
    assert resp.status_code == 413 and resp.json()["error"]["code"] == "request_too_large"
    assert not inner.received


async def test_models_and_unknown_paths(setup) -> None:
    edge, _ = setup
    resp = await call(edge, "GET", "/di/v1/models")
    assert [m["id"] for m in resp.json()["data"]] == ["di"]
    resp = await call(edge, "GET", "/model/info")
    assert resp.status_code == 404 and resp.json()["error"]["type"] == "not_found_error"


async def test_metrics_count_responses_by_type_and_status(setup) -> None:
    edge, inner = setup
    await call(edge, "POST", "/v1/chat/completions", json=CHAT)
    await call(edge, "POST", "/v1/chat/completions", json={**CHAT, "temperature": 5})
    resp = await call(edge, "GET", "/metrics", headers={"Authorization": ""})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain")
    text = resp.text
    assert 'di_responses_total{request_type="pro",status="200"} 1' in text
    assert 'di_responses_total{request_type="pro",status="400"} 1' in text
    assert "# TYPE di_prefix_cache_routed_total counter" in text
    assert "openai/" not in text and "tenant" not in text


async def test_websockets_are_refused(setup) -> None:
    edge, inner = setup
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "websocket.connect"}

    async def send(message: dict) -> None:
        sent.append(message)

    await edge({"type": "websocket", "path": "/v1/realtime", "headers": []}, receive, send)
    assert sent == [{"type": "websocket.close", "code": 1008}]
    assert not inner.received


async def test_a_failing_plugin_gives_a_clean_500(setup) -> None:
    edge, inner = setup
    from di_plugins.hookspecs import hookimpl

    class Broken:
        @hookimpl
        def di_classified(self, request, ctx):
            raise ZeroDivisionError("plugin bug")

    edge.gateway.pm.register(Broken())
    resp = await call(edge, "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 500
    assert resp.json()["error"]["code"] == "internal_error"
    assert "ZeroDivision" not in resp.text and not inner.received


async def test_no_route_is_503(tmp_path) -> None:
    data = {"model_list": [{"model_name": "pro", "litellm_params": {"model": "openai/pro"}}],
            "general_settings": {"master_key": KEY}, "di": {"disable_plugins": ["di.routing"]}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    inner = FakeInner()
    resp = await call(Edge(inner, Gateway(load_config(path))), "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 503 and resp.json()["error"]["code"] == "no_route"
    assert not inner.received


async def test_di_effort_levels_are_translated_for_the_backend(setup) -> None:
    edge, inner = setup
    await call(edge, "POST", "/v1/chat/completions", json={**CHAT, "reasoning_effort": "max"})
    await call(edge, "POST", "/v1/chat/completions", json={**CHAT, "reasoning_effort": "auto"})
    await call(edge, "POST", "/v1/chat/completions", json={**CHAT, "reasoning": {"effort": "fast", "summary": "auto"}})
    bodies = [r["body"] for r in inner.received]
    assert bodies[0]["reasoning_effort"] == "high"
    assert "reasoning_effort" not in bodies[1]
    assert bodies[2]["reasoning"] == {"summary": "auto", "effort": "minimal"}


async def test_plugins_never_see_the_callers_key(setup) -> None:
    edge, _ = setup
    seen = {}
    from di_plugins.hookspecs import hookimpl

    class Spy:
        @hookimpl
        def di_classified(self, request, ctx):
            seen.update(ctx.headers)

    edge.gateway.pm.register(Spy())
    await call(edge, "POST", "/v1/chat/completions", json=CHAT)
    assert "authorization" not in seen and KEY not in str(seen)
