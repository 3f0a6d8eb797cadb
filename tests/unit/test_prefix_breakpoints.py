"""cache_control breakpoints: canonical blocks, positions, TTLs and every validation error."""

from __future__ import annotations

import copy
import json
import random

import pytest

from di_plugins.errors import RequestError
from di_plugins.prefix.breakpoints import (
    TAG_MEDIA,
    Breakpoint,
    estimate_block_tokens,
    has_cache_control,
    parse,
    strip_cache_control,
)

EPH = {"type": "ephemeral"}


def text(t: str, cc: dict | None = None) -> dict:
    part = {"type": "text", "text": t}
    if cc is not None:
        part["cache_control"] = cc
    return part


def req(*messages: dict, tools: list | None = None) -> dict:
    r: dict = {"model": "m", "messages": list(messages)}
    if tools is not None:
        r["tools"] = tools
    return r


def tool(name: str, **extra) -> dict:
    return {"type": "function", "function": {"name": name, "parameters": {"type": "object"}}, **extra}


def err(request: dict, **kw) -> RequestError:
    with pytest.raises(RequestError) as info:
        parse(request, **kw)
    assert info.value.status == 400
    return info.value


# --- no breakpoints --------------------------------------------------------------------------------

def test_request_without_cache_control_builds_nothing():
    r = req({"role": "system", "content": "sys"}, {"role": "user", "content": [text("hi")]}, tools=[tool("f")])
    assert parse(r) == ([], [])
    assert not has_cache_control(r)


def test_cache_control_null_is_no_breakpoint_but_is_stripped():
    r = req({"role": "user", "content": [text("a", cc=None)], "cache_control": None},
            {"role": "user", "content": [text("b", EPH)]})
    blocks, bps = parse(r)
    assert [b.path for b in bps] == ["messages[1].content[0]"]
    plain, _ = parse(req({"role": "user", "content": [text("a")]}, {"role": "user", "content": [text("b", EPH)]}))
    assert blocks == plain


# --- positions -------------------------------------------------------------------------------------

def test_breakpoint_positions_in_tools_then_messages_order():
    r = req({"role": "system", "content": [text("s0"), text("s1", EPH)]},
            {"role": "user", "content": "question", "cache_control": EPH},
            {"role": "user", "content": [text("u0"), text("u1")], "cache_control": {"type": "ephemeral"}},
            {"role": "user", "content": "tail, never hashed"},
            tools=[tool("a"), tool("b", cache_control={"type": "ephemeral", "ttl": "1h"})])
    blocks, bps = parse(r)
    assert bps == [Breakpoint(1, 3600, "tools[1]"), Breakpoint(3, 300, "messages[0].content[1]"),
                   Breakpoint(4, 300, "messages[1]"), Breakpoint(6, 300, "messages[2]")]
    assert len(blocks) == 7   # up to and including the last breakpoint only
    assert all(isinstance(b, bytes) for b in blocks)


def test_function_level_cache_control_on_a_tool_is_a_breakpoint():
    t = tool("f")
    t["function"]["cache_control"] = {"type": "ephemeral", "ttl": "1h"}
    blocks, bps = parse(req({"role": "user", "content": "x"}, tools=[t]))
    assert bps == [Breakpoint(0, 3600, "tools[0].function")]
    assert b"cache_control" not in blocks[0]


def test_two_marks_on_one_block_are_one_breakpoint_first_wins():
    r = req({"role": "user", "content": [text("a", {"type": "ephemeral", "ttl": "1h"})], "cache_control": EPH})
    _, bps = parse(r)
    assert bps == [Breakpoint(0, 3600, "messages[0].content[0]")]
    t = tool("f", cache_control=EPH)
    t["function"]["cache_control"] = {"type": "ephemeral", "ttl": "1h"}
    assert parse(req(tools=[t]))[1] == [Breakpoint(0, 300, "tools[0]")]
    # both marks are validated
    bad = req({"role": "user", "content": [text("a", EPH)], "cache_control": {"type": "x"}})
    assert err(bad).error.param == "messages[0].cache_control.type"


def test_message_level_cache_control_on_empty_or_none_content():
    r = req({"role": "assistant", "content": None, "tool_calls": [{"id": "c1"}], "cache_control": EPH})
    blocks, bps = parse(r)
    assert bps == [Breakpoint(0, 300, "messages[0]")] and len(blocks) == 1
    r2 = req({"role": "user", "content": [], "cache_control": EPH})
    assert parse(r2)[1] == [Breakpoint(0, 300, "messages[0]")]


@pytest.mark.parametrize(("cc", "ttl"), [(EPH, 300), ({"type": "ephemeral", "ttl": "5m"}, 300),
                                          ({"type": "ephemeral", "ttl": "1h"}, 3600)])
def test_ttl_mapping(cc, ttl):
    assert parse(req({"role": "user", "content": [text("a", cc)]}))[1][0].ttl == ttl


def test_longer_ttl_first_is_allowed():
    h, m = {"type": "ephemeral", "ttl": "1h"}, {"type": "ephemeral", "ttl": "5m"}
    r = req({"role": "user", "content": [text("a", h), text("b", h), text("c", m), text("d", EPH)]})
    assert [b.ttl for b in parse(r)[1]] == [3600, 3600, 300, 300]


# --- canonical blocks ------------------------------------------------------------------------------

def test_key_order_and_whitespace_are_normalised():
    a = json.loads('{"messages": [{"role": "user", "content": [{"type": "text", "text": "hello",'
                   ' "cache_control": {"type": "ephemeral"}}]}],'
                   ' "tools": [{"type": "function", "function": {"name": "f", "parameters": {"a": 1, "b": 2}}}]}')
    b = json.loads('{"tools":[{"function":{"parameters":{"b":2,"a":1},"name":"f"},"type":"function"}],'
                   '"messages":[{"content":[{"cache_control":{"type":"ephemeral"},"text":"hello","type":"text"}],'
                   '"role":"user"}]}')
    assert parse(a)[0] == parse(b)[0]


def test_cache_control_is_removed_from_blocks():
    h = {"type": "ephemeral", "ttl": "1h"}
    with_cc = req({"role": "system", "content": [text("s", h)]},
                  {"role": "user", "content": "u", "cache_control": EPH}, tools=[tool("f", cache_control=h)])
    only_last = req({"role": "system", "content": [text("s")]},
                    {"role": "user", "content": "u", "cache_control": EPH}, tools=[tool("f")])
    blocks, bps = parse(with_cc)
    assert len(bps) == 3 and len(blocks) == 3
    assert blocks == parse(only_last)[0]
    assert all(b"cache_control" not in b for b in blocks)


def test_cache_control_deeper_than_the_marked_levels_is_kept_and_ignored():
    t = tool("f", cache_control=EPH)
    t["function"]["parameters"] = {"type": "object", "properties": {"cache_control": {"type": "string"}}}
    blocks, bps = parse(req(tools=[t]))
    assert len(bps) == 1 and b"cache_control" in blocks[0]


def test_role_matters():
    u = parse(req({"role": "user", "content": [text("same words", EPH)]}))[0]
    s = parse(req({"role": "system", "content": [text("same words", EPH)]}))[0]
    assert u != s


def test_string_content_equals_single_text_part():
    a = parse(req({"role": "user", "content": "hi", "cache_control": EPH}))[0]
    b = parse(req({"role": "user", "content": [text("hi", EPH)]}))[0]
    assert a == b


def test_other_message_fields_belong_to_the_first_block():
    a = parse(req({"role": "tool", "tool_call_id": "1", "content": [text("r", EPH), text("x")]}))[0]
    b = parse(req({"role": "tool", "tool_call_id": "2", "content": [text("r", EPH), text("x")]}))[0]
    assert a != b


def test_media_blocks_are_tagged_and_estimated_at_a_fixed_size():
    img = {"type": "image_url", "image_url": {"url": "data:image/png;base64," + "A" * 400_000},
           "cache_control": EPH}
    blocks, _ = parse(req({"role": "user", "content": [img]}))
    assert blocks[0][:1] == TAG_MEDIA and estimate_block_tokens(blocks[0]) == 1000
    blocks, _ = parse(req({"role": "user", "content": [text("x" * 4000, EPH)]}))
    assert 1000 <= estimate_block_tokens(blocks[0]) <= 1020


# --- validation ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cc", "param", "fragment"), [
    ("ephemeral", "messages[0].content[0].cache_control", "expected an object, got a string"),
    ([], "messages[0].content[0].cache_control", "got an array"),
    (True, "messages[0].content[0].cache_control", "got a boolean"),
    ({}, "messages[0].content[0].cache_control.type", "Missing required parameter"),
    ({"type": "persistent"}, "messages[0].content[0].cache_control.type", 'expected "ephemeral", got "persistent"'),
    ({"type": None}, "messages[0].content[0].cache_control.type", "got null"),
    ({"type": "ephemeral", "ttl": 300}, "messages[0].content[0].cache_control.ttl", 'expected "5m" or "1h", got 300'),
    ({"type": "ephemeral", "ttl": None}, "messages[0].content[0].cache_control.ttl", "got null"),
    ({"type": "ephemeral", "ttl": "1m"}, "messages[0].content[0].cache_control.ttl", 'got "1m"'),
    ({"type": "ephemeral", "scope": "x"}, "messages[0].content[0].cache_control.scope", "Unrecognized parameter"),
])
def test_invalid_cache_control_on_a_part(cc, param, fragment):
    e = err(req({"role": "user", "content": [text("a", cc)]}))
    assert e.error.param == param and e.error.code == "invalid_cache_control"
    assert fragment in e.error.message and param in e.error.message


def test_ttl_2h_message():
    e = err(req({"role": "user", "content": [text("a", {"type": "ephemeral", "ttl": "2h"})]}))
    assert e.error.message == ("Invalid value for 'messages[0].content[0].cache_control.ttl': "
                               'expected "5m" or "1h", got "2h".')
    assert e.error.type == "invalid_request_error"


@pytest.mark.parametrize(("request_", "param"), [
    (req({"role": "user", "content": "a", "cache_control": {"type": "ephemeral", "ttl": "2h"}}),
     "messages[0].cache_control.ttl"),
    (req(tools=[tool("f", cache_control={"type": "nope"})]), "tools[0].cache_control.type"),
    (req(tools=[{"type": "function", "function": {"name": "f", "cache_control": "x"}}]),
     "tools[0].function.cache_control"),
    (req({"role": "user", "content": "a"}, {"role": "user", "content": [text("a"), text("b", {"x": 1})]}),
     "messages[1].content[1].cache_control.x"),
])
def test_invalid_cache_control_elsewhere_names_the_field(request_, param):
    assert err(request_).error.param == param


def test_fifth_breakpoint_is_too_many():
    r = req({"role": "system", "content": [text(str(i), EPH) for i in range(3)]},
            {"role": "user", "content": "u", "cache_control": EPH},
            {"role": "user", "content": [text("v", EPH)]}, tools=[tool("f")])
    e = err(r)
    assert e.error.param == "messages[2].content[0].cache_control"
    assert e.error.code == "too_many_breakpoints"
    assert "at most 4" in e.error.message
    assert len(parse(r, max_breakpoints=5)[1]) == 5
    assert err(r, max_breakpoints=2).error.param == "messages[0].content[2].cache_control"


def test_one_hour_after_five_minutes_is_rejected():
    r = req({"role": "system", "content": [text("a", EPH), text("b", {"type": "ephemeral", "ttl": "1h"})]})
    e = err(r)
    assert e.error.param == "messages[0].content[1].cache_control.ttl"
    assert e.error.code == "invalid_cache_control"
    assert "messages[0].content[0].cache_control" in e.error.message and "longer ttl" in e.error.message
    r2 = req({"role": "user", "content": "a", "cache_control": {"type": "ephemeral", "ttl": "5m"}},
             tools=[tool("f", cache_control={"type": "ephemeral", "ttl": "1h"})])
    assert [b.ttl for b in parse(r2)[1]] == [3600, 300]


# --- helpers ---------------------------------------------------------------------------------------

def test_strip_cache_control_copies_and_never_mutates():
    t = tool("f", cache_control=EPH)
    t["function"]["cache_control"] = EPH
    r = req({"role": "user", "content": [text("a", EPH), text("b")], "cache_control": EPH},
            {"role": "user", "content": "plain"}, tools=[t, tool("g")])
    before = copy.deepcopy(r)
    out = strip_cache_control(r)
    assert r == before
    assert not has_cache_control(out)
    assert out["messages"][1] is r["messages"][1] and out["tools"][1] is r["tools"][1]
    assert out["messages"][0]["content"][1] is r["messages"][0]["content"][1]
    plain = req({"role": "user", "content": "x"})
    assert strip_cache_control(plain) is plain


# --- fuzz: odd input never raises anything but RequestError ------------------------------------------

_ATOMS = [None, 0, 1.5, True, "", "x", "ephemeral", "1h", "2h", [], {}, "\ud800", 10**30]


def _rand(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth > 3 or roll < 0.35:
        return rng.choice(_ATOMS)
    if roll < 0.55:
        return [_rand(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["role", "content", "cache_control", "type", "ttl", "text", "function", "tool_calls", "name", "z"]
    d = {}
    for _ in range(rng.randint(0, 5)):
        k = rng.choice(keys)
        if k == "cache_control" and rng.random() < 0.6:
            d[k] = rng.choice([EPH, {"type": "ephemeral", "ttl": rng.choice(["5m", "1h", "2h"])}, None,
                               _rand(rng, depth + 1)])
        else:
            d[k] = _rand(rng, depth + 1)
    return d


def test_fuzz_never_raises_anything_else():
    rng = random.Random(1234)
    for _ in range(3000):
        r = _rand(rng)
        if isinstance(r, dict) and rng.random() < 0.7:
            r["messages"] = [_rand(rng) for _ in range(rng.randint(0, 5))]
            if rng.random() < 0.5:
                r["tools"] = [_rand(rng) for _ in range(rng.randint(0, 3))]
        try:
            blocks, bps = parse(r, max_breakpoints=rng.choice([1, 4]))
        except RequestError as e:
            assert e.status == 400 and e.error.param and "cache_control" in e.error.param
            continue
        assert all(isinstance(b, bytes) for b in blocks)
        assert all(0 <= bp.block < len(blocks) for bp in bps)
        assert [bp.block for bp in bps] == sorted({bp.block for bp in bps})
        strip_cache_control(r)
        has_cache_control(r)


def _valid(rng: random.Random) -> dict:
    ccs = [EPH, {"type": "ephemeral", "ttl": "1h"}, None]
    msgs = []
    for j in range(rng.randint(1, 5)):
        parts = [text(f"p{j}{k}", rng.choice(ccs) if rng.random() < 0.3 else None) for k in range(rng.randint(0, 3))]
        m = {"role": rng.choice(["system", "user", "assistant", "tool"]), "content": parts or f"s{j}"}
        if rng.random() < 0.2:
            m["cache_control"] = rng.choice(ccs)
        msgs.append(m)
    tools = [tool(f"t{i}", cache_control=rng.choice(ccs)) for i in range(rng.randint(0, 2))]
    return req(*msgs, tools=tools)


def _mutate(rng: random.Random, node, depth: int = 0):
    if rng.random() < 0.08:
        return _rand(rng, 2)
    if isinstance(node, dict):
        return {k: _mutate(rng, v, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [_mutate(rng, v, depth + 1) for v in node]
    return node


def test_fuzz_mutated_valid_requests():
    rng = random.Random(99)
    outcomes = {"ok": 0, "bp": 0, "error": 0}
    for _ in range(2000):
        r = _mutate(rng, _valid(rng))
        try:
            blocks, bps = parse(r)
        except RequestError as e:
            assert e.status == 400 and "cache_control" in (e.error.param or "")
            outcomes["error"] += 1
            continue
        outcomes["bp" if bps else "ok"] += 1
        assert len(blocks) == (bps[-1].block + 1 if bps else 0)
        assert not has_cache_control(strip_cache_control(r))
    assert min(outcomes.values()) > 100, outcomes
