"""What a reply must satisfy (a request's *JSON contract*) and the validators that check it.

A request carries a contract when it has

* ``response_format`` ``json_schema`` (``strict`` or not): the content must parse and validate against
  the schema with a real JSON Schema validator (``jsonschema``; Draft 2020-12 unless the schema's
  ``$schema`` names another draft; ``format`` is an annotation, asserted only when the schema asks for it
  through the 2020-12 ``format-assertion`` vocabulary; remote ``$ref``\\ s are never fetched);
* ``response_format`` ``json_object``: the content must parse to a JSON object;
* function ``tools`` (or legacy ``functions``): every tool call's ``arguments`` must parse to an object
  that validates against that tool's ``parameters`` (a tool without ``parameters`` takes any object),
  and name a defined tool; when ``tool_choice`` forces a call (``required`` or a named function), a
  reply without that call breaks the contract too.

Compiled validators are cached per process, keyed by a hash of the schema's canonical JSON, in a
bounded LRU (``di.json.repair.validator_cache``). Checking a valid reply against a known schema is one
``orjson.loads`` and, for schemas in the common subset, one call of the closures :mod:`.fastcheck`
compiled (a few microseconds); other schemas, and every value the fast path rejects, go to
``jsonschema``, which is authoritative and words the error.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import orjson

from .fastcheck import compile_fast

log = logging.getLogger("di_gateway.strictjson")

FORMAT_ASSERTION = "https://json-schema.org/draft/2020-12/vocab/format-assertion"
MAX_ERROR_CHARS = 300
_UNPARSED = object()


def parse(text: str) -> Any:
    """The JSON value of ``text``, or :data:`UNPARSED` (strict JSON: no NaN, no trailing data)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    try:  # what orjson refuses but JSON allows: lone surrogate escapes, numbers beyond a double's range
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return _UNPARSED


UNPARSED = _UNPARSED
"""Returned by :func:`parse` for text that is not JSON."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class Validator:
    """Checks a parsed value; :meth:`error` returns ``None`` when it is valid, else a short message."""

    __slots__ = ()

    def error(self, value: Any) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError


class AnyJSON(Validator):
    """Any JSON value (a ``json_schema`` without a usable schema: parsing is the whole check)."""

    __slots__ = ()

    def error(self, value: Any) -> str | None:
        return None


class JSONObject(Validator):
    """A JSON object (``json_object``; a tool without ``parameters``)."""

    __slots__ = ()

    def error(self, value: Any) -> str | None:
        return None if isinstance(value, dict) else f"expected a JSON object, got {_kind(value)}"


class SchemaValidator(Validator):
    """A compiled JSON Schema: the fast path (:mod:`.fastcheck`) when the schema allows it, else (and for
    every value the fast path rejects, to confirm and word the error) ``jsonschema``."""

    __slots__ = ("_fast", "_validator")

    def __init__(self, validator: Any, fast: Any = None) -> None:
        self._validator = validator
        self._fast = fast

    def error(self, value: Any) -> str | None:
        fast = self._fast
        if fast is not None:
            try:
                if fast(value):
                    return None
            except RecursionError:  # a schema that refers to itself without end, a value nested very deep
                pass
        try:
            if self._validator.is_valid(value):
                return None
            from jsonschema.exceptions import best_match

            found = best_match(self._validator.iter_errors(value))
        except Exception as exc:  # noqa: BLE001 - an unresolvable $ref, a bad regex: cannot judge, let it pass
            log.debug("schema validation failed: %r", exc)
            return None
        if found is None:
            return None
        where = found.json_path if found.json_path != "$" else "the top level"
        return _cut(f"{found.message} (at {where})")


ANY_JSON, JSON_OBJECT = AnyJSON(), JSONObject()


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


def _cut(text: str) -> str:
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 3] + "..."


def compile_schema(schema: dict) -> SchemaValidator | None:
    """A validator for ``schema``, or ``None`` when it is not a valid JSON Schema."""
    from jsonschema import Draft202012Validator, FormatChecker, validators
    from jsonschema.exceptions import SchemaError

    try:
        cls = validators.validator_for(schema, default=Draft202012Validator)
        cls.check_schema(schema)
        vocabulary = schema.get("$vocabulary")
        asks = isinstance(vocabulary, dict) and vocabulary.get(FORMAT_ASSERTION) is True
        fast = compile_fast(schema) if cls is Draft202012Validator and not asks else None
        return SchemaValidator(cls(schema, format_checker=FormatChecker() if asks else None), fast)
    except (SchemaError, Exception) as exc:  # noqa: BLE001 - an unusable schema is checked as "parses" only
        log.debug("unusable JSON schema: %r", exc)
        return None


class ValidatorCache:
    """Compiled validators by schema, keyed by a hash of the schema's canonical JSON (bounded LRU)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[bytes, SchemaValidator | None] = OrderedDict()
        self.compiled = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, schema: dict) -> SchemaValidator | None:
        """The validator of ``schema`` (``None``: the schema is not usable)."""
        try:
            key = hashlib.blake2b(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS), digest_size=16).digest()
        except (TypeError, orjson.JSONEncodeError):
            return None
        items = self._items
        if key in items:
            items.move_to_end(key)
            return items[key]
        found = items[key] = compile_schema(schema)
        self.compiled += 1
        if len(items) > self.size:
            items.popitem(last=False)
        return found


@dataclass(slots=True)
class Contract:
    """What the replies to one request must satisfy.

    Attributes:
        content: the validator of ``message.content`` (``response_format``), or ``None``.
        content_kind: ``json_schema`` or ``json_object`` (for re-ask wording), ``""`` without one.
        schema_usable: ``False`` when a ``json_schema`` could not be compiled (checked as "parses" only).
        tools: function tools (and legacy functions) by name: their ``parameters`` schema, or ``None``.
        forced: ``"required"`` or the name of the function ``tool_choice`` forces, else ``None``.
    """

    content: Validator | None = None
    content_kind: str = ""
    schema_usable: bool = True
    tools: dict[str, dict | None] = field(default_factory=dict)
    forced: str | None = None
    _tool_validators: dict[str, Validator] = field(default_factory=dict)

    def tool_validator(self, name: str, cache: ValidatorCache) -> Validator | None:
        """The validator of a tool's arguments (``None``: no such tool)."""
        found = self._tool_validators.get(name)
        if found is None and name in self.tools:
            params = self.tools[name]
            found = JSON_OBJECT if not params else (cache.get(params) or JSON_OBJECT)
            self._tool_validators[name] = found
        return found


def contract_of(request: dict, cache: ValidatorCache, *, tools: bool = True) -> Contract | None:
    """The JSON contract of a validated request, or ``None`` when it has none."""
    contract = Contract()
    fmt = request.get("response_format")
    ftype = fmt.get("type") if isinstance(fmt, dict) else None
    if ftype == "json_object":
        contract.content, contract.content_kind = JSON_OBJECT, "json_object"
    elif ftype == "json_schema":
        schema = (fmt.get("json_schema") or {}).get("schema")
        contract.content_kind = "json_schema"
        if isinstance(schema, dict) and schema:
            compiled = cache.get(schema)
            contract.content = compiled or ANY_JSON
            contract.schema_usable = compiled is not None
        else:
            contract.content = ANY_JSON
    if tools:
        for tool in request.get("tools") or ():
            if isinstance(tool, dict) and tool.get("type") == "function":
                fn = tool.get("function") or {}
                contract.tools[fn.get("name")] = fn.get("parameters")
        for fn in request.get("functions") or ():
            if isinstance(fn, dict):
                contract.tools[fn.get("name")] = fn.get("parameters")
        choice = request.get("tool_choice")
        if choice == "required":
            contract.forced = "required"
        elif isinstance(choice, dict) and choice.get("type") == "function":
            contract.forced = (choice.get("function") or {}).get("name")
        legacy = request.get("function_call")
        if isinstance(legacy, dict) and legacy.get("name"):
            contract.forced = legacy["name"]
    if contract.content is None and not contract.tools:
        return None
    return contract


def check_text(text: Any, validator: Validator) -> str | None:
    """``None`` when ``text`` is JSON that ``validator`` accepts, else what is wrong."""
    if not isinstance(text, str) or not text.strip():
        return "the reply is empty"
    value = parse(text)
    if value is UNPARSED:
        return "the reply is not valid JSON"
    return validator.error(value)
