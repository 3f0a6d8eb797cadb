"""The fast path of schema validation (``di_plugins.strictjson.fastcheck``) agrees with ``jsonschema``
(Draft 2020-12) on every schema it accepts: a differential test over a corpus of schemas and of values
(valid ones from the stand-in's generator, then mutated), plus the schemas it must leave to ``jsonschema``."""

from __future__ import annotations

import copy
import itertools
import random
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from di_plugins.strictjson.fastcheck import compile_fast, equal
from di_plugins.strictjson.validate import compile_schema
from standin.fakejson import fake_value

PERSON = {"type": "object", "additionalProperties": False,
          "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 40},
                         "age": {"type": "integer", "minimum": 0, "exclusiveMaximum": 150},
                         "email": {"type": "string", "format": "email"},
                         "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3}},
          "required": ["name", "age", "email", "tags"]}
SCHEMAS: list[Any] = [
    PERSON,
    {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
     "required": ["name", "age"]},
    {"type": "object"},
    {"type": ["string", "null"], "pattern": "^[a-z]+-[a-z]+$"},
    {"type": "number", "minimum": 1.5, "maximum": 10},
    {"type": "integer", "exclusiveMinimum": 0},
    {"enum": ["red", "green", None]},
    {"enum": [1, True, "1", [1], {"a": 1}]},
    {"const": {"a": [1, 2]}},
    {"const": 1},
    {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]},
     "minItems": 1},
    {"type": "object", "additionalProperties": {"type": "integer"}, "minProperties": 1, "maxProperties": 2},
    {"anyOf": [{"type": "string"}, {"type": "integer"}]},
    {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 5}]},
    {"allOf": [{"type": "object", "required": ["a"]}, {"properties": {"a": {"type": "boolean"}}}]},
    {"$defs": {"node": {"type": "object", "properties": {"value": {"type": "integer"},
                                                         "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
                        "required": ["value"], "additionalProperties": False}},
     "$ref": "#/$defs/node"},
    {"definitions": {"id": {"type": "string", "minLength": 3}}, "type": "object",
     "properties": {"id": {"$ref": "#/definitions/id"}, "parent": {"anyOf": [{"$ref": "#/definitions/id"}, {"type": "null"}]}},
     "required": ["id", "parent"]},
    {"type": "object", "properties": {"x": True, "y": False}},
    {"type": "object", "title": "t", "description": "d", "x-vendor": {"anything": 1}, "propertyOrdering": ["a"],
     "properties": {"a": {"type": "string", "default": "x", "examples": ["y"]}}},
    {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "items": {"type": "integer"}},
    {"type": "object", "properties": {"when": {"type": "string", "format": "date-time"}}, "required": ["when"]},
    True,
    False,
]
UNSUPPORTED: list[Any] = [
    {"type": "array", "prefixItems": [{"type": "integer"}]},
    {"type": "object", "patternProperties": {"^x": {"type": "string"}}},
    {"type": "number", "multipleOf": 0.1},
    {"type": "array", "uniqueItems": True},
    {"not": {"type": "string"}},
    {"if": {"type": "string"}, "then": {"minLength": 1}},
    {"type": "object", "unevaluatedProperties": False},
    {"$ref": "https://example.com/other.json"},
    {"$ref": "#/$defs/missing"},
    {"$id": "https://example.com/s", "type": "string"},
    {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"},
    {"type": "array", "items": [{"type": "integer"}]},
    {"type": "strings"},
    {"type": "object", "properties": {"a": {"type": "array", "contains": {"type": "integer"}}}},
    {"type": "object", "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/format-assertion": True}},
]
EXTRA_VALUES: list[Any] = [None, True, False, 0, 1, 1.0, 2.5, -3, 150, "", "a", "abc-def", "Abc", [], [1], [True],
                           {}, {"a": 1}, {"a": True}, {"a": [1, 2]}, {"a": [1, 2.0]}, {"a": 1, "b": 2, "c": 3},
                           {"id": "abc", "parent": None}, {"id": "ab", "parent": "abcd"}, {"x": 1}, {"x": 1, "y": 2},
                           {"value": 1, "children": [{"value": 2, "children": []}, {"value": "3"}]},
                           {"value": 1, "children": [{"value": 2, "extra": 1}]}, [{"id": 1}, {"id": 1.0}, {"id": "1"}],
                           {"when": "yesterday"}, {"when": 3}]


def mutations(value: Any, rng: random.Random) -> list[Any]:
    """The value and a few broken variants: keys dropped, added, retyped; items retyped; numbers shifted."""
    out = [value]
    replacements = [None, True, 0, 1.0, -1, 1e9, "", "x" * 50, [], {}, [1, "a"], {"k": None}]
    if isinstance(value, dict):
        for key in list(value):
            out.append({k: v for k, v in value.items() if k != key})
            for r in rng.sample(replacements, 3):
                out.append({**value, key: r})
            out.extend({**value, key: m} for m in mutations(value[key], rng)[1:3])
        out.append({**value, "unexpected": 1})
    elif isinstance(value, list):
        out.append([])
        out.append(value + value + value + value)
        if value:
            out.extend([r, *value[1:]] for r in rng.sample(replacements, 3))
    elif isinstance(value, bool):
        out.append(int(value))
    elif isinstance(value, (int, float)):
        out.extend([value - 1000, value + 0.5, float(value), str(value)])
    elif isinstance(value, str):
        out.extend(["", value.upper(), value * 20, 1])
    return out


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: str(s)[:60])
def test_fast_path_agrees_with_jsonschema(schema: Any) -> None:
    fast = compile_fast(schema)
    assert fast is not None, schema
    reference = Draft202012Validator(schema)
    rng = random.Random(7)
    values = list(EXTRA_VALUES)
    for seed in range(6):
        values.extend(mutations(fake_value(schema if isinstance(schema, dict) else {}, seed), rng))
    checked = 0
    for value in values:
        assert fast(copy.deepcopy(value)) == reference.is_valid(value), (schema, value)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("schema", UNSUPPORTED, ids=lambda s: str(s)[:60])
def test_what_the_fast_path_leaves_to_jsonschema(schema: Any) -> None:
    assert compile_fast(schema) is None


def test_recursion_and_size_are_bounded() -> None:
    endless = compile_fast({"$ref": "#"})  # refers to itself: binds late, compiles once
    assert endless is not None
    with pytest.raises(RecursionError):
        endless(1)
    assert compile_schema({"$ref": "#"}).error(1) is None  # neither path can judge it: not refused
    wide = {"type": "object", "properties": {f"p{i}": {"type": "string"} for i in range(3000)}}
    assert compile_fast(wide) is None


def test_equal_is_jsonschemas_equality() -> None:
    from jsonschema._utils import equal as reference

    values = [None, True, False, 0, 1, 1.0, 0.0, "1", "", [], [1], [True], [1.0], {}, {"a": 1}, {"a": True},
              {"a": 1.0}, {"b": 1}, [[1]], [[True]]]
    for one, two in itertools.product(values, repeat=2):
        assert equal(one, two) == reference(one, two), (one, two)
