"""A fast path for the common subset of JSON Schema: a schema compiled once into nested closures that
answer "valid?" in a few microseconds, where ``jsonschema``'s general machinery takes tens.

Exact for what it accepts, and it accepts only what it implements with Draft 2020-12's meaning: ``type``,
``enum``, ``const``, ``properties``, ``required``, ``additionalProperties``, ``minProperties``,
``maxProperties``, ``items`` (without ``prefixItems``), ``minItems``, ``maxItems``, ``minLength``,
``maxLength``, ``pattern``, ``minimum``, ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``,
``anyOf``, ``oneOf``, ``allOf``, local ``$ref`` (``#/$defs/...``, ``#/definitions/...``, ``#``, recursion
included), boolean schemas, and annotations (``title``, ``description``, ``default``, ``examples``,
``format`` while it is not asserted ...). A schema using any other Draft 2020-12 keyword compiles to
``None``, and ``jsonschema`` alone judges it. Keywords that are not JSON Schema (``x-...``,
``propertyOrdering``) are ignored, as ``jsonschema`` ignores them.

The caller (:class:`~.validate.SchemaValidator`) trusts a ``True``; on ``False`` it asks ``jsonschema``,
which is authoritative and words the error, so a divergence could only ever cost time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"title", "description", "default", "examples", "$comment", "deprecated", "readOnly",
                          "writeOnly", "format", "contentEncoding", "contentMediaType", "$defs", "definitions",
                          "$schema"})
_SUPPORTED = frozenset({"type", "enum", "const", "properties", "required", "additionalProperties",
                        "minProperties", "maxProperties", "items", "minItems", "maxItems", "minLength",
                        "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                        "anyOf", "oneOf", "allOf", "$ref"})
_JSON_SCHEMA_2020 = frozenset({
    "$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "not", "if", "then", "else",
    "dependentSchemas", "dependentRequired", "prefixItems", "contains", "minContains", "maxContains",
    "patternProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "multipleOf",
    "uniqueItems", "contentSchema", "dependencies", "additionalItems"}) | _SUPPORTED | _ANNOTATIONS
_DRAFT_2020 = ("https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#")
MAX_NODES = 2000
"""Schemas larger than this many subschemas are left to ``jsonschema`` (compile time stays bounded)."""


class Unsupported(Exception):
    """The schema uses something the fast path does not implement."""


def _is_integer(v: Any) -> bool:
    c = v.__class__
    return (c is int) or (c is float and v.is_integer())


def _is_number(v: Any) -> bool:
    c = v.__class__
    return c is int or c is float


_TYPES: dict[str, Check] = {
    "object": lambda v: v.__class__ is dict,
    "array": lambda v: v.__class__ is list,
    "string": lambda v: v.__class__ is str,
    "boolean": lambda v: v.__class__ is bool,
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": _is_number,
}


def equal(one: Any, two: Any) -> bool:
    """JSON equality as ``jsonschema`` has it: ``true`` is not ``1``, ``1`` is ``1.0``, containers deep."""
    if one is two:
        return True
    if one.__class__ is str or two.__class__ is str:
        return one == two
    if one.__class__ is list and two.__class__ is list:
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=True))
    if one.__class__ is dict and two.__class__ is dict:
        return one.keys() == two.keys() and all(equal(one[k], two[k]) for k in one)
    if one.__class__ is bool or two.__class__ is bool:
        return False  # `one is two` already covered true/true and false/false
    if isinstance(one, (list, dict)) or isinstance(two, (list, dict)):
        return False
    return one == two


class _Compiler:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, Check | None] = {}
        self.nodes = 0

    def ref(self, ref: Any) -> Check:
        if not isinstance(ref, str) or not (ref == "#" or ref.startswith(("#/$defs/", "#/definitions/"))):
            raise Unsupported(f"$ref {ref!r}")
        if ref not in self.refs:
            self.refs[ref] = None  # being compiled: a recursive reference binds late
            node: Any = self.root
            for part in ref[2:].split("/") if ref != "#" else ():
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, dict) or part not in node:
                    raise Unsupported(f"$ref {ref!r} does not resolve")
                node = node[part]
            self.refs[ref] = self.compile(node)
        found = self.refs[ref]
        if found is not None:
            return found
        refs = self.refs
        return lambda v: refs[ref](v)  # type: ignore[misc]

    def compile(self, schema: Any) -> Check:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Unsupported("schema too large")
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported("not a schema")
        for key in schema:
            if key in _JSON_SCHEMA_2020 and key not in _SUPPORTED and key not in _ANNOTATIONS:
                raise Unsupported(key)
        checks: list[Check] = []
        s = schema

        if "$ref" in s:
            checks.append(self.ref(s["$ref"]))
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not types or not all(isinstance(t, str) and t in _TYPES for t in types):
                raise Unsupported("type")
            if len(types) == 1:
                checks.append(_TYPES[types[0]])
            else:
                fns = [_TYPES[t] for t in types]
                checks.append(lambda v, fns=fns: any(f(v) for f in fns))
        if "enum" in s:
            options = s["enum"]
            if not isinstance(options, list):
                raise Unsupported("enum")
            hashable = all(o is None or o.__class__ is str for o in options)
            if hashable:
                allowed = frozenset(options)
                checks.append(lambda v, allowed=allowed: (v is None or v.__class__ is str) and v in allowed)
            else:
                checks.append(lambda v, options=options: any(equal(o, v) for o in options))
        if "const" in s:
            const = s["const"]
            checks.append(lambda v, const=const: equal(const, v))
        checks.extend(self._object(s))
        checks.extend(self._array(s))
        checks.extend(self._string(s))
        checks.extend(self._number(s))
        for key in ("allOf", "anyOf", "oneOf"):
            if key in s:
                if not isinstance(s[key], list) or not s[key]:
                    raise Unsupported(key)
                subs = [self.compile(sub) for sub in s[key]]
                if key == "allOf":
                    checks.append(lambda v, subs=subs: all(f(v) for f in subs))
                elif key == "anyOf":
                    checks.append(lambda v, subs=subs: any(f(v) for f in subs))
                else:
                    checks.append(lambda v, subs=subs: sum(1 for f in subs if f(v)) == 1)
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v, checks=tuple(checks): all(f(v) for f in checks)

    def _object(self, s: dict) -> list[Check]:
        out: list[Check] = []
        props = s.get("properties")
        if props is not None and not isinstance(props, dict):
            raise Unsupported("properties")
        compiled = {k: self.compile(v) for k, v in (props or {}).items()}
        required = s.get("required")
        if required is not None and not (isinstance(required, list) and all(isinstance(r, str) for r in required)):
            raise Unsupported("required")
        extra = s.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra)
        if compiled or required or extra_check is not None:
            req = tuple(required or ())

            def check_object(v: Any, props: dict = compiled, req: tuple = req, extra: Check | None = extra_check) -> bool:
                if v.__class__ is not dict:
                    return True
                for key in req:
                    if key not in v:
                        return False
                for key, value in v.items():
                    f = props.get(key)
                    if f is not None:
                        if not f(value):
                            return False
                    elif extra is not None and not extra(value):
                        return False
                return True

            out.append(check_object)
        out.extend(_size_checks(dict, _int(s, "minProperties"), _int(s, "maxProperties")))
        return out

    def _array(self, s: dict) -> list[Check]:
        out: list[Check] = []
        if "items" in s:
            if isinstance(s["items"], list):
                raise Unsupported("items as a list")
            item = self.compile(s["items"])
            out.append(lambda v, item=item: v.__class__ is not list or all(item(x) for x in v))
        out.extend(_size_checks(list, _int(s, "minItems"), _int(s, "maxItems")))
        return out

    def _string(self, s: dict) -> list[Check]:
        out: list[Check] = []
        out.extend(_size_checks(str, _int(s, "minLength"), _int(s, "maxLength")))
        if "pattern" in s:
            try:
                search = re.compile(s["pattern"]).search
            except (re.error, TypeError) as exc:
                raise Unsupported("pattern") from exc
            out.append(lambda v, search=search: v.__class__ is not str or search(v) is not None)
        return out

    def _number(self, s: dict) -> list[Check]:
        out: list[Check] = []
        for key, ok in (("minimum", lambda v, b: v >= b), ("maximum", lambda v, b: v <= b),
                        ("exclusiveMinimum", lambda v, b: v > b), ("exclusiveMaximum", lambda v, b: v < b)):
            if key in s:
                bound = s[key]
                if not _is_number(bound) or (bound.__class__ is float and not math.isfinite(bound)):
                    raise Unsupported(key)
                out.append(lambda v, b=bound, ok=ok: not _is_number(v) or ok(v, b))
        return out


def _size_checks(kind: type, low: int | None, high: int | None) -> list[Check]:
    """``minItems``/``maxItems``-style bounds on the length of a value of ``kind`` (other types pass)."""
    if low is None and high is None:
        return []
    return [lambda v, lo=low or 0, hi=high: v.__class__ is not kind or (len(v) >= lo and (hi is None or len(v) <= hi))]


def _int(s: dict, key: str) -> int | None:
    value = s.get(key)
    if value is None:
        return None
    if not _is_integer(value) or value < 0:
        raise Unsupported(key)
    return int(value)


def compile_fast(schema: Any) -> Check | None:
    """A closure answering "is this value valid against ``schema``?", or ``None`` when the schema uses
    something the fast path does not implement (then ``jsonschema`` alone judges)."""
    if isinstance(schema, dict):
        declared = schema.get("$schema")
        if declared is not None and declared not in _DRAFT_2020:
            return None
    try:
        return _Compiler(schema).compile(schema)
    except (Unsupported, RecursionError):
        return None
