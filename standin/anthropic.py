"""The stand-in's Anthropic Messages endpoint (``POST /v1/messages``): the same deterministic answers in
Anthropic's wire format, JSON or SSE, so that deployments served through LiteLLM's provider translation
(``anthropic/...`` with the stand-in as ``api_base``) can be tested and benchmarked.

The request is read as Anthropic's shape (``system``, ``messages`` with text/``tool_use``/``tool_result``
blocks, ``tools`` with ``input_schema``, ``tool_choice``, ``max_tokens``, ``stream``) and answered with
:func:`~standin.answers.build_answer` on its OpenAI equivalent. Careless mode adds vendor fields to the
message, the content blocks, the usage and every stream event.
"""

from __future__ import annotations

from typing import Any

import orjson

from .answers import Answer

STOP_REASONS = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use"}


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        out = []
        for block in content:
            if isinstance(block, dict):
                if block.get("type") == "text" and isinstance(block.get("text"), str):
                    out.append(block["text"])
                elif block.get("type") == "tool_result":
                    out.append(_text(block.get("content")))
        return "\n".join(out)
    return ""


def to_openai(body: dict[str, Any]) -> dict[str, Any]:
    """The OpenAI chat body an Anthropic Messages request corresponds to (enough for the answer)."""
    messages: list[dict[str, Any]] = []
    if body.get("system"):
        messages.append({"role": "system", "content": _text(body["system"])})
    for msg in body.get("messages") or []:
        if not isinstance(msg, dict):
            continue
        content = msg.get("content")
        if isinstance(content, list) and any(isinstance(b, dict) and b.get("type") == "tool_result" for b in content):
            messages.append({"role": "tool", "tool_call_id": "x", "content": _text(content)})
        else:
            messages.append({"role": msg.get("role", "user"), "content": _text(content)})
    out: dict[str, Any] = {"model": body.get("model"), "messages": messages, "stream": body.get("stream") is True}
    if body.get("stream") is True:
        out["stream_options"] = {"include_usage": True}
    tools = [{"type": "function", "function": {"name": t.get("name"), "parameters": t.get("input_schema") or {}}}
             for t in body.get("tools") or [] if isinstance(t, dict) and t.get("name")]
    if tools:
        out["tools"] = tools
        choice = body.get("tool_choice")
        if isinstance(choice, dict) and choice.get("type") == "tool":
            out["tool_choice"] = {"type": "function", "function": {"name": choice.get("name")}}
        elif isinstance(choice, dict) and choice.get("type") == "none":
            out["tool_choice"] = "none"
    if isinstance(body.get("max_tokens"), int):
        out["max_tokens"] = body["max_tokens"]
    return out


def _usage(answer: Answer, careless: bool, model: str) -> dict[str, Any]:
    usage: dict[str, Any] = {"input_tokens": answer.prompt_tokens - (answer.cached_tokens or 0),
                             "output_tokens": answer.completion_tokens,
                             "cache_creation_input_tokens": 0,
                             "cache_read_input_tokens": answer.cached_tokens or 0}
    if careless:
        usage["service_tier"] = "secret-priority"
        usage["x_secret_usage"] = {"backend": model}
    return usage


def _blocks(answer: Answer) -> list[dict[str, Any]]:
    choice = answer.choices[0]
    if choice.tool_call is not None:
        fn = choice.tool_call["function"]
        try:
            arguments = orjson.loads(fn["arguments"])
        except orjson.JSONDecodeError:  # a slipped call (standin.slips): the model wrote its JSON as text
            return [{"type": "text", "text": fn["arguments"]}]
        return [{"type": "tool_use", "id": "toolu_" + choice.tool_call["id"][5:], "name": fn["name"],
                 "input": arguments}]
    return [{"type": "text", "text": choice.content or ""}]


def message(answer: Answer, msg_id: str, model: str, careless: bool, backend: str) -> dict[str, Any]:
    """A non-streaming Messages response."""
    choice = answer.choices[0]
    out: dict[str, Any] = {"id": msg_id, "type": "message", "role": "assistant", "model": model,
                           "content": _blocks(answer), "stop_reason": STOP_REASONS.get(choice.finish_reason, "end_turn"),
                           "stop_sequence": None, "usage": _usage(answer, careless, backend)}
    if careless:
        out["x_secret_backend"] = backend
        out["container"] = {"id": f"container_secret_{backend}"}
        for block in out["content"]:
            block["x_secret_block"] = backend
    return out


def events(answer: Answer, msg_id: str, model: str, careless: bool, backend: str) -> list[bytes]:
    """The SSE events of a streamed Messages response, one ``bytes`` per event."""
    choice = answer.choices[0]
    extra = {"x_secret_backend": backend} if careless else {}

    def event(name: str, data: dict[str, Any]) -> bytes:
        return b"event: " + name.encode() + b"\ndata: " + orjson.dumps({"type": name, **data, **extra}) + b"\n\n"

    start_usage = _usage(answer, careless, backend)
    start_usage["output_tokens"] = 1
    out = [event("message_start", {"message": {"id": msg_id, "type": "message", "role": "assistant", "model": model,
                                               "content": [], "stop_reason": None, "stop_sequence": None,
                                               "usage": start_usage}})]
    if choice.tool_call is not None:
        fn = choice.tool_call["function"]
        out.append(event("content_block_start", {"index": 0, "content_block": {
            "type": "tool_use", "id": "toolu_" + choice.tool_call["id"][5:], "name": fn["name"], "input": {}}}))
        for piece in choice.pieces:
            out.append(event("content_block_delta", {"index": 0, "delta": {"type": "input_json_delta",
                                                                           "partial_json": piece}}))
    else:
        out.append(event("content_block_start", {"index": 0, "content_block": {"type": "text", "text": ""}}))
        out.append(b"event: ping\ndata: {\"type\": \"ping\"}\n\n")
        for piece in choice.pieces:
            out.append(event("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": piece}}))
    out.append(event("content_block_stop", {"index": 0}))
    out.append(event("message_delta", {"delta": {"stop_reason": STOP_REASONS.get(choice.finish_reason, "end_turn"),
                                                 "stop_sequence": None},
                                       "usage": {"output_tokens": answer.completion_tokens}}))
    out.append(event("message_stop", {}))
    return out
