"""The Anthropic Messages surface end to end: the real ``anthropic`` SDK pointed at ``<root>/di`` (as the
product documents), raw ``httpx`` for the event stream and bad input, the careless stand-in behind."""

from __future__ import annotations

import base64
import json

import anthropic
import httpx
import pytest

from .conftest import MASTER_KEY, TENANT_KEY, RunningGateway
from .fixtures_observe import chat_requests
from .test_zero_knowledge import assert_clean

MODEL = "claude-sonnet-4-5"
WEATHER = {"name": "get_weather", "description": "Weather for a city",
           "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}
PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").decode()
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture()
def claude(gateway: RunningGateway) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gateway.root_url + "/di", api_key=MASTER_KEY, max_retries=0)


def raw_post(gateway: RunningGateway, body: dict, path: str = "/di/v1/messages",
             headers: dict | None = None) -> httpx.Response:
    return httpx.post(gateway.root_url + path, json=body, timeout=30,
                      headers={"x-api-key": MASTER_KEY, "anthropic-version": "2023-06-01", **(headers or {})})


def events(gateway: RunningGateway, body: dict) -> tuple[httpx.Response, list[tuple[str, dict]], str]:
    with httpx.stream("POST", gateway.root_url + "/di/v1/messages", json={**body, "stream": True}, timeout=30,
                      headers={"x-api-key": MASTER_KEY, "anthropic-version": "2023-06-01"}) as resp:
        text = "".join(resp.iter_text())
    out = []
    for frame in text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
        if "event" in lines:
            out.append((lines["event"], json.loads(lines["data"])))
    return resp, out, text


def test_chat_echoes_model_and_answers_in_anthropic_shape(claude: anthropic.Anthropic) -> None:
    raw = claude.messages.with_raw_response.create(
        model=MODEL, max_tokens=200, system="You are terse.",
        messages=[{"role": "user", "content": "Say hello to the team."}])
    msg = raw.parse()
    assert raw.headers["x-di-request-type"] == "pro"
    assert msg.model == MODEL and msg.type == "message" and msg.role == "assistant"
    assert msg.id.startswith("msg_di")
    assert msg.content[0].type == "text" and msg.content[0].text
    assert msg.stop_reason == "end_turn"
    assert msg.usage.input_tokens > 0 and msg.usage.output_tokens > 0


def test_haiku_id_leans_flash_and_bearer_auth_works(gateway: RunningGateway) -> None:
    client = anthropic.Anthropic(base_url=gateway.root_url + "/di", auth_token=TENANT_KEY, max_retries=0)
    raw = client.messages.with_raw_response.create(model="claude-haiku-4-5", max_tokens=50,
                                                   messages=[{"role": "user", "content": "hi"}])
    assert raw.headers["x-di-request-type"] == "flash"
    assert raw.parse().model == "claude-haiku-4-5"


def test_stream_with_sdk_helper(claude: anthropic.Anthropic) -> None:
    with claude.messages.stream(model=MODEL, max_tokens=200,
                                messages=[{"role": "user", "content": "Tell me a story."}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text and final.content[0].text == text
    assert final.model == MODEL and final.stop_reason == "end_turn"
    assert final.usage.output_tokens > 0 and final.usage.input_tokens > 0


def test_stream_event_sequence_is_anthropics(gateway: RunningGateway) -> None:
    resp, evs, text = events(gateway, {"model": MODEL, "max_tokens": 100,
                                       "messages": [{"role": "user", "content": "hello"}]})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
    assert resp.headers["x-di-request-type"] == "pro"
    names = [name for name, _ in evs]
    assert names[:2] == ["message_start", "ping"]
    assert names[2] == "content_block_start" and names[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert set(names[3:-3]) == {"content_block_delta"}
    assert all(name == data["type"] for name, data in evs)
    assert evs[0][1]["message"]["model"] == MODEL
    assert evs[-2][1]["delta"]["stop_reason"] == "end_turn" and evs[-2][1]["usage"]["output_tokens"] > 0
    assert_clean(gateway, resp, text)


def test_tool_round_trip(claude: anthropic.Anthropic, gateway: RunningGateway) -> None:
    messages: list[dict] = [{"role": "user", "content": "What's the weather in Lisbon?"}]
    raw = claude.messages.with_raw_response.create(model=MODEL, max_tokens=200, tools=[WEATHER], messages=messages,
                                                   tool_choice={"type": "any"})
    first = raw.parse()
    assert raw.headers["x-di-request-type"] == "code"
    assert first.stop_reason == "tool_use"
    use = next(b for b in first.content if b.type == "tool_use")
    assert use.name == "get_weather" and isinstance(use.input, dict) and "city" in use.input
    assert use.id.startswith("toolu_di")
    messages += [{"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": use.id, "content": "18C, sunny"}]}]
    second = claude.messages.create(model=MODEL, max_tokens=200, tools=[WEATHER], messages=messages)
    assert second.stop_reason == "end_turn" and second.content[0].type == "text"
    forwarded = chat_requests(gateway.upstream.replicas[0])[-1]
    assert forwarded["tool_choice"] if "tool_choice" in forwarded else True
    roles = [m["role"] for m in forwarded["messages"]]
    assert roles == ["user", "assistant", "tool"]
    assert forwarded["messages"][1]["tool_calls"][0]["id"] == use.id == forwarded["messages"][2]["tool_call_id"]


def test_streamed_tool_call_accumulates_in_sdk(claude: anthropic.Anthropic) -> None:
    with claude.messages.stream(model=MODEL, max_tokens=200, tools=[WEATHER], tool_choice={"type": "any"},
                                messages=[{"role": "user", "content": "Weather in Oslo?"}]) as stream:
        final = stream.get_final_message()
    use = next(b for b in final.content if b.type == "tool_use")
    assert final.stop_reason == "tool_use" and isinstance(use.input, dict) and "city" in use.input


def test_pdf_document_is_document_and_url_source_is_400(claude: anthropic.Anthropic, gateway: RunningGateway) -> None:
    raw = claude.messages.with_raw_response.create(model="claude-haiku-4-5", max_tokens=100, tools=[WEATHER], messages=[
        {"role": "user", "content": [
            {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": PDF}},
            {"type": "text", "text": "Summarize this contract."}]}])
    assert raw.headers["x-di-request-type"] == "document"
    part = chat_requests(gateway.upstream.replicas[0])[-1]["messages"][0]["content"][0]
    assert part["type"] == "file" and part["file"]["file_data"].startswith("data:application/pdf;base64,")
    for source in ({"type": "url", "url": "https://example.com/a.pdf"},
                   {"type": "base64", "media_type": "text/plain", "data": "aGVsbG8="},
                   {"type": "text", "media_type": "text/plain", "data": "hello"}):
        with pytest.raises(anthropic.BadRequestError) as err:
            claude.messages.create(model=MODEL, max_tokens=50, messages=[{"role": "user", "content": [
                {"type": "document", "source": source}, {"type": "text", "text": "read"}]}])
        assert err.value.status_code == 400
        assert err.value.body["type"] == "error" and err.value.body["error"]["type"] == "invalid_request_error"
        assert "PDF" in err.value.body["error"]["message"]


def test_image_is_vision(claude: anthropic.Anthropic) -> None:
    raw = claude.messages.with_raw_response.create(model=MODEL, max_tokens=50, messages=[{"role": "user", "content": [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": PNG}},
        {"type": "text", "text": "What is in this picture?"}]}])
    assert raw.headers["x-di-request-type"] == "vision"


def test_json_schema_output_is_strict_json(claude: anthropic.Anthropic) -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
              "required": ["name", "age"], "additionalProperties": False}
    raw = claude.messages.with_raw_response.create(
        model=MODEL, max_tokens=200, output_config={"format": {"type": "json_schema", "schema": schema}},
        messages=[{"role": "user", "content": "Invent a person."}])
    assert raw.headers["x-di-request-type"] == "json"
    value = json.loads(raw.parse().content[0].text)
    assert isinstance(value["name"], str) and isinstance(value["age"], int)


def test_count_tokens(claude: anthropic.Anthropic) -> None:
    short = claude.messages.count_tokens(model=MODEL, messages=[{"role": "user", "content": "hi"}])
    long = claude.messages.count_tokens(model=MODEL, system="x " * 4000,
                                        messages=[{"role": "user", "content": "hi"}], tools=[WEATHER])
    assert 0 < short.input_tokens < long.input_tokens
    assert long.input_tokens > 1500


def test_models_in_anthropic_shape(claude: anthropic.Anthropic, gateway: RunningGateway) -> None:
    ids = [m.id for m in claude.models.list()]
    assert ids == ["di", "di-max"]
    openai_shape = httpx.get(gateway.root_url + "/di/v1/models", headers={"Authorization": f"Bearer {MASTER_KEY}"}).json()
    assert openai_shape["object"] == "list" and openai_shape["data"][0]["object"] == "model"


def test_wrong_or_missing_key_is_401_in_anthropic_envelope(gateway: RunningGateway) -> None:
    bad = anthropic.Anthropic(base_url=gateway.root_url + "/di", api_key="sk-wrong", max_retries=0)
    with pytest.raises(anthropic.AuthenticationError) as err:
        bad.messages.create(model=MODEL, max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    assert err.value.body == {"type": "error", "error": {"type": "authentication_error",
                                                         "message": "Incorrect API key provided."}}
    resp = httpx.post(gateway.root_url + "/di/v1/messages", json={"model": MODEL},
                      headers={"anthropic-version": "2023-06-01"})
    assert resp.status_code == 401 and resp.json()["error"]["type"] == "authentication_error"
    assert "x-api-key" in resp.json()["error"]["message"]


@pytest.mark.parametrize("tool", [{"type": "web_search_20250305", "name": "web_search"},
                                  {"type": "code_execution_20250522", "name": "code_execution"},
                                  {"type": "computer_20250124", "name": "computer", "display_width_px": 800,
                                   "display_height_px": 600}])
def test_server_side_tools_are_400_naming_the_tool(claude: anthropic.Anthropic, tool: dict) -> None:
    with pytest.raises(anthropic.BadRequestError) as err:
        claude.messages.create(model=MODEL, max_tokens=10, tools=[tool], messages=[{"role": "user", "content": "hi"}])
    assert f'"{tool["name"]}"' in err.value.body["error"]["message"]


@pytest.mark.parametrize(("body", "needle"), [
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}]}, "max_tokens: Field required"),
    ({"model": MODEL, "max_tokens": 5, "messages": [{"role": "robot", "content": "hi"}]}, "messages.0.role"),
    ({"model": MODEL, "max_tokens": "5", "messages": []}, "max_tokens"),
    ({"max_tokens": 5, "messages": []}, "model: Field required"),
    ({"model": MODEL, "max_tokens": 5, "messages": [{"role": "user", "content": [{"type": "video"}]}]}, "video"),
])
def test_bad_input_is_400_in_anthropic_envelope(gateway: RunningGateway, body: dict, needle: str) -> None:
    resp = raw_post(gateway, body)
    assert resp.status_code == 400, resp.text
    payload = resp.json()
    assert payload["type"] == "error" and payload["error"]["type"] == "invalid_request_error"
    assert needle in payload["error"]["message"]
    assert "x-di-request-type" in resp.headers


def test_malformed_json_and_unknown_path(gateway: RunningGateway) -> None:
    resp = httpx.post(gateway.root_url + "/di/v1/messages", content=b"{nope", timeout=10,
                      headers={"x-api-key": MASTER_KEY, "content-type": "application/json"})
    assert resp.status_code == 400 and resp.json()["type"] == "error"
    resp = httpx.post(gateway.root_url + "/di/v1/messages/batches", json={}, headers={"x-api-key": MASTER_KEY})
    assert resp.status_code == 404 and resp.json()["error"]["type"] == "not_found_error"
    # the SDK with /v1 in its base URL doubles the path: a 404, as the product documents
    doubled = anthropic.Anthropic(base_url=gateway.root_url + "/di/v1", api_key=MASTER_KEY, max_retries=0)
    with pytest.raises(anthropic.NotFoundError):
        doubled.messages.create(model=MODEL, max_tokens=10, messages=[{"role": "user", "content": "hi"}])


def test_careless_upstream_leaks_nothing(gateway: RunningGateway) -> None:
    bodies = [{"model": MODEL, "max_tokens": 100, "messages": [{"role": "user", "content": "hello"}]},
              {"model": MODEL, "max_tokens": 100, "tools": [WEATHER], "messages": [{"role": "user", "content": "Rome?"}]}]
    for body in bodies:
        resp = raw_post(gateway, body)
        assert resp.status_code == 200
        assert_clean(gateway, resp, resp.text)
        resp, _, text = events(gateway, body)
        assert_clean(gateway, resp, text)
    gateway.upstream.replicas[0].fail("status", status=500, count=-1)
    resp = raw_post(gateway, bodies[0])
    assert resp.status_code >= 500 and resp.json()["type"] == "error"
    assert_clean(gateway, resp, resp.text)


def test_agent_conversation_with_cached_system_prompt_streams_and_reports_cache(claude: anthropic.Anthropic) -> None:
    system = [{"type": "text", "text": "You are a coding agent working in a large repository. " * 300,
               "cache_control": {"type": "ephemeral"}}]
    tools = [WEATHER, {"name": "read_file", "description": "Read a file",
                       "input_schema": {"type": "object", "properties": {"path": {"type": "string"}},
                                        "required": ["path"]}}]
    messages: list[dict] = [{"role": "user", "content": "Check the weather tool, then tell me."}]
    with claude.messages.stream(model=MODEL, max_tokens=300, system=system, tools=tools,
                                messages=messages) as stream:
        first = stream.get_final_message()
    use = next(b for b in first.content if b.type == "tool_use")
    assert first.usage.cache_creation_input_tokens > 0 or first.usage.cache_read_input_tokens > 0
    messages += [{"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
                 {"role": "user", "content": [{"type": "tool_result", "tool_use_id": use.id, "content": "ok: 21C"}]}]
    with claude.messages.stream(model=MODEL, max_tokens=300, system=system, tools=tools,
                                messages=messages) as stream:
        text = "".join(stream.text_stream)
        second = stream.get_final_message()
    assert text and second.stop_reason == "end_turn"
    assert second.usage.cache_read_input_tokens > 1000
    assert second.usage.input_tokens < second.usage.cache_read_input_tokens
