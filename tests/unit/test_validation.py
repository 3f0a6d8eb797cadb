"""Tests for :mod:`di_plugins.validation`: valid bodies, every 400 rule, dropped keys, and a fuzz run."""

from __future__ import annotations

import copy
import json
import math
import random
import re
from typing import Any

import pytest

from di_plugins.errors import RequestError
from di_plugins.validation import ALLOWED_PARAMS, validate_chat_request

USER = {"role": "user", "content": "hi"}
BASE: dict[str, Any] = {"model": "gpt-x", "messages": [USER]}
FN_TOOL = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}

# Words a client-facing message may not contain (Python type names, tracebacks).
FORBIDDEN = re.compile(r"NoneType|Traceback|<class|\b(dict|list|str|int|float|bool|tuple)\b")


def body(**kw: Any) -> dict:
    """BASE with top-level keys replaced/added."""
    out = dict(BASE)
    out.update(kw)
    return out


def msgs(*messages: Any) -> dict:
    return body(messages=list(messages))


def part(p: Any, role: str = "user") -> dict:
    return msgs({"role": role, "content": [p]})


def tools(*ts: Any, **kw: Any) -> dict:
    return body(tools=list(ts), **kw)


def assistant(**kw: Any) -> dict:
    return msgs(USER, {"role": "assistant", **kw})


def raises(b: object) -> RequestError:
    with pytest.raises(RequestError) as info:
        validate_chat_request(b)
    return info.value


# --------------------------------------------------------------------------------------------------
# valid bodies: (id, body, key of the output to compare (None = whole output), expected)

VALID: list[tuple[str, Any, str | None, Any]] = [
    ("minimal", BASE, None, {"model": "gpt-x", "messages": [{"role": "user", "content": "hi"}]}),
    ("any model string", body(model="some/odd:model@high"), "model", "some/odd:model@high"),
    # numbers: boundaries, ints and decimals
    ("temperature 0", body(temperature=0), "temperature", 0),
    ("temperature 2", body(temperature=2), "temperature", 2),
    ("temperature 0.7", body(temperature=0.7), "temperature", 0.7),
    ("top_p 0", body(top_p=0), "top_p", 0),
    ("top_p 1.0", body(top_p=1.0), "top_p", 1.0),
    ("frequency_penalty -2", body(frequency_penalty=-2), "frequency_penalty", -2),
    ("frequency_penalty 2.0", body(frequency_penalty=2.0), "frequency_penalty", 2.0),
    ("presence_penalty -1.5", body(presence_penalty=-1.5), "presence_penalty", -1.5),
    ("n 1", body(n=1), "n", 1),
    ("n 128", body(n=128), "n", 128),
    ("max_tokens 1", body(max_tokens=1), "max_tokens", 1),
    ("max_tokens big", body(max_tokens=200_000), "max_tokens", 200_000),
    ("max_completion_tokens", body(max_completion_tokens=64), "max_completion_tokens", 64),
    ("seed negative", body(seed=-5), "seed", -5),
    ("seed 0", body(seed=0), "seed", 0),
    ("top_logprobs 0", body(top_logprobs=0), "top_logprobs", 0),
    ("top_logprobs 20", body(top_logprobs=20), "top_logprobs", 20),
    ("logprobs", body(logprobs=True), "logprobs", True),
    ("logit_bias", body(logit_bias={"50256": -100, "11": 100.0, "7": 0.5}), "logit_bias",
     {"50256": -100, "11": 100.0, "7": 0.5}),
    # other scalars / objects
    ("stop string", body(stop="END"), "stop", "END"),
    ("stop array of 4", body(stop=["a", "b", "c", "d"]), "stop", ["a", "b", "c", "d"]),
    ("stop empty array", body(stop=[]), "stop", []),
    ("stream false", body(stream=False), "stream", False),
    ("stream_options", body(stream=True, stream_options={"include_usage": True, "junk": 1}), "stream_options",
     {"include_usage": True}),
    ("stream_options null include_usage", body(stream=True, stream_options={"include_usage": None}),
     "stream_options", {}),
    ("user", body(user="u-1"), "user", "u-1"),
    ("parallel_tool_calls", body(parallel_tool_calls=False), "parallel_tool_calls", False),
    ("store", body(store=True), "store", True),
    ("modalities", body(modalities=["text", "audio"]), "modalities", ["text", "audio"]),
    ("audio", body(audio={"voice": "alloy", "format": "wav"}), "audio", {"voice": "alloy", "format": "wav"}),
    ("prediction", body(prediction={"type": "content", "content": "x"}), "prediction",
     {"type": "content", "content": "x"}),
    ("service_tier", body(service_tier="flex"), "service_tier", "flex"),
    ("reasoning_effort kept as is", body(reasoning_effort="whatever"), "reasoning_effort", "whatever"),
    ("reasoning", body(reasoning={"effort": "low"}), "reasoning", {"effort": "low"}),
    ("verbosity", body(verbosity="low"), "verbosity", "low"),
    ("prompt_cache_key", body(prompt_cache_key="k"), "prompt_cache_key", "k"),
    ("safety_identifier", body(safety_identifier="s"), "safety_identifier", "s"),
    # messages
    ("all roles", msgs({"role": "system", "content": "s"}, {"role": "developer", "content": "d"}, USER,
                       {"role": "assistant", "content": "a"}), "messages",
     [{"role": "system", "content": "s"}, {"role": "developer", "content": "d"}, USER,
      {"role": "assistant", "content": "a"}]),
    ("empty string content", msgs({"role": "user", "content": ""}), "messages", [{"role": "user", "content": ""}]),
    ("unknown message keys dropped",
     msgs({"role": "user", "content": "x", "name": "bob", "foo": 1, "tool_calls": [CALL], "reasoning_content": "r"}),
     "messages", [{"role": "user", "content": "x", "name": "bob"}]),
    ("message cache_control kept", msgs({"role": "system", "content": "s", "cache_control": {"type": "ephemeral"}}),
     "messages", [{"role": "system", "content": "s", "cache_control": {"type": "ephemeral"}}]),
    ("text part with cache_control, extra key dropped",
     part({"type": "text", "text": "t", "cache_control": {"type": "ephemeral"}, "x": 1}, role="system"),
     "messages", [{"role": "system", "content": [{"type": "text", "text": "t", "cache_control": {"type": "ephemeral"}}]}]),
    ("image_url object", part({"type": "image_url", "image_url": {"url": "https://x/i.png", "detail": "low", "q": 1}}),
     "messages", [{"role": "user", "content": [{"type": "image_url",
                                                "image_url": {"url": "https://x/i.png", "detail": "low"}}]}]),
    ("image_url string normalized", part({"type": "image_url", "image_url": "data:image/png;base64,AA"}),
     "messages", [{"role": "user", "content": [{"type": "image_url",
                                                "image_url": {"url": "data:image/png;base64,AA"}}]}]),
    ("input_audio", part({"type": "input_audio", "input_audio": {"data": "AAA", "format": "wav"}}), "messages",
     [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "AAA", "format": "wav"}}]}]),
    ("file by id", part({"type": "file", "file": {"file_id": "file-1", "junk": 2}}), "messages",
     [{"role": "user", "content": [{"type": "file", "file": {"file_id": "file-1"}}]}]),
    ("file by data", part({"type": "file", "file": {"file_data": "data:application/pdf;base64,AA", "filename": "a.pdf"}}),
     "messages", [{"role": "user", "content": [{"type": "file", "file": {
         "file_data": "data:application/pdf;base64,AA", "filename": "a.pdf"}}]}]),
    ("input_file tolerated", part({"type": "input_file", "file_id": "f"}), "messages",
     [{"role": "user", "content": [{"type": "input_file", "file_id": "f"}]}]),
    ("assistant refusal part", assistant(content=[{"type": "refusal", "refusal": "no"}]), "messages",
     [USER, {"role": "assistant", "content": [{"type": "refusal", "refusal": "no"}]}]),
    ("assistant tool_calls, content null",
     assistant(content=None, tool_calls=[{**CALL, "extra": 1}], reasoning_content="r"), "messages",
     [USER, {"role": "assistant", "content": None, "tool_calls": [CALL]}]),
    ("assistant tool_calls, no content key", assistant(tool_calls=[CALL]), "messages",
     [USER, {"role": "assistant", "tool_calls": [CALL]}]),
    ("assistant tool_calls, empty content array", assistant(content=[], tool_calls=[CALL]), "messages",
     [USER, {"role": "assistant", "content": [], "tool_calls": [CALL]}]),
    ("assistant empty tool_calls dropped", assistant(content="a", tool_calls=[]), "messages",
     [USER, {"role": "assistant", "content": "a"}]),
    ("assistant custom tool call",
     assistant(tool_calls=[{"id": "c", "type": "custom", "custom": {"name": "x", "input": "i"}}]), "messages",
     [USER, {"role": "assistant", "tool_calls": [{"id": "c", "type": "custom", "custom": {"name": "x", "input": "i"}}]}]),
    ("assistant function_call", assistant(content=None, function_call={"name": "f", "arguments": "{}"}), "messages",
     [USER, {"role": "assistant", "content": None, "function_call": {"name": "f", "arguments": "{}"}}]),
    ("assistant refusal + audio", assistant(content=None, refusal="no", audio={"id": "a1", "x": 1}), "messages",
     [USER, {"role": "assistant", "content": None, "refusal": "no", "audio": {"id": "a1"}}]),
    ("tool message", msgs(USER, {"role": "tool", "tool_call_id": "call_1", "content": "42", "name": "n"}), "messages",
     [USER, {"role": "tool", "tool_call_id": "call_1", "content": "42", "name": "n"}]),
    ("tool message with parts", msgs(USER, {"role": "tool", "tool_call_id": "c", "content": [{"type": "text", "text": "t"}]}),
     "messages", [USER, {"role": "tool", "tool_call_id": "c", "content": [{"type": "text", "text": "t"}]}]),
    ("function message", msgs(USER, {"role": "function", "name": "f", "content": "r"}), "messages",
     [USER, {"role": "function", "content": "r", "name": "f"}]),
    ("function message null content", msgs(USER, {"role": "function", "name": "f", "content": None}), "messages",
     [USER, {"role": "function", "content": None, "name": "f"}]),
    # tools
    ("function tool, extras dropped, cache_control kept",
     tools({"type": "function", "function": {"name": "a-b_1", "description": "d", "parameters": {"type": "object"},
                                             "strict": True, "zzz": 1}, "cache_control": {"type": "ephemeral"}, "q": 2}),
     "tools", [{"type": "function", "function": {"name": "a-b_1", "description": "d",
                                                 "parameters": {"type": "object"}, "strict": True},
                "cache_control": {"type": "ephemeral"}}]),
    ("function tool without type", tools({"function": {"name": "f"}}), "tools",
     [{"type": "function", "function": {"name": "f"}}]),
    ("custom tool", tools({"type": "custom", "custom": {"name": "c", "description": "d", "format": {"type": "text"}}}),
     "tools", [{"type": "custom", "custom": {"name": "c", "description": "d", "format": {"type": "text"}}}]),
    ("64-char tool name", tools({"type": "function", "function": {"name": "a" * 64}}), "tools",
     [{"type": "function", "function": {"name": "a" * 64}}]),
    ("tool_choice auto", tools(FN_TOOL, tool_choice="auto"), "tool_choice", "auto"),
    ("tool_choice none", tools(FN_TOOL, tool_choice="none"), "tool_choice", "none"),
    ("tool_choice required", tools(FN_TOOL, tool_choice="required"), "tool_choice", "required"),
    ("tool_choice named function", tools(FN_TOOL, tool_choice={"type": "function", "function": {"name": "get_weather"}}),
     "tool_choice", {"type": "function", "function": {"name": "get_weather"}}),
    ("tool_choice before tools", {"tool_choice": {"type": "function", "function": {"name": "get_weather"}},
                                  "tools": [FN_TOOL], **BASE}, "tool_choice",
     {"type": "function", "function": {"name": "get_weather"}}),
    ("tool_choice custom", tools({"type": "custom", "custom": {"name": "c"}}, tool_choice={"type": "custom", "custom": {"name": "c"}}),
     "tool_choice", {"type": "custom", "custom": {"name": "c"}}),
    # legacy functions
    ("functions + function_call name", body(functions=[{"name": "f", "parameters": {}}], function_call={"name": "f"}),
     None, {**BASE, "functions": [{"name": "f", "parameters": {}}], "function_call": {"name": "f"}}),
    ("function_call auto", body(functions=[{"name": "f"}], function_call="auto"), "function_call", "auto"),
    # response_format
    ("response_format text", body(response_format={"type": "text"}), "response_format", {"type": "text"}),
    ("response_format json_object", body(response_format={"type": "json_object", "x": 1}), "response_format",
     {"type": "json_object"}),
    ("response_format json_schema",
     body(response_format={"type": "json_schema", "json_schema": {"name": "out", "schema": {"type": "object"},
                                                                  "strict": True, "description": "d", "x": 1}}),
     "response_format", {"type": "json_schema", "json_schema": {"name": "out", "description": "d",
                                                                "schema": {"type": "object"}, "strict": True}}),
    ("response_format json_schema without schema",
     body(response_format={"type": "json_schema", "json_schema": {"name": "out", "strict": None}}),
     "response_format", {"type": "json_schema", "json_schema": {"name": "out"}}),
]


@pytest.mark.parametrize(("b", "key", "expected"), [c[1:] for c in VALID], ids=[c[0] for c in VALID])
def test_valid(b: dict, key: str | None, expected: Any) -> None:
    before = copy.deepcopy(b)
    out = validate_chat_request(b)
    assert (out if key is None else out[key]) == expected
    assert b == before, "the input must not be mutated"
    assert out is not b


# Results where the key must be absent from the output.
ABSENT: list[tuple[str, Any, str]] = [
    ("empty tools dropped", tools(), "tools"),
    ("tool_choice auto without tools dropped", body(tool_choice="auto"), "tool_choice"),
    ("tool_choice none with empty tools dropped", body(tools=[], tool_choice="none"), "tool_choice"),
    ("function_call none without functions dropped", body(function_call="none"), "function_call"),
    ("empty functions dropped", body(functions=[]), "functions"),
    ("web_search_options null dropped", body(web_search_options=None), "web_search_options"),
]


@pytest.mark.parametrize(("b", "key"), [c[1:] for c in ABSENT], ids=[c[0] for c in ABSENT])
def test_absent(b: dict, key: str) -> None:
    assert key not in validate_chat_request(b)


OPTIONAL = sorted(ALLOWED_PARAMS - {"model", "messages"})


def test_nulls_dropped() -> None:
    b = body(**dict.fromkeys(OPTIONAL))
    assert validate_chat_request(b) == BASE


DROPPED = [
    "api_base", "base_url", "api_key", "api_version", "mock_response", "mock_tool_calls", "fallbacks",
    "context_window_fallback_dict", "timeout", "num_retries", "max_retries", "metadata", "litellm_metadata",
    "litellm_call_id", "litellm_logging_obj", "proxy_server_request", "model_list", "custom_llm_provider",
    "input_cost_per_token", "output_cost_per_token", "caching", "cache", "no-log", "guardrails", "tags",
    "user_api_key", "user_api_key_alias", "secret_fields", "extra_headers", "extra_body", "deployment_id",
    "region_name", "aws_access_key_id", "aws_region_name", "vertex_project", "vertex_credentials", "cache_salt",
    "thinking", "unknown_param", "",
]


@pytest.mark.parametrize("key", DROPPED)
def test_internal_and_unknown_keys_dropped(key: str) -> None:
    for value in ({"x": 1}, "http://evil", 1, True, ["a"]):
        assert validate_chat_request(body(**{key: value})) == BASE


def test_allowlist_excludes_internal_keys() -> None:
    assert not ALLOWED_PARAMS & set(DROPPED)
    assert "web_search_options" not in ALLOWED_PARAMS


def test_output_is_shallow_new_and_shares_strings() -> None:
    big = "x" * 100_000
    schema = {"type": "object", "properties": {}}
    b = body(messages=[{"role": "user", "content": [{"type": "text", "text": big}]}, {"role": "assistant", "content": big}],
             tools=[{"type": "function", "function": {"name": "f", "parameters": schema}}])
    out = validate_chat_request(b)
    assert out["messages"] is not b["messages"]
    assert out["messages"][0] is not b["messages"][0]
    assert out["messages"][0]["content"] is not b["messages"][0]["content"]
    assert out["messages"][0]["content"][0]["text"] is big
    assert out["messages"][1]["content"] is big
    assert out["tools"][0]["function"]["parameters"] is schema


# --------------------------------------------------------------------------------------------------
# invalid bodies: (id, body, param, code)

MSG_PARAM_CASES: list[tuple[str, Any, str, str]] = [
    ("messages missing", {"model": "m"}, "messages", "missing_required_parameter"),
    ("messages null", body(messages=None), "messages", "missing_required_parameter"),
    ("messages object", body(messages={"role": "user"}), "messages", "invalid_type"),
    ("messages string", body(messages="hi"), "messages", "invalid_type"),
    ("messages empty", body(messages=[]), "messages", "empty_array"),
    ("message not object", msgs("hi"), "messages[0]", "invalid_type"),
    ("message null", msgs(USER, None), "messages[1]", "invalid_type"),
    ("role missing", msgs({"content": "x"}), "messages[0].role", "missing_required_parameter"),
    ("role not string", msgs({"role": 1, "content": "x"}), "messages[0].role", "invalid_type"),
    ("role unknown", msgs({"role": "bot", "content": "x"}), "messages[0].role", "invalid_value"),
    ("user content missing", msgs({"role": "user"}), "messages[0].content", "missing_required_parameter"),
    ("user content null", msgs({"role": "user", "content": None}), "messages[0].content", "invalid_type"),
    ("system content null", msgs({"role": "system", "content": None}), "messages[0].content", "invalid_type"),
    ("user content number", msgs({"role": "user", "content": 5}), "messages[0].content", "invalid_type"),
    ("user content object", msgs({"role": "user", "content": {"text": "x"}}), "messages[0].content", "invalid_type"),
    ("user content empty array", msgs({"role": "user", "content": []}), "messages[0].content", "empty_array"),
    ("part not object", part("hi"), "messages[0].content[0]", "invalid_type"),
    ("part type missing", part({"text": "x"}), "messages[0].content[0].type", "missing_required_parameter"),
    ("part type not string", part({"type": 3}), "messages[0].content[0].type", "invalid_type"),
    ("part type unknown", part({"type": "video", "video": {}}), "messages[0].content[0].type", "invalid_value"),
    ("second part type unknown", msgs({"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "thinking"}]}),
     "messages[0].content[1].type", "invalid_value"),
    ("refusal part in user", part({"type": "refusal", "refusal": "x"}), "messages[0].content[0].type", "invalid_value"),
    ("image part in system", part({"type": "image_url", "image_url": "u"}, role="system"), "messages[0].content[0].type",
     "invalid_value"),
    ("image part in assistant", assistant(content=[{"type": "image_url", "image_url": "u"}]),
     "messages[1].content[0].type", "invalid_value"),
    ("text missing", part({"type": "text"}), "messages[0].content[0].text", "missing_required_parameter"),
    ("text not string", part({"type": "text", "text": 5}), "messages[0].content[0].text", "invalid_type"),
    ("image_url missing", part({"type": "image_url"}), "messages[0].content[0].image_url", "missing_required_parameter"),
    ("image_url number", part({"type": "image_url", "image_url": 5}), "messages[0].content[0].image_url", "invalid_type"),
    ("image_url url missing", part({"type": "image_url", "image_url": {}}), "messages[0].content[0].image_url.url",
     "missing_required_parameter"),
    ("image_url url not string", part({"type": "image_url", "image_url": {"url": 1}}),
     "messages[0].content[0].image_url.url", "invalid_type"),
    ("image_url url empty", part({"type": "image_url", "image_url": ""}), "messages[0].content[0].image_url.url",
     "invalid_value"),
    ("image_url detail not string", part({"type": "image_url", "image_url": {"url": "u", "detail": 1}}),
     "messages[0].content[0].image_url.detail", "invalid_type"),
    ("input_audio missing", part({"type": "input_audio"}), "messages[0].content[0].input_audio",
     "missing_required_parameter"),
    ("input_audio data missing", part({"type": "input_audio", "input_audio": {"format": "wav"}}),
     "messages[0].content[0].input_audio.data", "missing_required_parameter"),
    ("input_audio format number", part({"type": "input_audio", "input_audio": {"data": "A", "format": 1}}),
     "messages[0].content[0].input_audio.format", "invalid_type"),
    ("file missing", part({"type": "file"}), "messages[0].content[0].file", "missing_required_parameter"),
    ("file without id or data", part({"type": "file", "file": {"filename": "a"}}), "messages[0].content[0].file",
     "missing_required_parameter"),
    ("file id not string", part({"type": "file", "file": {"file_id": 3}}), "messages[0].content[0].file.file_id",
     "invalid_type"),
    ("file not object", part({"type": "file", "file": "x"}), "messages[0].content[0].file", "invalid_type"),
    ("part cache_control not object", part({"type": "text", "text": "t", "cache_control": "ephemeral"}),
     "messages[0].content[0].cache_control", "invalid_type"),
    ("message cache_control not object", msgs({"role": "user", "content": "x", "cache_control": 1}),
     "messages[0].cache_control", "invalid_type"),
    ("message name not string", msgs({"role": "user", "content": "x", "name": 5}), "messages[0].name", "invalid_type"),
    ("tool_call_id missing", msgs(USER, {"role": "tool", "content": "x"}), "messages[1].tool_call_id",
     "missing_required_parameter"),
    ("tool_call_id not string", msgs(USER, {"role": "tool", "content": "x", "tool_call_id": 5}),
     "messages[1].tool_call_id", "invalid_type"),
    ("tool content null", msgs(USER, {"role": "tool", "content": None, "tool_call_id": "c"}), "messages[1].content",
     "invalid_type"),
    ("tool content refusal part", msgs(USER, {"role": "tool", "tool_call_id": "c",
                                              "content": [{"type": "refusal", "refusal": "r"}]}),
     "messages[1].content[0].type", "invalid_value"),
    ("assistant content null without tool_calls", assistant(content=None), "messages[1].content", "invalid_type"),
    ("assistant content missing", assistant(), "messages[1].content", "missing_required_parameter"),
    ("assistant null content, empty tool_calls", assistant(content=None, tool_calls=[]), "messages[1].content",
     "invalid_type"),
    ("assistant empty content array", assistant(content=[]), "messages[1].content", "empty_array"),
    ("tool_calls not array", assistant(tool_calls={"id": "x"}), "messages[1].tool_calls", "invalid_type"),
    ("tool_call not object", assistant(tool_calls=["x"]), "messages[1].tool_calls[0]", "invalid_type"),
    ("tool_call id missing", assistant(tool_calls=[{**CALL, "id": None}]), "messages[1].tool_calls[0].id",
     "missing_required_parameter"),
    ("tool_call type missing", assistant(tool_calls=[{"id": "c", "function": CALL["function"]}]),
     "messages[1].tool_calls[0].type", "missing_required_parameter"),
    ("tool_call type other", assistant(tool_calls=[{**CALL, "type": "web_search"}]), "messages[1].tool_calls[0].type",
     "invalid_value"),
    ("tool_call function missing", assistant(tool_calls=[{"id": "c", "type": "function"}]),
     "messages[1].tool_calls[0].function", "missing_required_parameter"),
    ("tool_call name missing", assistant(tool_calls=[{**CALL, "function": {"arguments": "{}"}}]),
     "messages[1].tool_calls[0].function.name", "missing_required_parameter"),
    ("tool_call arguments object", assistant(tool_calls=[{**CALL, "function": {"name": "f", "arguments": {}}}]),
     "messages[1].tool_calls[0].function.arguments", "invalid_type"),
    ("second tool_call bad", assistant(tool_calls=[CALL, {**CALL, "function": "f"}]),
     "messages[1].tool_calls[1].function", "invalid_type"),
    ("assistant refusal not string", assistant(content="a", refusal=5), "messages[1].refusal", "invalid_type"),
    ("assistant function_call args missing", assistant(content=None, function_call={"name": "f"}),
     "messages[1].function_call.arguments", "missing_required_parameter"),
    ("assistant audio id missing", assistant(content=None, audio={}), "messages[1].audio.id",
     "missing_required_parameter"),
    ("refusal part missing refusal", assistant(content=[{"type": "refusal"}]), "messages[1].content[0].refusal",
     "missing_required_parameter"),
    ("function message name missing", msgs(USER, {"role": "function", "content": "r"}), "messages[1].name",
     "missing_required_parameter"),
    ("function message content array", msgs(USER, {"role": "function", "name": "f", "content": []}),
     "messages[1].content", "invalid_type"),
]

TOP_PARAM_CASES: list[tuple[str, Any, str, str]] = [
    ("model missing", {"messages": [USER]}, "model", "missing_required_parameter"),
    ("model null", body(model=None), "model", "missing_required_parameter"),
    ("model number", body(model=4), "model", "invalid_type"),
    ("model empty", body(model=""), "model", "invalid_value"),
    ("model blank", body(model="  "), "model", "invalid_value"),
    ("temperature string", body(temperature="0.5"), "temperature", "invalid_type"),
    ("temperature bool", body(temperature=True), "temperature", "invalid_type"),
    ("temperature above", body(temperature=2.5), "temperature", "decimal_above_max_value"),
    ("temperature below", body(temperature=-0.1), "temperature", "decimal_below_min_value"),
    ("temperature nan", body(temperature=math.nan), "temperature", "invalid_value"),
    ("temperature inf", body(temperature=math.inf), "temperature", "invalid_value"),
    ("temperature huge int", body(temperature=10**5000), "temperature", "decimal_above_max_value"),
    ("top_p above", body(top_p=1.01), "top_p", "decimal_above_max_value"),
    ("top_p below", body(top_p=-1), "top_p", "decimal_below_min_value"),
    ("top_p array", body(top_p=[1]), "top_p", "invalid_type"),
    ("frequency_penalty above", body(frequency_penalty=3), "frequency_penalty", "decimal_above_max_value"),
    ("frequency_penalty below", body(frequency_penalty=-2.01), "frequency_penalty", "decimal_below_min_value"),
    ("presence_penalty above", body(presence_penalty=2.5), "presence_penalty", "decimal_above_max_value"),
    ("presence_penalty string", body(presence_penalty="1"), "presence_penalty", "invalid_type"),
    ("n zero", body(n=0), "n", "integer_below_min_value"),
    ("n above", body(n=129), "n", "integer_above_max_value"),
    ("n decimal", body(n=1.0), "n", "invalid_type"),
    ("n bool", body(n=True), "n", "invalid_type"),
    ("max_tokens zero", body(max_tokens=0), "max_tokens", "integer_below_min_value"),
    ("max_tokens negative", body(max_tokens=-5), "max_tokens", "integer_below_min_value"),
    ("max_tokens string", body(max_tokens="100"), "max_tokens", "invalid_type"),
    ("max_tokens decimal", body(max_tokens=10.5), "max_tokens", "invalid_type"),
    ("max_tokens beyond int64", body(max_tokens=2**64), "max_tokens", "integer_above_max_value"),
    ("max_completion_tokens zero", body(max_completion_tokens=0), "max_completion_tokens", "integer_below_min_value"),
    ("max_completion_tokens bool", body(max_completion_tokens=False), "max_completion_tokens", "invalid_type"),
    ("seed decimal", body(seed=1.5), "seed", "invalid_type"),
    ("seed string", body(seed="1"), "seed", "invalid_type"),
    ("seed huge", body(seed=10**400), "seed", "integer_above_max_value"),
    ("seed tiny", body(seed=-(10**400)), "seed", "integer_below_min_value"),
    ("top_logprobs above", body(top_logprobs=21), "top_logprobs", "integer_above_max_value"),
    ("top_logprobs below", body(top_logprobs=-1), "top_logprobs", "integer_below_min_value"),
    ("logprobs number", body(logprobs=1), "logprobs", "invalid_type"),
    ("logit_bias array", body(logit_bias=[1]), "logit_bias", "invalid_type"),
    ("logit_bias key not token", body(logit_bias={"abc": 1}), "logit_bias", "invalid_value"),
    ("logit_bias value above", body(logit_bias={"50256": 101}), "logit_bias.50256", "decimal_above_max_value"),
    ("logit_bias value below", body(logit_bias={"1": -100.5}), "logit_bias.1", "decimal_below_min_value"),
    ("logit_bias value string", body(logit_bias={"1": "5"}), "logit_bias.1", "invalid_type"),
    ("stop number", body(stop=5), "stop", "invalid_type"),
    ("stop too many", body(stop=["a", "b", "c", "d", "e"]), "stop", "array_above_max_length"),
    ("stop item number", body(stop=["a", 1]), "stop[1]", "invalid_type"),
    ("stream string", body(stream="true"), "stream", "invalid_type"),
    ("stream_options without stream", body(stream_options={"include_usage": True}), "stream_options", "invalid_value"),
    ("stream_options with stream false", body(stream=False, stream_options={}), "stream_options", "invalid_value"),
    ("stream_options not object", body(stream=True, stream_options=True), "stream_options", "invalid_type"),
    ("include_usage not bool", body(stream=True, stream_options={"include_usage": "yes"}),
     "stream_options.include_usage", "invalid_type"),
    ("user number", body(user=5), "user", "invalid_type"),
    ("parallel_tool_calls string", body(parallel_tool_calls="yes"), "parallel_tool_calls", "invalid_type"),
    ("store number", body(store=1), "store", "invalid_type"),
    ("modalities string", body(modalities="text"), "modalities", "invalid_type"),
    ("modalities unknown", body(modalities=["text", "video"]), "modalities[1]", "invalid_value"),
    ("audio string", body(audio="alloy"), "audio", "invalid_type"),
    ("prediction string", body(prediction="x"), "prediction", "invalid_type"),
    ("service_tier number", body(service_tier=1), "service_tier", "invalid_type"),
    ("reasoning_effort number", body(reasoning_effort=3), "reasoning_effort", "invalid_type"),
    ("reasoning string", body(reasoning="high"), "reasoning", "invalid_type"),
    ("verbosity unknown", body(verbosity="loud"), "verbosity", "invalid_value"),
    ("verbosity number", body(verbosity=1), "verbosity", "invalid_type"),
    ("web_search_options", body(web_search_options={}), "web_search_options", "unsupported_tool"),
    ("prompt_cache_key number", body(prompt_cache_key=1), "prompt_cache_key", "invalid_type"),
    ("safety_identifier number", body(safety_identifier=[]), "safety_identifier", "invalid_type"),
    # tools
    ("tools object", body(tools={"type": "function"}), "tools", "invalid_type"),
    ("tool not object", tools("f"), "tools[0]", "invalid_type"),
    ("tool empty object", tools({}), "tools[0].type", "missing_required_parameter"),
    ("tool type number", tools({"type": 1}), "tools[0].type", "invalid_type"),
    ("tool function missing", tools({"type": "function"}), "tools[0].function", "missing_required_parameter"),
    ("tool function not object", tools({"type": "function", "function": "f"}), "tools[0].function", "invalid_type"),
    ("tool name missing", tools({"type": "function", "function": {}}), "tools[0].function.name",
     "missing_required_parameter"),
    ("tool name with space", tools({"type": "function", "function": {"name": "get weather"}}), "tools[0].function.name",
     "invalid_value"),
    ("tool name empty", tools({"type": "function", "function": {"name": ""}}), "tools[0].function.name",
     "invalid_value"),
    ("tool name 65 chars", tools({"type": "function", "function": {"name": "a" * 65}}), "tools[0].function.name",
     "invalid_value"),
    ("tool name trailing newline", tools({"type": "function", "function": {"name": "a\n"}}), "tools[0].function.name",
     "invalid_value"),
    ("tool name number", tools({"type": "function", "function": {"name": 5}}), "tools[0].function.name",
     "invalid_type"),
    ("tool description number", tools({"type": "function", "function": {"name": "f", "description": 1}}),
     "tools[0].function.description", "invalid_type"),
    ("tool parameters string", tools({"type": "function", "function": {"name": "f", "parameters": "{}"}}),
     "tools[0].function.parameters", "invalid_type"),
    ("tool strict string", tools({"type": "function", "function": {"name": "f", "strict": "true"}}),
     "tools[0].function.strict", "invalid_type"),
    ("tool cache_control string", tools({**FN_TOOL, "cache_control": "x"}), "tools[0].cache_control", "invalid_type"),
    ("duplicate tool names", tools(FN_TOOL, FN_TOOL), "tools[1].function.name", "invalid_value"),
    ("duplicate across custom", tools({"type": "custom", "custom": {"name": "get_weather"}}, FN_TOOL),
     "tools[1].function.name", "invalid_value"),
    ("custom tool missing custom", tools({"type": "custom"}), "tools[0].custom", "missing_required_parameter"),
    ("custom tool bad name", tools({"type": "custom", "custom": {"name": "a/b"}}), "tools[0].custom.name",
     "invalid_value"),
    ("server tool googleSearch without type", tools({"googleSearch": {}}), "tools[0].type", "unsupported_tool"),
    ("server tool after a function", tools(FN_TOOL, {"type": "web_search"}), "tools[1].type", "unsupported_tool"),
    # tool_choice
    ("tool_choice unknown string", tools(FN_TOOL, tool_choice="any"), "tool_choice", "invalid_value"),
    ("tool_choice number", tools(FN_TOOL, tool_choice=1), "tool_choice", "invalid_type"),
    ("tool_choice undefined name", tools(FN_TOOL, tool_choice={"type": "function", "function": {"name": "nope"}}),
     "tool_choice", "invalid_value"),
    ("tool_choice object without tools", body(tool_choice={"type": "function", "function": {"name": "f"}}),
     "tool_choice", "invalid_value"),
    ("tool_choice object with empty tools", body(tools=[], tool_choice={"type": "function", "function": {"name": "f"}}),
     "tool_choice", "invalid_value"),
    ("tool_choice required without tools", body(tool_choice="required"), "tool_choice", "invalid_value"),
    ("tool_choice type missing", tools(FN_TOOL, tool_choice={"function": {"name": "get_weather"}}),
     "tool_choice.type", "missing_required_parameter"),
    ("tool_choice type server tool", tools(FN_TOOL, tool_choice={"type": "web_search"}), "tool_choice.type",
     "invalid_value"),
    ("tool_choice function missing", tools(FN_TOOL, tool_choice={"type": "function"}), "tool_choice.function",
     "missing_required_parameter"),
    ("tool_choice name number", tools(FN_TOOL, tool_choice={"type": "function", "function": {"name": 1}}),
     "tool_choice.function.name", "invalid_type"),
    ("tool_choice custom names a function", tools(FN_TOOL, tool_choice={"type": "custom", "custom": {"name": "get_weather"}}),
     "tool_choice", "invalid_value"),
    # legacy functions
    ("functions object", body(functions={"name": "f"}), "functions", "invalid_type"),
    ("functions bad name", body(functions=[{"name": "a b"}]), "functions[0].name", "invalid_value"),
    ("functions duplicate", body(functions=[{"name": "f"}, {"name": "f"}]), "functions[1].name", "invalid_value"),
    ("function_call unknown string", body(functions=[{"name": "f"}], function_call="required"), "function_call",
     "invalid_value"),
    ("function_call without functions", body(function_call={"name": "f"}), "function_call", "invalid_value"),
    ("function_call undefined", body(functions=[{"name": "f"}], function_call={"name": "g"}), "function_call",
     "invalid_value"),
    ("function_call name missing", body(functions=[{"name": "f"}], function_call={}), "function_call.name",
     "missing_required_parameter"),
    # response_format
    ("response_format string", body(response_format="json"), "response_format", "invalid_type"),
    ("response_format type missing", body(response_format={}), "response_format.type", "missing_required_parameter"),
    ("response_format type unknown", body(response_format={"type": "xml"}), "response_format.type", "invalid_value"),
    ("response_format type number", body(response_format={"type": 1}), "response_format.type", "invalid_type"),
    ("json_schema missing", body(response_format={"type": "json_schema"}), "response_format.json_schema",
     "missing_required_parameter"),
    ("json_schema not object", body(response_format={"type": "json_schema", "json_schema": "s"}),
     "response_format.json_schema", "invalid_type"),
    ("json_schema name missing", body(response_format={"type": "json_schema", "json_schema": {"schema": {}}}),
     "response_format.json_schema.name", "missing_required_parameter"),
    ("json_schema name bad", body(response_format={"type": "json_schema", "json_schema": {"name": "my schema"}}),
     "response_format.json_schema.name", "invalid_value"),
    ("json_schema schema array", body(response_format={"type": "json_schema", "json_schema": {"name": "s", "schema": []}}),
     "response_format.json_schema.schema", "invalid_type"),
    ("json_schema strict string", body(response_format={"type": "json_schema",
                                                        "json_schema": {"name": "s", "strict": "yes"}}),
     "response_format.json_schema.strict", "invalid_type"),
]

INVALID = MSG_PARAM_CASES + TOP_PARAM_CASES


@pytest.mark.parametrize(("b", "param", "code"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid(b: dict, param: str, code: str) -> None:
    before = copy.deepcopy(b)
    err = raises(b)
    assert err.status == 400
    assert err.error.type == "invalid_request_error"
    assert (err.error.param, err.error.code) == (param, code), str(err)
    assert f"'{param}'" in err.error.message
    assert not FORBIDDEN.search(err.error.message), err.error.message
    assert len(err.error.message) < 400
    assert b == before, "the input must not be mutated"


SERVER_TOOLS = ["web_search", "web_search_preview", "file_search", "code_interpreter", "computer_use_preview",
                "image_generation", "mcp", "googleSearch", "google_search", "code_execution", "local_shell", "bash"]


@pytest.mark.parametrize("ttype", SERVER_TOOLS)
def test_server_side_tools_rejected(ttype: str) -> None:
    err = raises(tools(FN_TOOL, {"type": ttype}))
    assert (err.status, err.error.param, err.error.code) == (400, "tools[1].type", "unsupported_tool")
    assert f'server-side tool "{ttype}" is not supported; define a function tool instead' in err.error.message


@pytest.mark.parametrize("b", [[], [BASE], "x", "", 0, 1.5, True, False, None],
                         ids=lambda b: json.dumps(b)[:10])
def test_body_not_object(b: object) -> None:
    err = raises(b)
    assert (err.status, err.error.param, err.error.code) == (400, None, "invalid_type")
    assert "JSON object" in err.error.message
    assert not FORBIDDEN.search(err.error.message)


@pytest.mark.parametrize(("b", "fragment"), [
    (body(temperature="hot"), "Invalid type for 'temperature': expected a decimal, but got a string instead."),
    (body(temperature=None, top_p=None, messages=None), "Missing required parameter: 'messages'."),
    (body(temperature=3), "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead."),
    (body(n=0), "Expected a value >= 1, but got 0 instead."),
    (body(seed=10**5000), "got a very large integer instead"),
    (body(stream_options={}), "The 'stream_options' parameter is only allowed when 'stream' is enabled."),
    (msgs({"role": "bot", "content": "x"}), "'bot'. Supported values are: 'system', 'developer', 'user', "
                                            "'assistant', 'tool', and 'function'."),
    (msgs({"role": "user", "content": None}), "expected one of a string or array of objects, but got null instead"),
    (body(max_tokens=True), "expected an integer, but got a boolean instead"),
    (msgs({"role": "x" * 5000, "content": "x"}), "'" + "x" * 40 + "...'"),
    (tools(FN_TOOL, tool_choice={"type": "function", "function": {"name": "nope"}}), "'nope'"),
])
def test_messages(b: dict, fragment: str) -> None:
    assert fragment in raises(b).error.message


# --------------------------------------------------------------------------------------------------
# fuzz: any JSON value gives a dict or a RequestError, never anything else

RICH: dict[str, Any] = {
    "model": "m", "temperature": 1, "top_p": 0.5, "n": 1, "max_tokens": 10, "stop": ["a"], "stream": True,
    "stream_options": {"include_usage": True}, "logit_bias": {"1": 1}, "seed": 3, "user": "u",
    "response_format": {"type": "json_schema", "json_schema": {"name": "s", "schema": {}}},
    "tools": [FN_TOOL, {"type": "custom", "custom": {"name": "c"}}],
    "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
    "functions": [{"name": "f"}], "function_call": {"name": "f"},
    "messages": [
        {"role": "system", "content": [{"type": "text", "text": "s", "cache_control": {"type": "ephemeral"}}]},
        {"role": "user", "content": [{"type": "text", "text": "t"}, {"type": "image_url", "image_url": {"url": "u"}},
                                     {"type": "input_audio", "input_audio": {"data": "d", "format": "wav"}},
                                     {"type": "file", "file": {"file_id": "f"}}]},
        {"role": "assistant", "content": None, "tool_calls": [CALL]},
        {"role": "tool", "tool_call_id": "call_1", "content": "r"},
        {"role": "function", "name": "f", "content": "r"},
    ],
}
KEYS = ["model", "messages", "role", "content", "type", "text", "image_url", "url", "tools", "function", "name",
        "tool_choice", "temperature", "n", "stop", "stream", "stream_options", "tool_calls", "id", "arguments",
        "response_format", "json_schema", "schema", "file", "file_id", "logit_bias", "cache_control", "x"]
STRINGS = ["", "user", "assistant", "tool", "system", "function", "text", "image_url", "json_schema", "auto",
           "required", "none", "web_search", "get_weather", "a b", "1", "\x00", "é\u2028", "NaN"]


def rand_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(10 if depth < 4 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.choice([0, 1, -1, 2, 3, 128, 129, 2**63, -(2**63) - 1, 10**30, rng.randint(-1000, 1000)])
    if kind == 3:
        return rng.choice([0.5, -0.0, 2.0000001, 1e308, -1e308, math.nan, math.inf, -math.inf, rng.uniform(-5, 5)])
    if kind in (4, 5):
        return rng.choice(STRINGS)
    if kind in (6, 7):
        return [rand_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(KEYS): rand_json(rng, depth + 1) for _ in range(rng.randrange(4))}


def mutate(rng: random.Random, value: Any) -> Any:
    """A copy of ``value`` with one random node (possibly deep) replaced by random JSON."""
    if rng.random() < 0.25 or not isinstance(value, (dict, list)) or not value:
        return rand_json(rng)
    value = copy.copy(value)
    if isinstance(value, dict):
        key = rng.choice(list(value)) if rng.random() < 0.8 else rng.choice(KEYS)
        value[key] = mutate(rng, value.get(key))
    else:
        idx = rng.randrange(len(value))
        value[idx] = mutate(rng, value[idx])
    return value


def check_outcome(b: Any) -> str:
    try:
        out = validate_chat_request(b)
    except RequestError as err:
        assert err.status == 400
        msg = err.error.message
        assert msg and len(msg) < 400 and not FORBIDDEN.search(msg), msg
        return "error"
    assert isinstance(out, dict) and out is not b
    assert set(out) <= ALLOWED_PARAMS
    assert isinstance(out["model"], str) and isinstance(out["messages"], list) and out["messages"]
    json.dumps(out)  # forwardable
    return "ok"


def test_fuzz_random_json() -> None:
    rng = random.Random(1234)
    for _ in range(3000):
        check_outcome(rand_json(rng))
        check_outcome({"model": "m", "messages": rand_json(rng), rng.choice(KEYS): rand_json(rng)})


def test_fuzz_mutated_valid_request() -> None:
    rng = random.Random(5678)
    assert check_outcome(RICH) == "ok"
    outcomes = {"ok": 0, "error": 0}
    for _ in range(4000):
        b = RICH
        for _ in range(rng.randrange(1, 4)):
            b = mutate(rng, b)
        outcomes[check_outcome(b)] += 1
    assert outcomes["ok"] > 100 and outcomes["error"] > 1000  # both paths are really exercised
