"""DI's ASGI app with a fake provider (no LiteLLM, no network): routes, auth, limits, the responses it
builds (allowlisted bodies, chunks and headers), clean errors, and what reaches the provider."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from di_plugins.config import load_config
from di_plugins.errors import UpstreamError
from di_plugins.gateway import Gateway
from di_plugins.http.app import GatewayApp
from di_plugins.provider.calls import Call, Reply

KEY = "sk-app-master"
VENDOR = {"system_fingerprint": "fp_secret", "service_tier": "scale", "provider": "SecretCloud", "x_groq": {"id": "q"},
          "prompt_filter_results": [{"secret": 1}], "obfuscation": "abc", "cost": 0.1}


def leaky_completion() -> dict[str, Any]:
    message = {"role": "assistant", "content": "hello", "provider_specific_fields": {"backend": "secret-model"},
               "reasoning_content": "thinking", "tool_calls": [{
                   "id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}", "secret": 1},
                   "extra_content": {"google": {"thought_signature": "sig-secret"}}}]}
    return {"id": "chatcmpl-secret", "object": "chat.completion", "created": 1, "model": "secret-model",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop", "native_finish_reason": "eos",
                         "content_filter_results": {"secret": True}, "logprobs": None}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5, "cost": 0.5,
                      "prompt_tokens_details": {"cached_tokens": 1, "secret_tokens": 9},
                      "completion_tokens_details": {"reasoning_tokens": 1, "x_secret": 2}},
            **VENDOR}


def leaky_chunks() -> list[dict[str, Any]]:
    base = {"id": "chatcmpl-secret", "object": "chat.completion.chunk", "created": 1, "model": "secret-model", **VENDOR}
    return [
        {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "he", "provider": "secret",
                                                    "reasoning_content": "r"}, "finish_reason": None}]},
        {**base, "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "c", "type": "function",
                                                                     "function": {"name": "f", "arguments": "{"},
                                                                     "extra_content": {"secret": 1}}]},
                              "native_finish_reason": None, "finish_reason": None}]},
        {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "eos_token"}]},
        {**base, "choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5, "cost": 1}},
    ]


class FakeStream:
    def __init__(self, batches: list[list[dict]], fail: UpstreamError | None = None) -> None:
        self.batches, self.fail, self.closed = batches, fail, False

    def __aiter__(self):
        return self._gen()

    async def _gen(self):
        for batch in self.batches:
            yield batch
        if self.fail is not None:
            raise self.fail

    async def aclose(self) -> None:
        self.closed = True


class FakeProvider:
    """Stands in for LiteLLM's router and the relay: records calls and answers as told."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.calls: list[Call] = []
        self.stream: FakeStream | None = None

    async def complete(self, call: Call) -> Reply:
        self.calls.append(call)
        call.attempts.append("dep-1")
        if self.mode == "error":
            raise UpstreamError("InternalServerError", "secret-model at 10.0.0.1:8000 failed", status=500)
        if self.mode == "ratelimit":
            raise UpstreamError("RateLimitError", "secret-model rate limited", status=429, retry_after=6.2)
        if self.mode == "ratelimit-no-hint":
            raise UpstreamError("RateLimitError", "secret-model rate limited", status=429)
        if call.stream:
            fail = UpstreamError("APIConnectionError", "secret-model dropped") if self.mode == "stream-error" else None
            self.stream = FakeStream([leaky_chunks()[:2], leaky_chunks()[2:]], fail)
            return Reply("dep-1", stream=self.stream)
        return Reply("dep-1", completion=leaky_completion())

    async def aclose(self) -> None:
        pass


@pytest.fixture()
def setup(tmp_path: Path):
    data = {"model_list": [{"model_name": t, "litellm_params": {"model": f"openai/{t}"}} for t in ("pro", "flash")],
            "general_settings": {"master_key": KEY}, "di": {"max_body_mb": 1}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    gateway = Gateway(load_config(path))
    provider = FakeProvider()
    gateway.provider = provider  # type: ignore[assignment]
    return GatewayApp(gateway, start_provider=False), provider


async def call(app: GatewayApp, method: str, path: str, **kwargs) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
        headers = {"Authorization": f"Bearer {KEY}", **kwargs.pop("headers", {})}
        return await client.request(method, path, headers=headers, **kwargs)


pytestmark = pytest.mark.anyio

CHAT = {"model": "gpt-x", "messages": [{"role": "user", "content": "hi"}]}
SECRETS = ("secret", "fp_", "scale", "x_groq", "obfuscation", "filter", "native", "cost", "extra_content", "eos")


async def test_completion_is_rebuilt_from_the_allowlist(setup) -> None:
    app, provider = setup
    resp = await call(app, "POST", "/di/v1/chat/completions", json=CHAT)
    assert resp.status_code == 200
    assert set(resp.headers) == {"content-type", "content-length", "x-request-id", "x-di-request-type"}
    body = resp.json()
    assert body["model"] == "gpt-x" and body["id"] == resp.headers["x-request-id"]
    assert body["id"].startswith("chatcmpl-di")
    message = body["choices"][0]["message"]
    assert message == {"role": "assistant", "content": "hello", "reasoning": "thinking", "tool_calls": [
        {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}
    assert body["usage"]["completion_tokens_details"] == {"reasoning_tokens": 1}
    assert not [s for s in SECRETS if s in resp.text.lower()], resp.text
    assert provider.calls[0].group == "pro"


async def test_stream_chunks_are_rebuilt_and_end_with_done(setup) -> None:
    app, provider = setup
    resp = await call(app, "POST", "/v1/chat/completions",
                      json={**CHAT, "stream": True, "stream_options": {"include_usage": True}})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
    frames = [f for f in resp.text.split("\n\n") if f]
    assert frames[-1] == "data: [DONE]"
    chunks = [json.loads(f[6:]) for f in frames[:-1]]
    assert {c["model"] for c in chunks} == {"gpt-x"} and len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": "he", "reasoning": "r"}
    assert chunks[1]["choices"][0]["delta"]["tool_calls"] == [
        {"index": 0, "id": "c", "type": "function", "function": {"name": "f", "arguments": "{"}}]
    assert chunks[2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[3]["usage"] == {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
    assert not [s for s in SECRETS if s in resp.text.lower()], resp.text


async def test_upstream_errors_are_replaced(setup) -> None:
    app, provider = setup
    provider.mode = "error"
    resp = await call(app, "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 502
    assert "secret" not in resp.text and "10.0.0.1" not in resp.text
    assert resp.json()["error"] == {"message": "The serving model is temporarily unavailable; it is safe to retry.",
                                    "type": "server_error", "param": None, "code": "upstream_unavailable"}
    assert resp.headers["x-di-request-type"] == "pro"


async def test_rate_limits_carry_a_numeric_retry_after(setup) -> None:
    app, provider = setup
    provider.mode = "ratelimit"
    resp = await call(app, "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 429 and resp.headers["retry-after"] == "7"  # the backend's 6.2 s, rounded up
    assert resp.json()["error"]["type"] == "rate_limit_error"
    provider.mode = "ratelimit-no-hint"
    resp = await call(app, "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 429 and resp.headers["retry-after"] == "1"  # the gateway's own estimate
    provider.mode = "error"
    assert "retry-after" not in (await call(app, "POST", "/v1/chat/completions", json=CHAT)).headers


async def test_midstream_failure_is_one_clean_frame(setup) -> None:
    app, provider = setup
    provider.mode = "stream-error"
    resp = await call(app, "POST", "/v1/chat/completions", json={**CHAT, "stream": True})
    frames = [f for f in resp.text.split("\n\n") if f]
    last = json.loads(frames[-1][6:])
    assert last["error"]["code"] == "upstream_unavailable" and "[DONE]" not in resp.text
    assert "secret" not in resp.text
    assert provider.stream is not None and provider.stream.closed


async def test_body_limits_declared_and_chunked(setup) -> None:
    app, provider = setup
    big = json.dumps({**CHAT, "messages": [{"role": "user", "content": "a" * (2 * 1024 * 1024)}]}).encode()
    resp = await call(app, "POST", "/v1/chat/completions", content=big)
    assert resp.status_code == 413 and resp.json()["error"]["code"] == "request_too_large"

    async def chunked():
        for i in range(0, len(big), 65536):
            yield big[i:i + 65536]

    resp = await call(app, "POST", "/v1/chat/completions", content=chunked())
    assert resp.status_code == 413
    assert not provider.calls


async def test_auth(setup) -> None:
    app, provider = setup
    assert (await call(app, "POST", "/v1/chat/completions", json=CHAT, headers={"Authorization": ""})).status_code == 401
    wrong = await call(app, "POST", "/v1/chat/completions", json=CHAT, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_api_key"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
        two = await client.post("/v1/chat/completions", json=CHAT,
                                headers=[("Authorization", "Bearer nope"), ("Authorization", f"Bearer {KEY}")])
    assert two.status_code == 401
    assert not provider.calls


async def test_models_health_and_unknown_paths(setup) -> None:
    app, _ = setup
    resp = await call(app, "GET", "/di/v1/models")
    assert [m["id"] for m in resp.json()["data"]] == ["di"]
    for path in ("/model/info", "/health", "/key/generate", "/v1/embeddings", "/ui"):
        resp = await call(app, "GET", path)
        assert resp.status_code == 404 and resp.json()["error"]["type"] == "not_found_error"
    assert (await call(app, "GET", "/v1/chat/completions")).status_code == 405
    live = await call(app, "GET", "/health/liveliness", headers={"Authorization": ""})
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    ready = await call(app, "GET", "/health/readiness", headers={"Authorization": ""})
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert "litellm" not in ready.text.lower() and "version" not in ready.text.lower()


async def test_metrics_count_responses_by_type_and_status_on_their_own_listener(setup) -> None:
    app, _ = setup
    await call(app, "POST", "/v1/chat/completions", json=CHAT)
    await call(app, "POST", "/v1/chat/completions", json={**CHAT, "temperature": 5})
    assert (await call(app, "GET", "/metrics")).status_code == 404  # never on the API port
    from di_plugins.http.metrics_listener import MetricsListener
    from di_plugins.serve import free_port

    port = free_port()
    listener = MetricsListener(f"127.0.0.1:{port}", app.gateway.metrics_text)
    assert await listener.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            resp = await client.get("/metrics")
            other = await client.get("/v1/models")
    finally:
        await listener.close()
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain")
    text = resp.text
    assert 'di_responses_total{request_type="pro",status="200"} 1' in text
    assert 'di_responses_total{request_type="pro",status="400"} 1' in text
    assert "# TYPE di_prefix_cache_routed_total counter" in text
    assert "openai/" not in text and "tenant" not in text
    assert other.status_code == 404


async def test_websockets_are_refused(setup) -> None:
    app, provider = setup
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "websocket.connect"}

    async def send(message: dict) -> None:
        sent.append(message)

    await app({"type": "websocket", "path": "/v1/realtime", "headers": []}, receive, send)
    assert sent == [{"type": "websocket.close", "code": 1008}]
    assert not provider.calls


async def test_a_failing_plugin_gives_a_clean_500(setup) -> None:
    app, provider = setup
    from di_plugins.hookspecs import hookimpl

    class Broken:
        @hookimpl
        def di_classified(self, request, ctx):
            raise ZeroDivisionError("plugin bug")

    app.gateway.pm.register(Broken())
    resp = await call(app, "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 500
    assert resp.json()["error"]["code"] == "internal_error"
    assert "ZeroDivision" not in resp.text and not provider.calls


async def test_a_failing_finish_hook_does_not_change_the_answer(setup) -> None:
    app, provider = setup
    from di_plugins.hookspecs import hookimpl

    class Broken:
        @hookimpl
        def di_request_finished(self, ctx, outcome):
            raise RuntimeError("plugin bug at the end")

    app.gateway.pm.register(Broken())
    assert (await call(app, "POST", "/v1/chat/completions", json=CHAT)).status_code == 200
    resp = await call(app, "POST", "/v1/chat/completions", json={**CHAT, "stream": True})
    assert resp.text.rstrip().endswith("data: [DONE]")


async def test_no_route_is_503(tmp_path) -> None:
    data = {"model_list": [{"model_name": "pro", "litellm_params": {"model": "openai/pro"}}],
            "general_settings": {"master_key": KEY}, "di": {"disable_plugins": ["di.routing"]}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    gateway = Gateway(load_config(path))
    provider = FakeProvider()
    gateway.provider = provider  # type: ignore[assignment]
    resp = await call(GatewayApp(gateway, start_provider=False), "POST", "/v1/chat/completions", json=CHAT)
    assert resp.status_code == 503 and resp.json()["error"]["code"] == "no_route"
    assert resp.headers["retry-after"] == "1"
    assert not provider.calls


async def test_di_effort_levels_are_translated_for_the_backend(setup) -> None:
    app, provider = setup
    await call(app, "POST", "/v1/chat/completions", json={**CHAT, "reasoning_effort": "max"})
    await call(app, "POST", "/v1/chat/completions", json={**CHAT, "reasoning_effort": "auto"})
    await call(app, "POST", "/v1/chat/completions", json={**CHAT, "reasoning": {"effort": "fast", "summary": "auto"}})
    bodies = [c.body for c in provider.calls]
    assert bodies[0]["reasoning_effort"] == "high"
    assert "reasoning_effort" not in bodies[1]
    assert bodies[2]["reasoning"] == {"summary": "auto", "effort": "minimal"}


async def test_plugins_never_see_the_callers_key(setup) -> None:
    app, _ = setup
    seen = {}
    from di_plugins.hookspecs import hookimpl

    class Spy:
        @hookimpl
        def di_classified(self, request, ctx):
            seen.update(ctx.headers)

    app.gateway.pm.register(Spy())
    await call(app, "POST", "/v1/chat/completions", json=CHAT)
    assert "authorization" not in seen and KEY not in str(seen)


async def test_a_site_chunk_hook_sees_plain_dicts(setup) -> None:
    app, _ = setup
    from di_plugins.hookspecs import hookimpl

    class Upper:
        @hookimpl
        def di_transform_chunk(self, ctx, chunk):
            for choice in chunk["choices"]:
                if isinstance(choice["delta"].get("content"), str):
                    choice["delta"]["content"] = choice["delta"]["content"].upper()

    app.gateway.pm.register(Upper())
    app.gateway.has_chunk_hooks = True
    resp = await call(app, "POST", "/v1/chat/completions", json={**CHAT, "stream": True})
    assert '"content":"HE"' in resp.text
