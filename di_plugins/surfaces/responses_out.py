"""Responses API output: a rebuilt chat completion → a ``Response``; rebuilt chunks → Responses stream events.

Everything here is built from the gateway's *rebuilt* chat objects (:mod:`.openai_chat`), the caller's
own request (the echo kept on ``ctx.extra["responses"]`` by :mod:`.responses`) and the request context:
allowlisted keys, typed values, gateway-made ids. So no backend id, model, provider or cost can reach the
caller.

The ``Response``:

* ``id`` ``resp_di…`` (:func:`~.base.native_id`); item ids ``rs_di…_<n>``, ``msg_di…_<n>``, ``fc_di…_<n>``
  (``n`` the output index); a function call's ``call_id`` is gateway-made too (``call_di…_<k>``, ``k`` the
  call's ordinal): a backend's own tool-call ids can name the provider (``toolu_…``), and the ids only
  need to be consistent inside the conversation the caller sends back.
* ``output``: a ``reasoning`` item when the backend reasoned (the raw reasoning text as
  ``content: [{type: "reasoning_text"}]``, ``summary: []``: it is the model's reasoning, not a summary),
  a ``message`` item (``output_text`` with ``annotations`` from the chat ``url_citation`` ones; a chat
  ``refusal`` becomes a ``refusal`` part), one ``function_call`` item per tool call. A reply with nothing
  at all still gets an (empty) message, so ``output_text`` is ``""``.
* ``status`` ``completed``; ``incomplete`` with ``incomplete_details.reason`` ``max_output_tokens``
  (finish ``length``) or ``content_filter``.
* ``usage``: ``input_tokens`` (+ ``cached_tokens``, ``cache_write_tokens``), ``output_tokens``
  (+ ``reasoning_tokens``), ``total_tokens``.

The stream (:class:`ResponsesEncoder`): ``response.created``, ``response.in_progress``; per item
``response.output_item.added`` … ``response.output_item.done`` with, inside, ``response.content_part.added``
/ ``.done`` around ``response.output_text.delta`` / ``.done`` (or ``response.refusal.*``,
``response.reasoning_text.*``) and ``response.function_call_arguments.delta`` / ``.done``; finally
``response.completed`` or ``response.incomplete`` with the whole Response and its usage. A stream that
breaks ends with an ``error`` event followed by ``response.failed`` (its ``response.error`` holds one of
OpenAI's response error codes). Every event has a ``sequence_number`` from 0; there is no ``[DONE]``.

Per chunk, a text delta costs one pre-built byte prefix, one ``orjson.dumps`` of the delta string and a
join.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from ..context import GatewayError, RequestContext
from .base import native_id

__all__ = ["EXTRA_KEY", "ResponsesEncoder", "render_response", "response_object", "response_usage"]

EXTRA_KEY = "responses"
"""``ctx.extra`` key of the request echo."""

DEFAULT_ECHO: dict[str, Any] = {
    "model": "", "instructions": None, "max_output_tokens": None, "parallel_tool_calls": True,
    "temperature": None, "top_p": None, "tool_choice": "auto", "tools": [], "text": {"format": {"type": "text"}},
    "reasoning": {"effort": None, "summary": None}, "truncation": "disabled", "metadata": {}}
_INCOMPLETE = {"length": "max_output_tokens", "content_filter": "content_filter"}
_dumps = orjson.dumps
_SEQ = b',"sequence_number":'
_LOGPROBS_SEQ = b',"logprobs":[],"sequence_number":'


def _int(value: Any) -> int:
    return value if value.__class__ is int else 0


def response_usage(usage: Any) -> dict[str, Any] | None:
    """Responses ``usage`` from a rebuilt chat usage (``None`` without one)."""
    if not isinstance(usage, dict):
        return None
    prompt = _int(usage.get("prompt_tokens"))
    completion = _int(usage.get("completion_tokens"))
    total = usage.get("total_tokens")
    prompt_details = usage.get("prompt_tokens_details")
    if not isinstance(prompt_details, dict):
        prompt_details = {}
    completion_details = usage.get("completion_tokens_details")
    if not isinstance(completion_details, dict):
        completion_details = {}
    return {"input_tokens": prompt,
            "input_tokens_details": {"cached_tokens": _int(prompt_details.get("cached_tokens")),
                                     "cache_write_tokens": _int(prompt_details.get("cache_write_tokens"))},
            "output_tokens": completion,
            "output_tokens_details": {"reasoning_tokens": _int(completion_details.get("reasoning_tokens"))},
            "total_tokens": total if total.__class__ is int else prompt + completion}


def response_object(ctx: RequestContext, status: str, output: list[dict[str, Any]], usage: dict[str, Any] | None,
                    reason: str | None = None, error: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``Response`` with the caller's echo (``ctx.extra["responses"]``)."""
    echo = ctx.extra.get(EXTRA_KEY) or DEFAULT_ECHO
    return {"id": native_id(ctx, "resp_"), "object": "response", "created_at": ctx.created, "status": status,
            "background": False, "completed_at": int(time.time()) if status == "completed" else None,
            "error": error, "incomplete_details": {"reason": reason} if reason else None,
            "instructions": echo["instructions"], "max_output_tokens": echo["max_output_tokens"],
            "max_tool_calls": None, "model": ctx.caller_model or echo["model"], "output": output,
            "parallel_tool_calls": echo["parallel_tool_calls"], "previous_response_id": None,
            "prompt_cache_key": echo.get("prompt_cache_key"), "reasoning": echo["reasoning"],
            "safety_identifier": echo.get("safety_identifier"), "store": False,
            "temperature": echo["temperature"], "text": echo["text"], "tool_choice": echo["tool_choice"],
            "tools": echo["tools"], "top_p": echo["top_p"], "truncation": echo["truncation"], "usage": usage,
            "user": echo.get("user"), "metadata": echo["metadata"]}


def _annotations(value: Any) -> list[dict[str, Any]]:
    out = []
    for ann in value if isinstance(value, list) else ():
        cite = ann.get("url_citation") if isinstance(ann, dict) else None
        if (isinstance(cite, dict) and cite.get("url").__class__ is str and cite.get("start_index").__class__ is int
                and cite.get("end_index").__class__ is int):
            out.append({"type": "url_citation", "url": cite["url"], "title": cite.get("title") or "",
                        "start_index": cite["start_index"], "end_index": cite["end_index"]})
    return out


def _text_part(text: str, annotations: list | None = None) -> dict[str, Any]:
    return {"type": "output_text", "text": text, "annotations": annotations or [], "logprobs": []}


def _reasoning_item(item_id: str, text: str, status: str) -> dict[str, Any]:
    return {"type": "reasoning", "id": item_id, "summary": [], "content": [{"type": "reasoning_text", "text": text}],
            "status": status}


def _message_item(item_id: str, content: list[dict[str, Any]], status: str) -> dict[str, Any]:
    return {"type": "message", "id": item_id, "status": status, "role": "assistant", "content": content}


def _call_item(item_id: str, call_id: str, name: str, arguments: str, status: str) -> dict[str, Any]:
    return {"type": "function_call", "id": item_id, "call_id": call_id, "name": name, "arguments": arguments,
            "status": status}


def render_response(completion: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
    """The ``Response`` for a rebuilt chat completion (its first choice)."""
    token = native_id(ctx, "")
    choices = completion.get("choices") if isinstance(completion.get("choices"), list) else []
    choice = next((c for c in choices if c.get("index") == 0), choices[0] if choices else {})
    msg = choice.get("message") if isinstance(choice.get("message"), dict) else {}
    reason = _INCOMPLETE.get(choice.get("finish_reason"))
    status = "incomplete" if reason else "completed"
    output: list[dict[str, Any]] = []
    reasoning = msg.get("reasoning")
    if reasoning.__class__ is str and reasoning:
        output.append(_reasoning_item(f"rs_{token}_{len(output)}", reasoning, status))
    content: list[dict[str, Any]] = []
    text = msg.get("content")
    if text.__class__ is str and text:
        content.append(_text_part(text, _annotations(msg.get("annotations"))))
    refusal = msg.get("refusal")
    if refusal.__class__ is str and refusal:
        content.append({"type": "refusal", "refusal": refusal})
    calls = [c for c in msg.get("tool_calls") or () if isinstance(c, dict) and isinstance(c.get("function"), dict)]
    if content or not calls:
        output.append(_message_item(f"msg_{token}_{len(output)}", content or [_text_part("")], status))
    for k, call in enumerate(calls):
        fn = call["function"]
        name, args = fn.get("name"), fn.get("arguments")
        output.append(_call_item(f"fc_{token}_{len(output)}", f"call_{token}_{k}", name if name.__class__ is str else "",
                                 args if args.__class__ is str else "", status))
    return response_object(ctx, status, output, response_usage(completion.get("usage")), reason)


def _failed_code(status: int) -> str:
    """One of the ``ResponseError`` codes OpenAI documents, for a gateway error status."""
    if status == 429:
        return "rate_limit_exceeded"
    if 400 <= status < 500:
        return "invalid_prompt"
    return "server_error"


class _Item:
    """One output item being streamed."""

    __slots__ = ("kind", "index", "id", "parts", "part_kind", "prefix", "tail", "call_id", "name", "done", "status")

    def __init__(self, kind: str, index: int, item_id: str) -> None:
        self.kind = kind
        self.index = index
        self.id = item_id
        self.parts: list[tuple[str, list[str]]] = []  # (part kind, text pieces); call: one ("args", pieces)
        self.part_kind = ""
        self.prefix = b""  # a delta event up to its delta string
        self.tail = _SEQ  # after the delta string, up to the sequence number
        self.call_id = ""
        self.name = ""
        self.done = False
        self.status = "in_progress"

    def final(self, status: str) -> dict[str, Any]:
        if self.kind == "message":
            content = [_text_part("".join(p)) if kind == "output_text" else {"type": "refusal", "refusal": "".join(p)}
                       for kind, p in self.parts]
            return _message_item(self.id, content, status)
        if self.kind == "reasoning":
            return _reasoning_item(self.id, "".join(self.parts[0][1]) if self.parts else "", status)
        return _call_item(self.id, self.call_id, self.name, "".join(self.parts[0][1]), status)


class ResponsesEncoder:
    """Rebuilt chat chunks of one stream → Responses SSE events (see the module docstring)."""

    media_type = b"text/event-stream; charset=utf-8"
    __slots__ = ("ctx", "token", "seq", "items", "current", "calls", "ncalls", "usage", "finish")

    def __init__(self, ctx: RequestContext) -> None:
        self.ctx = ctx
        self.token = native_id(ctx, "")
        self.seq = 0
        self.items: list[_Item] = []
        self.current: _Item | None = None  # the open reasoning or message item
        self.calls: dict[int, _Item] = {}  # chat tool-call index → its item
        self.ncalls = 0
        self.usage: dict[str, Any] | None = None
        self.finish: str | None = None

    # -- framing ------------------------------------------------------------------------------------

    def _event(self, etype: str, payload: dict[str, Any]) -> bytes:
        payload["sequence_number"] = self.seq
        self.seq += 1
        return b"event: " + etype.encode() + b"\ndata: " + _dumps({"type": etype, **payload}) + b"\n\n"

    def _delta(self, item: _Item, text: str) -> bytes:
        seq = self.seq
        self.seq = seq + 1
        return item.prefix + _dumps(text) + item.tail + str(seq).encode() + b"}\n\n"

    # -- items --------------------------------------------------------------------------------------

    def _open(self, kind: str, prefix: str, out: list[bytes], name: str = "") -> _Item:
        index = len(self.items)
        item = _Item(kind, index, f"{prefix}_{self.token}_{index}")
        self.items.append(item)
        if kind == "message":
            added: dict[str, Any] = _message_item(item.id, [], "in_progress")
        elif kind == "reasoning":
            added = {"type": "reasoning", "id": item.id, "summary": [], "content": [], "status": "in_progress"}
        else:
            item.call_id = f"call_{self.token}_{self.ncalls}"
            item.name = name
            self.ncalls += 1
            item.parts.append(("args", []))
            added = _call_item(item.id, item.call_id, name, "", "in_progress")
        out.append(self._event("response.output_item.added", {"output_index": index, "item": added}))
        return item

    def _open_part(self, item: _Item, kind: str, out: list[bytes]) -> None:
        """Start a content part (``output_text``, ``refusal`` or ``reasoning_text``) of ``item``."""
        self._close_part(item, out)
        content_index = len(item.parts)
        item.parts.append((kind, []))
        item.part_kind = kind
        if kind == "output_text":
            part: dict[str, Any] = _text_part("")
            etype = "response.output_text.delta"
        elif kind == "refusal":
            part = {"type": "refusal", "refusal": ""}
            etype = "response.refusal.delta"
        else:
            part = {"type": "reasoning_text", "text": ""}
            etype = "response.reasoning_text.delta"
        out.append(self._event("response.content_part.added", {"item_id": item.id, "output_index": item.index,
                                                               "content_index": content_index, "part": part}))
        head = _dumps({"type": etype, "item_id": item.id, "output_index": item.index,
                       "content_index": content_index})
        item.prefix = b"event: " + etype.encode() + b"\ndata: " + head[:-1] + b',"delta":'
        item.tail = _LOGPROBS_SEQ if kind == "output_text" else _SEQ

    def _close_part(self, item: _Item, out: list[bytes]) -> None:
        kind = item.part_kind
        if not kind:
            return
        content_index = len(item.parts) - 1
        text = "".join(item.parts[-1][1])
        where = {"item_id": item.id, "output_index": item.index, "content_index": content_index}
        if kind == "output_text":
            out.append(self._event("response.output_text.done", {**where, "text": text, "logprobs": []}))
            part: dict[str, Any] = _text_part(text)
        elif kind == "refusal":
            out.append(self._event("response.refusal.done", {**where, "refusal": text}))
            part = {"type": "refusal", "refusal": text}
        else:
            out.append(self._event("response.reasoning_text.done", {**where, "text": text}))
            part = {"type": "reasoning_text", "text": text}
        out.append(self._event("response.content_part.done", {**where, "part": part}))
        item.part_kind = ""

    def _close(self, item: _Item, out: list[bytes], status: str = "completed") -> None:
        if item.done:
            return
        if item.kind == "function_call":
            out.append(self._event("response.function_call_arguments.done", {
                "item_id": item.id, "output_index": item.index, "arguments": "".join(item.parts[0][1])}))
        else:
            self._close_part(item, out)
        item.done = True
        item.status = status
        out.append(self._event("response.output_item.done", {"output_index": item.index,
                                                              "item": item.final(status)}))

    def _close_all(self, out: list[bytes], status: str = "completed") -> None:
        if self.current is not None:
            self._close(self.current, out, status)
            self.current = None
        for call in self.calls.values():
            self._close(call, out, status)

    def _content(self, kind: str, part_kind: str, text: str, out: list[bytes]) -> None:
        """A piece of reasoning, text or refusal: into the open item of its kind, else a new one."""
        item = self.current
        if item is None or item.kind != kind:
            self._close_all(out)
            item = self.current = self._open(kind, "rs" if kind == "reasoning" else "msg", out)
        if item.part_kind != part_kind:
            self._open_part(item, part_kind, out)
        item.parts[-1][1].append(text)
        out.append(self._delta(item, text))

    def _tool_calls(self, calls: list, out: list[bytes]) -> None:
        for call in calls:
            index = call.get("index", 0)
            fn = call.get("function")
            if not isinstance(fn, dict):
                fn = {}
            item = self.calls.get(index)
            name = fn.get("name")
            if name.__class__ is not str:
                name = ""
            if item is None:
                if self.current is not None:
                    self._close(self.current, out)
                    self.current = None
                item = self.calls[index] = self._open("function_call", "fc", out, name)
                item.prefix = (b"event: response.function_call_arguments.delta\ndata: " + _dumps(
                    {"type": "response.function_call_arguments.delta", "item_id": item.id,
                     "output_index": item.index})[:-1] + b',"delta":')
            elif name and not item.name:  # a backend that names the call after its first delta
                item.name = name
            args = fn.get("arguments")
            if args.__class__ is str and args:
                item.parts[0][1].append(args)
                if not item.done:
                    out.append(self._delta(item, args))

    # -- the StreamEncoder protocol -----------------------------------------------------------------

    def start(self) -> bytes:
        response = response_object(self.ctx, "in_progress", [], None)
        return (self._event("response.created", {"response": response})
                + self._event("response.in_progress", {"response": response}))

    def chunk(self, chunk: dict[str, Any]) -> bytes:
        usage = chunk.get("usage")
        if usage is not None:
            self.usage = usage
        choices = chunk.get("choices")
        if not choices:
            return b""
        if len(choices) == 1:  # fast path: more text for the open text part
            choice = choices[0]
            delta = choice.get("delta")
            item = self.current
            if (item is not None and item.part_kind == "output_text" and delta and len(delta) == 1
                    and choice.get("finish_reason") is None and choice.get("index", 0) == 0):
                content = delta.get("content")
                if content.__class__ is str and content:
                    item.parts[-1][1].append(content)
                    seq = self.seq
                    self.seq = seq + 1
                    return item.prefix + _dumps(content) + item.tail + str(seq).encode() + b"}\n\n"
        out: list[bytes] = []
        for choice in choices:
            if choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta")
            if delta:
                reasoning = delta.get("reasoning")
                if reasoning:
                    self._content("reasoning", "reasoning_text", reasoning, out)
                content = delta.get("content")
                if content:
                    self._content("message", "output_text", content, out)
                refusal = delta.get("refusal")
                if refusal:
                    self._content("message", "refusal", refusal, out)
                calls = delta.get("tool_calls")
                if calls:
                    self._tool_calls(calls, out)
            finish = choice.get("finish_reason")
            if finish is not None:
                self.finish = finish
        return b"".join(out) if out else b""

    def end(self) -> bytes:
        out: list[bytes] = []
        if not self.items:  # nothing at all: an empty message, as a whole response would have
            self.current = self._open("message", "msg", out)
            self._open_part(self.current, "output_text", out)
        reason = _INCOMPLETE.get(self.finish)
        status = "incomplete" if reason else "completed"
        self._close_all(out, status)  # the last items end as the response does
        output = [item.final(item.status) for item in self.items]
        response = response_object(self.ctx, status, output, response_usage(self.usage), reason)
        out.append(self._event("response.incomplete" if reason else "response.completed", {"response": response}))
        return b"".join(out)

    def error(self, error: GatewayError) -> bytes:
        code = _failed_code(error.status)
        out = [self._event("error", {"code": error.code or code, "message": error.message, "param": error.param})]
        output = [item.final(item.status if item.done else "incomplete") for item in self.items]
        response = response_object(self.ctx, "failed", output, response_usage(self.usage),
                                   error={"code": code, "message": error.message})
        out.append(self._event("response.failed", {"response": response}))
        return b"".join(out)
