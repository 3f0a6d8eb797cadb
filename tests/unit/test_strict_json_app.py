"""The journey's extra calls through DI's ASGI app with a scripted provider (no LiteLLM, no network):
re-asks made by the journey and rebuilt like any reply, a failed extra call, the cap on extra calls, a
failing or replacing site checker, buffered and relayed ``json`` streams, requests without a contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from di_plugins.config import load_config
from di_plugins.context import Verdict
from di_plugins.errors import UpstreamError
from di_plugins.gateway import Gateway
from di_plugins.hookspecs import hookimpl
from di_plugins.http.app import GatewayApp
from di_plugins.journey import MAX_EXTRA_CALLS
from di_plugins.provider.calls import Call, Reply

from .test_app import FakeStream

pytestmark = pytest.mark.anyio

KEY = "sk-strict-app"
SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
JSON_BODY = {"model": "gpt-x", "messages": [{"role": "user", "content": "Extract the name: Ada."}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "p", "schema": SCHEMA}}}
LEAKS = {"system_fingerprint": "fp_secret", "provider": "SecretCloud"}


def completion(content: str, prompt_tokens: int = 10) -> dict[str, Any]:
    return {"id": "chatcmpl-secret", "model": "secret-model", "created": 1, **LEAKS,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "x_secret": 1},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 4, "total_tokens": prompt_tokens + 4}}


class ScriptedProvider:
    """Answers each call with the next scripted item (a completion dict, an exception, or a stream)."""

    def __init__(self, *script: Any) -> None:
        self.script = list(script)
        self.calls: list[Call] = []

    async def complete(self, call: Call) -> Reply:
        self.calls.append(call)
        call.attempts.append(f"dep-{len(self.calls)}")
        item = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(item, Exception):
            raise item
        if isinstance(item, FakeStream):
            return Reply(call.attempts[-1], stream=item)
        return Reply(call.attempts[-1], completion=item)

    async def aclose(self) -> None:
        pass


def app_with(tmp_path: Path, provider: ScriptedProvider, di: dict | None = None, *plugins: object) -> GatewayApp:
    data = {"model_list": [{"model_name": t, "litellm_params": {"model": f"openai/{t}"}} for t in ("json", "pro")],
            "general_settings": {"master_key": KEY}, "di": di or {}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    gateway = Gateway(load_config(path))
    for plugin in plugins:
        gateway.pm.register(plugin)
    gateway.provider = provider  # type: ignore[assignment]
    return GatewayApp(gateway, start_provider=False)


async def post(app: GatewayApp, body: dict, effort: str = "auto") -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
        return await client.post("/di/v1/chat/completions", json=body,
                                 headers={"Authorization": f"Bearer {KEY}", "X-DI-Effort": effort})


def content_of(resp: httpx.Response) -> str:
    return resp.json()["choices"][0]["message"]["content"]


def assert_clean(text: str) -> None:
    assert not [s for s in ("secret", "fp_", "provider", "chatcmpl-secret") if s in text.lower()], text


async def test_a_reask_is_another_call_of_the_journey_rebuilt_like_the_first(tmp_path: Path) -> None:
    provider = ScriptedProvider(completion('{"nom": "Ada"}'), completion('{"name": "Ada"}', prompt_tokens=40))
    resp = await post(app_with(tmp_path, provider), JSON_BODY)
    assert resp.status_code == 200 and content_of(resp) == '{"name": "Ada"}'
    first, second = provider.calls
    assert (first.group, second.group) == ("json", "json") and not second.stream
    assert second.body["messages"][-1]["role"] == "user" and "'name' is a required property" in \
        second.body["messages"][-1]["content"]
    body = resp.json()
    assert body["model"] == "gpt-x" and body["id"].startswith("chatcmpl-di") and body["id"] == resp.headers["x-request-id"]
    assert body["usage"] == {"prompt_tokens": 10, "completion_tokens": 4, "total_tokens": 14}
    assert set(resp.headers) == {"content-type", "content-length", "x-request-id", "x-di-request-type"}
    assert_clean(resp.text)


async def test_a_failed_extra_call_sends_the_reply_as_given(tmp_path: Path) -> None:
    finished: list[dict] = []

    class Observer:
        @hookimpl
        def di_request_finished(self, ctx, outcome):
            finished.append(outcome)

    provider = ScriptedProvider(completion('{"nom": "Ada"}'), UpstreamError("InternalServerError", "secret down", status=500))
    resp = await post(app_with(tmp_path, provider, None, Observer()), JSON_BODY, effort="high")
    assert resp.status_code == 200 and content_of(resp) == '{"nom": "Ada"}'
    assert len(provider.calls) == 2
    assert finished == [{"ok": True, "deployment_id": "dep-1", "usage": resp.json()["usage"]}]
    assert_clean(resp.text)


async def test_extra_calls_are_capped_whatever_a_checker_asks(tmp_path: Path) -> None:
    class Greedy:
        @hookimpl(tryfirst=True)
        def di_check_reply(self, ctx, request, completion, attempt):
            return Verdict(False, retry={**request, "messages": request["messages"] * 2})

    provider = ScriptedProvider(completion("{}"))
    resp = await post(app_with(tmp_path, provider, None, Greedy()), JSON_BODY)
    assert resp.status_code == 200 and len(provider.calls) == 1 + MAX_EXTRA_CALLS


async def test_a_failing_checker_fails_open(tmp_path: Path) -> None:
    class Broken:
        @hookimpl(tryfirst=True)
        def di_check_reply(self, ctx, request, completion, attempt):
            raise RuntimeError("bug")

    provider = ScriptedProvider(completion("not json"))
    resp = await post(app_with(tmp_path, provider, None, Broken()), JSON_BODY)
    assert resp.status_code == 200 and content_of(resp) == "not json" and len(provider.calls) == 1


async def test_a_site_checker_replaces_the_builtin(tmp_path: Path) -> None:
    class Site:
        @hookimpl(tryfirst=True)
        def di_check_reply(self, ctx, request, completion, attempt):
            fixed = {**completion, "choices": [{**completion["choices"][0],
                                                "message": {"role": "assistant", "content": '{"name": "site"}'}}]}
            return Verdict(True, fixed)

    provider = ScriptedProvider(completion("```json\n{}\n```"))
    resp = await post(app_with(tmp_path, provider, None, Site()), JSON_BODY)
    assert content_of(resp) == '{"name": "site"}' and len(provider.calls) == 1


async def test_a_buffered_stream_is_one_checked_completion_sent_as_sse(tmp_path: Path) -> None:
    provider = ScriptedProvider(completion('Here: {"name": "Ada"} done'))
    body = {**JSON_BODY, "stream": True, "stream_options": {"include_usage": True}}
    resp = await post(app_with(tmp_path, provider), body, effort="fast")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
    (call,) = provider.calls
    assert not call.stream and "stream" not in call.body and "stream_options" not in call.body
    frames = [f for f in resp.text.split("\n\n") if f]
    assert frames[-1] == "data: [DONE]"
    chunks = [json.loads(f[6:]) for f in frames[:-1]]
    assert [c["choices"] for c in chunks] == [
        [{"index": 0, "delta": {"role": "assistant", "content": '{"name": "Ada"}'}, "finish_reason": None}],
        [{"index": 0, "delta": {}, "finish_reason": "stop"}],
        []]
    assert [c["usage"] for c in chunks] == [None, None, {"prompt_tokens": 10, "completion_tokens": 4, "total_tokens": 14}]
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"} and {c["model"] for c in chunks} == {"gpt-x"}
    assert_clean(resp.text)


async def test_a_relayed_json_stream_is_passed_on_unchecked(tmp_path: Path) -> None:
    chunk = {"id": "x", "model": "secret", "choices": [{"index": 0, "delta": {"content": "```json"}, "finish_reason": None}]}
    end = {"id": "x", "model": "secret", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    provider = ScriptedProvider(FakeStream([[chunk], [end]]))
    app = app_with(tmp_path, provider, {"json": {"repair": {"streams": "relay"}}})
    resp = await post(app, {**JSON_BODY, "stream": True})
    assert provider.calls[0].stream and provider.calls[0].body["stream"] is True
    chunks = [json.loads(f[6:]) for f in resp.text.split("\n\n") if f and f != "data: [DONE]"]
    assert chunks[0]["choices"][0]["delta"] == {"content": "```json"}


async def test_requests_without_a_contract_are_never_checked(tmp_path: Path) -> None:
    seen: list[int] = []

    class Spy:
        @hookimpl(tryfirst=True)
        def di_check_reply(self, ctx, request, completion, attempt):
            seen.append(attempt)

    provider = ScriptedProvider(completion("plain text"))
    resp = await post(app_with(tmp_path, provider, None, Spy()), {"model": "gpt-x", "messages": [
        {"role": "user", "content": "Hello there."}]})
    assert resp.status_code == 200 and content_of(resp) == "plain text" and seen == []
