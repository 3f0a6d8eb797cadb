"""Strict JSON through the real gateway process: stand-in replicas that slip (fence, prose, trailing comma,
missing key, truncated) behind ``json``/``code`` groups, driven at different efforts. Replies are repaired
within the effort's budget, re-asked through the router, sent as the backend gave them when the budget
is spent, streams buffered (``response_format``) or relayed (tools, the default), and nothing of it
shows in the response: the careless stand-in leaks everywhere and the wire stays clean."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import jsonschema
import pytest
from openai import OpenAI

from standin import StandInUpstream
from standin.kvcache import prompt_tokens
from standin.slips import Slipper, slip_text

from .fixtures_observe import Stream, chat_requests, metric_at, read_stream, stand_in_answer
from .processes import GatewayProcess, reset_replicas, serving
from .test_zero_knowledge import ALLOWED_HEADERS, FORBIDDEN_TEXT

pytestmark = pytest.mark.integration

KEY = "sk-strict-json-master-5e2"
NAMES = [f"secret-sj-model-{i}" for i in range(4)]
SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
          "required": ["name", "age"], "additionalProperties": False}
FORMAT = {"type": "json_schema", "json_schema": {"name": "person", "strict": True, "schema": SCHEMA}}
TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {
    "type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
    "required": ["city", "days"]}}}]
FORCED = {"type": "function", "function": {"name": "get_weather"}}


@pytest.fixture(scope="module")
def stand_in() -> Iterator[StandInUpstream]:
    with StandInUpstream(replicas=4, model_name=NAMES, careless=True) as up:
        yield up


@pytest.fixture(scope="module")
def sj_gateway(stand_in: StandInUpstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GatewayProcess]:
    r = stand_in.replicas

    def lean(group: str, i: int) -> dict:
        return {"model_name": group, "model_info": {"id": f"dep-{group}-{i}"},
                "litellm_params": {"model": f"openai/backend-{i}", "api_base": r[i].url,
                                   "api_key": "sk-upstream-secret-key"}}

    config = {
        "model_list": [
            lean("json", 0), lean("code", 0), lean("pro", 3), lean("flash", 3),
            lean("json-pair", 1), lean("json-pair", 2),
            {"model_name": "json-anthropic", "model_info": {"id": "dep-json-anthropic-3"},
             "litellm_params": {"model": "anthropic/claude-secret-3", "api_base": r[3].root_url,
                                "api_key": "sk-upstream-secret-key"}},
        ],
        "router_settings": {"num_retries": 0, "disable_cooldowns": True, "fallbacks": [{"code": ["pro"]}]},
        "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
        "di": {"routing": {"json": {"default": "json", "max": "json-pair", "minimal": "json-anthropic"}}},
    }
    with serving(config, tmp_path_factory.mktemp("strict-json"), {"DI_MASTER_KEY": KEY}) as gw:
        yield gw


@pytest.fixture(autouse=True)
def _fresh_replicas(stand_in: StandInUpstream) -> Iterator[None]:
    reset_replicas(stand_in)
    yield


def body(content: str = "Extract the name and age from: Ada is 36.", **extra: object) -> dict:
    return {"model": "gpt-5.5", "messages": [{"role": "user", "content": content}], "response_format": FORMAT,
            **extra}


def post(gw: GatewayProcess, effort: str, payload: dict) -> httpx.Response:
    return httpx.post(gw.root_url + "/di/v1/chat/completions", json=payload, timeout=30,
                      headers={"Authorization": f"Bearer {KEY}", "X-DI-Effort": effort})


def stream(gw: GatewayProcess, effort: str, payload: dict) -> Stream:
    return read_stream(gw.root_url + "/di/v1/chat/completions", payload, KEY, headers={"X-DI-Effort": effort})


def assert_clean(stand_in: StandInUpstream, resp_headers: httpx.Headers, text: str) -> None:
    wire = (text + "\n" + "\n".join(f"{k}: {v}" for k, v in resp_headers.items())).lower()
    forbidden = [t.lower() for t in FORBIDDEN_TEXT + NAMES + [r.address for r in stand_in.replicas]]
    leaks = [t for t in forbidden if t in wire] + [w for w in ("dep-json", "dep-code", "backend-", "reask",
                                                               "repair", "not valid") if w in wire]
    assert not leaks, f"leaked {leaks} in {wire[:1500]}"
    assert {k.lower() for k in resp_headers} <= ALLOWED_HEADERS


def seed_for(pattern: list[str | None], kinds: list[str], rate: float = 0.5) -> int:
    """A slip seed whose first draws give ``pattern`` (the stand-in's draws are deterministic per seed)."""
    for seed in range(10_000):
        s = Slipper(rate, kinds, seed)
        if [s.draw() for _ in pattern] == pattern:
            return seed
    raise AssertionError(f"no seed gives {pattern}")


def valid(text: str) -> dict:
    value = json.loads(text)
    jsonschema.validate(value, SCHEMA)
    return value


# -- deterministic repair -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fence", "prose", "trailing_comma"])
def test_syntax_slips_are_repaired_without_another_call(sj_gateway: GatewayProcess, stand_in: StandInUpstream,
                                                        kind: str) -> None:
    replica = stand_in.replicas[0]
    replica.slip(1.0, [kind])
    resp = post(sj_gateway, "fast", body())
    assert resp.status_code == 200, resp.text
    assert resp.headers["x-di-request-type"] == "json"
    (forwarded,) = chat_requests(replica)
    content = resp.json()["choices"][0]["message"]["content"]
    assert valid(content) == json.loads(stand_in_answer(replica, forwarded)["content"])
    assert replica.slipper.slipped == {kind: 1}
    assert resp.json()["model"] == "gpt-5.5" and resp.json()["id"].startswith("chatcmpl-di")
    assert_clean(stand_in, resp.headers, resp.text)


def test_fast_never_asks_again_and_returns_the_reply_as_given(sj_gateway: GatewayProcess,
                                                              stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    replica.slip(1.0, ["missing_key"])
    before = metric_at(sj_gateway.metrics_url, "di_json_invalid_total", request_type="json")
    resp = post(sj_gateway, "fast", body())
    assert resp.status_code == 200
    (forwarded,) = chat_requests(replica)
    given, _ = slip_text("missing_key", stand_in_answer(replica, forwarded)["content"], SCHEMA)
    assert resp.json()["choices"][0]["message"]["content"] == given  # never invented
    assert metric_at(sj_gateway.metrics_url, "di_json_invalid_total", request_type="json") == before + 1


# -- re-asks --------------------------------------------------------------------------------------


def test_missing_key_is_reasked_and_the_answer_shows_no_trace(sj_gateway: GatewayProcess,
                                                              stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    replica.slip(0.5, ["missing_key"], seed_for(["missing_key", None], ["missing_key"]))
    resp = post(sj_gateway, "auto", body())
    assert resp.status_code == 200, resp.text
    first, second = chat_requests(replica)
    assert second["messages"][: len(first["messages"])] == first["messages"]
    echo, note = second["messages"][-2:]
    assert echo["role"] == "assistant" and "name" not in echo["content"]
    assert note["role"] == "user" and "'name' is a required property" in note["content"]
    assert second["max_tokens"] == 4096 and second["response_format"] == FORMAT
    data = resp.json()
    assert valid(data["choices"][0]["message"]["content"]) == json.loads(stand_in_answer(replica, second)["content"])
    assert data["usage"]["prompt_tokens"] == prompt_tokens(first)  # the caller's prompt, not the re-ask's
    assert data["usage"]["total_tokens"] == data["usage"]["prompt_tokens"] + data["usage"]["completion_tokens"]
    assert_clean(stand_in, resp.headers, resp.text)


def test_budget_spent_returns_the_first_reply_as_given(sj_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    replica.slip(1.0, ["missing_key"])
    url = sj_gateway.metrics_url
    reasks = metric_at(url, "di_json_extra_calls_total", request_type="json", reason="reask")
    resp = post(sj_gateway, "high", body())  # high: 2 re-asks
    assert resp.status_code == 200
    calls = chat_requests(replica)
    assert len(calls) == 3
    given, _ = slip_text("missing_key", stand_in_answer(replica, calls[0])["content"], SCHEMA)
    assert resp.json()["choices"][0]["message"]["content"] == given
    assert metric_at(url, "di_json_extra_calls_total", request_type="json", reason="reask") == reasks + 2
    assert_clean(stand_in, resp.headers, resp.text)


def test_reasks_go_through_the_router_of_the_group(sj_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    pair = stand_in.replicas[1:3]
    for i, replica in enumerate(pair):
        replica.slip(1.0, ["missing_key"], seed=i)
    resp = post(sj_gateway, "max", body())  # max: the json-pair group, 3 re-asks
    assert resp.status_code == 200
    assert sum(len(chat_requests(r)) for r in pair) == 4
    assert not chat_requests(stand_in.replicas[0])


def test_truncated_reply_is_retried_with_a_larger_max_tokens(sj_gateway: GatewayProcess,
                                                             stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    replica.slip(0.5, ["truncated"], seed_for(["truncated", None], ["truncated"]))
    resp = post(sj_gateway, "auto", body(max_tokens=100))
    assert resp.status_code == 200
    first, second = chat_requests(replica)
    assert first["max_tokens"] == 100 and second["max_tokens"] == 200
    assert second["messages"] == first["messages"]  # the same request, more room: nothing made up
    choice = resp.json()["choices"][0]
    assert choice["finish_reason"] == "stop" and valid(choice["message"]["content"])


def test_truncated_reply_without_budget_stays_truncated(sj_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    replica.slip(1.0, ["truncated"])
    resp = post(sj_gateway, "fast", body(max_tokens=100))
    choice = resp.json()["choices"][0]
    assert len(chat_requests(replica)) == 1
    assert choice["finish_reason"] == "length"
    (forwarded,) = chat_requests(replica)
    assert choice["message"]["content"] == slip_text("truncated", stand_in_answer(replica, forwarded)["content"], SCHEMA)[0]


# -- streams --------------------------------------------------------------------------------------


def test_buffered_stream_is_checked_then_sent_as_sse(sj_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    replica.slip(0.5, ["fence", "missing_key"], seed_for(["missing_key", "fence"], ["fence", "missing_key"]))
    seen = stream(sj_gateway, "auto", body(stream_options={"include_usage": True}))
    assert seen.status == 200 and seen.done and not seen.errors()
    assert seen.headers["content-type"].startswith("text/event-stream")
    first, second = chat_requests(replica)
    assert "stream" not in first and "stream_options" not in first  # buffered: one whole completion upstream
    assert valid(seen.text()) == json.loads(stand_in_answer(replica, second)["content"])
    chunks = seen.chunks()
    assert {c["model"] for c in chunks} == {"gpt-5.5"} and len({c["id"] for c in chunks}) == 1
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["prompt_tokens"] == prompt_tokens(first)
    assert seen.finish_reason() == "stop"
    assert_clean(stand_in, seen.headers, "\n".join(seen.data))


def test_tool_call_streams_are_relayed_unchecked_by_default(sj_gateway: GatewayProcess,
                                                            stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    replica.slip(1.0, ["fence"])
    unchecked = metric_at(sj_gateway.metrics_url, "di_json_unchecked_total", request_type="code", reason="stream")
    seen = stream(sj_gateway, "auto", {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Weather?"}],
                                       "tools": TOOLS, "tool_choice": FORCED})
    assert seen.status == 200 and seen.done
    (forwarded,) = chat_requests(replica)
    assert forwarded["stream"] is True  # relayed as it came
    assert seen.tool_call()["arguments"].startswith("```json")
    assert metric_at(sj_gateway.metrics_url, "di_json_unchecked_total", request_type="code",
                     reason="stream") == unchecked + 1
    assert_clean(stand_in, seen.headers, "\n".join(seen.data))


def test_a_relayed_stream_with_a_contract_fails_midstream_like_any_stream(sj_gateway: GatewayProcess,
                                                                         stand_in: StandInUpstream) -> None:
    """Relayed (tool_streams: relay) means the stream loop as it always was: a backend failing after its
    first chunks gives the chunks so far and one clean error frame, or the fallback's whole answer."""
    failing = stand_in.replicas[0]
    failing.fail("midstream", count=-1)
    seen = stream(sj_gateway, "auto", {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Weather?"}],
                                       "tools": TOOLS, "tool_choice": FORCED})
    assert seen.status == 200 and chat_requests(failing)[0]["stream"] is True
    if seen.done:
        assert not seen.errors() and json.loads(seen.tool_call()["arguments"])["city"]
    else:
        assert seen.errors() == [seen.chunks()[-1]] and seen.errors()[0]["error"]["type"] == "server_error"
    assert_clean(stand_in, seen.headers, "\n".join(seen.data))


# -- tool calls -----------------------------------------------------------------------------------


def test_tool_arguments_are_repaired_and_reasked(sj_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[0]
    payload = {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Weather in Paris for 3 days?"}],
               "tools": TOOLS, "tool_choice": FORCED}
    replica.slip(1.0, ["trailing_comma"])
    resp = post(sj_gateway, "fast", payload)
    call = resp.json()["choices"][0]["message"]["tool_calls"][0]
    assert resp.headers["x-di-request-type"] == "code"
    (forwarded,) = chat_requests(replica)
    assert json.loads(call["function"]["arguments"]) == json.loads(stand_in_answer(replica, forwarded)["tool_call"]["arguments"])

    replica.reset()
    replica.clear_requests()
    replica.slip(0.5, ["missing_key"], seed_for(["missing_key", None], ["missing_key"]))
    resp = post(sj_gateway, "auto", payload)
    first, second = chat_requests(replica)
    note = second["messages"][-1]
    assert note["role"] == "user" and "get_weather" in note["content"] and "'city' is a required property" in note["content"]
    args = json.loads(resp.json()["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"])
    jsonschema.validate(args, TOOLS[0]["function"]["parameters"])
    assert_clean(stand_in, resp.headers, resp.text)


# -- the translated path, the SDK example, metrics -------------------------------------------------


def test_translated_path_replies_are_repaired_too(sj_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    replica = stand_in.replicas[3]
    replica.slip(1.0, ["prose"])
    resp = post(sj_gateway, "minimal", body())  # minimal: json-anthropic (LiteLLM's translation)
    assert resp.status_code == 200, resp.text
    assert chat_requests(replica) == [] and replica.requests()[0]["path"] == "/v1/messages"
    assert replica.slipper.slipped.total() == 1
    valid(resp.json()["choices"][0]["message"]["content"])
    assert_clean(stand_in, resp.headers, resp.text)


def test_the_products_json_example_returns_strict_json_from_a_slipping_backend(sj_gateway: GatewayProcess,
                                                                              stand_in: StandInUpstream) -> None:
    stand_in.replicas[0].slip(1.0, ["fence", "prose", "trailing_comma"], seed=3)
    client = OpenAI(api_key=KEY, base_url=sj_gateway.root_url + "/di/v1", max_retries=0)
    for _ in range(5):
        raw = client.chat.completions.with_raw_response.create(
            model="gpt-5.5-mini",
            messages=[{"role": "user", "content": "Extract the name and age from: Ada is 36."}],
            response_format={"type": "json_schema", "json_schema": {"name": "person", "schema": {
                "type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
                "required": ["name", "age"]}}},
        )
        data = json.loads(raw.parse().choices[0].message.content)
        assert isinstance(data["name"], str) and isinstance(data["age"], int)
        assert raw.headers["x-di-request-type"] == "json"
    assert stand_in.replicas[0].slipper.slipped.total() == 5


def test_metrics_count_outcomes_and_repairs(sj_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    url = sj_gateway.metrics_url

    def snapshot() -> dict[str, float]:
        return {"valid": metric_at(url, "di_json_replies_total", request_type="json", outcome="valid"),
                "repaired": metric_at(url, "di_json_replies_total", request_type="json", outcome="repaired"),
                "fences": metric_at(url, "di_json_repairs_total", request_type="json", rule="strip_fences"),
                "checked": metric_at(url, "di_json_checked_total", request_type="json")}

    before = snapshot()
    assert post(sj_gateway, "auto", body()).status_code == 200
    stand_in.replicas[0].slip(1.0, ["fence"])
    assert post(sj_gateway, "auto", body()).status_code == 200
    after = snapshot()
    assert {k: after[k] - before[k] for k in after} == {"valid": 1, "repaired": 1, "fences": 1, "checked": 2}
    assert metric_at(url, "di_json_check_seconds_total", request_type="json") > 0
