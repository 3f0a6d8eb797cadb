"""The deterministic repair rules of ``di_plugins.strictjson.repair``: one table per rule (what it fixes,
what it leaves alone, strings untouched), then the pipeline that applies them until the text is accepted."""

from __future__ import annotations

import json

import pytest

from di_plugins.strictjson.repair import (
    RULES,
    extract_json,
    python_literals,
    repair,
    single_quotes,
    strip_comments,
    strip_fences,
    trailing_commas,
    unquoted_keys,
)


def parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(("text", "fixed"), [
    ('```json\n{"a": 1}\n```', '{"a": 1}'),
    ('```\n[1, 2]\n```', "[1, 2]"),
    ('```JSON\n{"a": 1}\n```\nAnything else?', '{"a": 1}'),
    ('Here you go:\n```json\n{"a": 1}\n```', '{"a": 1}'),
    ('```json\n{"a": 1}', '{"a": 1}'),                       # never closed
    ('```{"a": 1}```', '{"a": 1}'),                           # one line
])
def test_strip_fences(text: str, fixed: str) -> None:
    assert strip_fences(text) == fixed


@pytest.mark.parametrize("text", ['{"a": 1}', '{"code": "no fence here"}', ""])
def test_strip_fences_leaves_unfenced_text(text: str) -> None:
    assert strip_fences(text) is None


@pytest.mark.parametrize(("text", "fixed"), [
    ('Sure! Here is the JSON: {"a": 1} Let me know.', '{"a": 1}'),
    ('The list: [1, 2, 3].', "[1, 2, 3]"),
    ('Note {x} first, then {"name": "a", "tags": ["b"]} done', '{"name": "a", "tags": ["b"]}'),
    ('Answer: {"a": "}"} end', '{"a": "}"}'),                 # brackets inside strings do not count
    ('Result: {"a": [1,2,]} ok', '{"a": [1,2,]}'),            # nothing parses: the longest balanced span
])
def test_extract_json(text: str, fixed: str) -> None:
    assert extract_json(text) == fixed


@pytest.mark.parametrize("text", ['{"a": 1}', "  [1]  ", "no json at all", '{"never": "closed"'])
def test_extract_json_without_surrounding_prose(text: str) -> None:
    assert extract_json(text) is None


@pytest.mark.parametrize(("text", "fixed"), [
    ('{"a": 1, // the count\n"b": 2}', '{"a": 1, \n"b": 2}'),
    ('{"a": /* inline */ 1}', '{"a":  1}'),
    ('{"url": "http://x/y", "a": 1}', None),                # "//" inside a string is data
])
def test_strip_comments(text: str, fixed: str | None) -> None:
    assert strip_comments(text) == fixed


@pytest.mark.parametrize(("text", "fixed"), [
    ('{"a": True, "b": False, "c": None}', '{"a": true, "b": false, "c": null}'),
    ('[None, True]', "[null, true]"),
    ('{"a": "True or None"}', None),                         # strings are data
    ('{"Nonesuch": 1}', None),
    ('{"a": NoneType}', None),
])
def test_python_literals(text: str, fixed: str | None) -> None:
    assert python_literals(text) == fixed


@pytest.mark.parametrize(("text", "fixed"), [
    ("{'a': 'b'}", '{"a": "b"}'),
    ("{'a': 'it\\'s'}", '{"a": "it\'s"}'),
    ("{'say': 'he said \"hi\"'}", '{"say": "he said \\"hi\\""}'),
    ('{"a": "it\'s"}', None),                                # an apostrophe inside a JSON string
])
def test_single_quotes(text: str, fixed: str | None) -> None:
    assert single_quotes(text) == fixed
    if fixed is not None:
        assert parses(fixed)


@pytest.mark.parametrize(("text", "fixed"), [
    ('{a: 1, b_2: "x"}', '{"a": 1, "b_2": "x"}'),
    ('{\n  name: "Ada",\n  age: 36\n}', '{\n  "name": "Ada",\n  "age": 36\n}'),
    ('{"a": {inner: [1, {deep: true}]}}', '{"a": {"inner": [1, {"deep": true}]}}'),
    ('{"a": "x, b: y"}', None),                              # inside a string
    ('[a, b]', None),                                        # bare words in an array are not keys
    ('{"a": 1}', None),
])
def test_unquoted_keys(text: str, fixed: str | None) -> None:
    assert unquoted_keys(text) == fixed


@pytest.mark.parametrize(("text", "fixed"), [
    ('{"a": 1,}', '{"a": 1}'),
    ('[1, 2, ]', "[1, 2 ]"),
    ('{"a": [1,\n],\n}', '{"a": [1\n]\n}'),
    ('{"a": ",}"}', None),                                   # inside a string
    ('{"a": 1, "b": 2}', None),
])
def test_trailing_commas(text: str, fixed: str | None) -> None:
    assert trailing_commas(text) == fixed


def test_rules_never_change_data() -> None:
    """Valid JSON stays as it is under every rule (none applies, or the text is unchanged)."""
    samples = ['{"a": 1, "b": [true, null, "x,}"], "c": {"d": "it\'s // not a comment"}}', "[]", '"text"', "3"]
    for sample in samples:
        for name, rule in RULES.items():
            out = rule(sample)
            assert out is None or json.loads(out) == json.loads(sample), (name, sample, out)


def test_repair_applies_rules_in_order_until_accepted() -> None:
    text = "Sure:\n```json\n{name: 'Ada', age: 36, tags: [True,],}\n```\nBye"
    fixed, applied = repair(text, parses, tuple(RULES))
    assert json.loads(fixed) == {"name": "Ada", "age": 36, "tags": [True]}
    assert applied == ["strip_fences", "python_literals", "single_quotes", "unquoted_keys", "trailing_commas"]


def test_repair_stops_at_the_first_accepted_text() -> None:
    fixed, applied = repair('```json\n{"a": 1}\n```', parses, tuple(RULES))
    assert (fixed, applied) == ('{"a": 1}', ["strip_fences"])


def test_repair_gives_up_when_nothing_is_accepted() -> None:
    assert repair('{"name": "Ada"', parses, tuple(RULES)) is None          # cut short: never closed up
    assert repair('{"a": 1,}', lambda t: False, tuple(RULES)) is None      # parses, but the contract says no
    assert repair('{"a": 1,}', parses, ()) is None                         # no rules configured
    assert repair('{"a": 1,}', parses, ("strip_fences",)) is None          # only the listed rules run
