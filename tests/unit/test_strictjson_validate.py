"""Contracts and validators (``di_plugins.strictjson.validate``): what a request's replies must satisfy,
JSON Schema Draft 2020-12 with formats off unless the schema asks, the per-schema validator cache."""

from __future__ import annotations

import pytest

from di_plugins.strictjson.validate import (
    ANY_JSON,
    FORMAT_ASSERTION,
    JSON_OBJECT,
    UNPARSED,
    ValidatorCache,
    check_text,
    compile_schema,
    contract_of,
    parse,
)

SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
          "required": ["name", "age"], "additionalProperties": False}
MESSAGES = [{"role": "user", "content": "x"}]


def fmt(schema: dict | None = None, strict: bool | None = None) -> dict:
    spec: dict = {"name": "p"}
    if schema is not None:
        spec["schema"] = schema
    if strict is not None:
        spec["strict"] = strict
    return {"type": "json_schema", "json_schema": spec}


def test_parse_is_strict_json() -> None:
    assert parse('{"a": 1}') == {"a": 1}
    assert parse("123456789012345678901234567890") == 1.2345678901234568e29  # a number all the same
    assert parse('"\\ud800"') == "\ud800" and parse("1e400") == float("inf")  # JSON that orjson refuses
    for text in ("NaN", '{"a": NaN}', "{'a': 1}", '{"a": 1,}', '{"a": 1} extra', ""):
        assert parse(text) is UNPARSED, text


@pytest.mark.parametrize("strict", [None, True, False])
def test_json_schema_is_checked_with_a_real_validator(strict: bool | None) -> None:
    contract = contract_of({"messages": MESSAGES, "response_format": fmt(SCHEMA, strict)}, ValidatorCache())
    assert contract is not None and contract.content_kind == "json_schema"
    assert check_text('{"name": "Ada", "age": 36}', contract.content) is None
    assert "'age' is a required property" in check_text('{"name": "Ada"}', contract.content)
    assert "is not of type 'integer'" in check_text('{"name": "Ada", "age": "36"}', contract.content)
    assert "Additional properties" in check_text('{"name": "Ada", "age": 36, "x": 1}', contract.content)
    assert check_text("```json\n{}\n```", contract.content) == "the reply is not valid JSON"
    assert check_text("  ", contract.content) == "the reply is empty"
    assert check_text(None, contract.content) == "the reply is empty"


def test_error_messages_are_bounded_and_located() -> None:
    validator = compile_schema({"type": "object", "properties": {"items": {"type": "array", "items": {"type": "integer"}}}})
    assert validator.error({"items": [1, "x" * 2000]}).endswith("...")
    assert "(at $.items[0])" in validator.error({"items": ["a"]})


def test_draft_2020_12_by_default_and_declared_drafts_honoured() -> None:
    tuple_schema = {"type": "array", "prefixItems": [{"type": "integer"}], "items": False}
    assert compile_schema(tuple_schema).error([1]) is None
    assert compile_schema(tuple_schema).error([1, 2]) is not None
    draft7 = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "items": [{"type": "integer"}],
              "additionalItems": False}
    assert compile_schema(draft7).error([1, 2]) is not None


def test_formats_are_annotations_unless_the_schema_asks() -> None:
    schema = {"type": "object", "properties": {"email": {"type": "string", "format": "email"}}}
    assert compile_schema(schema).error({"email": "not an address"}) is None
    asking = {**schema, "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": True,
                                        FORMAT_ASSERTION: True}}
    assert compile_schema(asking).error({"email": "not an address"}) is not None
    assert compile_schema(asking).error({"email": "ada@example.com"}) is None


def test_unusable_schemas_are_checked_as_json_only() -> None:
    assert compile_schema({"type": "no-such-type"}) is None
    cache = ValidatorCache()
    contract = contract_of({"messages": MESSAGES, "response_format": fmt({"type": 12})}, cache)
    assert contract.content is ANY_JSON and not contract.schema_usable
    assert check_text("[1]", contract.content) is None and check_text("nope", contract.content) is not None
    # a $ref that cannot be resolved (never fetched): the reply is not judged rather than refused
    remote = compile_schema({"$ref": "https://example.com/schema.json"})
    assert remote is not None and remote.error({"a": 1}) is None


def test_json_object_and_schema_less_json_schema() -> None:
    contract = contract_of({"messages": MESSAGES, "response_format": {"type": "json_object"}}, ValidatorCache())
    assert contract.content is JSON_OBJECT and contract.content_kind == "json_object"
    assert check_text('{"any": ["thing"]}', contract.content) is None
    assert check_text("[1, 2]", contract.content) == "expected a JSON object, got an array"
    bare = contract_of({"messages": MESSAGES, "response_format": fmt()}, ValidatorCache())
    assert bare.content is ANY_JSON


def test_requests_without_a_contract() -> None:
    cache = ValidatorCache()
    assert contract_of({"messages": MESSAGES}, cache) is None
    assert contract_of({"messages": MESSAGES, "response_format": {"type": "text"}}, cache) is None
    custom = [{"type": "custom", "custom": {"name": "grammar"}}]
    assert contract_of({"messages": MESSAGES, "tools": custom}, cache) is None
    tools = [{"type": "function", "function": {"name": "f", "parameters": SCHEMA}}]
    assert contract_of({"messages": MESSAGES, "tools": tools}, cache, tools=False) is None


def test_tool_contracts_and_forced_calls() -> None:
    cache = ValidatorCache()
    tools = [{"type": "function", "function": {"name": "f", "parameters": SCHEMA}},
             {"type": "function", "function": {"name": "g"}}]
    contract = contract_of({"messages": MESSAGES, "tools": tools}, cache)
    assert set(contract.tools) == {"f", "g"} and contract.forced is None and contract.content is None
    assert contract.tool_validator("f", cache).error({"name": "a", "age": 1}) is None
    assert contract.tool_validator("g", cache) is JSON_OBJECT     # no parameters: any object
    assert contract.tool_validator("nope", cache) is None
    assert contract_of({"messages": MESSAGES, "tools": tools, "tool_choice": "required"}, cache).forced == "required"
    named = {"type": "function", "function": {"name": "g"}}
    assert contract_of({"messages": MESSAGES, "tools": tools, "tool_choice": named}, cache).forced == "g"
    legacy = contract_of({"messages": MESSAGES, "functions": [{"name": "h", "parameters": SCHEMA}],
                          "function_call": {"name": "h"}}, cache)
    assert set(legacy.tools) == {"h"} and legacy.forced == "h"


def test_validators_are_compiled_once_per_schema_and_bounded() -> None:
    cache = ValidatorCache(size=2)
    first = cache.get(SCHEMA)
    assert cache.get({**SCHEMA}) is first                                 # same JSON, another dict
    reordered = dict(reversed(list(SCHEMA.items())))
    assert cache.get(reordered) is first and cache.compiled == 1          # key order does not matter
    cache.get({"type": "string"})
    cache.get({"type": "integer"})                                        # evicts the least recently used
    assert len(cache) == 2 and cache.compiled == 3
    assert cache.get(SCHEMA) is not first and cache.compiled == 4
    assert cache.get({"type": 12}) is None and cache.get({"type": 12}) is None and cache.compiled == 5


def test_common_schemas_take_the_fast_path_and_jsonschema_words_the_errors() -> None:
    validator = compile_schema(SCHEMA)
    assert validator._fast is not None
    assert validator.error({"name": "Ada", "age": 36}) is None
    assert validator.error({"name": "Ada", "age": 36.5}) == "36.5 is not of type 'integer' (at $.age)"
    assert compile_schema({"type": "array", "uniqueItems": True})._fast is None
    asking = {**SCHEMA, "$vocabulary": {FORMAT_ASSERTION: True}}
    assert compile_schema(asking)._fast is None  # asserted formats: jsonschema alone
