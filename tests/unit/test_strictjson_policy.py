"""The policy (``di_plugins.strictjson.policy``) and the built-in ``di.strict_json`` plugin without a
server: budgets by effort, what is sent when, re-ask and longer-retry bodies, usage that shows no extra
call, streams buffered or relayed, ``di.json.repair`` validation."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from di_plugins.builtin.strict_json import STATE_KEY, StrictJsonPlugin
from di_plugins.config import load_config
from di_plugins.context import Classification, Effort, RequestContext
from di_plugins.errors import ConfigError
from di_plugins.metrics import render
from di_plugins.strictjson.policy import merged_usage
from di_plugins.strictjson.settings import DEFAULT_REASKS, JsonRepairSettings

SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
          "required": ["name", "age"]}
REQUEST = {"model": "m", "messages": [{"role": "user", "content": "Ada is 36."}],
           "response_format": {"type": "json_schema", "json_schema": {"name": "p", "schema": SCHEMA}}}
TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {
    "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]
GOOD = '{"name": "Ada", "age": 36}'


def completion(*contents: str | None, finish: str = "stop", usage: dict | None = None, **message: object) -> dict:
    choices = [{"index": i, "message": {"role": "assistant", "content": c, **message}, "logprobs": None,
                "finish_reason": finish} for i, c in enumerate(contents)]
    return {"id": "chatcmpl-di1", "object": "chat.completion", "created": 1, "model": "m", "choices": choices,
            "usage": usage or {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15,
                               "prompt_tokens_details": {"cached_tokens": 4}}}


def tool_completion(arguments: str, name: str = "get_weather") -> dict:
    out = completion(None, finish="tool_calls")
    out["choices"][0]["message"]["tool_calls"] = [{"id": "call_1", "type": "function",
                                                   "function": {"name": name, "arguments": arguments}}]
    return out


def start(request: dict = REQUEST, effort: str = "auto", settings: JsonRepairSettings | None = None,
          rtype: str = "json") -> tuple[StrictJsonPlugin, RequestContext]:
    plugin = StrictJsonPlugin(settings)
    ctx = RequestContext(effort=Effort(effort), classification=Classification(rtype, 6, "json"))
    plugin.di_validate_request(request, ctx)
    return plugin, ctx


def content(verdict) -> str:
    return verdict.completion["choices"][0]["message"]["content"]


# -- budgets --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("effort", "budget"), [("fast", 0), ("none", 0), ("minimal", 0), ("auto", 1), ("low", 1),
                                                ("medium", 1), ("high", 2), ("xhigh", 3), ("max", 3)])
def test_budget_by_effort(effort: str, budget: int) -> None:
    plugin, ctx = start(effort=effort)
    assert ctx.extra[STATE_KEY].budget == budget == JsonRepairSettings().budget(effort)


@pytest.mark.parametrize("effort", ["fast", "auto", "high", "max"])
def test_the_budget_bounds_the_extra_calls(effort: str) -> None:
    plugin, ctx = start(effort=effort)
    bad = completion('{"name": "Ada"}')
    calls = 0
    verdict = plugin.di_check_reply(ctx, REQUEST, bad, 0)
    while verdict.retry is not None:
        calls += 1
        verdict = plugin.di_check_reply(ctx, REQUEST, completion('{"age": 1}'), calls)
    assert calls == DEFAULT_REASKS[effort]
    assert not verdict.valid and content(verdict) == '{"name": "Ada"}'  # the caller's own reply, as given
    plugin.di_request_finished(ctx, {"ok": True})
    assert plugin.outcomes == {("json", "invalid"): 1}
    assert plugin.extra_calls == ({("json", "reask"): calls} if calls else {})


# -- what is sent ---------------------------------------------------------------------------------


def test_valid_first_time_is_sent_as_it_is() -> None:
    plugin, ctx = start()
    reply = completion(GOOD)
    verdict = plugin.di_check_reply(ctx, REQUEST, reply, 0)
    assert verdict.valid and verdict.retry is None and verdict.completion is reply
    plugin.di_request_finished(ctx, {"ok": True})
    assert plugin.outcomes == {("json", "valid"): 1} and not plugin.repairs


def test_a_repair_changes_only_the_content() -> None:
    plugin, ctx = start(effort="fast")
    reply = completion("```json\n" + GOOD + "\n```")
    before = copy.deepcopy(reply)
    verdict = plugin.di_check_reply(ctx, REQUEST, reply, 0)
    assert verdict.valid and content(verdict) == GOOD
    assert reply == before  # the checked completion is not mutated
    fixed = verdict.completion
    assert {k: v for k, v in fixed.items() if k != "choices"} == {k: v for k, v in reply.items() if k != "choices"}
    assert fixed["choices"][0]["finish_reason"] == "stop"
    plugin.di_request_finished(ctx, {"ok": True})
    assert plugin.outcomes == {("json", "repaired"): 1} and plugin.repairs == {("json", "strip_fences"): 1}


def test_a_reask_names_the_problem_and_its_answer_keeps_the_callers_usage() -> None:
    plugin, ctx = start()
    request = {**REQUEST, "max_tokens": 300, "stream": True, "stream_options": {"include_usage": True}}
    verdict = plugin.di_check_reply(ctx, request, completion('{"name": "Ada"}'), 0)
    body = verdict.retry
    assert not verdict.valid and content(verdict) == '{"name": "Ada"}'
    assert "stream" not in body and "stream_options" not in body and body["max_tokens"] == 300
    assert body["response_format"] == REQUEST["response_format"]
    assert body["messages"][:1] == REQUEST["messages"]
    assert body["messages"][1] == {"role": "assistant", "content": '{"name": "Ada"}'}
    assert body["messages"][2]["role"] == "user" and "'age' is a required property" in body["messages"][2]["content"]
    answer = completion(GOOD, usage={"prompt_tokens": 90, "completion_tokens": 7, "total_tokens": 97,
                                     "completion_tokens_details": {"reasoning_tokens": 2}})
    final = plugin.di_check_reply(ctx, request, answer, 1)
    assert final.valid and content(final) == GOOD
    assert final.completion["usage"] == {"prompt_tokens": 10, "prompt_tokens_details": {"cached_tokens": 4},
                                         "completion_tokens": 7, "total_tokens": 17,
                                         "completion_tokens_details": {"reasoning_tokens": 2}}
    plugin.di_request_finished(ctx, {"ok": True})
    assert plugin.outcomes == {("json", "reasked"): 1}


def test_reask_tokens_are_bounded() -> None:
    settings = JsonRepairSettings(reask_max_tokens=500)
    plugin, ctx = start(settings=settings)
    assert plugin.di_check_reply(ctx, REQUEST, completion("{}"), 0).retry["max_tokens"] == 500
    plugin, ctx = start(settings=settings)
    request = {**REQUEST, "max_completion_tokens": 9000}
    retry = plugin.di_check_reply(ctx, request, completion("{}"), 0).retry
    assert retry["max_completion_tokens"] == 500 and "max_tokens" not in retry
    long_echo = completion("x" * 10_000)
    plugin, ctx = start(settings=settings)
    assert len(plugin.di_check_reply(ctx, REQUEST, long_echo, 0).retry["messages"][1]["content"]) == 4000


def test_a_truncated_reply_is_retried_with_more_tokens_never_repaired() -> None:
    plugin, ctx = start(effort="high", settings=JsonRepairSettings(length_max_tokens=300))
    request = {**REQUEST, "max_tokens": 100}
    cut = completion('```json\n{"name": "Ad', finish="length")
    verdict = plugin.di_check_reply(ctx, request, cut, 0)
    assert verdict.retry == {**REQUEST, "max_tokens": 200}  # the same request, more room
    assert content(verdict) == '```json\n{"name": "Ad'     # not "repaired" into other data
    verdict = plugin.di_check_reply(ctx, request, cut, 1)
    assert verdict.retry["max_tokens"] == 300               # doubled, at most length_max_tokens
    verdict = plugin.di_check_reply(ctx, request, cut, 2)
    assert verdict.retry is None and verdict.completion["choices"][0]["finish_reason"] == "length"
    assert plugin.extra_calls == {("json", "length"): 2}


def test_a_truncated_reply_without_a_limit_asks_for_twice_what_it_got() -> None:
    plugin, ctx = start()
    cut = completion('{"name": "A', finish="length", usage={"prompt_tokens": 3, "completion_tokens": 70,
                                                             "total_tokens": 73})
    assert plugin.di_check_reply(ctx, REQUEST, cut, 0).retry["max_tokens"] == 140


def test_fast_repairs_but_never_asks_again() -> None:
    plugin, ctx = start(effort="fast")
    verdict = plugin.di_check_reply(ctx, REQUEST, completion('{"name": "Ada", "age": 36,}'), 0)
    assert verdict.valid and content(verdict) == '{"name": "Ada", "age": 36}'
    plugin, ctx = start(effort="fast")
    verdict = plugin.di_check_reply(ctx, REQUEST, completion('{"name": "Ada",}'), 0)
    assert not verdict.valid and verdict.retry is None and content(verdict) == '{"name": "Ada",}'
    plugin, ctx = start(effort="fast")
    cut = completion('{"name": "A', finish="length")
    assert plugin.di_check_reply(ctx, REQUEST, cut, 0).retry is None


def test_an_extra_call_without_choices_keeps_the_callers_reply() -> None:
    plugin, ctx = start(effort="high")
    plugin.di_check_reply(ctx, REQUEST, completion('{"name": "Ada"}'), 0)
    verdict = plugin.di_check_reply(ctx, REQUEST, {**completion(), "choices": []}, 1)
    assert not verdict.valid and verdict.retry is None and content(verdict) == '{"name": "Ada"}'


def test_refusals_and_filtered_replies_are_answers() -> None:
    plugin, ctx = start()
    assert plugin.di_check_reply(ctx, REQUEST, completion(None, refusal="I can't help with that."), 0).valid
    plugin, ctx = start()
    assert plugin.di_check_reply(ctx, REQUEST, completion("", finish="content_filter"), 0).valid


def test_several_choices_are_repaired_one_by_one_but_never_reasked() -> None:
    plugin, ctx = start(effort="high")
    reply = completion("```json\n" + GOOD + "\n```", '{"name": "Ada"}', GOOD)
    verdict = plugin.di_check_reply(ctx, {**REQUEST, "n": 3}, reply, 0)
    assert not verdict.valid and verdict.retry is None
    assert [c["message"]["content"] for c in verdict.completion["choices"]] == [GOOD, '{"name": "Ada"}', GOOD]


# -- tool calls -----------------------------------------------------------------------------------


def test_tool_arguments_are_checked_repaired_and_reasked() -> None:
    request = {"model": "m", "messages": REQUEST["messages"], "tools": TOOLS,
               "tool_choice": {"type": "function", "function": {"name": "get_weather"}}}
    plugin, ctx = start(request, rtype="code")
    verdict = plugin.di_check_reply(ctx, request, tool_completion("{city: 'Paris',}"), 0)
    assert verdict.valid
    assert verdict.completion["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] == '{"city": "Paris"}'
    plugin, ctx = start(request, rtype="code")
    verdict = plugin.di_check_reply(ctx, request, tool_completion('{"town": "Paris"}'), 0)
    note = verdict.retry["messages"][-1]
    assert note["role"] == "user" and "get_weather" in note["content"] and "'city' is a required property" in note["content"]
    assert verdict.retry["tools"] == TOOLS and verdict.retry["tool_choice"] == request["tool_choice"]
    plugin, ctx = start(request, rtype="code")
    assert "no function named" in plugin.di_check_reply(ctx, request, tool_completion("{}", "nope"), 0
                                                        ).retry["messages"][-1]["content"]


def test_a_forced_call_must_be_made() -> None:
    request = {"model": "m", "messages": REQUEST["messages"], "tools": TOOLS, "tool_choice": "required"}
    plugin, ctx = start(request, rtype="code")
    verdict = plugin.di_check_reply(ctx, request, completion("It is sunny."), 0)
    assert verdict.retry["messages"][-1]["content"].startswith("Problem: the reply must call a function")
    named = {**request, "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
             "tools": [*TOOLS, {"type": "function", "function": {"name": "other"}}]}
    plugin, ctx = start(named, rtype="code")
    verdict = plugin.di_check_reply(ctx, named, tool_completion("{}", "other"), 0)
    assert "must call the function get_weather" in verdict.retry["messages"][-1]["content"]
    auto = {**request, "tool_choice": "auto"}
    plugin, ctx = start(auto, rtype="code")
    assert plugin.di_check_reply(ctx, auto, completion("It is sunny."), 0).valid


def test_custom_tool_calls_are_kept_as_they_are() -> None:
    tools = [*TOOLS, {"type": "custom", "custom": {"name": "grammar"}}]
    request = {"model": "m", "messages": REQUEST["messages"], "tools": tools}
    plugin, ctx = start(request, rtype="code")
    reply = tool_completion('{"city": "P",}')
    custom = {"id": "call_2", "type": "custom", "custom": {"name": "grammar", "input": "not json at all"}}
    reply["choices"][0]["message"]["tool_calls"].append(custom)
    verdict = plugin.di_check_reply(ctx, request, reply, 0)
    calls = verdict.completion["choices"][0]["message"]["tool_calls"]
    assert verdict.valid and calls[0]["function"]["arguments"] == '{"city": "P"}' and calls[1] == custom


def test_legacy_function_call_arguments() -> None:
    request = {"model": "m", "messages": REQUEST["messages"], "functions": [TOOLS[0]["function"]]}
    plugin, ctx = start(request, rtype="code")
    reply = completion(None, finish="function_call", function_call={"name": "get_weather", "arguments": '{"city": "P",}'})
    verdict = plugin.di_check_reply(ctx, request, reply, 0)
    assert verdict.valid and verdict.completion["choices"][0]["message"]["function_call"]["arguments"] == '{"city": "P"}'


# -- streams and flags ----------------------------------------------------------------------------


def test_streams_are_buffered_or_relayed_as_configured() -> None:
    stream = {**REQUEST, "stream": True}
    plugin, ctx = start(stream)
    assert ctx.check_reply and ctx.buffer_stream
    plugin, ctx = start(stream, settings=JsonRepairSettings(streams="relay"))
    assert not ctx.check_reply and not ctx.buffer_stream and STATE_KEY not in ctx.extra
    assert plugin.unchecked == {("json", "stream"): 1}
    tools = {"model": "m", "messages": REQUEST["messages"], "tools": TOOLS, "stream": True}
    plugin, ctx = start(tools, rtype="code")
    assert not ctx.check_reply and plugin.unchecked == {("code", "stream"): 1}      # tool_streams: relay
    plugin, ctx = start(tools, rtype="code", settings=JsonRepairSettings(tool_streams="buffer"))
    assert ctx.check_reply and ctx.buffer_stream
    plugin, ctx = start({**REQUEST, "stream": False})
    assert ctx.check_reply and not ctx.buffer_stream


def test_requests_without_a_contract_are_not_touched() -> None:
    plugin, ctx = start({"model": "m", "messages": REQUEST["messages"]})
    assert not ctx.check_reply and not ctx.buffer_stream and not ctx.extra
    plugin, ctx = start(settings=JsonRepairSettings(enabled=False))
    assert not ctx.check_reply
    plugin = StrictJsonPlugin()
    classify = RequestContext(endpoint="classify", classification=Classification("json", 6, "json"))
    plugin.di_validate_request(REQUEST, classify)
    assert not classify.check_reply
    assert plugin.di_check_reply(classify, REQUEST, completion("x"), 0) is None


def test_metrics_are_published_by_type() -> None:
    plugin, ctx = start(effort="fast")
    plugin.di_check_reply(ctx, REQUEST, completion("{name: 'Ada', age: 36}"), 0)
    plugin.di_request_finished(ctx, {"ok": True})
    text = render(plugin.di_metrics()).decode()
    assert 'di_json_checked_total{request_type="json"} 1' in text
    assert 'di_json_replies_total{outcome="repaired",request_type="json"} 1' in text
    assert 'di_json_invalid_total{request_type="json"} 0' in text
    assert 'di_json_repairs_total{request_type="json",rule="unquoted_keys"} 1' in text
    assert 'di_json_repairs_total{request_type="json",rule="single_quotes"} 1' in text
    assert "di_json_check_seconds_total" in text


def test_merged_usage() -> None:
    assert merged_usage(None, {"completion_tokens": 3}) == {"completion_tokens": 3}
    assert merged_usage({"prompt_tokens": 5}, None) is None
    assert merged_usage({"prompt_tokens": 5}, {"prompt_tokens": 50, "completion_tokens": 3, "total_tokens": 53}) == \
        {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}


# -- di.json.repair -------------------------------------------------------------------------------


def config_with(tmp_path: Path, json_section: object) -> object:
    data = {"model_list": [{"model_name": "pro", "litellm_params": {"model": "openai/x"}}],
            "di": {"json": json_section}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    return load_config(path)


def test_settings_defaults_and_overrides(tmp_path: Path) -> None:
    assert config_with(tmp_path, None).di.json_repair == JsonRepairSettings()
    settings = config_with(tmp_path, {"repair": {"reasks": {"high": 4, "fast": 1}, "rules": ["strip_fences"],
                                                 "streams": "relay", "tool_streams": "buffer", "tools": False,
                                                 "reask_max_tokens": 100, "length_max_tokens": 200,
                                                 "validator_cache": 8, "enabled": True}}).di.json_repair
    assert settings.reasks == {**DEFAULT_REASKS, "high": 4, "fast": 1}
    assert settings.rules == ("strip_fences",) and settings.streams == "relay" and settings.tool_streams == "buffer"
    assert (settings.reask_max_tokens, settings.length_max_tokens, settings.validator_cache) == (100, 200, 8)
    assert settings.tools is False


@pytest.mark.parametrize(("section", "message"), [
    ({"repiar": {}}, "di.json.repiar: unknown setting"),
    ({"repair": {"reask": 1}}, "di.json.repair.reask: unknown setting"),
    ({"repair": {"reasks": {"turbo": 1}}}, "di.json.repair.reasks.turbo: unknown setting"),
    ({"repair": {"reasks": {"high": -1}}}, "di.json.repair.reasks.high: must be between 0 and 8"),
    ({"repair": {"reasks": {"high": 9}}}, "di.json.repair.reasks.high: must be between 0 and 8"),
    ({"repair": {"reasks": {"high": "2"}}}, "di.json.repair.reasks.high: expected an integer, got string"),
    ({"repair": {"rules": ["strip_fences", "guess"]}}, "di.json.repair.rules[1]: unknown repair rule 'guess'"),
    ({"repair": {"rules": ["strip_fences", "strip_fences"]}}, "di.json.repair.rules: a rule is listed twice"),
    ({"repair": {"streams": "maybe"}}, "di.json.repair.streams: expected one of buffer, relay"),
    ({"repair": {"reask_max_tokens": 0}}, "di.json.repair.reask_max_tokens: must be at least 1"),
    ({"repair": {"enabled": "yes"}}, "di.json.repair.enabled: expected a boolean, got string"),
    ({"repair": []}, "di.json.repair: expected a mapping, got list"),
    ("on", "di.json: expected a mapping, got string"),
])
def test_settings_errors_name_the_field(tmp_path: Path, section: object, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        config_with(tmp_path, section)
    assert message in str(err.value)
