"""The Anthropic surface's pure translation: Messages body → chat body, completion/chunks → Anthropic shapes,
errors → Anthropic's envelope; and what the classifier makes of the translated bodies."""

from __future__ import annotations

import json

import orjson
import pytest

from di_plugins.classifier.explain import explain_request
from di_plugins.context import GatewayError, RequestContext
from di_plugins.errors import RequestError
from di_plugins.surfaces.anthropic import SURFACE
from di_plugins.surfaces.base import COUNT, GENERATE, Route
from di_plugins.surfaces.openai_chat import completion_chunks, rebuild_completion
from di_plugins.validation import validate_chat_request

ROUTE = Route("anthropic", GENERATE)
PDF = {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0xLjQ="}


def to_chat(body: dict, route: Route = ROUTE) -> tuple[dict, RequestContext]:
    ctx = RequestContext(surface="anthropic")
    return SURFACE.to_chat(body, route, ctx), ctx


def base(**extra: object) -> dict:
    return {"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": [{"role": "user", "content": "hi"}], **extra}


def test_system_blocks_cache_control_and_parameters() -> None:
    chat, _ = to_chat(base(system=[{"type": "text", "text": "rules", "cache_control": {"type": "ephemeral"}}],
                           stop_sequences=["END"], temperature=0.3, top_k=5, metadata={"user_id": "u1"}))
    assert chat["messages"][0] == {"role": "system", "content": [
        {"type": "text", "text": "rules", "cache_control": {"type": "ephemeral"}}]}
    assert chat["stop"] == ["END"] and chat["temperature"] == 0.3 and chat["user"] == "u1"
    assert "top_k" not in chat and chat["max_tokens"] == 100
    validate_chat_request(chat)  # the journey accepts what the surface makes


def test_tool_use_and_tool_results_become_openai_turns() -> None:
    chat, _ = to_chat(base(messages=[
        {"role": "user", "content": "weather?"},
        {"role": "assistant", "content": [
            {"type": "thinking", "thinking": "hmm", "signature": "backend-sig"},
            {"type": "text", "text": "Checking."},
            {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Rome"}}]},
        {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C", "cache_control": {"type": "ephemeral"}},
            {"type": "text", "text": "and tomorrow?"}]}],
        tools=[{"name": "get_weather", "input_schema": {"type": "object"}, "cache_control": {"type": "ephemeral"}}],
        tool_choice={"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True}))
    msgs = chat["messages"]
    assert [m["role"] for m in msgs] == ["user", "assistant", "tool", "user"]
    assert msgs[1]["content"] == [{"type": "text", "text": "Checking."}]  # the thinking block is not forwarded
    assert msgs[1]["tool_calls"][0] == {"id": "toolu_1", "type": "function",
                                        "function": {"name": "get_weather", "arguments": '{"city":"Rome"}'}}
    assert msgs[2] == {"role": "tool", "tool_call_id": "toolu_1",
                       "content": [{"type": "text", "text": "18C", "cache_control": {"type": "ephemeral"}}]}
    assert chat["tools"][0]["cache_control"] == {"type": "ephemeral"}
    assert chat["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}
    assert chat["parallel_tool_calls"] is False
    validate_chat_request(chat)


def test_error_tool_result_says_so() -> None:
    chat, _ = to_chat(base(messages=[
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f", "input": {}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "is_error": True, "content": "boom"}]}]))
    assert chat["messages"][1]["content"] == "Error: boom"


@pytest.mark.parametrize(("choice", "expected"), [({"type": "auto"}, "auto"), ({"type": "any"}, "required"),
                                                  ({"type": "none"}, "none")])
def test_tool_choice(choice: dict, expected: str) -> None:
    chat, _ = to_chat(base(tools=[{"name": "f", "input_schema": {"type": "object"}}], tool_choice=choice))
    assert chat["tool_choice"] == expected


def test_documents_images_and_classification() -> None:
    chat, _ = to_chat(base(model="claude-haiku-4-5", messages=[{"role": "user", "content": [
        {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}},
        {"type": "document", "source": PDF, "title": "contract.pdf"},
        {"type": "text", "text": "Summarize."}]}]))
    parts = chat["messages"][0]["content"]
    assert parts[0] == {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}
    assert parts[1] == {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0xLjQ=",
                                                 "filename": "contract.pdf"}}
    assert explain_request(chat)["request_type"] == "document"
    image_only, _ = to_chat(base(messages=[{"role": "user", "content": [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}}]}]))
    assert image_only["messages"][0]["content"][0]["image_url"]["url"] == "data:image/png;base64,AAAA"
    assert explain_request(image_only)["request_type"] == "vision"


@pytest.mark.parametrize("source", [{"type": "url", "url": "https://x/a.pdf"}, {"type": "text", "data": "hello"},
                                    {"type": "base64", "media_type": "text/plain", "data": "aGk="},
                                    {"type": "file", "file_id": "file_1"}])
def test_non_pdf_or_url_documents_are_400(source: dict) -> None:
    with pytest.raises(RequestError) as err:
        to_chat(base(messages=[{"role": "user", "content": [{"type": "document", "source": source}]}]))
    assert err.value.status == 400 and "base64-encoded PDFs" in str(err.value)


@pytest.mark.parametrize("tool", [{"type": "web_search_20250305", "name": "web_search"},
                                  {"type": "code_execution_20250825", "name": "code_execution"},
                                  {"type": "computer_20250124", "name": "computer"},
                                  {"type": "bash_20250124", "name": "bash"}])
def test_server_side_and_typed_tools_are_refused_by_name(tool: dict) -> None:
    with pytest.raises(RequestError) as err:
        to_chat(base(tools=[tool]))
    assert f'server-side tool "{tool["name"]}"' in str(err.value)


def test_tools_and_json_schema_classify() -> None:
    chat, _ = to_chat(base(tools=[{"name": "f", "input_schema": {"type": "object"}}]))
    assert explain_request(chat)["request_type"] == "code"
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    chat, _ = to_chat(base(output_config={"format": {"type": "json_schema", "schema": schema}}))
    assert chat["response_format"]["json_schema"]["schema"] == schema
    assert explain_request(chat)["request_type"] == "json"


def test_thinking_budget_feeds_effort_and_is_not_forwarded() -> None:
    chat, ctx = to_chat(base(thinking={"type": "enabled", "budget_tokens": 20000}))
    assert ctx.extra["anthropic_thinking"] is True
    assert explain_request(chat)["effort"] not in ("auto", None)
    assert "thinking" not in validate_chat_request(chat)


@pytest.mark.parametrize(("body", "needle"), [
    ({"model": "m", "messages": []}, "max_tokens: Field required"),
    ({"model": "m", "max_tokens": 0, "messages": []}, "greater than or equal to 1"),
    ({"model": "m", "max_tokens": True, "messages": []}, "max_tokens: Input should be a valid integer"),
    ({"max_tokens": 1, "messages": []}, "model: Field required"),
    ({"model": "m", "max_tokens": 1}, "messages: Field required"),
    ({"model": "m", "max_tokens": 1, "messages": [{"role": "system", "content": "x"}]}, "messages.0.role"),
    ({"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": [{"type": "text"}]}]},
     "messages.0.content.0.text: Field required"),
    ({"model": "m", "max_tokens": 1, "messages": [], "system": [{"type": "image"}]}, "system.0.type"),
    ({"model": "m", "max_tokens": 1, "messages": [], "tool_choice": {"type": "maybe"}}, "tool_choice.type"),
])
def test_bad_bodies_name_the_field(body: dict, needle: str) -> None:
    with pytest.raises(RequestError) as err:
        to_chat(body)
    assert needle in str(err.value) and err.value.status == 400


def test_count_tokens_does_not_require_max_tokens() -> None:
    chat, _ = to_chat({"model": "m", "messages": [{"role": "user", "content": "hi"}]}, Route("anthropic", COUNT))
    assert "max_tokens" not in chat and "stream" not in chat


def completion(message: dict, finish: str = "stop", usage: dict | None = None) -> dict:
    raw = {"choices": [{"index": 0, "message": message, "finish_reason": finish}],
           "usage": usage or {"prompt_tokens": 1200, "completion_tokens": 7, "total_tokens": 1207,
                              "prompt_tokens_details": {"cached_tokens": 1000, "cache_write_tokens": 150}},
           "system_fingerprint": "fp_secret", "model": "backend-model"}
    return rebuild_completion(raw, "claude-x", "chatcmpl-diabc123", 1)


def test_render_message_usage_and_tool_use() -> None:
    ctx = RequestContext(caller_model="claude-x", response_id="chatcmpl-diabc123")
    body = SURFACE.render(completion({"content": "Hi", "tool_calls": [
        {"id": "call_backend", "type": "function", "function": {"name": "f", "arguments": '{"a": 1}'}}]},
        "tool_calls"), ctx)
    assert body["id"] == "msg_diabc123" and body["model"] == "claude-x" and body["type"] == "message"
    assert body["content"] == [{"type": "text", "text": "Hi"},
                               {"type": "tool_use", "id": "toolu_diabc123_0", "name": "f", "input": {"a": 1}}]
    assert body["stop_reason"] == "tool_use"
    assert body["usage"] == {"input_tokens": 50, "output_tokens": 7, "cache_creation_input_tokens": 150,
                             "cache_read_input_tokens": 1000}
    assert "backend" not in orjson.dumps(body).decode()


def test_render_thinking_only_when_asked_and_signed_by_the_gateway() -> None:
    ctx = RequestContext(caller_model="m")
    message = {"content": "42", "reasoning": "6*7"}
    assert [b["type"] for b in SURFACE.render(completion(message), ctx)["content"]] == ["text"]
    ctx.extra["anthropic_thinking"] = True
    blocks = SURFACE.render(completion(message), ctx)["content"]
    assert blocks[0]["type"] == "thinking" and blocks[0]["thinking"] == "6*7" and len(blocks[0]["signature"]) > 40


@pytest.mark.parametrize(("finish", "stop"), [("length", "max_tokens"), ("content_filter", "refusal"),
                                              ("stop", "end_turn")])
def test_stop_reasons(finish: str, stop: str) -> None:
    assert SURFACE.render(completion({"content": "x"}, finish), RequestContext())["stop_reason"] == stop


def parse_events(data: bytes) -> list[tuple[str, dict]]:
    out = []
    for frame in data.decode().split("\n\n"):
        if frame:
            name, payload = frame.split("\n", 1)
            assert name.startswith("event: ") and payload.startswith("data: ")
            out.append((name[7:], json.loads(payload[6:])))
    return out


def test_stream_encoder_blocks_and_usage() -> None:
    ctx = RequestContext(caller_model="claude-x")
    ctx.extra["anthropic_thinking"] = True
    enc = SURFACE.encoder(ctx)
    full = completion({"content": "Hello there", "reasoning": "thinking...",
                       "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": '{"x":2}'}}]},
                      "tool_calls")
    data = enc.start() + b"".join(enc.chunk(c) for c in completion_chunks(full, True)) + enc.end()
    evs = parse_events(data)
    names = [n for n, _ in evs]
    assert names[:2] == ["message_start", "ping"] and names[-2:] == ["message_delta", "message_stop"]
    starts = [d["content_block"]["type"] for n, d in evs if n == "content_block_start"]
    assert starts == ["thinking", "text", "tool_use"]
    assert names.count("content_block_stop") == 3
    deltas = [d["delta"]["type"] for n, d in evs if n == "content_block_delta"]
    assert deltas == ["thinking_delta", "signature_delta", "text_delta", "input_json_delta"]
    delta = evs[-2][1]
    assert delta["delta"]["stop_reason"] == "tool_use"
    assert delta["usage"]["cache_read_input_tokens"] == 1000 and delta["usage"]["input_tokens"] == 50


def test_stream_error_event_and_envelopes() -> None:
    enc = SURFACE.encoder(RequestContext())
    frame = enc.error(GatewayError(503, "busy", "server_error"))
    assert parse_events(frame) == [("error", {"type": "error", "error": {"type": "overloaded_error", "message": "busy"}})]
    for status, kind in ((400, "invalid_request_error"), (401, "authentication_error"), (404, "not_found_error"),
                         (413, "request_too_large"), (429, "rate_limit_error"), (500, "api_error"),
                         (502, "api_error"), (504, "timeout_error")):
        assert orjson.loads(SURFACE.error_body(GatewayError(status, "m")))["error"]["type"] == kind


def test_credentials() -> None:
    assert SURFACE.credential({"x-api-key": "k1"}, ["Bearer k2"], {}) == "k1"
    assert SURFACE.credential({}, ["Bearer k2"], {}) == "k2"
    assert SURFACE.credential({}, [], {}) is None
