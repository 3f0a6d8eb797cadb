"""Tests for the OpenAI Responses surface (:mod:`di_plugins.surfaces.responses` and ``responses_out``):
the translation of every input item and parameter into the chat body, the 400s for stateful parameters and
server-side tools, the rendered ``Response`` and the stream events, each checked against the ``openai``
SDK's own pydantic types, and the real SDK (``responses.create`` / ``responses.stream``) reading them
through a mock transport."""

from __future__ import annotations

import json
import typing
from typing import Any

import httpx
import openai
import orjson
import pytest
from openai.types.responses import Response, ResponseStreamEvent

from di_plugins.classifier.effort import resolve_effort
from di_plugins.classifier.engine import Classifier
from di_plugins.context import GatewayError, RequestContext
from di_plugins.errors import RequestError
from di_plugins.surfaces.base import COUNT, GENERATE, Route
from di_plugins.surfaces.openai_chat import completion_chunks, rebuild_chunk, rebuild_completion
from di_plugins.surfaces.responses import SURFACE, ResponsesSurface, translate
from di_plugins.surfaces.responses_out import EXTRA_KEY
from di_plugins.validation import validate_chat_request

ROUTE = Route("responses", GENERATE)
# the SDK's event classes by their ``type`` literal (its discriminator annotation is the SDK's own, so a
# plain pydantic union would try every member)
EVENTS = {typing.get_args(cls.model_fields["type"].annotation)[0]: cls
          for cls in typing.get_args(typing.get_args(ResponseStreamEvent)[0])}
PDF = "data:application/pdf;base64,JVBERi0xLjQKJcfsj6IKNSAwIG9iago="
PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
WEATHER = {"type": "function", "name": "get_weather", "description": "Weather of a city",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
           "strict": True}
TIME = {"type": "function", "name": "get_time", "parameters": {"type": "object"}}


def chat_of(**body: Any) -> dict:
    body.setdefault("model", "gpt-5.5")
    return translate(body, ROUTE)[0]


def error_of(**body: Any) -> RequestError:
    body.setdefault("model", "gpt-5.5")
    body.setdefault("input", "hi")
    with pytest.raises(RequestError) as info:
        translate(body, ROUTE)
    assert info.value.status == 400
    return info.value


def new_ctx(body: dict | None = None) -> RequestContext:
    ctx = RequestContext(surface="responses", caller_model="gpt-5.5")
    if body is not None:
        SURFACE.to_chat(body, ROUTE, ctx)
    return ctx


def completion(content: Any = "Hello!", *, finish: str = "stop", usage: dict | None = None, **message: Any) -> dict:
    msg = {"role": "assistant", "content": content, **message}
    raw = {"id": "chatcmpl-secret", "model": "secret-backend-model", "system_fingerprint": "fp_secret",
           "choices": [{"index": 0, "message": msg, "finish_reason": finish}],
           "usage": usage if usage is not None else {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}}
    return rebuild_completion(raw, "gpt-5.5", "chatcmpl-di123", 1)


# --------------------------------------------------------------------------------------------------
# in: input items


def test_string_input_is_one_user_message() -> None:
    assert chat_of(input="Hello") == {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Hello"}]}


def test_model_is_passed_verbatim() -> None:
    assert chat_of(model="claude-sonnet-4-6@xhigh", input="x")["model"] == "claude-sonnet-4-6@xhigh"


def test_instructions_become_the_first_system_message() -> None:
    chat = chat_of(instructions="Be terse.", input=[{"role": "system", "content": "More rules"},
                                                     {"role": "user", "content": "hi"}])
    assert chat["messages"] == [{"role": "system", "content": "Be terse."},
                                {"role": "system", "content": "More rules"}, {"role": "user", "content": "hi"}]


def test_easy_messages_of_every_role() -> None:
    items = [{"role": r, "content": f"{r} says"} for r in ("developer", "system", "user", "assistant")]
    assert chat_of(input=items)["messages"] == [{"role": r, "content": f"{r} says"}
                                                for r in ("developer", "system", "user", "assistant")]


def test_message_items_with_parts() -> None:
    chat = chat_of(input=[
        {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "one"},
                                                        {"type": "input_text", "text": "two"}]},
        {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
         "content": [{"type": "output_text", "text": "Sure, ", "annotations": []},
                     {"type": "output_text", "text": "done."}]},
        {"type": "message", "role": "assistant", "content": [{"type": "refusal", "refusal": "I can't."}]},
        {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "rule"}]},
    ])
    assert chat["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "one"}, {"type": "text", "text": "two"}]},
        {"role": "assistant", "content": "Sure, done."},
        {"role": "assistant", "content": "I can't."},
        {"role": "developer", "content": "rule"},
    ]


def test_input_image_by_url_and_data_url() -> None:
    chat = chat_of(input=[{"role": "user", "content": [
        {"type": "input_text", "text": "What is this?"},
        {"type": "input_image", "image_url": "https://example.com/cat.png", "detail": "high"},
        {"type": "input_image", "image_url": PNG, "detail": "auto"}]}])
    assert chat["messages"][0]["content"][1:] == [
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "high"}},
        {"type": "image_url", "image_url": {"url": PNG}}]


def test_input_file_pdf_becomes_a_file_part() -> None:
    raw_b64 = PDF.split(",", 1)[1]
    chat = chat_of(input=[{"role": "user", "content": [
        {"type": "input_file", "filename": "a.pdf", "file_data": PDF},
        {"type": "input_file", "file_data": raw_b64},
        {"type": "input_text", "text": "Summarise"}]}])
    assert chat["messages"][0]["content"][:2] == [
        {"type": "file", "file": {"file_data": PDF, "filename": "a.pdf"}},
        {"type": "file", "file": {"file_data": PDF}}]


@pytest.mark.parametrize(("part", "param", "code"), [
    ({"type": "input_file", "file_url": "https://example.com/a.pdf"}, "input[0].content[0].file_url",
     "unsupported_parameter"),
    ({"type": "input_file", "file_id": "file-abc"}, "input[0].content[0].file_id", "unsupported_parameter"),
    ({"type": "input_image", "file_id": "file-abc", "detail": "auto"}, "input[0].content[0].file_id",
     "unsupported_parameter"),
    ({"type": "input_file", "file_data": "data:text/plain;base64,aGVsbG8="}, "input[0].content[0].file_data",
     "invalid_value"),
    ({"type": "input_file", "file_data": "aGVsbG8="}, "input[0].content[0].file_data", "invalid_value"),
    ({"type": "input_file", "filename": "a.pdf"}, "input[0].content[0].file_data", "missing_required_parameter"),
    ({"type": "input_image", "detail": "auto"}, "input[0].content[0].image_url", "missing_required_parameter"),
    ({"type": "input_video", "video_url": "x"}, "input[0].content[0].type", "invalid_value"),
    ({"text": "no type"}, "input[0].content[0].type", "missing_required_parameter"),
], ids=["file_url", "file_id", "image_file_id", "non_pdf", "non_pdf_raw", "no_data", "no_image", "unknown",
        "no_type"])
def test_unsupported_parts_are_400(part: dict, param: str, code: str) -> None:
    err = error_of(input=[{"role": "user", "content": [part]}]).error
    assert (err.param, err.code) == (param, code)


def test_parts_not_allowed_for_the_role() -> None:
    err = error_of(input=[{"role": "system", "content": [{"type": "input_image", "image_url": PNG}]}]).error
    assert err.param == "input[0].content[0].type" and "not allowed" in err.message
    err = error_of(input=[{"role": "assistant", "content": [{"type": "input_file", "file_data": PDF}]}]).error
    assert err.param == "input[0].content[0].type"


@pytest.mark.parametrize(("parts", "expected"), [
    ([{"type": "input_file", "file_data": PDF}, {"type": "input_text", "text": "Summarise this."}], "document"),
    ([{"type": "input_image", "image_url": PNG}, {"type": "input_text", "text": "What is this?"}], "vision"),
])
def test_translated_media_classify(parts: list, expected: str) -> None:
    chat = chat_of(input=[{"role": "user", "content": parts}])
    assert Classifier().classify(validate_chat_request(chat)).request_type == expected


def test_input_audio_part() -> None:
    chat = chat_of(input=[{"role": "user", "content": [
        {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}]}])
    assert chat["messages"][0]["content"] == [{"type": "input_audio",
                                               "input_audio": {"data": "UklGRg==", "format": "wav"}}]


def test_function_call_round_trip_items() -> None:
    chat = chat_of(tools=[WEATHER, TIME], input=[
        {"role": "user", "content": "Weather in Paris and the time?"},
        {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "opaque"},
        {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Let me check."}]},
        {"type": "function_call", "id": "fc_1", "call_id": "call_a", "name": "get_weather",
         "arguments": '{"city":"Paris"}', "status": "completed"},
        {"type": "function_call", "call_id": "call_b", "name": "get_time", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "call_a", "output": '{"temp": 21}'},
        {"type": "function_call_output", "call_id": "call_b",
         "output": [{"type": "input_text", "text": "12:00"}]},
        {"type": "function_call", "call_id": "call_c", "name": "get_time", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "call_c",
         "output": [{"type": "input_text", "text": "see"}, {"type": "input_image", "image_url": PNG}]},
    ])
    assert chat["messages"] == [
        {"role": "user", "content": "Weather in Paris and the time?"},
        {"role": "assistant", "content": "Let me check.", "tool_calls": [
            {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'}},
            {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_a", "content": '{"temp": 21}'},
        {"role": "tool", "tool_call_id": "call_b", "content": "12:00"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_c", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_c", "content": [
            {"type": "text", "text": "see"}, {"type": "image_url", "image_url": {"url": PNG}}]},
    ]


def test_reasoning_items_are_dropped() -> None:
    chat = chat_of(input=[{"role": "user", "content": "q"},
                          {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "t"}]},
                          {"role": "assistant", "content": "a"}])
    assert chat["messages"] == [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]


@pytest.mark.parametrize(("item", "code"), [
    ({"type": "item_reference", "id": "msg_123"}, "unsupported_parameter"),
    ({"type": "web_search_call", "id": "ws_1", "status": "completed"}, "unsupported_parameter"),
    ({"type": "computer_call_output", "call_id": "c", "output": {}}, "unsupported_parameter"),
    ({"type": "mcp_call", "id": "m"}, "unsupported_parameter"),
    ({"type": "custom_tool_call_output", "call_id": "c", "output": "x"}, "unsupported_parameter"),
    ({"type": "telepathy"}, "invalid_value"),
    ({"content": "no role or type"}, "missing_required_parameter"),
], ids=["item_reference", "web_search_call", "computer_call_output", "mcp_call", "custom_tool_output",
        "unknown", "untyped"])
def test_unsupported_items_are_400(item: dict, code: str) -> None:
    err = error_of(input=[{"role": "user", "content": "x"}, item]).error
    assert err.param == "input[1].type" and err.code == code


@pytest.mark.parametrize(("items", "param"), [
    ([{"role": "robot", "content": "x"}], "input[0].role"),
    ([{"role": "user"}], "input[0].content"),
    ([{"role": "user", "content": []}], "input[0].content"),
    ([{"role": "user", "content": 5}], "input[0].content"),
    ([{"type": "function_call", "name": "f", "arguments": "{}"}], "input[0].call_id"),
    ([{"type": "function_call", "call_id": "c", "name": "f", "arguments": {"a": 1}}], "input[0].arguments"),
    ([{"type": "function_call_output", "call_id": "c"}], "input[0].output"),
    (["just a string"], "input[0]"),
    ([], "input"),
])
def test_malformed_items_name_the_field(items: list, param: str) -> None:
    assert error_of(input=items).error.param == param


def test_prompt_cache_breakpoint_becomes_cache_control() -> None:
    chat = chat_of(input=[{"role": "user", "content": [
        {"type": "input_text", "text": "long prefix", "prompt_cache_breakpoint": {"mode": "explicit"}},
        {"type": "input_text", "text": "question", "prompt_cache_breakpoint": {"mode": "explicit", "ttl": "12h"}}]}])
    assert chat["messages"][0]["content"] == [
        {"type": "text", "text": "long prefix", "cache_control": {"type": "ephemeral"}},
        {"type": "text", "text": "question", "cache_control": {"type": "ephemeral", "ttl": "1h"}}]


# --------------------------------------------------------------------------------------------------
# in: parameters


def test_function_tools_become_chat_tools() -> None:
    chat = chat_of(input="hi", tools=[WEATHER, TIME], tool_choice="required", parallel_tool_calls=False)
    assert chat["tools"] == [
        {"type": "function", "function": {"name": "get_weather", "description": "Weather of a city",
                                          "parameters": WEATHER["parameters"], "strict": True}},
        {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}}]
    assert chat["tool_choice"] == "required" and chat["parallel_tool_calls"] is False


@pytest.mark.parametrize("tool_type", ["web_search", "web_search_preview", "web_search_2025_08_26", "file_search",
                                       "code_interpreter", "computer_use_preview", "computer", "image_generation",
                                       "mcp", "local_shell", "shell", "custom", "apply_patch", "tool_search"])
def test_hosted_tools_are_400_naming_the_tool(tool_type: str) -> None:
    err = error_of(tools=[TIME, {"type": tool_type}]).error
    assert err.code == "unsupported_parameter" and err.param == "tools[1].type"
    assert f'"{tool_type}"' in err.message


@pytest.mark.parametrize(("tools", "param"), [
    ([{"type": "function", "name": "bad name!"}], "tools[0].name"),
    ([{"type": "function"}], "tools[0].name"),
    ([TIME, TIME], "tools[1].name"),
    ([{"name": "f"}], "tools[0].type"),
    ([{"type": "function", "name": "f", "parameters": "x"}], "tools[0].parameters"),
    ("nope", "tools"),
])
def test_bad_tools_name_the_field(tools: Any, param: str) -> None:
    assert error_of(tools=tools).error.param == param


def test_tool_choice_forms() -> None:
    assert chat_of(input="x", tools=[TIME], tool_choice="none")["tool_choice"] == "none"
    assert chat_of(input="x", tools=[TIME], tool_choice={"type": "function", "name": "get_time"})["tool_choice"] == \
        {"type": "function", "function": {"name": "get_time"}}
    assert "tool_choice" not in chat_of(input="x", tool_choice="auto")
    chat = chat_of(input="x", tools=[WEATHER, TIME], tool_choice={
        "type": "allowed_tools", "mode": "required", "tools": [{"type": "function", "name": "get_time"}]})
    assert chat["tool_choice"] == "required" and [t["function"]["name"] for t in chat["tools"]] == ["get_time"]


@pytest.mark.parametrize(("choice", "param", "code"), [
    ({"type": "web_search_preview"}, "tool_choice.type", "unsupported_parameter"),
    ({"type": "file_search"}, "tool_choice.type", "unsupported_parameter"),
    ({"type": "mcp", "server_label": "x"}, "tool_choice.type", "unsupported_parameter"),
    ({"type": "function", "name": "nope"}, "tool_choice", "invalid_value"),
    ("sometimes", "tool_choice", "invalid_value"),
    ({"type": "allowed_tools", "mode": "auto", "tools": [{"type": "web_search"}]}, "tool_choice.tools[0].type",
     "unsupported_parameter"),
])
def test_bad_tool_choice(choice: Any, param: str, code: str) -> None:
    err = error_of(tools=[TIME], tool_choice=choice).error
    assert (err.param, err.code) == (param, code)


def test_required_tool_choice_needs_tools() -> None:
    assert error_of(tool_choice="required").error.param == "tool_choice"


def test_parallel_tool_calls_only_with_tools() -> None:
    assert "parallel_tool_calls" not in chat_of(input="x", parallel_tool_calls=True)


def test_text_format_json_schema_flat_shape() -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"],
              "additionalProperties": False}
    chat = chat_of(input="x", text={"format": {"type": "json_schema", "name": "person", "schema": schema,
                                               "strict": True, "description": "A person"}, "verbosity": "low"})
    assert chat["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "person", "description": "A person", "schema": schema, "strict": True}}
    assert chat["verbosity"] == "low"


def test_text_format_json_object_and_text() -> None:
    assert chat_of(input="x", text={"format": {"type": "json_object"}})["response_format"] == {"type": "json_object"}
    assert "response_format" not in chat_of(input="x", text={"format": {"type": "text"}})


@pytest.mark.parametrize(("text", "param"), [
    ({"format": {"type": "json_schema", "schema": {}}}, "text.format.name"),
    ({"format": {"type": "json_schema", "name": "p"}}, "text.format.schema"),
    ({"format": {"type": "yaml"}}, "text.format.type"),
    ({"format": {"type": "json_schema", "name": "p", "schema": {}, "strict": "yes"}}, "text.format.strict"),
    ({"verbosity": "loud"}, "text.verbosity"),
    ("json", "text"),
])
def test_bad_text_format(text: Any, param: str) -> None:
    assert error_of(text=text).error.param == param


def test_sampling_and_limits() -> None:
    chat = chat_of(input="x", max_output_tokens=256, temperature=0.2, top_p=0.9, user="u1",
                   safety_identifier="s1", prompt_cache_key="k1")
    assert {k: chat[k] for k in ("max_tokens", "temperature", "top_p", "user", "safety_identifier",
                                 "prompt_cache_key")} == {"max_tokens": 256, "temperature": 0.2, "top_p": 0.9,
                                                          "user": "u1", "safety_identifier": "s1",
                                                          "prompt_cache_key": "k1"}
    assert "max_output_tokens" not in chat


@pytest.mark.parametrize(("param", "value", "code"), [
    ("max_output_tokens", 0, "integer_below_min_value"),
    ("max_output_tokens", "10", "invalid_type"),
    ("temperature", 3, "decimal_above_max_value"),
    ("top_p", -1, "decimal_below_min_value"),
    ("parallel_tool_calls", "yes", "invalid_type"),
    ("metadata", {"a": 1}, "invalid_type"),
    ("instructions", ["x"], "invalid_type"),
    ("include", "reasoning.encrypted_content", "invalid_type"),
    ("truncation", "sometimes", "invalid_value"),
    ("model", 5, "invalid_type"),
])
def test_bad_scalars(param: str, value: Any, code: str) -> None:
    err = error_of(**{param: value}).error
    assert err.code == code and err.param.startswith(param)


def test_metadata_store_include_and_unknown_keys_are_not_forwarded() -> None:
    chat = chat_of(input="x", metadata={"team": "a"}, store=True, include=["reasoning.encrypted_content",
                                                                            "message.output_text.logprobs"],
                   truncation="auto", service_tier="flex", max_tool_calls=3, top_logprobs=2,
                   prompt_cache_retention="24h", stream_options={"include_obfuscation": False},
                   api_base="http://evil", mock_response="hi", background=False)
    assert set(chat) == {"model", "messages"}


def test_stream_asks_the_backend_for_usage() -> None:
    chat = chat_of(input="x", stream=True)
    assert chat["stream"] is True and chat["stream_options"] == {"include_usage": True}
    assert "stream" not in chat_of(input="x", stream=False)


def test_reasoning_effort_is_carried_for_the_effort_hook() -> None:
    chat = chat_of(input="x", reasoning={"effort": "high", "summary": "auto"})
    assert chat["reasoning_effort"] == "high" and "reasoning" not in chat
    effort, _ = resolve_effort(chat, {}, {}, chat["model"], lambda budget: "low")
    assert (effort.level, effort.source) == ("high", "reasoning_effort")
    assert set(chat_of(input="x", reasoning={"summary": "auto", "effort": None})) == {"model", "messages"}
    assert chat_of(input="x", reasoning={"effort": "max"})["reasoning_effort"] == "max"  # DI's own level


@pytest.mark.parametrize("effort", ["ludicrous", 3])
def test_invalid_reasoning_effort_names_the_field(effort: Any) -> None:
    err = error_of(reasoning={"effort": effort}).error
    assert (err.code, err.param) == ("invalid_effort", "reasoning.effort")


@pytest.mark.parametrize(("param", "value"), [
    ("previous_response_id", "resp_123"),
    ("background", True),
    ("conversation", "conv_123"),
    ("conversation", {"id": "conv_123"}),
    ("prompt", {"id": "pmpt_123", "version": "2"}),
])
def test_stateful_parameters_are_400(param: str, value: Any) -> None:
    err = error_of(**{param: value}).error
    assert (err.code, err.param) == ("unsupported_parameter", param)
    assert f"'{param}'" in err.message


@pytest.mark.parametrize(("body", "param"), [
    ({"input": "x"}, "model"),
    ({"model": "m"}, "input"),
    ({"model": "m", "instructions": "only"}, "input"),
])
def test_required_fields(body: dict, param: str) -> None:
    with pytest.raises(RequestError) as info:
        translate(body, ROUTE)
    assert info.value.error.param == param and info.value.error.code == "missing_required_parameter"


@pytest.mark.parametrize("body", [None, [], "text", 5])
def test_non_object_body(body: Any) -> None:
    with pytest.raises(RequestError) as info:
        translate(body, ROUTE)
    assert info.value.error.code == "invalid_type"


def test_count_route_takes_instructions_alone_and_ignores_stream() -> None:
    chat, _ = translate({"model": "m", "instructions": "rules", "stream": True}, Route("responses", COUNT))
    assert chat == {"model": "m", "messages": [{"role": "system", "content": "rules"}]}


def test_count_route_needs_no_model() -> None:
    chat, _ = translate({"input": "count me"}, Route("responses", COUNT))
    assert chat == {"model": "di", "messages": [{"role": "user", "content": "count me"}]}


VALID_BODIES = [
    {"input": "hi"},
    {"input": "hi", "instructions": "sys", "stream": True, "reasoning": {"effort": "low"}},
    {"input": [{"role": "user", "content": [{"type": "input_text", "text": "q"},
                                            {"type": "input_image", "image_url": PNG, "detail": "low"},
                                            {"type": "input_file", "file_data": PDF, "filename": "a.pdf"},
                                            {"type": "input_audio", "input_audio": {"data": "UklGRg==",
                                                                                    "format": "wav"}}]}]},
    {"input": [{"role": "user", "content": "q"},
               {"type": "function_call", "call_id": "c1", "name": "get_time", "arguments": "{}"},
               {"type": "function_call_output", "call_id": "c1",
                "output": [{"type": "input_text", "text": "12"}, {"type": "input_file", "file_data": PDF}]},
               {"role": "assistant", "content": [{"type": "refusal", "refusal": "no"}]}],
     "tools": [WEATHER, TIME], "tool_choice": {"type": "function", "name": "get_time"}, "parallel_tool_calls": True},
    {"input": "x", "text": {"format": {"type": "json_schema", "name": "p", "schema": {"type": "object"},
                                       "strict": True}, "verbosity": "high"},
     "max_output_tokens": 9, "temperature": 1, "top_p": 0.5, "user": "u", "safety_identifier": "s",
     "prompt_cache_key": "k"},
    {"input": [{"role": "developer", "content": [{"type": "input_text", "text": "d",
                                                  "prompt_cache_breakpoint": {"mode": "explicit"}}]},
               {"role": "user", "content": "q"}]},
]


@pytest.mark.parametrize("body", VALID_BODIES)
def test_translated_bodies_pass_chat_validation_unchanged(body: dict) -> None:
    chat = chat_of(**body)
    assert validate_chat_request(chat) == chat


# --------------------------------------------------------------------------------------------------
# out: the Response


def rendered(comp: dict, body: dict | None = None) -> dict:
    ctx = new_ctx(body or {"model": "gpt-5.5", "input": "hi"})
    out = SURFACE.render(comp, ctx)
    Response.model_validate(out)  # the SDK's own type, validated (not just constructed)
    return out


def test_render_text() -> None:
    out = rendered(completion("Hello!"))
    resp = Response.model_validate(out)
    assert resp.output_text == "Hello!"
    assert out["object"] == "response" and out["model"] == "gpt-5.5" and out["status"] == "completed"
    assert out["id"].startswith("resp_di") and out["store"] is False and out["error"] is None
    assert out["output"] == [{"type": "message", "id": out["output"][0]["id"], "status": "completed",
                              "role": "assistant", "content": [{"type": "output_text", "text": "Hello!",
                                                                "annotations": [], "logprobs": []}]}]
    assert out["output"][0]["id"].startswith("msg_di")


def test_render_model_is_the_callers() -> None:
    ctx = new_ctx({"model": "my-odd/model:fast", "input": "x"})
    ctx.caller_model = "my-odd/model:fast"
    assert SURFACE.render(completion(), ctx)["model"] == "my-odd/model:fast"


def test_render_refusal() -> None:
    out = rendered(completion(None, refusal="I can't help with that."))
    assert out["output"][0]["content"] == [{"type": "refusal", "refusal": "I can't help with that."}]
    assert Response.model_validate(out).output_text == ""


def test_render_tool_calls_with_gateway_call_ids() -> None:
    comp = completion(None, finish="tool_calls", tool_calls=[
        {"id": "toolu_secret_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'}},
        {"id": "toolu_secret_2", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}])
    out = rendered(comp, {"model": "gpt-5.5", "input": "x", "tools": [WEATHER, TIME]})
    calls = out["output"]
    assert [c["type"] for c in calls] == ["function_call", "function_call"]
    assert [(c["name"], c["arguments"], c["status"]) for c in calls] == [
        ("get_weather", '{"city":"Paris"}', "completed"), ("get_time", "{}", "completed")]
    assert all(c["id"].startswith("fc_di") and c["call_id"].startswith("call_di") for c in calls)
    assert len({c["call_id"] for c in calls}) == 2
    assert "toolu_secret" not in json.dumps(out)


def test_render_text_and_tool_call() -> None:
    comp = completion("Checking.", finish="tool_calls", tool_calls=[
        {"id": "c", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}])
    out = rendered(comp)
    assert [o["type"] for o in out["output"]] == ["message", "function_call"]


def test_render_reasoning_item() -> None:
    out = rendered(completion("42", reasoning_content="Let me think."))
    assert out["output"][0] == {"type": "reasoning", "id": out["output"][0]["id"], "summary": [],
                                "content": [{"type": "reasoning_text", "text": "Let me think."}],
                                "status": "completed"}
    assert Response.model_validate(out).output_text == "42"


@pytest.mark.parametrize(("finish", "reason"), [("length", "max_output_tokens"), ("content_filter", "content_filter")])
def test_render_incomplete(finish: str, reason: str) -> None:
    out = rendered(completion("cut", finish=finish))
    assert out["status"] == "incomplete" and out["incomplete_details"] == {"reason": reason}
    assert out["output"][0]["status"] == "incomplete" and out["completed_at"] is None


def test_render_usage_with_cache_and_reasoning_tokens() -> None:
    out = rendered(completion(usage={"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120,
                                     "prompt_tokens_details": {"cached_tokens": 80, "cache_write_tokens": 15},
                                     "completion_tokens_details": {"reasoning_tokens": 7}}))
    assert out["usage"] == {"input_tokens": 100, "input_tokens_details": {"cached_tokens": 80, "cache_write_tokens": 15},
                            "output_tokens": 20, "output_tokens_details": {"reasoning_tokens": 7}, "total_tokens": 120}


def test_render_without_usage_and_without_content() -> None:
    comp = completion(None)
    del comp["usage"]
    out = rendered(comp)
    assert out["usage"] is None
    assert out["output"][0]["content"] == [{"type": "output_text", "text": "", "annotations": [], "logprobs": []}]


def test_render_url_citations() -> None:
    comp = completion("See x.", annotations=[{"type": "url_citation", "url_citation": {
        "url": "https://x.test", "title": "X", "start_index": 4, "end_index": 5}}])
    part = rendered(comp)["output"][0]["content"][0]
    assert part["annotations"] == [{"type": "url_citation", "url": "https://x.test", "title": "X",
                                    "start_index": 4, "end_index": 5}]


def test_render_echoes_the_callers_request() -> None:
    body = {"model": "gpt-5.5", "input": "x", "instructions": "Be brief.", "tools": [WEATHER],
            "tool_choice": {"type": "function", "name": "get_weather"}, "parallel_tool_calls": False,
            "temperature": 0.3, "top_p": 0.8, "max_output_tokens": 50, "metadata": {"team": "a"}, "store": True,
            "text": {"format": {"type": "json_schema", "name": "p", "schema": {"type": "object"}, "strict": True}},
            "reasoning": {"effort": "low", "summary": "auto"}, "user": "u", "truncation": "auto"}
    out = rendered(completion('{"a":1}'), body)
    assert {k: out[k] for k in ("instructions", "tool_choice", "parallel_tool_calls", "temperature", "top_p",
                                "max_output_tokens", "metadata", "store", "reasoning", "user", "truncation")} == {
        "instructions": "Be brief.", "tool_choice": {"type": "function", "name": "get_weather"},
        "parallel_tool_calls": False, "temperature": 0.3, "top_p": 0.8, "max_output_tokens": 50,
        "metadata": {"team": "a"}, "store": False, "reasoning": {"effort": "low", "summary": "auto"},
        "user": "u", "truncation": "auto"}
    assert out["tools"] == [{"type": "function", "name": "get_weather", "description": "Weather of a city",
                             "parameters": WEATHER["parameters"], "strict": True}]
    assert out["text"] == {"format": {"type": "json_schema", "name": "p", "schema": {"type": "object"},
                                      "strict": True}}


def test_render_is_built_from_allowlisted_keys_only() -> None:
    comp = completion("hi")
    comp["choices"][0]["message"]["provider_specific_fields"] = {"x_secret": 1}  # even if it got this far
    comp["usage"]["cost"] = 0.5
    comp["service_tier"] = "x_secret"
    text = json.dumps(rendered(comp))
    for leak in ("x_secret", "cost", "service_tier", "chatcmpl", "secret-backend-model", "fp_secret"):
        assert leak not in text


def test_render_without_to_chat_uses_defaults() -> None:
    ctx = RequestContext(surface="responses", caller_model="m")
    out = SURFACE.render(completion(), ctx)
    Response.model_validate(out)
    assert out["tools"] == [] and out["tool_choice"] == "auto"


# --------------------------------------------------------------------------------------------------
# out: the stream


def frames(data: bytes) -> list[dict]:
    """Parse SSE bytes: every frame is ``event: <type>`` + ``data: <json>`` with matching types."""
    out = []
    for block in data.decode().split("\n\n"):
        if not block:
            continue
        lines = block.split("\n")
        assert len(lines) == 2 and lines[0].startswith("event: ") and lines[1].startswith("data: "), block
        event = json.loads(lines[1][6:])
        assert event["type"] == lines[0][7:]
        out.append(event)
    return out


def encode(chunks: list[dict], body: dict | None = None, error: GatewayError | None = None) -> list[dict]:
    ctx = new_ctx(body or {"model": "gpt-5.5", "input": "hi", "stream": True})
    enc = SURFACE.encoder(ctx)
    assert enc.media_type == b"text/event-stream; charset=utf-8"
    data = enc.start() + b"".join(enc.chunk(c) for c in chunks) + (enc.end() if error is None else enc.error(error))
    events = frames(data)
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    for event in events:
        EVENTS[event["type"]].model_validate(event)  # every field the SDK's type requires, with its type
    return events


def raw_chunks(*deltas: dict, finish: str = "stop", usage: dict | None = None) -> list[dict]:
    out = [rebuild_chunk({"choices": [{"index": 0, "delta": d, "finish_reason": None}]}, "gpt-5.5", "c", 1)
           for d in deltas]
    out.append(rebuild_chunk({"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}, "gpt-5.5", "c", 1))
    out.append(rebuild_chunk({"choices": [], "usage": usage or {"prompt_tokens": 5, "completion_tokens": 2,
                                                                 "total_tokens": 7}}, "gpt-5.5", "c", 1))
    return out


def types(events: list[dict]) -> list[str]:
    return [e["type"] for e in events]


def test_stream_text_event_sequence() -> None:
    events = encode(raw_chunks({"role": "assistant", "content": ""}, {"content": "Hel"}, {"content": "lo"}))
    assert types(events) == [
        "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
        "response.content_part.done", "response.output_item.done", "response.completed"]
    created, done, completed = events[0]["response"], events[6], events[-1]["response"]
    assert created["status"] == "in_progress" and created["output"] == [] and created["model"] == "gpt-5.5"
    assert [e["delta"] for e in events if e["type"] == "response.output_text.delta"] == ["Hel", "lo"]
    assert events[4]["logprobs"] == [] and events[4]["content_index"] == 0 and events[4]["output_index"] == 0
    assert done["text"] == "Hello" and events[4]["item_id"] == events[2]["item"]["id"]
    assert completed["id"] == created["id"] and completed["status"] == "completed"
    assert completed["output"][0]["content"][0]["text"] == "Hello"
    assert completed["usage"]["input_tokens"] == 5 and completed["usage"]["total_tokens"] == 7


def test_stream_tool_calls_split_and_interleaved() -> None:
    events = encode(raw_chunks(
        {"role": "assistant", "content": None},
        {"tool_calls": [{"index": 0, "id": "toolu_secret", "type": "function",
                         "function": {"name": "get_weather", "arguments": ""}}]},
        {"tool_calls": [{"index": 0, "function": {"arguments": '{"city":'}}]},
        {"tool_calls": [{"index": 1, "id": "toolu_secret2", "type": "function",
                         "function": {"name": "get_time", "arguments": "{}"}}]},
        {"tool_calls": [{"index": 0, "function": {"arguments": '"Paris"}'}}]},
        finish="tool_calls"), {"model": "gpt-5.5", "input": "x", "tools": [WEATHER, TIME], "stream": True})
    assert types(events) == [
        "response.created", "response.in_progress",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "response.output_item.done",
        "response.function_call_arguments.done", "response.output_item.done", "response.completed"]
    assert events[2]["item"]["name"] == "get_weather" and events[2]["item"]["status"] == "in_progress"
    done = [e for e in events if e["type"] == "response.function_call_arguments.done"]
    assert [d["arguments"] for d in done] == ['{"city":"Paris"}', "{}"]
    output = events[-1]["response"]["output"]
    assert [(o["name"], o["arguments"]) for o in output] == [("get_weather", '{"city":"Paris"}'), ("get_time", "{}")]
    assert "toolu_secret" not in json.dumps(events)


def test_stream_reasoning_then_text() -> None:
    events = encode(raw_chunks({"reasoning_content": "Think"}, {"reasoning_content": "ing"}, {"content": "42"}))
    assert types(events)[2:-1] == [
        "response.output_item.added", "response.content_part.added", "response.reasoning_text.delta",
        "response.reasoning_text.delta", "response.reasoning_text.done", "response.content_part.done",
        "response.output_item.done",
        "response.output_item.added", "response.content_part.added", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done"]
    output = events[-1]["response"]["output"]
    assert output[0]["content"] == [{"type": "reasoning_text", "text": "Thinking"}]
    assert output[1]["type"] == "message" and output[1]["content"][0]["text"] == "42"


def test_stream_refusal() -> None:
    events = encode(raw_chunks({"refusal": "No"}, {"refusal": "pe"}))
    assert "response.refusal.delta" in types(events) and "response.refusal.done" in types(events)
    assert events[-1]["response"]["output"][0]["content"] == [{"type": "refusal", "refusal": "Nope"}]


def test_stream_text_then_tool_call() -> None:
    events = encode(raw_chunks({"content": "Let me check."}, {"tool_calls": [
        {"index": 0, "id": "c", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]},
        finish="tool_calls"))
    output = events[-1]["response"]["output"]
    assert [o["type"] for o in output] == ["message", "function_call"]
    # the message is closed before the call is announced
    assert types(events)[-6:] == ["response.output_item.done", "response.output_item.added",
                                  "response.function_call_arguments.delta", "response.function_call_arguments.done",
                                  "response.output_item.done", "response.completed"]


def test_stream_incomplete_on_length() -> None:
    events = encode(raw_chunks({"content": "cut"}, finish="length"))
    assert events[-1]["type"] == "response.incomplete"
    response = events[-1]["response"]
    assert response["status"] == "incomplete" and response["incomplete_details"] == {"reason": "max_output_tokens"}
    assert events[-2]["type"] == "response.output_item.done" and events[-2]["item"]["status"] == "incomplete"


def test_stream_with_no_content_still_has_a_message() -> None:
    events = encode(raw_chunks({"role": "assistant", "content": ""}))
    assert events[-1]["response"]["output"][0]["content"][0]["text"] == ""
    assert "response.output_item.done" in types(events)


def test_stream_usage_with_cached_tokens() -> None:
    events = encode(raw_chunks({"content": "x"}, usage={"prompt_tokens": 50, "completion_tokens": 1,
                                                        "total_tokens": 51,
                                                        "prompt_tokens_details": {"cached_tokens": 40}}))
    assert events[-1]["response"]["usage"]["input_tokens_details"] == {"cached_tokens": 40, "cache_write_tokens": 0}


def test_stream_ignores_other_choices() -> None:
    chunk = rebuild_chunk({"choices": [{"index": 1, "delta": {"content": "other"}}]}, "m", "c", 1)
    events = encode([chunk, *raw_chunks({"content": "mine"})])
    assert events[-1]["response"]["output"][0]["content"][0]["text"] == "mine"


def test_buffered_stream_from_a_whole_completion() -> None:
    comp = completion("Done.", reasoning_content="hm", finish="tool_calls", tool_calls=[
        {"id": "c", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}])
    events = encode(completion_chunks(comp, True))
    assert [o["type"] for o in events[-1]["response"]["output"]] == ["reasoning", "message", "function_call"]


def test_stream_error_mid_stream() -> None:
    err = GatewayError(status=502, message="The upstream model failed.", type="server_error", code="upstream_error")
    events = encode(raw_chunks({"content": "partial"})[:1], error=err)
    assert types(events)[-2:] == ["error", "response.failed"]
    assert {k: events[-2][k] for k in ("code", "message", "param")} == {
        "code": "upstream_error", "message": "The upstream model failed.", "param": None}
    failed = events[-1]["response"]
    assert failed["status"] == "failed" and failed["error"] == {"code": "server_error",
                                                                "message": "The upstream model failed."}
    assert failed["output"][0]["status"] == "incomplete"
    assert failed["output"][0]["content"][0]["text"] == "partial"


@pytest.mark.parametrize(("status", "code"), [(429, "rate_limit_exceeded"), (400, "invalid_prompt"),
                                              (503, "server_error")])
def test_stream_error_codes(status: int, code: str) -> None:
    events = encode([], error=GatewayError(status=status, message="m"))
    assert events[-1]["response"]["error"]["code"] == code and events[-2]["code"] == code


# --------------------------------------------------------------------------------------------------
# the real SDK, through a mock transport


def sdk_client(comp: dict, seen: list[dict] | None = None, fail: GatewayError | None = None) -> openai.OpenAI:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/di/v1/responses"
        assert SURFACE.credential({}, [request.headers["authorization"]], {}) == "llm_live_test"
        ctx = RequestContext(surface="responses")
        chat = SURFACE.to_chat(json.loads(request.content), ROUTE, ctx)
        ctx.caller_model = chat["model"]
        if seen is not None:
            seen.append(chat)
        if not chat.get("stream"):
            return httpx.Response(200, content=orjson.dumps(SURFACE.render(comp, ctx)),
                                  headers={"content-type": "application/json"})
        enc = SURFACE.encoder(ctx)
        chunks = completion_chunks(comp, True)
        data = enc.start() + b"".join(enc.chunk(c) for c in chunks[: -2 if fail else None])
        data += enc.error(fail) if fail else enc.end()
        return httpx.Response(200, content=data, headers={"content-type": "text/event-stream"})

    return openai.OpenAI(api_key="llm_live_test", base_url="http://gateway.test/di/v1", max_retries=0,
                         http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_sdk_create_and_stream_text() -> None:
    client = sdk_client(completion("Hello there"))
    resp = client.responses.create(model="gpt-5.5", input="hi", store=True)
    assert resp.output_text == "Hello there" and resp.model == "gpt-5.5" and resp.store is False
    with client.responses.stream(model="gpt-5.5", input="hi") as stream:
        deltas = [e.delta for e in stream if e.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert "".join(deltas) == "Hello there" and final.output_text == "Hello there"
    assert final.usage is not None and final.usage.total_tokens == 15


def test_sdk_function_call_round_trip() -> None:
    seen: list[dict] = []
    comp = completion(None, finish="tool_calls", tool_calls=[
        {"id": "toolu_x", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'}}])
    client = sdk_client(comp, seen)
    with client.responses.stream(model="gpt-5.5", input="Weather in Paris?", tools=[WEATHER]) as stream:
        final = stream.get_final_response()
    call = final.output[0]
    assert call.type == "function_call" and call.name == "get_weather" and call.arguments == '{"city":"Paris"}'
    client.responses.create(model="gpt-5.5", tools=[WEATHER], input=[
        {"role": "user", "content": "Weather in Paris?"}, call.model_dump(exclude_none=True),
        {"type": "function_call_output", "call_id": call.call_id, "output": '{"temp": 21}'}])
    assert seen[-1]["messages"][1:] == [
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": call.call_id, "type": "function", "function": {"name": "get_weather",
                                                                  "arguments": '{"city":"Paris"}'}}]},
        {"role": "tool", "tool_call_id": call.call_id, "content": '{"temp": 21}'}]


def test_sdk_parses_json_schema_output() -> None:
    from pydantic import BaseModel

    class Person(BaseModel):
        name: str

    client = sdk_client(completion('{"name": "Ada"}'))
    parsed = client.responses.parse(model="gpt-5.5", input="who?", text_format=Person)
    assert parsed.output_parsed == Person(name="Ada")
    with client.responses.stream(model="gpt-5.5", input="who?", text_format=Person) as stream:
        assert stream.get_final_response().output_parsed == Person(name="Ada")


def test_sdk_raw_stream_iteration_and_failure() -> None:
    client = sdk_client(completion("Hello there"), fail=GatewayError(status=502, message="The upstream failed."))
    stream = client.responses.create(model="gpt-5.5", input="hi", stream=True)
    seen = [event.type for event in stream]
    assert seen[-2:] == ["error", "response.failed"]
    with client.responses.stream(model="gpt-5.5", input="hi") as helper, pytest.raises(RuntimeError):
        helper.get_final_response()


# --------------------------------------------------------------------------------------------------
# the rest of the Surface protocol


def test_surface_identity_and_credential() -> None:
    assert SURFACE.name == "responses" and isinstance(SURFACE, ResponsesSurface)
    assert "Authorization: Bearer" in SURFACE.key_hint
    assert SURFACE.credential({}, ["Bearer llm_live_k"], {}) == "llm_live_k"
    assert SURFACE.credential({}, ["bearer  llm_live_k "], {}) == "llm_live_k"
    assert SURFACE.credential({"x-api-key": "k"}, [], {"key": "k"}) is None
    assert SURFACE.credential({}, ["Basic abc"], {}) is None


def test_to_chat_keeps_the_echo_on_the_context() -> None:
    ctx = RequestContext()
    SURFACE.to_chat({"model": "m", "input": "x", "instructions": "i"}, ROUTE, ctx)
    assert ctx.extra[EXTRA_KEY]["instructions"] == "i"


def test_count_models_and_error_bodies() -> None:
    assert SURFACE.count_body(42, new_ctx()) == {"object": "response.input_tokens", "input_tokens": 42}
    assert SURFACE.models_body(["di", "di-max"], 7) == {"object": "list", "data": [
        {"id": "di", "object": "model", "created": 7, "owned_by": "di-gateway"},
        {"id": "di-max", "object": "model", "created": 7, "owned_by": "di-gateway"}]}
    err = GatewayError(status=400, message="Unsupported parameter: 'prompt'.", param="prompt",
                       code="unsupported_parameter")
    assert json.loads(SURFACE.error_body(err)) == {"error": {
        "message": "Unsupported parameter: 'prompt'.", "type": "invalid_request_error", "param": "prompt",
        "code": "unsupported_parameter"}}
