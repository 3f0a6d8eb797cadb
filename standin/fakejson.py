"""Make a small JSON value that validates against a JSON schema (tool ``parameters``, ``json_schema``).

Covers what LLM tool and structured-output schemas use: ``type`` (also lists), ``enum``, ``const``,
``properties``/``required``, ``additionalProperties``, ``items``/``prefixItems``/``minItems``,
string ``format``/``minLength``/``maxLength``, numeric bounds and ``multipleOf``, local ``$ref``
(``#/$defs/...``, ``#/definitions/...``), ``anyOf``/``oneOf`` (first branch) and ``allOf`` (merged).
Values are deterministic for a given ``seed``. Recursion stops at a fixed depth.
"""

from __future__ import annotations

import math
from typing import Any

_WORDS = ("alpha", "bravo", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "juniper")
_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
}
_MAX_DEPTH = 8


def fake_value(schema: Any, seed: int = 0) -> Any:
    """A deterministic value valid against ``schema`` (a JSON-schema dict; anything else gives ``{}``)."""
    if not isinstance(schema, dict):
        return {}
    return _value(schema, schema, seed, "value", 0)


def _resolve(ref: str, root: dict) -> dict:
    if not ref.startswith("#"):
        return {}
    node: Any = root
    for part in ref[1:].split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return {}
    return node if isinstance(node, dict) else {}


def _merge_all_of(schema: dict, root: dict) -> dict:
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema.get("allOf") or []:
        if isinstance(part, dict) and "$ref" in part:
            part = _resolve(part["$ref"], root)
        if not isinstance(part, dict):
            continue
        if "allOf" in part:
            part = _merge_all_of(part, root)
        for key, val in part.items():
            if key == "properties" and isinstance(val, dict):
                merged["properties"] = {**merged.get("properties", {}), **val}
            elif key == "required" and isinstance(val, list):
                merged["required"] = list(dict.fromkeys([*merged.get("required", []), *val]))
            else:
                merged.setdefault(key, val)
    return merged


def _pick_type(schema: dict) -> str:
    typ = schema.get("type")
    if isinstance(typ, list):
        non_null = [t for t in typ if t != "null"]
        return non_null[0] if non_null else "null"
    if isinstance(typ, str):
        return typ
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
        return "number"
    return "string"


def _value(schema: dict, root: dict, seed: int, name: str, depth: int) -> Any:
    if "$ref" in schema:
        target = _resolve(str(schema["$ref"]), root)
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **extra} if extra else target
    if "allOf" in schema:
        schema = _merge_all_of(schema, root)
    if "const" in schema:
        return schema["const"]
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        return enum[seed % len(enum)]
    for key in ("anyOf", "oneOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            usable = [b for b in branches if isinstance(b, dict) and b.get("type") != "null"] or branches
            base = {k: v for k, v in schema.items() if k != key}
            branch = usable[0] if isinstance(usable[0], dict) else {}
            return _value({**base, **branch}, root, seed, name, depth)
    if "default" in schema and depth >= _MAX_DEPTH:
        return schema["default"]

    typ = _pick_type(schema)
    if typ == "object":
        return _object(schema, root, seed, depth)
    if typ == "array":
        return _array(schema, root, seed, name, depth)
    if typ == "integer":
        return _integer(schema, seed)
    if typ == "number":
        return _number(schema, seed)
    if typ == "boolean":
        return seed % 2 == 0
    if typ == "null":
        return None
    return _string(schema, seed, name)


def _object(schema: dict, root: dict, seed: int, depth: int) -> dict[str, Any]:
    props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    required = [r for r in schema.get("required") or [] if isinstance(r, str)]
    keys = list(required)
    if not required and depth < 2:
        keys = list(props)
    out: dict[str, Any] = {}
    if depth >= _MAX_DEPTH:
        keys = required
    for i, key in enumerate(keys):
        sub = props.get(key)
        if not isinstance(sub, dict):
            addl = schema.get("additionalProperties")
            sub = addl if isinstance(addl, dict) else {}
        out[key] = _value(sub, root, seed + i + 1, key, depth + 1)
    min_props = schema.get("minProperties")
    if isinstance(min_props, int) and len(out) < min_props and schema.get("additionalProperties") is not False:
        addl = schema.get("additionalProperties")
        sub = addl if isinstance(addl, dict) else {}
        i = 0
        while len(out) < min_props:
            out.setdefault(f"extra_{i}", _value(sub, root, seed + i, "extra", depth + 1))
            i += 1
    return out


def _array(schema: dict, root: dict, seed: int, name: str, depth: int) -> list[Any]:
    prefix = schema.get("prefixItems") if isinstance(schema.get("prefixItems"), list) else []
    items = schema.get("items")
    if isinstance(items, list):  # draft-04..2019 tuple form
        prefix, items = items, schema.get("additionalItems")
    item_schema = items if isinstance(items, dict) else {}
    min_items = int(schema.get("minItems") or 0)
    max_items = schema.get("maxItems")
    count = max(min_items, len(prefix), 1 if depth < _MAX_DEPTH else 0)
    if isinstance(max_items, int):
        count = min(count, max_items)
    out = []
    for i in range(count):
        sub = prefix[i] if i < len(prefix) and isinstance(prefix[i], dict) else item_schema
        out.append(_value(sub, root, seed + i, name, depth + 1))
    if schema.get("uniqueItems") and len(out) > 1:
        out = _make_unique(out, item_schema, min_items)
    return out


def _make_unique(values: list[Any], item_schema: dict, min_items: int) -> list[Any]:
    seen: list[Any] = []
    for v in values:
        if v not in seen:
            seen.append(v)
    for i in range(len(values)):
        if len(seen) >= min_items:
            break
        candidate = f"{_WORDS[i % len(_WORDS)]}-{i}" if _pick_type(item_schema) == "string" else i
        if candidate not in seen:
            seen.append(candidate)
    return seen


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _integer(schema: dict, seed: int) -> int:
    lows = [math.ceil(v) for v in [_num(schema.get("minimum"))] if v is not None]
    lows += [math.floor(v) + 1 for v in [_num(schema.get("exclusiveMinimum"))] if v is not None]
    highs = [math.floor(v) for v in [_num(schema.get("maximum"))] if v is not None]
    highs += [math.ceil(v) - 1 for v in [_num(schema.get("exclusiveMaximum"))] if v is not None]
    low, high = (max(lows) if lows else None), (min(highs) if highs else None)
    value = 1 + seed % 7
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    step = _num(schema.get("multipleOf"))
    if step and step >= 1 and step.is_integer():
        k = int(step)
        up = -(-value // k) * k
        value = up if high is None or up <= high else (value // k) * k
    return int(value)


def _number(schema: dict, seed: int) -> float | int:
    lo, ex_lo = _num(schema.get("minimum")), _num(schema.get("exclusiveMinimum"))
    hi, ex_hi = _num(schema.get("maximum")), _num(schema.get("exclusiveMaximum"))
    low = max((v for v in (lo, ex_lo) if v is not None), default=None)
    high = min((v for v in (hi, ex_hi) if v is not None), default=None)
    step = _num(schema.get("multipleOf"))
    if step and step > 0:
        value = math.ceil((low or 0.0) / step) * step
        if ex_lo is not None and value <= ex_lo:
            value += step
        return int(value) if float(value).is_integer() else round(value, 10)
    value = 1.5 + seed % 5
    if low is not None and high is not None:
        return low if low == high else (low + high) / 2
    if low is not None and value <= low:
        value = low + 1.5
    if high is not None and value >= high:
        value = high - 1.5
    return value


def _string(schema: dict, seed: int, name: str) -> str:
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt in _FORMATS:
        return _FORMATS[fmt]
    text = f"{name}-{_WORDS[seed % len(_WORDS)]}"
    min_len = schema.get("minLength")
    max_len = schema.get("maxLength")
    if isinstance(min_len, int) and len(text) < min_len:
        text = (text + "x" * min_len)[:min_len]
    if isinstance(max_len, int) and len(text) > max_len:
        text = text[:max_len]
    return text
