"""What one request body may cost: bounds checked before and right after parsing, for every surface.

* **Containers** (JSON objects and arrays): at most :data:`MAX_CONTAINERS` per body, checked on the
  raw bytes *before* parsing, because building millions of tiny objects is what costs (a 32 MB body of
  ``{}`` took over a second of event-loop time and a gigabyte of memory to parse). The check counts
  ``{`` and ``[`` bytes with ``bytes.count`` (an upper bound, C speed); only a body over the bound pays
  for an exact count that skips the brackets inside strings.
* **Nesting depth**: at most :data:`MAX_DEPTH` levels, checked once for the whole parsed body (a deeper
  value anywhere, even in a free-form object such as a tool's ``parameters``, is a 400 naming its path).
* **Model ids**: at most :data:`MAX_MODEL_CHARS` characters (the id is matched by patterns, cached and
  echoed into every chunk).
"""

from __future__ import annotations

import re
from typing import Any

from .errors import RequestError

MAX_CONTAINERS = 100_000
MAX_DEPTH = 64
MAX_MODEL_CHARS = 256
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def check_containers(raw: bytes, limit: int = MAX_CONTAINERS) -> int:
    """Refuse a body with more than ``limit`` JSON objects and arrays, before it is parsed. Returns an
    upper bound of their number (a body with at most :data:`MAX_DEPTH` cannot be nested too deep)."""
    bound = raw.count(b"{") + raw.count(b"[")
    if bound <= limit:
        return bound
    outside_strings = _STRING.sub(b"", raw)
    bound = outside_strings.count(b"{") + outside_strings.count(b"[")
    if bound > limit:
        raise RequestError(f"The request body has more than {limit} JSON objects and arrays; send a smaller body.",
                           status=413, code="request_too_complex")
    return bound


def check_depth(body: Any, limit: int = MAX_DEPTH) -> None:
    """Refuse a body nested deeper than ``limit`` levels; the error names the path of the deep value."""
    stack: list[tuple[Any, int]] = [(body, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            path = _path_deeper_than(body, limit)
            raise RequestError(f"Invalid value for '{path}': JSON nested deeper than {limit} levels.",
                               param=path, code="nesting_too_deep")
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def _path_deeper_than(body: Any, limit: int) -> str:
    """The path (``tools[0].function.parameters...``) of a value nested deeper than ``limit``, shortened."""
    parts: list[str] = []
    value = body
    for _ in range(limit):
        if isinstance(value, dict):
            key, value = next(((k, v) for k, v in value.items() if _depth_exceeds(v, limit - len(parts) - 1)),
                              (None, None))
            parts.append(f".{key}" if parts else str(key))
        elif isinstance(value, list):
            index, value = next(((i, v) for i, v in enumerate(value) if _depth_exceeds(v, limit - len(parts) - 1)),
                                (0, None))
            parts.append(f"[{index}]")
        if value is None or len(parts) >= 4:
            break
    return "".join(parts) + ("..." if len(parts) >= 4 else "")


def _depth_exceeds(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def check_model(model: Any) -> None:
    """Refuse a model id longer than :data:`MAX_MODEL_CHARS`."""
    if isinstance(model, str) and len(model) > MAX_MODEL_CHARS:
        raise RequestError(f"Invalid 'model': string too long. Expected a string with maximum length "
                           f"{MAX_MODEL_CHARS}, but got a string with length {len(model)} instead.",
                           param="model", code="string_above_max_length")
