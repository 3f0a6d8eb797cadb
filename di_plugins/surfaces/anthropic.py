"""The Anthropic Messages surface (``POST /di/v1/messages``, ``…/count_tokens``, the Anthropic model list).

**In.** A Messages body becomes an OpenAI chat body for the journey:

* ``system`` (a string or text blocks) → the system message; ``messages`` turns → chat messages:
  ``text`` → text parts, base64/URL ``image`` → ``image_url`` parts (so the classifier says ``vision``),
  a base64 PDF ``document`` → a ``file`` part with a PDF data URL (``document``, ahead of every other
  rule); any other document source (URL, plain text, another media type, a file id) is a 400.
  ``tool_use`` blocks → the assistant's ``tool_calls``; ``tool_result`` blocks → ``tool`` messages (sent
  before the rest of their user turn, as OpenAI requires); ``thinking``/``redacted_thinking`` blocks
  from earlier turns are dropped (they are the gateway's own, never a backend's).
* ``cache_control`` stays where it was put (system blocks, content blocks, tool results, tools): the
  prefix cache reads the same marks on the chat body.
* ``tools`` (custom tools with ``input_schema``) → function tools; a typed Anthropic tool
  (``web_search_…``, ``code_execution_…``, ``computer_…``, ``bash_…``, ``text_editor_…``, …) or
  ``mcp_servers`` is a 400 naming it. ``tool_choice`` auto/any/tool/none (and
  ``disable_parallel_tool_use``) map to OpenAI's.
* ``output_config.format`` (and the beta's ``output_format``) JSON schemas → ``response_format``, so the
  request is ``json`` and its reply strict JSON.
* ``max_tokens`` is required (as on Anthropic's API), ``stop_sequences`` → ``stop``,
  ``metadata.user_id`` → ``user``; ``top_k`` and other Anthropic-only knobs are dropped. ``thinking``
  and ``output_config`` ride along for the effort hook (``budget_tokens`` → effort level) and are not
  forwarded. ``anthropic-beta`` headers are read by nobody and forwarded to nobody.

**Out.** A ``message`` built from the rebuilt completion: a gateway-made ``id`` (``msg_di…``), the
caller's ``model``, ``content`` blocks (``thinking`` when the caller enabled thinking and the backend
reasoned, signed by the gateway; ``text``; ``tool_use`` with gateway-made ``toolu_di…`` ids and parsed
``input``), ``stop_reason`` and ``usage`` in Anthropic's accounting (``input_tokens`` excludes cache
reads and writes, which are ``cache_read_input_tokens`` / ``cache_creation_input_tokens``). A stream
is Anthropic's event sequence: ``message_start``, ``ping``, ``content_block_start/delta/stop`` per
block, ``message_delta`` (stop reason, cumulative usage), ``message_stop``; or an ``error`` event.
Errors use Anthropic's envelope and error types.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any

import orjson

from ..context import GatewayError, RequestContext
from ..errors import RequestError
from ..keys import bearer_token
from .base import COUNT, Route, native_id

__all__ = ["SURFACE", "AnthropicSurface"]

_SSE = b"text/event-stream; charset=utf-8"
_SIGNING_KEY = secrets.token_bytes(32)
"""Key of the gateway's thinking-block signatures (per process: they are never verified, only made
so that no backend's signature is ever passed on)."""

_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
                403: "permission_error", 404: "not_found_error", 405: "invalid_request_error",
                408: "timeout_error", 413: "request_too_large", 422: "invalid_request_error",
                429: "rate_limit_error", 503: "overloaded_error", 504: "timeout_error", 529: "overloaded_error"}
_STOP_REASONS = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use",
                 "function_call": "tool_use", "content_filter": "refusal"}
_TOOL_CHOICES = ("auto", "any", "tool", "none")
_SERVER_BLOCKS = ("server_tool_use", "web_search_tool_result", "web_fetch_tool_result",
                  "code_execution_tool_result", "mcp_tool_use", "mcp_tool_result", "container_upload")


def _bad(message: str) -> RequestError:
    return RequestError(message, status=400, code="invalid_request_error")


def _expect(value: Any, kind: type | tuple[type, ...], where: str, what: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad(f"{where}: Input should be {what}")
    return value


def _required(obj: dict, key: str, where: str) -> Any:
    if obj.get(key) is None:
        raise _bad(f"{where + '.' if where else ''}{key}: Field required")
    return obj[key]


def _with_cache(out: dict[str, Any], block: dict, where: str) -> dict[str, Any]:
    cache = block.get("cache_control")
    if cache is not None:
        out["cache_control"] = _expect(cache, dict, f"{where}.cache_control", "a valid dictionary")
    return out


# -- request ----------------------------------------------------------------------------------------


def _text_block(block: dict, where: str) -> dict[str, Any]:
    text = _expect(_required(block, "text", where), str, f"{where}.text", "a valid string")
    return _with_cache({"type": "text", "text": text}, block, where)


def _image_block(block: dict, where: str) -> dict[str, Any]:
    source = _expect(_required(block, "source", where), dict, f"{where}.source", "a valid dictionary")
    kind = source.get("type")
    if kind == "base64":
        media = _expect(_required(source, "media_type", f"{where}.source"), str, f"{where}.source.media_type",
                        "a valid string")
        data = _expect(_required(source, "data", f"{where}.source"), str, f"{where}.source.data", "a valid string")
        url = f"data:{media};base64,{data}"
    elif kind == "url":
        url = _expect(_required(source, "url", f"{where}.source"), str, f"{where}.source.url", "a valid string")
    else:
        raise _bad(f"{where}.source.type: image sources must be 'base64' or 'url', got {str(kind)[:40]!r}")
    return _with_cache({"type": "image_url", "image_url": {"url": url}}, block, where)


def _document_block(block: dict, where: str) -> dict[str, Any]:
    source = _expect(_required(block, "source", where), dict, f"{where}.source", "a valid dictionary")
    kind, media = source.get("type"), source.get("media_type")
    if kind != "base64" or media != "application/pdf":
        shown = f"a {str(kind)[:40]!r} source" if kind != "base64" else f"media type {str(media)[:60]!r}"
        raise _bad(f"{where}.source: documents must be base64-encoded PDFs "
                   f"(source type 'base64', media_type 'application/pdf'); {shown} is not supported")
    data = _expect(_required(source, "data", f"{where}.source"), str, f"{where}.source.data", "a valid string")
    file: dict[str, Any] = {"file_data": f"data:application/pdf;base64,{data}"}
    title = block.get("title")
    if isinstance(title, str) and title:
        file["filename"] = title
    return _with_cache({"type": "file", "file": file}, block, where)


_CONTENT_BLOCKS = {"text": _text_block, "image": _image_block, "document": _document_block}
"""Content blocks that become chat content parts (in user turns and tool results)."""


def _tool_result_content(content: Any, where: str) -> str | list[dict[str, Any]]:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    blocks = _expect(content, list, where, "a valid list")
    parts = []
    for j, block in enumerate(blocks):
        at = f"{where}.{j}"
        block = _expect(block, dict, at, "a valid dictionary")
        convert = _CONTENT_BLOCKS.get(block.get("type"))
        if convert is None:
            raise _bad(f"{at}.type: tool results may hold 'text', 'image' and 'document' blocks, "
                       f"got {str(block.get('type'))[:40]!r}")
        parts.append(convert(block, at))
    return parts


def _tool_id(value: Any, where: str) -> str:
    tool_id = _expect(value, str, where, "a valid string")
    if not tool_id:
        raise _bad(f"{where}: String should have at least 1 character")
    return tool_id


def _user_turn(content: list, where: str) -> list[dict[str, Any]]:
    """A user turn's blocks as chat messages: its tool results first, then the rest as one user message."""
    tool_messages: list[dict[str, Any]] = []
    parts: list[dict[str, Any]] = []
    for j, block in enumerate(content):
        at = f"{where}.{j}"
        block = _expect(block, dict, at, "a valid dictionary")
        kind = block.get("type")
        convert = _CONTENT_BLOCKS.get(kind)
        if convert is not None:
            parts.append(convert(block, at))
        elif kind == "tool_result":
            result = _tool_result_content(block.get("content"), f"{at}.content")
            cache = block.get("cache_control")
            if cache is not None:
                if isinstance(result, str):
                    result = [{"type": "text", "text": result}]
                if result:
                    result[-1] = _with_cache(dict(result[-1]), block, at)
            if block.get("is_error") is True:
                result = ("Error: " + result if isinstance(result, str)
                          else [{"type": "text", "text": "Error:"}, *result])
            tool_messages.append({"role": "tool", "tool_call_id": _tool_id(block.get("tool_use_id"),
                                                                            f"{at}.tool_use_id"),
                                  "content": result})
        elif kind in ("thinking", "redacted_thinking"):
            continue
        elif kind in _SERVER_BLOCKS:
            raise _server_tool(str(kind))
        else:
            raise _bad(f"{at}.type: unsupported content block type {str(kind)[:40]!r} in a user turn")
    messages = tool_messages
    if parts:
        messages.append({"role": "user", "content": parts})
    return messages


def _assistant_turn(content: list, where: str) -> dict[str, Any]:
    parts: list[dict[str, Any]] = []
    calls: list[dict[str, Any]] = []
    for j, block in enumerate(content):
        at = f"{where}.{j}"
        block = _expect(block, dict, at, "a valid dictionary")
        kind = block.get("type")
        if kind == "text":
            parts.append(_text_block(block, at))
        elif kind == "tool_use":
            name = _expect(_required(block, "name", at), str, f"{at}.name", "a valid string")
            arguments = block.get("input", {})
            calls.append({"id": _tool_id(block.get("id"), f"{at}.id"), "type": "function",
                          "function": {"name": name, "arguments": orjson.dumps(arguments).decode()}})
        elif kind in ("thinking", "redacted_thinking"):
            continue  # the gateway's own earlier output: not forwarded
        elif kind in _SERVER_BLOCKS:
            raise _server_tool(str(kind))
        else:
            raise _bad(f"{at}.type: unsupported content block type {str(kind)[:40]!r} in an assistant turn")
    message: dict[str, Any] = {"role": "assistant", "content": parts or None}
    if calls:
        message["tool_calls"] = calls
    return message


def _messages(value: Any) -> list[dict[str, Any]]:
    turns = _expect(value, list, "messages", "a valid list")
    out: list[dict[str, Any]] = []
    for i, turn in enumerate(turns):
        where = f"messages.{i}"
        turn = _expect(turn, dict, where, "a valid dictionary")
        role = turn.get("role")
        if role not in ("user", "assistant"):
            raise _bad(f"{where}.role: Input should be 'user' or 'assistant'")
        content = _required(turn, "content", where)
        if isinstance(content, str):
            out.append({"role": role, "content": content})
            continue
        content = _expect(content, list, f"{where}.content", "a valid string or list of content blocks")
        if role == "user":
            out.extend(_user_turn(content, f"{where}.content"))
        else:
            out.append(_assistant_turn(content, f"{where}.content"))
    return out


def _system(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        return {"role": "system", "content": value} if value else None
    blocks = _expect(value, list, "system", "a valid string or list of text blocks")
    parts = []
    for j, block in enumerate(blocks):
        block = _expect(block, dict, f"system.{j}", "a valid dictionary")
        if block.get("type") != "text":
            raise _bad(f"system.{j}.type: system blocks must be 'text'")
        parts.append(_text_block(block, f"system.{j}"))
    return {"role": "system", "content": parts} if parts else None


def _server_tool(name: str) -> RequestError:
    return _bad(f'server-side tool "{name[:60]}" is not supported; define a custom tool (name, '
                "description, input_schema) instead")


def _tools(value: Any) -> list[dict[str, Any]]:
    tools = []
    for i, tool in enumerate(_expect(value, list, "tools", "a valid list")):
        where = f"tools.{i}"
        tool = _expect(tool, dict, where, "a valid dictionary")
        kind = tool.get("type")
        if kind not in (None, "custom"):
            raise _server_tool(str(tool.get("name") or kind))
        name = _expect(_required(tool, "name", where), str, f"{where}.name", "a valid string")
        schema = _expect(_required(tool, "input_schema", where), dict, f"{where}.input_schema",
                         "a valid dictionary")
        function: dict[str, Any] = {"name": name, "parameters": schema}
        description = tool.get("description")
        if description is not None:
            function["description"] = _expect(description, str, f"{where}.description", "a valid string")
        tools.append(_with_cache({"type": "function", "function": function}, tool, where))
    return tools


def _tool_choice(value: Any, chat: dict[str, Any]) -> None:
    choice = _expect(value, dict, "tool_choice", "a valid dictionary")
    kind = choice.get("type")
    if kind not in _TOOL_CHOICES:
        raise _bad("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'")
    if kind == "tool":
        name = _expect(_required(choice, "name", "tool_choice"), str, "tool_choice.name", "a valid string")
        chat["tool_choice"] = {"type": "function", "function": {"name": name}}
    else:
        chat["tool_choice"] = {"auto": "auto", "any": "required", "none": "none"}[kind]
    if choice.get("disable_parallel_tool_use") is True and chat.get("tools"):
        chat["parallel_tool_calls"] = False


def _output_format(body: dict[str, Any]) -> dict[str, Any] | None:
    """Structured output (``output_config.format``, or the beta's top-level ``output_format``) as an
    OpenAI ``response_format``."""
    config = body.get("output_config")
    where = "output_config.format"
    fmt = config.get("format") if isinstance(config, dict) else None
    if fmt is None:
        fmt, where = body.get("output_format"), "output_format"
    if fmt is None:
        return None
    fmt = _expect(fmt, dict, where, "a valid dictionary")
    if fmt.get("type") != "json_schema":
        raise _bad(f"{where}.type: Input should be 'json_schema'")
    schema = _expect(_required(fmt, "schema", where), dict, f"{where}.schema", "a valid dictionary")
    return {"type": "json_schema", "json_schema": {"name": "output", "schema": schema, "strict": True}}


def _thinking_enabled(body: dict[str, Any]) -> bool:
    thinking = body.get("thinking")
    return isinstance(thinking, dict) and thinking.get("type") in ("enabled", "adaptive")


# -- response ---------------------------------------------------------------------------------------


def _sign(thinking: str) -> str:
    digest = hashlib.blake2b(thinking.encode("utf-8", "surrogatepass"), key=_SIGNING_KEY, digest_size=48).digest()
    return base64.b64encode(digest).decode()


def _tool_input(arguments: Any) -> dict[str, Any]:
    if isinstance(arguments, str) and arguments:
        try:
            value = orjson.loads(arguments)
        except orjson.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}
    return {}


def _usage(usage: Any) -> dict[str, int]:
    """OpenAI usage (prompt tokens include cache reads and writes) in Anthropic's accounting."""
    usage = usage if isinstance(usage, dict) else {}
    details = usage.get("prompt_tokens_details") or {}
    read = details.get("cached_tokens") or 0
    write = details.get("cache_write_tokens") or 0
    prompt = usage.get("prompt_tokens") or 0
    return {"input_tokens": max(0, prompt - read - write), "output_tokens": usage.get("completion_tokens") or 0,
            "cache_creation_input_tokens": write, "cache_read_input_tokens": read}


def _tool_use_id(ctx: RequestContext, index: int) -> str:
    return native_id(ctx, "toolu_") + f"_{index}"


def _event(name: bytes, payload: dict[str, Any]) -> bytes:
    return b"event: " + name + b"\ndata: " + orjson.dumps(payload) + b"\n\n"


class AnthropicStream:
    """Rebuilt OpenAI chunks → Anthropic's stream events (one open content block at a time)."""

    __slots__ = ("_block", "_calls", "_ctx", "_index", "_stop", "_thinking", "_thinking_text", "_usage")
    media_type = _SSE

    def __init__(self, ctx: RequestContext) -> None:
        self._ctx = ctx
        self._thinking = bool(ctx.extra.get("anthropic_thinking"))
        self._block: str | None = None  # "thinking", "text" or "tool"
        self._index = -1
        self._calls: dict[int, int] = {}  # OpenAI tool-call index -> content block index
        self._thinking_text: list[str] = []
        self._stop = "end_turn"
        self._usage: dict[str, int] | None = None

    def start(self) -> bytes:
        ctx = self._ctx
        message = {"id": native_id(ctx, "msg_"), "type": "message", "role": "assistant", "model": ctx.caller_model,
                   "content": [], "stop_reason": None, "stop_sequence": None,
                   "usage": {"input_tokens": 0, "output_tokens": 0, "cache_creation_input_tokens": 0,
                             "cache_read_input_tokens": 0}}
        return (_event(b"message_start", {"type": "message_start", "message": message})
                + _event(b"ping", {"type": "ping"}))

    def _close(self) -> bytes:
        if self._block is None:
            return b""
        out = b""
        if self._block == "thinking":
            signature = _sign("".join(self._thinking_text))
            out = _event(b"content_block_delta", {"type": "content_block_delta", "index": self._index,
                                                  "delta": {"type": "signature_delta", "signature": signature}})
        self._block = None
        return out + _event(b"content_block_stop", {"type": "content_block_stop", "index": self._index})

    def _open(self, kind: str, block: dict[str, Any]) -> bytes:
        out = self._close()
        self._index += 1
        self._block = kind
        return out + _event(b"content_block_start", {"type": "content_block_start", "index": self._index,
                                                     "content_block": block})

    def chunk(self, chunk: dict[str, Any]) -> bytes:
        out = b""
        usage = chunk.get("usage")
        if usage:
            self._usage = _usage(usage)
        for choice in chunk["choices"]:
            if choice["index"] != 0:
                continue
            delta = choice["delta"]
            reasoning = delta.get("reasoning")
            if reasoning and self._thinking:
                if self._block != "thinking":
                    out += self._open("thinking", {"type": "thinking", "thinking": "", "signature": ""})
                self._thinking_text.append(reasoning)
                out += _event(b"content_block_delta", {"type": "content_block_delta", "index": self._index,
                                                       "delta": {"type": "thinking_delta", "thinking": reasoning}})
            text = delta.get("content")
            if text:
                if self._block != "text":
                    out += self._open("text", {"type": "text", "text": ""})
                out += _event(b"content_block_delta", {"type": "content_block_delta", "index": self._index,
                                                       "delta": {"type": "text_delta", "text": text}})
            calls = delta.get("tool_calls")
            if calls:
                out += self._tool_deltas(calls)
            finish = choice.get("finish_reason")
            if finish is not None:
                self._stop = _STOP_REASONS.get(finish, "end_turn")
        return out

    def _tool_deltas(self, calls: list[dict[str, Any]]) -> bytes:
        out = b""
        for call in calls:
            index = call.get("index", 0)
            fn = call.get("function") or {}
            block = self._calls.get(index)
            if block is None:
                out += self._open("tool", {"type": "tool_use", "id": _tool_use_id(self._ctx, index),
                                           "name": fn.get("name") or "", "input": {}})
                block = self._calls[index] = self._index
            fragment = fn.get("arguments")
            if fragment:
                out += _event(b"content_block_delta", {"type": "content_block_delta", "index": block,
                                                       "delta": {"type": "input_json_delta",
                                                                 "partial_json": fragment}})
        return out

    def end(self) -> bytes:
        usage = self._usage or {"output_tokens": 0}
        return (self._close()
                + _event(b"message_delta", {"type": "message_delta",
                                            "delta": {"stop_reason": self._stop, "stop_sequence": None},
                                            "usage": usage})
                + _event(b"message_stop", {"type": "message_stop"}))

    def error(self, error: GatewayError) -> bytes:
        return b"event: error\ndata: " + SURFACE.error_body(error) + b"\n\n"


class AnthropicSurface:
    """Anthropic Messages, served on the one pipeline (see the module docstring)."""

    name = "anthropic"
    key_hint = "send it as 'x-api-key: <key>' (with 'anthropic-version: 2023-06-01') or 'Authorization: Bearer <key>'"

    def credential(self, headers: dict[str, str], authorization: list[str], query: dict[str, str]) -> str | None:
        key = headers.get("x-api-key")
        if key:
            return key.strip()
        return bearer_token(authorization[0] if authorization else None)

    def to_chat(self, body: Any, route: Route, ctx: RequestContext) -> dict[str, Any]:
        body = _expect(body, dict, "body", "a valid dictionary (a JSON object)")
        model = _expect(_required(body, "model", ""), str, "model", "a valid string")
        chat: dict[str, Any] = {"model": model}
        if route.action != COUNT:
            max_tokens = _expect(_required(body, "max_tokens", ""), int, "max_tokens", "a valid integer")
            if max_tokens < 1:
                raise _bad("max_tokens: Input should be greater than or equal to 1")
            chat["max_tokens"] = max_tokens
        messages = _messages(_required(body, "messages", ""))
        system = body.get("system")
        if system is not None:
            first = _system(system)
            if first is not None:
                messages.insert(0, first)
        chat["messages"] = messages
        if body.get("tools") is not None:
            chat["tools"] = _tools(body["tools"])
        if body.get("mcp_servers"):
            raise _server_tool("mcp_servers")
        if body.get("tool_choice") is not None:
            _tool_choice(body["tool_choice"], chat)
        for key in ("temperature", "top_p"):
            if body.get(key) is not None:
                chat[key] = body[key]
        stops = body.get("stop_sequences")
        if stops is not None:
            stops = _expect(stops, list, "stop_sequences", "a valid list of strings")
            if stops:
                chat["stop"] = stops
        metadata = body.get("metadata")
        if isinstance(metadata, dict) and isinstance(metadata.get("user_id"), str):
            chat["user"] = metadata["user_id"]
        for key in ("thinking", "output_config"):  # read by the effort hook, dropped by chat validation
            if body.get(key) is not None:
                chat[key] = body[key]
        output_format = _output_format(body)
        if output_format is not None:
            chat["response_format"] = output_format
        if body.get("stream") is True and route.action != COUNT:
            chat["stream"] = True
            chat["stream_options"] = {"include_usage": True}
        ctx.extra["anthropic_thinking"] = _thinking_enabled(body)
        return chat

    def render(self, completion: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        choices = completion.get("choices") or [{}]
        choice = choices[0]
        message = choice.get("message") or {}
        content: list[dict[str, Any]] = []
        reasoning = message.get("reasoning")
        if reasoning and ctx.extra.get("anthropic_thinking"):
            content.append({"type": "thinking", "thinking": reasoning, "signature": _sign(reasoning)})
        text = message.get("content")
        if text:
            content.append({"type": "text", "text": text})
        for index, call in enumerate(message.get("tool_calls") or ()):
            fn = call.get("function") or {}
            content.append({"type": "tool_use", "id": _tool_use_id(ctx, index), "name": fn.get("name") or "",
                            "input": _tool_input(fn.get("arguments"))})
        finish = choice.get("finish_reason")
        return {"id": native_id(ctx, "msg_"), "type": "message", "role": "assistant", "model": ctx.caller_model,
                "content": content, "stop_reason": _STOP_REASONS.get(finish or "stop", "end_turn"),
                "stop_sequence": None, "usage": _usage(completion.get("usage"))}

    def encoder(self, ctx: RequestContext) -> AnthropicStream:
        return AnthropicStream(ctx)

    def count_body(self, tokens: int, ctx: RequestContext) -> dict[str, Any]:
        return {"input_tokens": tokens}

    def models_body(self, models: list[str], created: int) -> dict[str, Any]:
        stamp = datetime.fromtimestamp(created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        data = [{"type": "model", "id": m, "display_name": m, "created_at": stamp} for m in models]
        return {"data": data, "has_more": False, "first_id": models[0] if models else None,
                "last_id": models[-1] if models else None}

    def error_body(self, error: GatewayError) -> bytes:
        kind = _ERROR_TYPES.get(error.status) or ("api_error" if error.status >= 500 else "invalid_request_error")
        return orjson.dumps({"type": "error", "error": {"type": kind, "message": error.message}})


SURFACE = AnthropicSurface()
