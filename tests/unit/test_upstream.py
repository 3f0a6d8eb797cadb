"""Tests of the stand-in upstream (standin): answers, streaming, tools, failures, leaks, records."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest

from standin import StandInUpstream
from standin.answers import estimate_prompt_tokens
from standin.cli import build_parser
from standin.fakejson import fake_value
from standin.kvcache import prompt_tokens

MODEL = "secret-backend-model"
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Tell me about rivers."}]
LEAK_HEADERS = (
    "x-ratelimit-limit-requests",
    "x-ratelimit-remaining-tokens",
    "openai-organization",
    "openai-processing-ms",
    "openai-version",
    "request-id",
    "x-request-id",
    "server",
    "x-backend-model",
    "via",
)

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a place",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "minLength": 3},
                "days": {"type": "integer", "minimum": 1, "maximum": 3},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "detailed": {"type": "boolean"},
                "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2},
                "where": {"$ref": "#/$defs/point"},
                "note": {"type": ["string", "null"]},
            },
            "required": ["city", "days", "unit", "detailed", "ratio", "tags", "where"],
            "additionalProperties": False,
            "$defs": {
                "point": {
                    "type": "object",
                    "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}, "meta": {"type": "object"}},
                    "required": ["lat", "lon", "meta"],
                }
            },
        },
    },
}
SEARCH_TOOL = {
    "type": "function",
    "function": {
        "name": "search",
        "parameters": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]},
    },
}


@pytest.fixture(scope="module")
def upstream() -> Iterator[StandInUpstream]:
    with StandInUpstream(2, model_name=MODEL) as up:
        yield up


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=5.0) as c:
        yield c


@pytest.fixture(autouse=True)
def _clean(upstream: StandInUpstream) -> Iterator[None]:
    upstream.reset()
    yield
    upstream.reset()


def chat(client: httpx.Client, url: str, **body: Any) -> httpx.Response:
    body.setdefault("model", MODEL)
    body.setdefault("messages", MESSAGES)
    return client.post(url + "/chat/completions", json=body, headers={"Authorization": "Bearer sk-test"})


def sse_events(text: str) -> list[str]:
    return [line[len("data: ") :] for line in text.split("\n\n") if line.startswith("data: ")]


def stream_chunks(text: str) -> tuple[list[dict[str, Any]], str]:
    events = sse_events(text)
    return [json.loads(e) for e in events if e != "[DONE]"], events[-1]


# -- answers ----------------------------------------------------------------------------------------


def test_non_stream_answer_is_openai_shaped_and_deterministic(upstream: StandInUpstream, client: httpx.Client) -> None:
    r1 = chat(client, upstream.urls[0])
    r2 = chat(client, upstream.urls[0])
    assert r1.status_code == 200
    assert r1.headers["content-type"] == "application/json"
    b1, b2 = r1.json(), r2.json()
    assert b1["object"] == "chat.completion"
    choice = b1["choices"][0]
    assert choice["message"]["role"] == "assistant" and choice["finish_reason"] == "stop"
    content = choice["message"]["content"]
    assert len(content.split()) >= 10
    assert MODEL not in content.lower()
    assert content == b2["choices"][0]["message"]["content"]
    assert b1["id"] != b2["id"]
    usage = b1["usage"]
    assert usage["completion_tokens"] == len(content.split())
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert usage["prompt_tokens"] == prompt_tokens({"messages": MESSAGES})  # the KV model's token count
    assert usage["prompt_tokens"] >= estimate_prompt_tokens(MESSAGES)  # plus roles and markup
    assert set(usage["prompt_tokens_details"]) == {"cached_tokens"}
    other = chat(client, upstream.urls[0], messages=[{"role": "user", "content": "Something else"}]).json()
    assert other["choices"][0]["message"]["content"] != content


def test_bare_path_models_and_bad_requests(upstream: StandInUpstream, client: httpx.Client) -> None:
    base = upstream.urls[0].removesuffix("/v1")
    r = client.post(base + "/chat/completions", json={"model": "m", "messages": MESSAGES})
    assert r.status_code == 200
    models = client.get(upstream.urls[0] + "/models").json()
    assert [m["id"] for m in models["data"]] == [MODEL]
    assert chat(client, upstream.urls[0], messages=[]).status_code == 400
    bad = client.post(upstream.urls[0] + "/chat/completions", content=b"{nope")
    assert bad.status_code == 400 and "error" in bad.json()
    assert client.get(upstream.urls[0] + "/nothing").status_code == 404


def test_prompt_tokens_estimate_chars_over_four() -> None:
    assert estimate_prompt_tokens([{"role": "user", "content": "x" * 400}]) == 100
    parts = [{"type": "text", "text": "y" * 40}, {"type": "text", "text": "z" * 40}]
    assert estimate_prompt_tokens([{"role": "user", "content": parts}]) == 20


def test_max_tokens_truncates_with_length(upstream: StandInUpstream, client: httpx.Client) -> None:
    body = chat(client, upstream.urls[0], max_tokens=5).json()
    assert body["choices"][0]["finish_reason"] == "length"
    assert len(body["choices"][0]["message"]["content"].split()) == 5
    assert body["usage"]["completion_tokens"] == 5
    body = chat(client, upstream.urls[0], max_completion_tokens=3).json()
    assert body["usage"]["completion_tokens"] == 3


def test_n_choices(upstream: StandInUpstream, client: httpx.Client) -> None:
    body = chat(client, upstream.urls[0], n=3).json()
    assert [c["index"] for c in body["choices"]] == [0, 1, 2]
    assert len({c["message"]["content"] for c in body["choices"]}) == 3
    assert body["usage"]["completion_tokens"] == sum(len(c["message"]["content"].split()) for c in body["choices"])


def test_stream_chunks_usage_and_done(upstream: StandInUpstream, client: httpx.Client) -> None:
    r = chat(client, upstream.urls[0], stream=True, stream_options={"include_usage": True})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert r.text.endswith("data: [DONE]\n\n")
    chunks, last = stream_chunks(r.text)
    assert last == "[DONE]"
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    usage_chunk = chunks[-1]
    assert usage_chunk["choices"] == [] and usage_chunk["usage"]["total_tokens"] > 0
    finish = chunks[-2]["choices"][0]
    assert finish["finish_reason"] == "stop" and finish["delta"] == {}
    content_chunks = [c for c in chunks[:-2] if c["choices"][0]["delta"].get("content")]
    assert 5 <= len(content_chunks) <= 10
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text == chat(client, upstream.urls[0]).json()["choices"][0]["message"]["content"]
    assert usage_chunk["usage"]["completion_tokens"] == len(text.split())


def test_stream_without_usage_option(upstream: StandInUpstream, client: httpx.Client) -> None:
    chunks, last = stream_chunks(chat(client, upstream.urls[0], stream=True).text)
    assert last == "[DONE]"
    assert all(c["choices"] for c in chunks) and all("usage" not in c for c in chunks)
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


# -- tools and structured output --------------------------------------------------------------------


def test_tools_call_first_tool_with_valid_arguments(upstream: StandInUpstream, client: httpx.Client) -> None:
    body = chat(client, upstream.urls[0], tools=[WEATHER_TOOL, SEARCH_TOOL]).json()
    choice = body["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] is None
    (call,) = choice["message"]["tool_calls"]
    assert call["type"] == "function" and call["id"].startswith("call_")
    assert call["function"]["name"] == "get_weather"
    args = json.loads(call["function"]["arguments"])
    jsonschema.validate(args, WEATHER_TOOL["function"]["parameters"])


def test_tool_choice_forced_none_and_after_tool_result(upstream: StandInUpstream, client: httpx.Client) -> None:
    forced = {"type": "function", "function": {"name": "search"}}
    body = chat(client, upstream.urls[0], tools=[WEATHER_TOOL, SEARCH_TOOL], tool_choice=forced).json()
    call = body["choices"][0]["message"]["tool_calls"][0]
    assert call["function"]["name"] == "search"
    jsonschema.validate(json.loads(call["function"]["arguments"]), SEARCH_TOOL["function"]["parameters"])

    body = chat(client, upstream.urls[0], tools=[WEATHER_TOOL], tool_choice="none").json()
    assert body["choices"][0]["finish_reason"] == "stop" and body["choices"][0]["message"]["content"]

    history = [
        *MESSAGES,
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "search", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "result"},
    ]  # fmt: skip
    body = chat(client, upstream.urls[0], tools=[SEARCH_TOOL], messages=history).json()
    assert body["choices"][0]["finish_reason"] == "stop"

    bad = {"type": "function", "function": {"name": "missing"}}
    assert chat(client, upstream.urls[0], tools=[SEARCH_TOOL], tool_choice=bad).status_code == 400


def test_tools_stream_delta_format(upstream: StandInUpstream, client: httpx.Client) -> None:
    r = chat(client, upstream.urls[0], tools=[WEATHER_TOOL], stream=True, stream_options={"include_usage": True})
    chunks, last = stream_chunks(r.text)
    assert last == "[DONE]"
    deltas = [c["choices"][0]["delta"] for c in chunks if c["choices"]]
    first = deltas[0]["tool_calls"][0]
    assert first["index"] == 0 and first["id"].startswith("call_") and first["type"] == "function"
    assert first["function"]["name"] == "get_weather"
    pieces = [d["tool_calls"][0]["function"]["arguments"] for d in deltas[1:] if "tool_calls" in d]
    assert len(pieces) > 1
    jsonschema.validate(json.loads("".join(pieces)), WEATHER_TOOL["function"]["parameters"])
    assert [c for c in chunks if c["choices"]][-1]["choices"][0]["finish_reason"] == "tool_calls"
    assert chunks[-1]["usage"]["completion_tokens"] > 0


def test_response_format_json_schema_and_json_object(upstream: StandInUpstream, client: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "score": {"type": "number", "minimum": 10, "maximum": 20},
            "items": {"type": "array", "items": {"type": "object", "properties": {"k": {"type": "integer"}},
                                                  "required": ["k"]}, "minItems": 1},
            "kind": {"anyOf": [{"type": "null"}, {"type": "string", "enum": ["a", "b"]}]},
            "when": {"type": "string", "format": "date-time"},
        },
        "required": ["title", "score", "items", "kind", "when"],
        "additionalProperties": False,
    }  # fmt: skip
    fmt = {"type": "json_schema", "json_schema": {"name": "out", "schema": schema, "strict": True}}
    body = chat(client, upstream.urls[0], response_format=fmt).json()
    jsonschema.validate(json.loads(body["choices"][0]["message"]["content"]), schema)

    r = chat(client, upstream.urls[0], response_format=fmt, stream=True)
    chunks, _ = stream_chunks(r.text)
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    jsonschema.validate(json.loads(text), schema)

    body = chat(client, upstream.urls[0], response_format={"type": "json_object"}).json()
    assert isinstance(json.loads(body["choices"][0]["message"]["content"]), dict)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"a": {"type": "string", "maxLength": 2}}, "required": ["a"]},
        {"type": "integer", "exclusiveMinimum": 5, "exclusiveMaximum": 7},
        {"type": "integer", "minimum": 11, "multipleOf": 5},
        {"type": "number", "minimum": 0.25, "multipleOf": 0.5},
        {"type": "array", "items": {"type": "integer"}, "minItems": 3, "uniqueItems": True},
        {"allOf": [{"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
                   {"properties": {"b": {"const": "x"}}, "required": ["b"]}]},
        {"type": "object", "properties": {"c": {"oneOf": [{"type": "string", "format": "email"}, {"type": "integer"}]}},
         "required": ["c"]},
        {"type": "object", "properties": {"node": {"$ref": "#/definitions/node"}}, "required": ["node"],
         "definitions": {"node": {"type": "object", "properties": {"child": {"$ref": "#/definitions/node"}}}}},
        {"type": "object", "minProperties": 2, "additionalProperties": {"type": "boolean"}},
        {"type": "array", "prefixItems": [{"type": "string"}, {"type": "null"}], "minItems": 2},
    ],
)  # fmt: skip
def test_fake_value_validates(schema: dict[str, Any]) -> None:
    jsonschema.validate(fake_value(schema, seed=3), schema)
    assert fake_value(schema, seed=3) == fake_value(schema, seed=3)


# -- failure injection ------------------------------------------------------------------------------


def test_fail_status_once_then_recovers_and_careless_message(upstream: StandInUpstream, client: httpx.Client) -> None:
    url = upstream.urls[0]
    r = client.post(url.removesuffix("/v1") + "/_control/fail", json={"mode": "status", "status": 503})
    assert r.status_code == 200 and r.json()["failure"]["count"] == 1
    failed = chat(client, url)
    assert failed.status_code == 503
    message = failed.json()["error"]["message"]
    state = upstream.replicas[0]
    assert MODEL in message and state.address in message and "organization org-secret" in message
    assert state.name in message
    assert failed.headers["x-backend-model"] == MODEL
    assert chat(client, url).status_code == 200
    assert len(state.requests()) == 2  # the failed request was recorded too


def test_fail_429_headers_and_forever_until_reset(upstream: StandInUpstream, client: httpx.Client) -> None:
    state = upstream.replicas[1]
    state.fail("status", status=429, count=-1, retry_after=2)
    for _ in range(3):
        r = chat(client, upstream.urls[1])
        assert r.status_code == 429
        assert r.headers["retry-after"] == "2"
        assert r.headers["x-ratelimit-remaining-requests"] == "0"
        assert r.headers["x-ratelimit-limit-requests"] == "10000"
        assert r.json()["error"]["code"] == "rate_limit_exceeded"
    assert chat(client, upstream.urls[0]).status_code == 200  # other replica unaffected
    client.post(upstream.urls[1].removesuffix("/v1") + "/_control/reset")
    assert chat(client, upstream.urls[1]).status_code == 200


def test_fail_count_and_custom_message(upstream: StandInUpstream, client: httpx.Client) -> None:
    upstream.replicas[0].fail("status", status=400, count=2, message="bad thing")
    codes = [chat(client, upstream.urls[0]).status_code for _ in range(3)]
    assert codes == [400, 400, 200]
    upstream.replicas[0].fail("status", status=400, message="bad thing")
    assert chat(client, upstream.urls[0]).json()["error"]["message"].startswith("bad thing")


def test_fail_timeout_sleeps_until_client_gives_up(upstream: StandInUpstream, client: httpx.Client) -> None:
    upstream.replicas[0].fail("timeout", delay_s=5)
    with pytest.raises(httpx.ReadTimeout):
        client.post(upstream.urls[0] + "/chat/completions", json={"model": MODEL, "messages": MESSAGES}, timeout=0.3)
    upstream.replicas[0].fail("timeout", delay_s=0.05)
    assert chat(client, upstream.urls[0]).status_code == 200
    assert chat(client, upstream.urls[0]).status_code == 200


def test_fail_midstream_drops_after_two_chunks(upstream: StandInUpstream, client: httpx.Client) -> None:
    upstream.replicas[0].fail("midstream")
    events: list[str] = []
    body = {"model": MODEL, "messages": MESSAGES, "stream": True}
    with pytest.raises(httpx.RemoteProtocolError):
        with client.stream("POST", upstream.urls[0] + "/chat/completions", json=body) as r:
            assert r.status_code == 200
            for line in r.iter_lines():
                if line.startswith("data: "):
                    events.append(line)
    assert len(events) == 2 and all(json.loads(e[6:])["choices"][0]["delta"]["content"] for e in events)
    assert chat(client, upstream.urls[0], stream=True).text.endswith("data: [DONE]\n\n")
    upstream.replicas[0].fail("midstream")
    assert chat(client, upstream.urls[0]).status_code == 500


def test_fail_connection_closes_without_response(upstream: StandInUpstream, client: httpx.Client) -> None:
    upstream.replicas[0].fail("connection", count=2)
    for stream in (False, True):
        with pytest.raises(httpx.RemoteProtocolError):
            chat(client, upstream.urls[0], stream=stream)
    assert chat(client, upstream.urls[0]).status_code == 200


def test_control_rejects_unknown_mode(upstream: StandInUpstream, client: httpx.Client) -> None:
    base = upstream.urls[0].removesuffix("/v1")
    assert client.post(base + "/_control/fail", json={"mode": "explode"}).status_code == 400
    assert client.post(base + "/_control/fail", json={"mode": "status", "count": 0}).status_code == 400
    with pytest.raises(ValueError):
        upstream.replicas[0].fail("explode")
    assert client.get(base + "/_control/state").json()["failure"] is None


# -- leaks, records, replicas -----------------------------------------------------------------------


def test_careless_leaks_everywhere(upstream: StandInUpstream, client: httpx.Client) -> None:
    r = chat(client, upstream.urls[0], model="caller-model")
    state = upstream.replicas[0]
    for name in LEAK_HEADERS:
        assert name in r.headers, name
    assert r.headers["openai-organization"] == "org-secret"
    assert r.headers["server"] == f"secret-upstream/1.0 ({MODEL})"
    assert r.headers["via"] == state.address
    assert r.headers["request-id"].startswith("req_secret")
    body = r.json()
    assert body["id"].startswith(f"chatcmpl-secret-{state.name}-")
    assert body["model"] == MODEL
    assert body["system_fingerprint"] == "fp_secret_replica_0"
    assert body["choices"][0]["provider_specific_fields"] == {"backend": MODEL}
    assert body["usage"]["cost"] == 0.00123 and "service_tier" in body
    chunks, _ = stream_chunks(chat(client, upstream.urls[0], stream=True).text)
    assert all(c["model"] == MODEL and c["system_fingerprint"] for c in chunks)


def test_polite_mode_leaks_nothing(client: httpx.Client) -> None:
    with StandInUpstream(1, model_name=MODEL, careless=False) as polite:
        r = chat(client, polite.urls[0], model="caller-model")
        assert not [h for h in LEAK_HEADERS if h in r.headers]
        body = r.json()
        assert "secret" not in body["id"]
        assert body["model"] == "caller-model"
        assert "system_fingerprint" not in body and "service_tier" not in body
        assert "provider_specific_fields" not in body["choices"][0] and "cost" not in body["usage"]
        assert MODEL not in r.text
        polite.replicas[0].fail("status", status=500)
        err = chat(client, polite.urls[0], model="caller-model")
        assert err.status_code == 500
        assert MODEL not in err.text and "org-secret" not in err.text and polite.replicas[0].address not in err.text
        stream = chat(client, polite.urls[0], model="caller-model", stream=True)
        assert MODEL not in stream.text and "secret" not in stream.text


def test_records_and_cache_salt(upstream: StandInUpstream, client: httpx.Client) -> None:
    chat(client, upstream.urls[0], cache_salt="tenant-a", user="u1")
    base = upstream.urls[0].removesuffix("/v1")
    records = client.get(base + "/_control/requests").json()["requests"]
    assert len(records) == 1
    rec = records[0]
    assert rec["path"] == "/v1/chat/completions" and rec["method"] == "POST"
    assert rec["headers"]["authorization"] == "Bearer sk-test"
    assert all(k == k.lower() for k in rec["headers"])
    assert rec["body"]["cache_salt"] == "tenant-a" and rec["body"]["messages"] == MESSAGES
    assert upstream.replicas[0].requests()[0]["body"]["user"] == "u1"
    assert upstream.replicas[0].kv_stats()["requests"] >= 1
    assert client.delete(base + "/_control/requests").status_code == 200
    assert upstream.replicas[0].requests() == []


def test_two_replicas_are_distinct(upstream: StandInUpstream, client: httpx.Client) -> None:
    a, b = upstream.replicas
    assert a.name != b.name and a.port != b.port
    assert upstream.urls == [f"http://127.0.0.1:{a.port}/v1", f"http://127.0.0.1:{b.port}/v1"]
    ra, rb = chat(client, upstream.urls[0]), chat(client, upstream.urls[1])
    assert ra.json()["id"].startswith("chatcmpl-secret-replica-0-")
    assert rb.json()["id"].startswith("chatcmpl-secret-replica-1-")
    assert ra.headers["via"] != rb.headers["via"]
    assert ra.json()["choices"][0]["message"] == rb.json()["choices"][0]["message"]  # same request, same answer
    assert len(a.requests()) == 1 and len(b.requests()) == 1


def test_chunk_delay_via_control_config(upstream: StandInUpstream, client: httpx.Client) -> None:
    base = upstream.urls[0].removesuffix("/v1")
    try:
        assert client.post(base + "/_control/config", json={"delay_ms": 15}).json()["delay_ms"] == 15
        started = time.perf_counter()
        chunks, last = stream_chunks(chat(client, upstream.urls[0], stream=True).text)
        assert last == "[DONE]"
        assert time.perf_counter() - started >= 0.015 * (len(chunks) - 1) * 0.9
    finally:
        client.post(base + "/_control/config", json={"delay_ms": 0})


def test_restart_and_fixed_port() -> None:
    up = StandInUpstream(1, careless=False)
    with up:
        port = up.replicas[0].port
    up.port = port
    with up, httpx.Client(trust_env=False) as c:
        assert up.replicas[0].port == port
        up.replicas[0].fail("timeout", delay_s=0.01)
        assert chat(c, up.urls[0]).status_code == 200
    assert not up.running


def test_cli_parser_defaults_and_flags() -> None:
    args = build_parser().parse_args([])
    assert (args.host, args.replicas, args.careless, args.delay_ms) == ("127.0.0.1", 1, True, 0.0)
    assert (args.kv_capacity_tokens, args.kv_block_size, args.ttft_base_ms, args.ttft_per_token_ms) == (200_000, 16, 0, 0)
    kv = ["--kv-capacity-tokens", "4096", "--kv-block-size", "32", "--ttft-base-ms", "5", "--ttft-per-token-ms", "0.05",
          "--prefill-concurrency", "2"]  # fmt: skip
    args = build_parser().parse_args(kv)
    assert (args.kv_capacity_tokens, args.kv_block_size, args.ttft_base_ms, args.ttft_per_token_ms) == (4096, 32, 5, 0.05)
    assert args.prefill_concurrency == 2
    args = build_parser().parse_args(["--port", "9200", "--replicas", "3", "--model", "m", "--polite", "--delay-ms", "5"])
    assert (args.port, args.replicas, args.model, args.careless, args.delay_ms) == (9200, 3, "m", False, 5.0)
