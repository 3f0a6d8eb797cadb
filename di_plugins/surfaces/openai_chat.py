"""OpenAI Chat Completions responses, rebuilt from OpenAI's published schema: zero-knowledge by construction.

Whatever a backend sends, the caller gets a new object holding only the keys OpenAI documents, at
every level: completion/chunk → choice → message/delta → tool call → function, logprobs, usage and its
details. Values are type-checked (a string field holds a string or ``null``), the ``model`` is the
caller's own string and the ``id`` is the gateway's. So vendor additions (``system_fingerprint``,
``service_tier``, ``provider_specific_fields``, ``obfuscation``, ``x_groq``, ``provider``,
``content_filter_results``, ``native_finish_reason``, ``extra_content``, cost figures, ...) never pass,
including the ones nobody has invented yet. ``reasoning_content`` becomes ``reasoning`` (the product's
field name, also in ``delta``); finish reasons outside OpenAI's set become ``stop``.

Rebuilding a typical stream chunk costs a few microseconds: it is a handful of dict operations.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..context import GatewayError, RequestContext
from ..errors import openai_error_body
from ..keys import bearer_token
from .base import Route

__all__ = ["FINISH_REASONS", "SURFACE", "OpenAIChatSurface", "completion_chunks", "rebuild_chunk",
           "rebuild_completion", "rebuild_usage"]

FINISH_REASONS = frozenset({"stop", "length", "tool_calls", "content_filter", "function_call"})
PROMPT_DETAIL_KEYS = ("cached_tokens", "cache_write_tokens", "audio_tokens")
COMPLETION_DETAIL_KEYS = ("reasoning_tokens", "audio_tokens", "accepted_prediction_tokens",
                          "rejected_prediction_tokens")
USAGE_KEYS = ("prompt_tokens", "completion_tokens", "total_tokens")


def _int(value: Any) -> int | None:
    return value if value.__class__ is int else None


def _text(value: Any) -> str | None:
    """A string field: a string, else ``None`` (text-part lists are joined)."""
    if value is None or value.__class__ is str:
        return value
    if isinstance(value, list):  # some backends answer with content parts
        texts = [p["text"] for p in value if isinstance(p, dict) and isinstance(p.get("text"), str)]
        return "".join(texts) if texts else None
    return None


def _finish(value: Any) -> str | None:
    if value is None:
        return None
    return value if value in FINISH_REASONS else "stop"


def _arguments(value: Any) -> str | None:
    if value is None or value.__class__ is str:
        return value
    if isinstance(value, (dict, list)):  # a backend that sends parsed arguments
        return orjson.dumps(value).decode()
    return None


def _function(fn: Any, partial: bool) -> dict[str, Any] | None:
    if not isinstance(fn, dict):
        return None
    out: dict[str, Any] = {}
    name = fn.get("name")
    if name.__class__ is str or (not partial and name is None):
        out["name"] = name
    if "arguments" in fn or not partial:
        args = _arguments(fn.get("arguments"))
        if args is not None or not partial:
            out["arguments"] = args if args is not None else ""
    return out


def _tool_call(call: Any, partial: bool) -> dict[str, Any] | None:
    """One ``tool_calls`` entry; ``partial`` for stream deltas (only the keys that were sent)."""
    if not isinstance(call, dict):
        return None
    out: dict[str, Any] = {}
    if partial:
        index = _int(call.get("index"))
        out["index"] = index if index is not None else 0
    cid = call.get("id")
    if cid.__class__ is str:
        out["id"] = cid
    ctype = call.get("type")
    if ctype == "custom" and isinstance(call.get("custom"), dict):
        custom = call["custom"]
        out["type"] = "custom"
        out["custom"] = {k: custom[k] for k in ("name", "input") if custom.get(k).__class__ is str}
        return out
    if ctype is not None or not partial:
        out["type"] = "function"
    fn = _function(call.get("function"), partial)
    if fn is not None:
        out["function"] = fn
    elif not partial:
        out["function"] = {"name": None, "arguments": ""}
    return out


def _tool_calls(calls: Any, partial: bool) -> list[dict[str, Any]] | None:
    if not isinstance(calls, list):
        return None
    cleaned = [c for c in (_tool_call(call, partial) for call in calls) if c is not None]
    return cleaned or None


def _logprob_token(tok: Any, top: bool) -> dict[str, Any] | None:
    if not isinstance(tok, dict):
        return None
    out: dict[str, Any] = {"token": tok.get("token") if tok.get("token").__class__ is str else "",
                           "logprob": tok.get("logprob") if isinstance(tok.get("logprob"), (int, float)) else 0.0}
    raw_bytes = tok.get("bytes")
    out["bytes"] = [b for b in raw_bytes if b.__class__ is int] if isinstance(raw_bytes, list) else None
    if top:
        tops = tok.get("top_logprobs")
        out["top_logprobs"] = ([t for t in (_logprob_token(x, False) for x in tops) if t is not None]
                               if isinstance(tops, list) else [])
    return out


def _logprobs(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    out: dict[str, Any] = {}
    for key in ("content", "refusal"):
        items = value.get(key)
        out[key] = ([t for t in (_logprob_token(x, True) for x in items) if t is not None]
                    if isinstance(items, list) else None)
    return out


def _details(value: Any, keys: tuple[str, ...]) -> dict[str, int] | None:
    if not isinstance(value, dict):
        return None
    return {k: value[k] for k in keys if value.get(k).__class__ is int}


def rebuild_usage(value: Any) -> dict[str, Any] | None:
    """OpenAI's usage object (token counts and their details only; never cost)."""
    if not isinstance(value, dict):
        return None
    out: dict[str, Any] = {k: value[k] for k in USAGE_KEYS if value.get(k).__class__ is int}
    prompt = _details(value.get("prompt_tokens_details"), PROMPT_DETAIL_KEYS)
    if prompt is not None:
        out["prompt_tokens_details"] = prompt
    completion = _details(value.get("completion_tokens_details"), COMPLETION_DETAIL_KEYS)
    if completion is not None:
        out["completion_tokens_details"] = completion
    return out


def _reasoning(source: dict) -> str | None:
    value = source.get("reasoning")
    if value.__class__ is not str:
        value = source.get("reasoning_content")
    return value if value.__class__ is str else None


def _message(msg: Any) -> dict[str, Any]:
    if not isinstance(msg, dict):
        return {"role": "assistant", "content": None}
    out: dict[str, Any] = {"role": "assistant", "content": _text(msg.get("content"))}
    if "refusal" in msg:
        out["refusal"] = _text(msg.get("refusal"))
    reasoning = _reasoning(msg)
    if reasoning is not None:
        out["reasoning"] = reasoning
    calls = _tool_calls(msg.get("tool_calls"), False)
    if calls is not None:
        out["tool_calls"] = calls
    fn = _function(msg.get("function_call"), False)
    if fn is not None:
        out["function_call"] = fn
    audio = msg.get("audio")
    if isinstance(audio, dict):
        out["audio"] = {k: audio[k] for k in ("id", "data", "transcript") if audio.get(k).__class__ is str}
        if audio.get("expires_at").__class__ is int:
            out["audio"]["expires_at"] = audio["expires_at"]
    annotations = msg.get("annotations")
    if isinstance(annotations, list):
        out["annotations"] = [a for a in (_annotation(x) for x in annotations) if a is not None]
    return out


def _annotation(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or value.get("type") != "url_citation":
        return None
    cite = value.get("url_citation")
    if not isinstance(cite, dict):
        return None
    kept = {k: cite[k] for k in ("start_index", "end_index") if cite.get(k).__class__ is int}
    kept.update({k: cite[k] for k in ("url", "title") if cite.get(k).__class__ is str})
    return {"type": "url_citation", "url_citation": kept}


def rebuild_completion(raw: dict, model: str, response_id: str, created: int) -> dict[str, Any]:
    """A ``chat.completion`` holding only OpenAI's documented keys."""
    choices = []
    raw_choices = raw.get("choices")
    for position, choice in enumerate(raw_choices if isinstance(raw_choices, list) else ()):
        if not isinstance(choice, dict):
            continue
        index = _int(choice.get("index"))
        choices.append({"index": index if index is not None else position,
                        "message": _message(choice.get("message")),
                        "logprobs": _logprobs(choice.get("logprobs")),
                        "finish_reason": _finish(choice.get("finish_reason"))})
    out: dict[str, Any] = {"id": response_id, "object": "chat.completion", "created": created, "model": model,
                           "choices": choices}
    usage = rebuild_usage(raw.get("usage"))
    if usage is not None:
        out["usage"] = usage
    return out


def _delta(delta: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in delta.items():
        if key == "content" or key == "refusal":
            if value is None or value.__class__ is str:
                out[key] = value
            else:
                out[key] = _text(value)
        elif key == "role":
            if value.__class__ is str:
                out["role"] = "assistant"
        elif key == "reasoning" or key == "reasoning_content":
            if value.__class__ is str:
                out["reasoning"] = value
        elif key == "tool_calls":
            calls = _tool_calls(value, True)
            if calls is not None:
                out["tool_calls"] = calls
        elif key == "function_call":
            fn = _function(value, True)
            if fn is not None:
                out["function_call"] = fn
    return out


def rebuild_chunk(raw: dict, model: str, response_id: str, created: int) -> dict[str, Any]:
    """A ``chat.completion.chunk`` holding only OpenAI's documented keys."""
    choices = []
    raw_choices = raw.get("choices")
    if raw_choices.__class__ is list:
        for position, choice in enumerate(raw_choices):
            if choice.__class__ is not dict:
                continue
            index = choice.get("index")
            delta = choice.get("delta")
            out_choice: dict[str, Any] = {"index": index if index.__class__ is int else position,
                                          "delta": _delta(delta) if delta.__class__ is dict else {}}
            if "logprobs" in choice:
                lp = choice["logprobs"]
                out_choice["logprobs"] = None if lp is None else _logprobs(lp)
            finish = choice.get("finish_reason")
            out_choice["finish_reason"] = None if finish is None else _finish(finish)
            choices.append(out_choice)
    out: dict[str, Any] = {"id": response_id, "object": "chat.completion.chunk", "created": created,
                           "model": model, "choices": choices}
    if "usage" in raw:
        out["usage"] = rebuild_usage(raw["usage"])
    return out


def completion_chunks(completion: dict[str, Any], include_usage: bool) -> list[dict[str, Any]]:
    """A rebuilt completion as the chunks of a stream (for a buffered stream): per choice one chunk with
    the whole message (role, content, reasoning, refusal, tool calls with their full arguments, logprobs)
    and one with its ``finish_reason``; then, with ``include_usage``, the usage chunk (``choices: []``;
    the other chunks carry ``usage: null``, as OpenAI sends them)."""
    head = {"id": completion["id"], "object": "chat.completion.chunk", "created": completion["created"],
            "model": completion["model"]}
    if include_usage:
        head["usage"] = None
    chunks: list[dict[str, Any]] = []
    for choice in completion.get("choices") or ():
        msg = choice.get("message") or {}
        delta: dict[str, Any] = {"role": "assistant", "content": msg.get("content")}
        for key in ("reasoning", "refusal", "function_call"):
            if msg.get(key) is not None:
                delta[key] = msg[key]
        calls = msg.get("tool_calls")
        if calls:
            delta["tool_calls"] = [{"index": i, **call} for i, call in enumerate(calls)]
        index = choice.get("index", 0)
        first: dict[str, Any] = {"index": index, "delta": delta, "finish_reason": None}
        if choice.get("logprobs") is not None:
            first["logprobs"] = choice["logprobs"]
        chunks.append({**head, "choices": [first]})
        chunks.append({**head, "choices": [{"index": index, "delta": {}, "finish_reason": choice.get("finish_reason")}]})
    if include_usage:
        chunks.append({**head, "choices": [], "usage": completion.get("usage")})
    return chunks


# -- the surface ------------------------------------------------------------------------------------

DONE_FRAME = b"data: [DONE]\n\n"
SSE_MEDIA_TYPE = b"text/event-stream; charset=utf-8"


class OpenAIStream:
    """``data: <chunk>`` frames, ending in ``data: [DONE]``; a broken stream ends with one error frame."""

    __slots__ = ()
    media_type = SSE_MEDIA_TYPE

    def start(self) -> bytes:
        return b""

    def chunk(self, chunk: dict[str, Any], _dumps: Any = orjson.dumps) -> bytes:
        return b"data: " + _dumps(chunk) + b"\n\n"

    def end(self) -> bytes:
        return DONE_FRAME

    def error(self, error: GatewayError) -> bytes:
        return b"data: " + openai_error_body(error) + b"\n\n"


_STREAM = OpenAIStream()


class OpenAIChatSurface:
    """The OpenAI Chat Completions surface: the pipeline's own shape, so translation is the identity."""

    name = "openai"

    def credential(self, headers: dict[str, str], authorization: list[str], query: dict[str, str]) -> str | None:
        return bearer_token(authorization[0] if authorization else None)

    key_hint = "send it as 'Authorization: Bearer <key>'"

    def to_chat(self, body: Any, route: Route, ctx: RequestContext) -> Any:
        return body  # the journey validates it (and classifies even an invalid one)

    def render(self, completion: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        return completion

    def encoder(self, ctx: RequestContext) -> OpenAIStream:
        return _STREAM

    def count_body(self, tokens: int, ctx: RequestContext) -> dict[str, Any]:
        return {"object": "input_tokens", "input_tokens": tokens}

    def models_body(self, models: list[str], created: int) -> dict[str, Any]:
        return {"object": "list", "data": [{"id": m, "object": "model", "created": created, "owned_by": "di-gateway"}
                                           for m in models]}

    def error_body(self, error: GatewayError) -> bytes:
        return openai_error_body(error)


SURFACE = OpenAIChatSurface()
