"""Built-in echo and scrubbing of successful responses and stream chunks.

Sets ``model`` to the caller's exact string and ``id`` to a gateway-made id, and keeps only the keys
OpenAI documents for a chat completion, so fields through which providers identify themselves
(``system_fingerprint``, ``provider_specific_fields``, ``service_tier``, cost figures in ``usage``, any
vendor extension) never reach the caller. ``reasoning_content`` is renamed ``reasoning`` (the DI
surface's field name) in non-streaming responses; stream deltas keep ``reasoning_content`` for now,
because LiteLLM's fast chunk serializer only emits known delta fields.

Non-streaming responses are dicts; stream chunks are rewritten by attribute assignment only, with no
per-chunk conversion (the final usage chunk is the one exception, once per stream).
"""

from __future__ import annotations

from typing import Any

from ..context import RequestContext
from ..hookspecs import hookimpl

COMPLETION_KEYS = frozenset({"id", "object", "created", "model", "choices", "usage"})
CHOICE_KEYS = frozenset({"index", "message", "finish_reason", "logprobs"})
MESSAGE_KEYS = frozenset({"role", "content", "refusal", "tool_calls", "function_call", "audio", "annotations",
                          "reasoning"})
USAGE_KEYS = frozenset({"prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details",
                        "completion_tokens_details"})
PROMPT_DETAIL_KEYS = frozenset({"cached_tokens", "cache_write_tokens", "audio_tokens"})
COMPLETION_DETAIL_KEYS = frozenset({"reasoning_tokens", "audio_tokens", "accepted_prediction_tokens",
                                    "rejected_prediction_tokens"})
DELTA_DROP = ("provider_specific_fields", "thinking_blocks")
# Kept on stream chunk objects: assigning None to this alias would also clear ``cache_write_tokens``,
# which some usage objects keep in sync with it.
OBJECT_DETAIL_ALIASES = frozenset({"cache_creation_tokens"})


def _only(mapping: Any, keys: frozenset[str]) -> Any:
    if not isinstance(mapping, dict):
        return mapping
    return {k: v for k, v in mapping.items() if k in keys}


def clean_usage(usage: Any) -> Any:
    """A usage dict with only OpenAI's keys (``cost`` and vendor fields removed)."""
    if not isinstance(usage, dict):
        return usage
    out = _only(usage, USAGE_KEYS)
    if isinstance(out.get("prompt_tokens_details"), dict):
        out["prompt_tokens_details"] = _only(out["prompt_tokens_details"], PROMPT_DETAIL_KEYS)
    if isinstance(out.get("completion_tokens_details"), dict):
        out["completion_tokens_details"] = _only(out["completion_tokens_details"], COMPLETION_DETAIL_KEYS)
    return out


def _clean_message(message: Any) -> Any:
    if not isinstance(message, dict):
        return message
    if message.get("reasoning_content") is not None and message.get("reasoning") is None:
        message = {**message, "reasoning": message["reasoning_content"]}
    return _only(message, MESSAGE_KEYS)


def _scrub_object_usage(usage: Any) -> None:
    names = list(vars(usage)) + list(getattr(usage, "__pydantic_extra__", None) or ())
    for name in names:
        if name not in USAGE_KEYS and getattr(usage, name, None) is not None:
            setattr(usage, name, None)
    for name, allowed in (("prompt_tokens_details", PROMPT_DETAIL_KEYS),
                          ("completion_tokens_details", COMPLETION_DETAIL_KEYS)):
        details = getattr(usage, name, None)
        if details is not None:
            for key in list(vars(details)) + list(getattr(details, "__pydantic_extra__", None) or ()):
                if key not in allowed and key not in OBJECT_DETAIL_ALIASES and getattr(details, key, None) is not None:
                    setattr(details, key, None)


class EchoPlugin:
    """Echo the caller's model id and scrub provider identity from responses and chunks."""

    name = "di.echo"

    @hookimpl(trylast=True)
    def di_transform_response(self, ctx: RequestContext, response: dict) -> None:
        for key in [k for k in response if k not in COMPLETION_KEYS]:
            del response[key]
        response["model"] = ctx.caller_model
        response["id"] = ctx.response_id
        response["choices"] = [
            {**_only(c, CHOICE_KEYS), "message": _clean_message(c.get("message"))} if isinstance(c, dict) else c
            for c in response.get("choices") or []
        ]
        if "usage" in response:
            response["usage"] = clean_usage(response["usage"])

    @hookimpl(trylast=True)
    def di_transform_chunk(self, ctx: RequestContext, chunk: Any) -> None:
        chunk.model = ctx.caller_model
        chunk.id = ctx.response_id
        if chunk.system_fingerprint is not None:
            chunk.system_fingerprint = None
        if getattr(chunk, "provider_specific_fields", None) is not None:
            chunk.provider_specific_fields = None
        if getattr(chunk, "service_tier", None) is not None:
            chunk.service_tier = None
        for choice in chunk.choices:
            if getattr(choice, "provider_specific_fields", None) is not None:
                choice.provider_specific_fields = None
            delta = choice.delta
            for name in DELTA_DROP:
                if getattr(delta, name, None) is not None:
                    setattr(delta, name, None)
        usage = getattr(chunk, "usage", None)
        if usage is not None:
            _scrub_object_usage(usage)
