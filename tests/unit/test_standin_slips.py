"""The stand-in's JSON slip mode (``standin/slips.py``): each slip kind, seeded determinism and rate,
slips applied to answers (content and tool-call arguments, streamed too), the control endpoint, the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import orjson
import pytest

from di_plugins.strictjson.repair import RULES, repair
from standin import StandInUpstream
from standin.answers import build_answer
from standin.cli import _rates, build_parser
from standin.slips import SLIP_KINDS, Slipper, apply_slips, slip_text

SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
          "required": ["name", "age"]}
TEXT = '{"name":"Ada","age":36}'
FORMAT = {"type": "json_schema", "json_schema": {"name": "p", "schema": SCHEMA}}
TOOLS = [{"type": "function", "function": {"name": "f", "parameters": SCHEMA}}]
MESSAGES = [{"role": "user", "content": "Extract it."}]


def parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def test_fence() -> None:
    text, cut = slip_text("fence", TEXT, SCHEMA)
    assert text.startswith("```json\n") and text.endswith("\n```") and not cut
    assert json.loads(text[8:-4]) == json.loads(TEXT)


def test_prose() -> None:
    text, cut = slip_text("prose", TEXT, SCHEMA)
    assert TEXT in text and not text.startswith("{") and not text.endswith("}") and not cut


def test_trailing_comma() -> None:
    assert slip_text("trailing_comma", TEXT, SCHEMA) == ('{"name":"Ada","age":36,}', False)
    assert slip_text("trailing_comma", "[1,2]", None) == ("[1,2,]", False)
    assert not parses(slip_text("trailing_comma", "{}", None)[0])
    assert slip_text("trailing_comma", '"scalar"', None)[0].startswith("```json")  # a scalar is fenced instead


def test_missing_key() -> None:
    assert slip_text("missing_key", TEXT, SCHEMA) == ('{"age":36}', False)
    assert slip_text("missing_key", TEXT, {"type": "object"}) == ("[" + TEXT + "]", False)  # no required key


def test_truncated() -> None:
    text, cut = slip_text("truncated", TEXT, SCHEMA)
    assert cut and TEXT.startswith(text) and 0 < len(text) < len(TEXT) and not parses(text)


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown slip kind"):
        slip_text("typo", TEXT, SCHEMA)
    with pytest.raises(ValueError, match="unknown slip kind"):
        Slipper(0.5, ["typo"])
    with pytest.raises(ValueError, match="between 0 and 1"):
        Slipper(1.5)


@pytest.mark.parametrize("kind", SLIP_KINDS)
def test_what_the_gateways_rules_can_and_cannot_repair(kind: str) -> None:
    text, _ = slip_text(kind, TEXT, SCHEMA)
    fixed = repair(text, lambda t: parses(t) and set(json.loads(t)) == {"name", "age"}, tuple(RULES))
    if kind in ("fence", "prose", "trailing_comma"):
        assert fixed is not None and json.loads(fixed[0]) == json.loads(TEXT)
    else:  # data is missing: only another call can help
        assert fixed is None


def test_draws_are_deterministic_for_a_seed_and_keep_the_rate() -> None:
    draws = [Slipper(0.3, SLIP_KINDS, 7) for _ in range(2)]
    first, second = ([s.draw() for _ in range(2000)] for s in draws)
    assert first == second
    assert [Slipper(0.3, SLIP_KINDS, 8).draw() for _ in range(2000)] != first
    share = sum(d is not None for d in first) / len(first)
    assert 0.27 < share < 0.33
    assert {d for d in first if d} == set(SLIP_KINDS)
    assert draws[0].to_dict()["slipped"] == {k: first.count(k) for k in SLIP_KINDS}
    assert draws[0].answers == 2000
    assert all(Slipper(0.0, SLIP_KINDS, 1).draw() is None for _ in range(100))
    assert all(Slipper(1.0, ["fence"], 1).draw() == "fence" for _ in range(100))


def test_slips_apply_to_json_content_and_tool_arguments_only() -> None:
    body = {"messages": MESSAGES, "response_format": FORMAT, "max_tokens": 5}
    answer = build_answer(body)
    clean = answer.choices[0].content
    assert apply_slips(answer, body, Slipper(1.0, ["truncated"])) == ["truncated"]
    choice = answer.choices[0]
    assert clean.startswith(choice.content) and choice.finish_reason == "length"
    assert "".join(choice.pieces) == choice.content

    tools = {"messages": MESSAGES, "tools": TOOLS, "n": 2}
    answer = build_answer(tools)
    assert apply_slips(answer, tools, Slipper(1.0, ["missing_key"])) == ["missing_key", "missing_key"]
    assert all("name" not in json.loads(c.tool_call["function"]["arguments"]) for c in answer.choices)

    text = {"messages": MESSAGES}
    answer = build_answer(text)
    words = answer.choices[0].content
    assert apply_slips(answer, text, Slipper(1.0)) == [None] and answer.choices[0].content == words


@pytest.fixture(scope="module")
def upstream() -> Iterator[StandInUpstream]:
    with StandInUpstream(2, model_name="secret-slip-model", slip_rate=[1.0, 0.0], slip_kinds=["prose"],
                         slip_seed=5) as up:
        yield up


def test_per_replica_slips_streams_and_control(upstream: StandInUpstream) -> None:
    slipping, polite = upstream.replicas
    assert (slipping.slipper.rate, slipping.slipper.seed, polite.slipper.rate) == (1.0, 5, 0.0)
    with httpx.Client(trust_env=False, timeout=5) as client:
        body = {"model": "m", "messages": MESSAGES, "response_format": FORMAT}
        slipped = client.post(slipping.url + "/chat/completions", json=body).json()
        assert slipped["choices"][0]["message"]["content"].startswith("Sure!")
        plain = client.post(polite.url + "/chat/completions", json=body).json()
        assert json.loads(plain["choices"][0]["message"]["content"])["name"]

        resp = client.post(slipping.url + "/chat/completions", json={**body, "stream": True})
        events = [line[6:] for line in resp.text.split("\n\n") if line.startswith("data: ")]
        streamed = "".join((orjson.loads(e)["choices"] or [{}])[0].get("delta", {}).get("content") or ""
                           for e in events[:-1])
        assert streamed.startswith("Sure!") and events[-1] == "[DONE]"

        root = slipping.url.removesuffix("/v1")
        state = client.get(root + "/_control/slip").json()
        assert state["slipped"] == {"prose": 2} and state["answers"] == 2
        assert client.post(root + "/_control/slip", json={"rate": 0.5, "kinds": ["nope"]}).status_code == 400
        ok = client.post(root + "/_control/slip", json={"rate": 1, "kinds": ["fence"], "seed": 2}).json()
        assert ok["slip"]["kinds"] == ["fence"] and ok["slip"]["seed"] == 2
        assert client.get(root + "/_control/state").json()["slip"]["rate"] == 1.0
        assert client.post(root + "/_control/reset").status_code == 200
        assert client.get(root + "/_control/slip").json()["rate"] == 0.0  # reset turns slips off


def test_cli_flags() -> None:
    args = build_parser().parse_args(["--replicas", "2", "--slip-rate", "0.3,0", "--slip-kinds", "fence,prose",
                                      "--slip-seed", "4"])
    assert _rates(args.slip_rate, 2) == [0.3, 0.0] and args.slip_kinds == "fence,prose" and args.slip_seed == 4
    assert _rates("0.3", 3) == [0.3, 0.3, 0.3]
    with pytest.raises(ValueError, match="one per replica"):
        _rates("0.1,0.2", 3)
