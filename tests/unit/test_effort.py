"""Effort: every source, their precedence, invalid values, budgets, and model-id suffix parsing."""

from __future__ import annotations

import pytest

from di_plugins import EFFORT_LEVELS
from di_plugins.builtin.classification import ClassificationPlugin
from di_plugins.classifier import ClassifierSettings, normalize_effort, split_effort_suffix
from di_plugins.context import Effort, RequestContext
from di_plugins.errors import RequestError

PLUGIN = ClassificationPlugin()


def effort(body=None, *, model=None, headers=None, query=None):
    body = {"messages": [{"role": "user", "content": "hi"}]} if body is None else body
    if model is None:
        model = body.get("model", "") if isinstance(body, dict) else ""
    ctx = RequestContext(caller_model=model, headers=headers or {}, query=query or {})
    result = PLUGIN.di_effort(body, ctx)
    return result, ctx


def level(*args, **kwargs):
    e, _ = effort(*args, **kwargs)
    return e.level, e.source


# ---------------------------------------------------------------------------------------------------
# Each source alone
# ---------------------------------------------------------------------------------------------------
SOURCES = [
    ({"headers": {"x-di-effort": "high"}}, ("high", "header")),
    ({"headers": {"x-di-effort": " XHIGH "}}, ("xhigh", "header")),
    ({"headers": {"x-di-effort": "none"}}, ("fast", "header")),
    ({"headers": {"x-di-effort": "auto"}}, ("auto", "header")),
    ({"query": {"effort": "max"}}, ("max", "query")),
    ({"body": {"reasoning_effort": "minimal"}}, ("minimal", "reasoning_effort")),
    ({"body": {"reasoning_effort": "none"}}, ("fast", "reasoning_effort")),
    ({"body": {"reasoning": {"effort": "medium"}}}, ("medium", "reasoning_effort")),
    ({"body": {"generationConfig": {"thinkingConfig": {"thinkingLevel": "HIGH"}}}}, ("high", "gemini_thinking")),
    ({"body": {"generationConfig": {"thinkingConfig": {"thinkingBudget": 0}}}}, ("fast", "gemini_thinking")),
    ({"body": {"generationConfig": {"thinkingConfig": {"thinkingBudget": 8192}}}}, ("medium", "gemini_thinking")),
    ({"body": {"generation_config": {"thinking_config": {"thinking_budget": 24576}}}}, ("xhigh", "gemini_thinking")),
    ({"body": {"thinking": {"type": "enabled", "budget_tokens": 1024}}}, ("low", "anthropic_thinking")),
    ({"body": {"thinking": {"type": "enabled", "budget_tokens": 16000}}}, ("high", "anthropic_thinking")),
    ({"body": {"output_config": {"effort": "low"}}}, ("low", "anthropic_thinking")),
    ({"model": "claude-sonnet-4-6@xhigh"}, ("xhigh", "model_suffix")),
    ({"model": "gpt-5:fast"}, ("fast", "model_suffix")),
    ({"model": "gpt-5:none"}, ("fast", "model_suffix")),
    ({"model": "gpt-5"}, ("auto", "default")),
    ({}, ("auto", "default")),
]


@pytest.mark.parametrize("spec,expected", SOURCES)
def test_each_source(spec, expected):
    body = {"messages": [{"role": "user", "content": "hi"}], **spec.get("body", {})}
    assert level(body, model=spec.get("model", ""), headers=spec.get("headers"), query=spec.get("query")) == expected


@pytest.mark.parametrize("value", ["none", "minimal", "low", "medium", "high", "xhigh"])
def test_every_openai_reasoning_effort_value_is_accepted(value):
    assert level({"reasoning_effort": value})[1] == "reasoning_effort"


@pytest.mark.parametrize("value", EFFORT_LEVELS)
def test_every_level_is_accepted_everywhere(value):
    assert level(headers={"x-di-effort": value}) == (value, "header")
    assert level(query={"effort": value}) == (value, "query")
    assert level({"reasoning_effort": value}) == (value, "reasoning_effort")
    assert level(model=f"m@{value}") == (value, "model_suffix")


# ---------------------------------------------------------------------------------------------------
# Precedence: header > query > reasoning_effort > gemini > anthropic > suffix > default
# ---------------------------------------------------------------------------------------------------
ALL = {
    "headers": {"x-di-effort": "max"},
    "query": {"effort": "xhigh"},
    "reasoning_effort": "high",
    "gemini": {"thinkingConfig": {"thinkingLevel": "medium"}},
    "anthropic": {"type": "enabled", "budget_tokens": 2000},
    "model": "m@minimal",
}
ORDER = [("header", "max"), ("query", "xhigh"), ("reasoning_effort", "high"), ("gemini_thinking", "medium"),
         ("anthropic_thinking", "low"), ("model_suffix", "minimal"), ("default", "auto")]


@pytest.mark.parametrize("drop", range(len(ORDER)))
def test_precedence(drop):
    """With the first ``drop`` sources removed, the next one wins."""
    keys = ["headers", "query", "reasoning_effort", "gemini", "anthropic", "model"]
    present = set(keys[drop:])
    body = {"messages": [{"role": "user", "content": "hi"}]}
    if "reasoning_effort" in present:
        body["reasoning_effort"] = ALL["reasoning_effort"]
    if "gemini" in present:
        body["generationConfig"] = ALL["gemini"]
    if "anthropic" in present:
        body["thinking"] = ALL["anthropic"]
    got = level(body, model=ALL["model"] if "model" in present else "m",
                headers=ALL["headers"] if "headers" in present else None,
                query=ALL["query"] if "query" in present else None)
    source, lvl = ORDER[drop]
    assert got == (lvl, source)


def test_reasoning_effort_beats_reasoning_object():
    assert level({"reasoning_effort": "low", "reasoning": {"effort": "high"}}) == ("low", "reasoning_effort")


def test_gemini_level_beats_budget_and_anthropic_effort_beats_budget():
    body = {"generationConfig": {"thinkingConfig": {"thinkingLevel": "low", "thinkingBudget": 30000}}}
    assert level(body) == ("low", "gemini_thinking")
    body = {"output_config": {"effort": "high"}, "thinking": {"type": "enabled", "budget_tokens": 1024}}
    assert level(body) == ("high", "anthropic_thinking")


@pytest.mark.parametrize("body", [
    {"reasoning_effort": None},
    {"reasoning": {"effort": None}},
    {"reasoning": "high"},  # not an object: ignored
    {"generationConfig": {"thinkingConfig": {"thinkingBudget": -1}}},  # dynamic = no preference
    {"generationConfig": {"thinkingConfig": {"thinkingLevel": "THINKING_LEVEL_UNSPECIFIED"}}},
    {"generationConfig": {"thinkingConfig": {"thinkingBudget": "lots"}}},
    {"generationConfig": {"thinkingConfig": {"thinkingBudget": True}}},
    {"thinking": {"type": "disabled"}},
    {"thinking": {"type": "adaptive"}},
    {"thinking": {"type": "enabled", "budget_tokens": "big"}},
    {"output_config": {"effort": "ultra"}},
    {"generationConfig": "x", "thinking": 5, "output_config": []},
])
def test_absent_or_unusable_native_values_fall_through(body):
    assert level(body, model="gpt-5@high") == ("high", "model_suffix")


@pytest.mark.parametrize("headers,query", [({"x-di-effort": ""}, {}), ({"x-di-effort": "  "}, {}), ({}, {"effort": ""})])
def test_empty_header_or_query_counts_as_absent(headers, query):
    assert level(headers=headers, query=query) == ("auto", "default")


BUDGETS = [(0, "fast"), (1, "minimal"), (1023, "minimal"), (1024, "low"), (2048, "low"), (4095, "low"),
           (4096, "medium"), (10000, "medium"), (12287, "medium"), (12288, "high"), (24575, "high"),
           (24576, "xhigh"), (31999, "xhigh"), (49151, "xhigh"), (49152, "max"), (10**9, "max"), (4096.0, "medium")]


@pytest.mark.parametrize("budget,expected", BUDGETS)
def test_budget_mapping(budget, expected):
    assert level({"thinking": {"type": "enabled", "budget_tokens": budget}})[0] == expected
    assert level({"generationConfig": {"thinkingConfig": {"thinkingBudget": budget}}})[0] == expected


def test_budget_mapping_is_configurable():
    plugin = ClassificationPlugin(ClassifierSettings.from_mapping(
        {"thinking_budget_levels": [[0, "none"], [5000, "low"], [None, "max"]]}))
    ctx = RequestContext()
    assert plugin.di_effort({"thinking": {"budget_tokens": 6000}}, ctx) == Effort("max", "anthropic_thinking")
    assert plugin.di_effort({"thinking": {"budget_tokens": 0}}, ctx) == Effort("fast", "anthropic_thinking")


# ---------------------------------------------------------------------------------------------------
# Invalid values: a clean 400
# ---------------------------------------------------------------------------------------------------
INVALID = [
    ({"headers": {"x-di-effort": "ultra"}}, "X-DI-Effort"),
    ({"headers": {"x-di-effort": "hgih"}}, "X-DI-Effort"),
    ({"query": {"effort": "turbo"}}, "effort"),
    ({"body": {"reasoning_effort": "extreme"}}, "reasoning_effort"),
    ({"body": {"reasoning_effort": 5}}, "reasoning_effort"),
    ({"body": {"reasoning_effort": True}}, "reasoning_effort"),
    ({"body": {"reasoning": {"effort": "loud"}}}, "reasoning.effort"),
]


@pytest.mark.parametrize("spec,param", INVALID)
def test_invalid_effort_is_a_400(spec, param):
    body = {"messages": [{"role": "user", "content": "hi"}], **spec.get("body", {})}
    with pytest.raises(RequestError) as info:
        effort(body, headers=spec.get("headers"), query=spec.get("query"))
    err = info.value.error
    assert (err.status, err.param, err.code, err.type) == (400, param, "invalid_effort", "invalid_request_error")
    for lvl in EFFORT_LEVELS:
        assert lvl in err.message


def test_invalid_header_wins_over_valid_later_sources():
    with pytest.raises(RequestError):
        effort({"reasoning_effort": "high"}, headers={"x-di-effort": "nope"})


def test_valid_header_shadows_an_invalid_reasoning_effort():
    assert level({"reasoning_effort": "nope"}, headers={"x-di-effort": "low"}) == ("low", "header")


def test_invalid_model_suffix_is_not_an_error():
    assert level(model="gpt-5@ultra") == ("auto", "default")


# ---------------------------------------------------------------------------------------------------
# Suffix parsing and intent model
# ---------------------------------------------------------------------------------------------------
SUFFIXES = [
    ("claude-sonnet-4-6@xhigh", "claude-sonnet-4-6", "xhigh"),
    ("gpt-5:fast", "gpt-5", "fast"),
    ("gpt-5:none", "gpt-5", "fast"),
    ("gpt-5@HIGH", "gpt-5", "high"),
    ("gpt-5@auto", "gpt-5", "auto"),
    ("a@b:max", "a@b", "max"),
    ("a:low@x", "a:low@x", None),  # only the last separator counts
    ("ft:gpt-4o:org:custom", "ft:gpt-4o:org:custom", None),
    ("ft:gpt-4o:acme:high", "ft:gpt-4o:acme", "high"),
    ("llama3:8b", "llama3:8b", None),
    ("anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-5-sonnet-20241022-v2:0", None),
    ("models/gemini-2.5-flash", "models/gemini-2.5-flash", None),
    ("@high", "@high", None),  # nothing before the suffix
    (":fast", ":fast", None),
    ("gpt-5@", "gpt-5@", None),
    ("gpt-5", "gpt-5", None),
    ("", "", None),
]


@pytest.mark.parametrize("model,intent,lvl", SUFFIXES)
def test_split_effort_suffix(model, intent, lvl):
    assert split_effort_suffix(model) == (intent, lvl)


@pytest.mark.parametrize("model,intent,lvl", SUFFIXES)
def test_di_effort_sets_intent_model(model, intent, lvl):
    e, ctx = effort(model=model)
    assert ctx.intent_model == intent
    assert e == (Effort(lvl, "model_suffix") if lvl else Effort("auto", "default"))


def test_suffix_is_stripped_for_intent_even_when_another_source_wins():
    e, ctx = effort(model="gpt-4o-mini@max", headers={"x-di-effort": "low"})
    assert e == Effort("low", "header") and ctx.intent_model == "gpt-4o-mini"


def test_suffix_does_not_leak_into_the_base_type():
    ctx = RequestContext(caller_model="gpt-5:fast")
    body = {"model": "gpt-5:fast", "messages": [{"role": "user", "content": "hello"}]}
    ctx.effort = PLUGIN.di_effort(body, ctx)
    c = PLUGIN.di_classify(body, ctx)
    assert (c.request_type, c.base_type, ctx.effort.level) == ("pro", "pro", "fast")


def test_model_falls_back_to_the_body_when_ctx_has_none():
    ctx = RequestContext()
    assert PLUGIN.di_effort({"model": "x@low"}, ctx) == Effort("low", "model_suffix")
    assert ctx.intent_model == "x"


@pytest.mark.parametrize("value,expected", [("None", "fast"), ("FAST", "fast"), (" max ", "max"), ("x", None),
                                            (None, None), (3, None), ("", None)])
def test_normalize_effort(value, expected):
    assert normalize_effort(value) == expected


def test_non_mapping_headers_and_query_are_ignored():
    ctx = RequestContext()
    ctx.headers = None  # type: ignore[assignment]
    ctx.query = []  # type: ignore[assignment]
    assert PLUGIN.di_effort({"reasoning_effort": "low"}, ctx) == Effort("low", "reasoning_effort")
    assert PLUGIN.di_effort(None, ctx) == Effort("auto", "default")
