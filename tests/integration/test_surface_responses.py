"""The stateless OpenAI Responses surface of the real gateway process (``POST /di/v1/responses``), driven by
the real ``openai`` SDK (``client.responses.create`` / ``.stream`` / ``.parse``) and by raw HTTP: chat,
stream, a full function-call round trip, image, PDF, JSON schema, model echo, ``X-DI-Request-Type``,
effort from ``reasoning.effort``, auth, the stateful parameters and hosted tools that are refused, and the
careless-upstream leak checks on success, stream and error paths."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
import pytest
from pydantic import BaseModel

from .conftest import ENV_TENANT_KEY, MASTER_KEY, TENANT_KEY, RunningGateway
from .fixtures_observe import chat_requests, metric_at, stand_in_answer, wait_until
from .test_zero_knowledge import assert_clean

PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
       "AAAABJRU5ErkJggg==")
PDF = "data:application/pdf;base64,JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K"
WEATHER = {"type": "function", "name": "get_weather", "description": "Current weather of a city",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"],
                          "additionalProperties": False},
           "strict": True}
BODY = {"model": "gpt-5.5", "input": "Tell me about tea."}


class Person(BaseModel):
    name: str
    age: int


PERSON_FORMAT = {"type": "json_schema", "name": "person", "strict": True, "schema": {
    "type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
    "required": ["name", "age"], "additionalProperties": False}}


def url(gateway: RunningGateway, prefix: str = "/di/v1") -> str:
    return gateway.root_url + prefix + "/responses"


def post(gateway: RunningGateway, body: Any, key: str | None = MASTER_KEY, prefix: str = "/di/v1",
         headers: dict | None = None) -> httpx.Response:
    auth = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.post(url(gateway, prefix), json=body, timeout=30, headers={**auth, **(headers or {})})


def sse(gateway: RunningGateway, body: dict) -> tuple[httpx.Response, str, list[dict]]:
    """A streamed call read raw: the response, the whole text and the parsed events."""
    with httpx.stream("POST", url(gateway), json={**body, "stream": True}, timeout=30,
                      headers={"Authorization": f"Bearer {MASTER_KEY}"}) as resp:
        text = resp.read().decode()
    events = []
    if resp.status_code == 200:
        for block in text.split("\n\n"):
            if block.strip():
                head, data = block.split("\n", 1)
                event = json.loads(data.removeprefix("data: "))
                assert head == f"event: {event['type']}"
                events.append(event)
        assert [e["sequence_number"] for e in events] == list(range(len(events)))
    return resp, text, events


def served_by(gateway: RunningGateway, replica: int = 0) -> dict:
    """The one chat request the replica received."""
    (forwarded,) = chat_requests(gateway.upstream.replicas[replica])
    return forwarded


# -- chat, stream, echo ---------------------------------------------------------------------------


def test_chat(gateway: RunningGateway) -> None:
    raw = gateway.client().responses.with_raw_response.create(model="gpt-5.5", input="Tell me about tea.",
                                                              instructions="Answer briefly.")
    assert raw.headers["x-di-request-type"] == "pro"
    resp = raw.parse()
    forwarded = served_by(gateway)
    assert forwarded["messages"] == [{"role": "system", "content": "Answer briefly."},
                                     {"role": "user", "content": "Tell me about tea."}]
    assert resp.output_text == stand_in_answer(gateway.upstream.replicas[0], forwarded)["content"]
    assert resp.object == "response" and resp.model == "gpt-5.5" and resp.status == "completed"
    assert resp.id.startswith("resp_di") and resp.store is False and resp.instructions == "Answer briefly."
    assert resp.usage is not None and resp.usage.input_tokens > 0 and resp.usage.output_tokens > 0
    assert_clean(gateway, raw.http_response, raw.http_response.text)


@pytest.mark.parametrize("model", ["gpt-5.5", "my-legacy-model-2019", "claude-sonnet-4-6@high", "o3:fast", "di"])
def test_model_echo(gateway: RunningGateway, model: str) -> None:
    resp = post(gateway, {**BODY, "model": model})
    assert resp.status_code == 200, resp.text
    assert f'"model":"{model}"' in resp.text and resp.json()["object"] == "response"


def test_both_prefixes_serve_responses(gateway: RunningGateway) -> None:
    for prefix in ("/di/v1", "/v1"):
        resp = post(gateway, BODY, prefix=prefix)
        assert resp.status_code == 200, resp.text
        assert resp.headers["x-di-request-type"] == "pro"


def test_store_true_is_served_as_false(gateway: RunningGateway) -> None:
    resp = gateway.client().responses.create(model="gpt-5.5", input="hi", store=True,
                                             metadata={"team": "a"})
    assert resp.store is False and resp.metadata == {"team": "a"}
    assert "store" not in served_by(gateway) and "metadata" not in served_by(gateway)


def test_stream(gateway: RunningGateway) -> None:
    client = gateway.client()
    with client.responses.with_streaming_response.create(model="gpt-5.5", input="Tell me about tea.",
                                                         stream=True) as raw:
        assert raw.headers["x-di-request-type"] == "pro"
        assert raw.headers["content-type"].startswith("text/event-stream")
        types = [event.type for event in raw.parse()]
    assert types[:2] == ["response.created", "response.in_progress"] and types[-1] == "response.completed"
    with client.responses.stream(model="gpt-5.5", input="Tell me about tea.") as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    forwarded = chat_requests(gateway.upstream.replicas[0])[-1]
    assert forwarded["stream"] is True and forwarded["stream_options"] == {"include_usage": True}
    expected = stand_in_answer(gateway.upstream.replicas[0], forwarded)["content"]
    assert "".join(deltas) == expected == final.output_text
    assert len(deltas) > 1
    assert final.status == "completed" and final.model == "gpt-5.5" and final.usage.total_tokens > 0


def test_stream_is_clean(gateway: RunningGateway) -> None:
    resp, text, events = sse(gateway, {**BODY, "tools": [WEATHER]})
    assert resp.status_code == 200
    assert events[-1]["type"] == "response.completed"
    assert "[DONE]" not in text
    assert_clean(gateway, resp, text)


def test_incomplete_when_the_output_limit_cuts(gateway: RunningGateway) -> None:
    resp = gateway.client().responses.create(model="gpt-5.5", input="Tell me about tea.", max_output_tokens=3)
    assert served_by(gateway)["max_tokens"] == 3
    assert resp.status == "incomplete" and resp.incomplete_details.reason == "max_output_tokens"
    assert len(resp.output_text.split()) == 3


def test_count_input_tokens(gateway: RunningGateway) -> None:
    client = gateway.client()
    raw = client.responses.input_tokens.with_raw_response.count(model="gpt-5.5", input="Tell me about tea.",
                                                                 instructions="Answer briefly.")
    assert raw.headers["x-di-request-type"] == "pro"
    count = raw.parse()
    assert count.object == "response.input_tokens" and count.input_tokens > 0
    longer = client.responses.input_tokens.count(input="Tell me about tea. " * 50)  # no model: allowed
    assert longer.input_tokens > count.input_tokens
    assert not chat_requests(gateway.upstream.replicas[0])  # counting calls no backend


# -- tools ----------------------------------------------------------------------------------------


def test_function_call_round_trip(gateway: RunningGateway) -> None:
    client = gateway.client()
    raw = client.responses.with_raw_response.create(model="gpt-5.5", input="What's the weather in Paris?",
                                                    tools=[WEATHER], tool_choice="required")
    assert raw.headers["x-di-request-type"] == "code"
    first = raw.parse()
    (call,) = first.output
    assert call.type == "function_call" and call.name == "get_weather" and call.status == "completed"
    assert json.loads(call.arguments).keys() == {"city"}
    assert call.call_id.startswith("call_di")
    assert served_by(gateway)["tools"] == [{"type": "function", "function": {
        "name": "get_weather", "description": "Current weather of a city", "parameters": WEATHER["parameters"],
        "strict": True}}]
    assert_clean(gateway, raw.http_response, raw.http_response.text)

    gateway.upstream.replicas[0].clear_requests()
    second = client.responses.create(model="gpt-5.5", tools=[WEATHER], input=[
        {"role": "user", "content": "What's the weather in Paris?"},
        *[item.model_dump(exclude_none=True) for item in first.output],
        {"type": "function_call_output", "call_id": call.call_id, "output": '{"temp_c": 21, "sky": "clear"}'},
    ])
    forwarded = served_by(gateway)
    assert forwarded["messages"][1:] == [
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": call.call_id, "type": "function",
             "function": {"name": "get_weather", "arguments": call.arguments}}]},
        {"role": "tool", "tool_call_id": call.call_id, "content": '{"temp_c": 21, "sky": "clear"}'}]
    assert second.output_text == stand_in_answer(gateway.upstream.replicas[0], forwarded)["content"]


def test_streamed_function_call(gateway: RunningGateway) -> None:
    with gateway.client().responses.stream(model="gpt-5.5", input="Weather in Oslo?", tools=[WEATHER],
                                           tool_choice={"type": "function", "name": "get_weather"}) as stream:
        arg_deltas = [e.delta for e in stream if e.type == "response.function_call_arguments.delta"]
        final = stream.get_final_response()
    (call,) = final.output
    forwarded = served_by(gateway)
    assert forwarded["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}
    expected = stand_in_answer(gateway.upstream.replicas[0], forwarded)["tool_call"]
    assert call.name == expected["name"] and call.arguments == expected["arguments"] == "".join(arg_deltas)


def test_agent_conversation_with_a_cache_breakpoint_streams_and_reports_cache(gateway: RunningGateway) -> None:
    """As coding agents send it: developer rules with a breakpoint, tools, streamed turns, the whole
    conversation in ``input`` every time; the second turn reports the cached prefix."""
    client = gateway.client(key=ENV_TENANT_KEY)
    read_file = {"type": "function", "name": "read_file", "description": "Read a file",
                 "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}}
    items: list[dict] = [
        {"role": "developer", "content": [{"type": "input_text", "prompt_cache_breakpoint": {"mode": "explicit"},
                                           "text": "You are a coding agent working in a large repository. " * 300}]},
        {"role": "user", "content": "Check the weather tool, then tell me."}]
    pins = metric_at(gateway.metrics_url, "di_prefix_cache_redis_pins_total")
    with client.responses.stream(model="gpt-5.5", input=items, tools=[WEATHER, read_file],
                                 reasoning={"effort": "low"}, store=False,
                                 include=["reasoning.encrypted_content"]) as stream:
        first = stream.get_final_response()
    (call,) = [item for item in first.output if item.type == "function_call"]
    assert first.usage.input_tokens_details.cached_tokens == 0
    wait_until(lambda: metric_at(gateway.metrics_url, "di_prefix_cache_redis_pins_total") > pins,
               "the gateway pins the tenant's prefix after its first request")
    items += [item.model_dump(exclude_none=True) for item in first.output]
    items.append({"type": "function_call_output", "call_id": call.call_id, "output": "ok: 21C"})
    with client.responses.stream(model="gpt-5.5", input=items, tools=[WEATHER, read_file],
                                 reasoning={"effort": "low"}) as stream:
        text = "".join(event.delta for event in stream if event.type == "response.output_text.delta")
        second = stream.get_final_response()
    assert text and second.output_text == text and second.status == "completed"
    assert second.usage.input_tokens_details.cached_tokens > 1000
    assert second.usage.input_tokens > second.usage.input_tokens_details.cached_tokens


# -- media and formats ----------------------------------------------------------------------------


def test_image_is_vision(gateway: RunningGateway) -> None:
    raw = gateway.client().responses.with_raw_response.create(model="gpt-5.5-mini", input=[{
        "role": "user", "content": [{"type": "input_text", "text": "What is in this picture?"},
                                    {"type": "input_image", "image_url": PNG, "detail": "low"}]}])
    assert raw.headers["x-di-request-type"] == "vision"
    assert raw.parse().output_text
    content = served_by(gateway)["messages"][0]["content"]
    assert content[1] == {"type": "image_url", "image_url": {"url": PNG, "detail": "low"}}


def test_pdf_is_document(gateway: RunningGateway) -> None:
    raw = gateway.client().responses.with_raw_response.create(model="gpt-5.5", input=[{
        "role": "user", "content": [{"type": "input_file", "filename": "report.pdf", "file_data": PDF},
                                    {"type": "input_text", "text": "Summarise this report."}]}])
    assert raw.headers["x-di-request-type"] == "document"
    assert served_by(gateway)["messages"][0]["content"][0] == {
        "type": "file", "file": {"file_data": PDF, "filename": "report.pdf"}}


def test_document_by_url_is_400(gateway: RunningGateway) -> None:
    resp = post(gateway, {**BODY, "input": [{"role": "user", "content": [
        {"type": "input_file", "file_url": "https://example.com/report.pdf"}]}]})
    assert resp.status_code == 400
    assert resp.json()["error"]["param"] == "input[0].content[0].file_url"


def test_json_schema(gateway: RunningGateway) -> None:
    client = gateway.client()
    raw = client.responses.with_raw_response.create(model="gpt-5.5", input="Invent a person.",
                                                    text={"format": PERSON_FORMAT})
    assert raw.headers["x-di-request-type"] == "json"
    resp = raw.parse()
    assert Person.model_validate_json(resp.output_text)
    assert resp.text.format.type == "json_schema" and resp.text.format.name == "person"
    forwarded = served_by(gateway, 1)  # `json` is served by replica-1
    assert forwarded["response_format"]["json_schema"]["schema"] == PERSON_FORMAT["schema"]
    parsed = client.responses.parse(model="gpt-5.5", input="Invent a person.", text_format=Person)
    assert isinstance(parsed.output_parsed, Person)
    with client.responses.stream(model="gpt-5.5", input="Invent a person.", text_format=Person) as stream:
        assert isinstance(stream.get_final_response().output_parsed, Person)


def test_reasoning_effort_routes_and_reaches_the_backend(gateway: RunningGateway) -> None:
    resp = post(gateway, {**BODY, "reasoning": {"effort": "max", "summary": "auto"}})
    assert resp.status_code == 200, resp.text
    assert resp.json()["reasoning"] == {"effort": "max", "summary": "auto"}
    forwarded = served_by(gateway, 2)  # pro at effort max routes to `reason` (replica-2)
    assert forwarded["reasoning_effort"] == "high" and "reasoning" not in forwarded


def test_invalid_reasoning_effort_is_400(gateway: RunningGateway) -> None:
    resp = post(gateway, {**BODY, "reasoning": {"effort": "ludicrous"}})
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "invalid_effort"
    assert resp.json()["error"]["param"] == "reasoning.effort"


# -- auth and refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", [None, "sk-wrong", TENANT_KEY + "x"])
def test_bad_keys_are_401(gateway: RunningGateway, key: str | None) -> None:
    resp = post(gateway, BODY, key=key)
    assert resp.status_code == 401
    error = resp.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["type"] == "authentication_error"
    with pytest.raises(openai.AuthenticationError):
        gateway.client(key="sk-wrong").responses.create(model="gpt-5.5", input="hi")


def test_tenant_key_is_accepted(gateway: RunningGateway) -> None:
    assert gateway.client(key=TENANT_KEY).responses.create(model="gpt-5.5", input="hi").output_text


@pytest.mark.parametrize(("extra", "param"), [
    ({"previous_response_id": "resp_abc123"}, "previous_response_id"),
    ({"background": True}, "background"),
    ({"conversation": "conv_abc123"}, "conversation"),
    ({"prompt": {"id": "pmpt_abc123", "version": "2"}}, "prompt"),
    ({"tools": [{"type": "web_search"}]}, "tools[0].type"),
    ({"tools": [{"type": "web_search_preview"}]}, "tools[0].type"),
    ({"tools": [{"type": "file_search", "vector_store_ids": ["vs_1"]}]}, "tools[0].type"),
    ({"tools": [{"type": "code_interpreter", "container": {"type": "auto"}}]}, "tools[0].type"),
    ({"tools": [{"type": "computer_use_preview", "display_width": 1, "display_height": 1,
                 "environment": "linux"}]}, "tools[0].type"),
    ({"tools": [{"type": "image_generation"}]}, "tools[0].type"),
    ({"tools": [{"type": "mcp", "server_label": "x", "server_url": "https://x.test"}]}, "tools[0].type"),
    ({"input": [{"type": "item_reference", "id": "msg_abc"}]}, "input[0].type"),
], ids=["previous_response_id", "background", "conversation", "prompt", "web_search", "web_search_preview",
        "file_search", "code_interpreter", "computer_use_preview", "image_generation", "mcp", "item_reference"])
def test_stateful_params_and_hosted_tools_are_400(gateway: RunningGateway, extra: dict, param: str) -> None:
    resp = post(gateway, {**BODY, **extra})
    assert resp.status_code == 400, resp.text
    error = resp.json()["error"]
    assert error["code"] == "unsupported_parameter" and error["param"] == param
    assert error["type"] == "invalid_request_error"
    if param.startswith("tools"):
        assert f'"{extra["tools"][0]["type"]}"' in error["message"]
    assert resp.headers["x-di-request-type"]
    assert not chat_requests(gateway.upstream.replicas[0])


def test_sdk_raises_bad_request_for_hosted_tools(gateway: RunningGateway) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        gateway.client().responses.create(model="gpt-5.5", input="Search the news.",
                                          tools=[{"type": "web_search"}])
    assert info.value.code == "unsupported_parameter"
    with pytest.raises(openai.BadRequestError):
        gateway.client().responses.create(model="gpt-5.5", input="again", previous_response_id="resp_1")


@pytest.mark.parametrize(("body", "param"), [
    ({"model": "gpt-5.5"}, "input"),
    ({"input": "hi"}, "model"),
    ({**BODY, "temperature": 9}, "temperature"),
    ({**BODY, "input": [{"type": "telepathy"}]}, "input[0].type"),
    ([1, 2], None),
])
def test_bad_input_is_a_clean_400(gateway: RunningGateway, body: Any, param: str | None) -> None:
    resp = post(gateway, body)
    assert resp.status_code == 400, resp.text
    error = resp.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["param"] == param


# -- careless upstream: nothing leaks -------------------------------------------------------------


@pytest.mark.parametrize("extra", [{}, {"tools": [WEATHER], "tool_choice": "required"},
                                   {"text": {"format": PERSON_FORMAT}},
                                   {"reasoning": {"effort": "low"}, "max_output_tokens": 5}],
                         ids=["chat", "tools", "json", "effort-limit"])
def test_success_is_clean(gateway: RunningGateway, extra: dict) -> None:
    resp = post(gateway, {**BODY, **extra})
    assert resp.status_code == 200, resp.text
    assert resp.json()["id"].startswith("resp_di")
    assert_clean(gateway, resp, resp.text)


@pytest.mark.parametrize("extra", [{}, {"tools": [WEATHER], "tool_choice": "required"},
                                   {"text": {"format": PERSON_FORMAT}}], ids=["chat", "tools", "json"])
def test_streams_are_clean(gateway: RunningGateway, extra: dict) -> None:
    resp, text, events = sse(gateway, {**BODY, **extra})
    assert resp.status_code == 200 and events[-1]["type"] in ("response.completed", "response.incomplete")
    assert len({e["response"]["id"] for e in events if "response" in e}) == 1
    assert_clean(gateway, resp, text)


@pytest.mark.parametrize(("upstream_status", "expected_status"), [(400, 400), (401, 502), (429, 429), (500, 502)])
def test_upstream_errors_are_clean(gateway: RunningGateway, upstream_status: int, expected_status: int) -> None:
    gateway.upstream.replicas[0].fail("status", status=upstream_status, count=-1)
    resp = post(gateway, BODY)
    assert resp.status_code == expected_status, resp.text
    assert set(resp.json()["error"]) == {"message", "type", "param", "code"}
    assert resp.headers["x-di-request-type"] == "pro"
    assert_clean(gateway, resp, resp.text)
    sresp, text, _ = sse(gateway, BODY)
    assert sresp.status_code == expected_status
    assert_clean(gateway, sresp, text)


def test_timeout_is_clean(gateway: RunningGateway) -> None:
    gateway.upstream.replicas[2].fail("timeout", count=-1)
    resp = post(gateway, {**BODY, "model": "reasoner-x"}, headers={"X-DI-Effort": "max"})
    assert resp.status_code == 504, resp.text
    assert_clean(gateway, resp, resp.text)


def test_midstream_failure_ends_with_error_and_failed_events(gateway: RunningGateway) -> None:
    gateway.upstream.replicas[0].fail("midstream", count=-1)
    resp, text, events = sse(gateway, BODY)
    assert resp.status_code == 200
    assert [e["type"] for e in events[-2:]] == ["error", "response.failed"]
    assert events[-2]["message"]
    failed = events[-1]["response"]
    assert failed["status"] == "failed" and failed["error"]["code"] == "server_error"
    assert_clean(gateway, resp, text)
    with gateway.client().responses.stream(model="gpt-5.5", input="Tell me about tea.") as stream, \
            pytest.raises(RuntimeError):
        stream.get_final_response()
