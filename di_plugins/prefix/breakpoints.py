"""Read and validate ``cache_control`` breakpoints of an OpenAI chat request; build canonical blocks.

Semantics (Anthropic's): the cacheable prefix of a breakpoint is everything up to and including the
marked block, in the order **tools → messages**. All ``tools`` come first (in order), then the
``messages`` in *their* order. System/developer messages are normally first in ``messages``; they are
never moved, because message order is semantics (an OpenAI request may interleave system messages).

Blocks (one canonical ``bytes`` each):

* one per tool definition (``tools[i]``);
* per message: one per content part when ``content`` is a non-empty list, else one block (string
  content is normalised to a single ``{"type": "text", "text": ...}`` part, so ``"hi"`` and
  ``[{"type": "text", "text": "hi"}]`` hash alike; ``None``, a missing ``content`` and ``[]`` alike).
  The message's other fields (``name``, ``tool_calls``, ``tool_call_id``, ...) go into its *first*
  block, so a prefix ending inside a message covers them (a key may be more specific than the backend's
  prefix, never less).

Each block is a one-byte kind tag (:data:`TAG_TOOL`, :data:`TAG_TEXT`, :data:`TAG_MEDIA`,
:data:`TAG_DOCUMENT`) followed by ``orjson.dumps(..., OPT_SORT_KEYS)`` of ``{"tool": tool}`` or
``{"role": role, "part": part[, "msg": other fields]}`` with ``cache_control`` removed where it can
appear (tool, ``tool.function``, message, content part — never deeper, e.g. not inside a JSON schema).
JSON key order and insignificant whitespace are thereby normalised; the role is part of every message
block, so the same words as ``user`` and as ``system`` differ.

Breakpoints: ``cache_control`` on a tool (or on ``tool.function``, as LiteLLM accepts), on a content
part, or on a message (which marks the message's last block). ``"cache_control": null`` is no
breakpoint. Two marks on one block (message-level and its last part; tool and ``tool.function``) are
one breakpoint: both are validated, the first (the part's, the tool's) gives the TTL.

Validation errors are :class:`~di_plugins.errors.RequestError` (400) naming the field in ``param``:
``cache_control`` must be an object with ``type: "ephemeral"`` and an optional ``ttl`` of ``"5m"``
(default, 300 s) or ``"1h"`` (3600 s), nothing else; at most ``max_breakpoints`` breakpoints
(``too_many_breakpoints``, naming the first one too many); a ``"1h"`` breakpoint may not follow a
``"5m"`` one (Anthropic requires longer TTLs first). Any other oddity of the request (a message that is
not an object, ``content: None``, ...) never raises: it is hashed as it is.

Hot path: a first pass only looks for the ``cache_control`` key at those places; a request without
it costs a few dict look-ups per message and builds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from ..errors import RequestError

TTL_SECONDS: dict[str, int] = {"5m": 300, "1h": 3600}
DEFAULT_TTL = 300

TAG_TOOL = b"t"
TAG_TEXT = b"m"       # a message's text part, string content or anything else
TAG_MEDIA = b"i"      # image / video / audio part: counted as a fixed number of tokens
TAG_DOCUMENT = b"f"   # file / document part: counted as a fixed number of tokens

_MEDIA_TYPES = frozenset({"image_url", "input_image", "image", "video_url", "video", "input_audio",
                          "audio", "audio_url"})
_DOCUMENT_TYPES = frozenset({"file", "input_file", "document"})
_CC_KEYS = ("type", "ttl")
_INVALID = "invalid_cache_control"
_TOO_MANY = "too_many_breakpoints"
_MSG_SKIP = ("role", "content", "cache_control")


@dataclass(frozen=True, slots=True)
class Breakpoint:
    """A validated breakpoint: the (inclusive) last block of its prefix, its TTL and where it was written."""

    block: int
    ttl: int
    path: str


def parse(request: dict, *, max_breakpoints: int = 4) -> tuple[list[bytes], list[Breakpoint]]:
    """The canonical blocks and validated breakpoints of a chat request.

    Returns ``([], [])`` when the request has no breakpoint. Otherwise ``blocks`` runs from the first
    block up to and including the last breakpoint's block (later blocks are not needed for any key) and
    ``breakpoints`` are in block order, one per block. Raises ``RequestError`` (400) for an invalid
    ``cache_control`` and nothing else.
    """
    if not isinstance(request, dict):
        return [], []
    tools = request.get("tools")
    if not isinstance(tools, list):
        tools = ()
    messages = request.get("messages")
    if not isinstance(messages, list):
        messages = ()
    marks = _scan(tools, messages)
    if not marks:
        return [], []
    breakpoints = _validate(marks, max_breakpoints)
    return _build(tools, messages, breakpoints[-1].block), breakpoints


def has_cache_control(request: dict) -> bool:
    """Whether any tool, message or content part carries a ``cache_control`` key (even ``null``)."""
    if not isinstance(request, dict):
        return False
    tools = request.get("tools")
    messages = request.get("messages")
    return bool(_scan(tools if isinstance(tools, list) else (),
                      messages if isinstance(messages, list) else (), any_key=True))


def strip_cache_control(request: dict) -> dict:
    """A shallow copy of ``request`` with ``cache_control`` removed from tools, messages and parts.

    For backends that reject unknown fields. Objects without ``cache_control`` are shared, not copied;
    the input is never mutated. Returns ``request`` itself when there is nothing to strip.
    """
    if not has_cache_control(request):
        return request
    out = dict(request)
    if isinstance(request.get("tools"), list):
        out["tools"] = [_strip_tool(t) for t in request["tools"]]
    if isinstance(request.get("messages"), list):
        msgs = []
        for m in request["messages"]:
            if isinstance(m, dict):
                content = m.get("content")
                if "cache_control" in m or (isinstance(content, list) and _parts_have_cc(content)):
                    m = _without_cc(m)
                    if isinstance(content, list):
                        m["content"] = [_without_cc(p) if isinstance(p, dict) and "cache_control" in p else p
                                        for p in content]
            msgs.append(m)
        out["messages"] = msgs
    return out


def estimate_block_tokens(block: bytes, *, chars_per_token: int = 4, media_tokens: int = 1000,
                          document_tokens: int = 3000) -> int:
    """Estimated tokens of one block: ``len(bytes) / 4`` rounded up, or a fixed amount for media parts.

    The canonical JSON is UTF-8, so ASCII text costs ~1 token per 4 characters and CJK text ~0.75 per
    character; the few bytes of JSON framing per block are negligible for prefixes worth caching.
    Image/audio/video parts cost ``media_tokens`` and file/document parts ``document_tokens`` whatever
    their (base64) size, like the classifier's estimate.
    """
    tag = block[:1]
    if tag == TAG_MEDIA:
        return media_tokens
    if tag == TAG_DOCUMENT:
        return document_tokens
    return -(-len(block) // chars_per_token)


# --- first pass: find the marks --------------------------------------------------------------------

def _parts_have_cc(content: list) -> bool:
    for p in content:
        if isinstance(p, dict) and "cache_control" in p:
            return True
    return False


def _scan(tools: Any, messages: Any, *, any_key: bool = False) -> list[tuple[int, str, Any]]:
    """``(block index, path of the owner, cache_control value)`` for every non-null ``cache_control``."""
    marks: list[tuple[int, str, Any]] = []
    n = 0
    for i, tool in enumerate(tools):
        if isinstance(tool, dict):
            if "cache_control" in tool and (any_key or tool["cache_control"] is not None):
                marks.append((n, f"tools[{i}]", tool["cache_control"]))
            fn = tool.get("function")
            if isinstance(fn, dict) and "cache_control" in fn and (any_key or fn["cache_control"] is not None):
                marks.append((n, f"tools[{i}].function", fn["cache_control"]))
        n += 1
    for j, m in enumerate(messages):
        if not isinstance(m, dict):
            n += 1
            continue
        content = m.get("content")
        if isinstance(content, list) and content:
            for k, p in enumerate(content):
                if isinstance(p, dict) and "cache_control" in p and (any_key or p["cache_control"] is not None):
                    marks.append((n + k, f"messages[{j}].content[{k}]", p["cache_control"]))
            n += len(content)
        else:
            n += 1
        if "cache_control" in m and (any_key or m["cache_control"] is not None):
            marks.append((n - 1, f"messages[{j}]", m["cache_control"]))
    return marks


# --- validation ------------------------------------------------------------------------------------

def _show(value: Any) -> str:
    try:
        text = orjson.dumps(value).decode()
    except Exception:
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _error(message: str, param: str, code: str = _INVALID) -> RequestError:
    return RequestError(message, status=400, param=param, code=code)


def _ttl_of(cc: Any, owner: str) -> int:
    path = f"{owner}.cache_control"
    if not isinstance(cc, dict):
        raise _error(f"Invalid type for '{path}': expected an object, got {_type_name(cc)}.", path)
    for key in cc:
        if key not in _CC_KEYS:
            raise _error(f"Unrecognized parameter: '{path}.{key}' (cache_control accepts \"type\" and \"ttl\").",
                         f"{path}.{key}")
    if "type" not in cc:
        raise _error(f"Missing required parameter: '{path}.type' (expected \"ephemeral\").", f"{path}.type")
    if cc["type"] != "ephemeral":
        raise _error(f"Invalid value for '{path}.type': expected \"ephemeral\", got {_show(cc['type'])}.",
                     f"{path}.type")
    if "ttl" not in cc:
        return DEFAULT_TTL
    ttl = cc["ttl"]
    if not isinstance(ttl, str) or ttl not in TTL_SECONDS:
        raise _error(f"Invalid value for '{path}.ttl': expected \"5m\" or \"1h\", got {_show(ttl)}.",
                     f"{path}.ttl")
    return TTL_SECONDS[ttl]


def _validate(marks: list[tuple[int, str, Any]], max_breakpoints: int) -> list[Breakpoint]:
    out: list[Breakpoint] = []
    short: Breakpoint | None = None   # the first 5m breakpoint seen
    for block, owner, cc in marks:
        ttl = _ttl_of(cc, owner)
        if out and out[-1].block == block:
            continue   # a second mark on the same block: validated, not counted
        if len(out) >= max_breakpoints:
            path = f"{owner}.cache_control"
            raise _error(f"Too many cache_control breakpoints: at most {max_breakpoints} are allowed, "
                         f"and '{path}' is breakpoint number {len(out) + 1}.", path, _TOO_MANY)
        bp = Breakpoint(block=block, ttl=ttl, path=owner)
        if short is not None and ttl > short.ttl:
            path = f"{owner}.cache_control.ttl"
            raise _error(f"Invalid value for '{path}': a \"1h\" breakpoint cannot come after the \"5m\" "
                         f"breakpoint at '{short.path}.cache_control'; breakpoints with a longer ttl must "
                         "come first.", path)
        if short is None and ttl == DEFAULT_TTL:
            short = bp
        out.append(bp)
    return out


# --- second pass: canonical blocks -----------------------------------------------------------------

def _dumps(obj: Any) -> bytes:
    try:
        return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)
    except Exception:   # not JSON (cannot come from a parsed body): any deterministic encoding will do
        try:
            return b"\x00repr:" + repr(obj).encode("utf-8", "surrogatepass")
        except Exception:
            return b"\x00type:" + type(obj).__name__.encode()


def _without_cc(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "cache_control"}


def _strip_tool(tool: Any) -> Any:
    if not isinstance(tool, dict):
        return tool
    fn = tool.get("function")
    fn_cc = isinstance(fn, dict) and "cache_control" in fn
    if "cache_control" not in tool and not fn_cc:
        return tool
    tool = _without_cc(tool)
    if fn_cc:
        tool["function"] = _without_cc(fn)
    return tool


def _part_tag(part: Any) -> bytes:
    if isinstance(part, dict):
        kind = part.get("type")
        if not isinstance(kind, str):
            return TAG_TEXT
        if kind in _MEDIA_TYPES:
            return TAG_MEDIA
        if kind in _DOCUMENT_TYPES:
            return TAG_DOCUMENT
    return TAG_TEXT


def _build(tools: Any, messages: Any, last: int) -> list[bytes]:
    blocks: list[bytes] = []
    for tool in tools:
        if len(blocks) > last:
            return blocks
        blocks.append(TAG_TOOL + _dumps({"tool": _strip_tool(tool)}))
    for m in messages:
        if len(blocks) > last:
            return blocks
        if not isinstance(m, dict):
            blocks.append(TAG_TEXT + _dumps({"message": m}))
            continue
        role = m.get("role")
        rest: dict | None = {k: v for k, v in m.items() if k not in _MSG_SKIP}
        content = m.get("content")
        if isinstance(content, str):
            content = [{"type": "text", "text": content}]
        elif not isinstance(content, list) or not content:
            content = [None if isinstance(content, list) else content]
        for p in content:
            if len(blocks) > last:
                return blocks
            if isinstance(p, dict) and "cache_control" in p:
                p = _without_cc(p)
            block: dict[str, Any] = {"role": role, "part": p}
            if rest:
                block["msg"] = rest
                rest = None
            blocks.append(_part_tag(p) + _dumps(block))
    return blocks
