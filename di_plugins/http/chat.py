"""``POST /v1/chat/completions`` (and ``/di/v1/...``): the OpenAI Chat Completions surface.

Drives one :class:`~di_plugins.journey.Journey` and answers in OpenAI's shapes: a completion, an SSE
stream ending in ``data: [DONE]``, or an error in OpenAI's envelope. Every byte sent is built here
from the rebuilt (allowlisted) objects and the gateway's own headers; nothing of the backend's HTTP
response is passed on. A stream that fails after its first byte ends with one clean error frame.

The stream loop is the hot path: per chunk it rebuilds one dict, serializes it with ``orjson`` and
joins it into the batch of its network read; one ``send`` per batch. A request with a JSON contract
(``ctx.check_reply``) has its reply checked by the journey after it was rebuilt; a *buffered* stream
(``ctx.buffer_stream``) is such a checked completion sent as SSE frames once it is final, so the stream
loop itself never checks anything.
"""

from __future__ import annotations

import asyncio
import logging
import math
from typing import Any

import orjson

from ..context import GatewayError, RequestContext
from ..errors import UpstreamError, openai_error_body
from ..gateway import Gateway
from ..journey import Journey
from ..provider.calls import ChunkStream
from ..surfaces.openai_chat import completion_chunks, rebuild_chunk, rebuild_completion
from .asgi import SSE_HEADERS, DisconnectWatch, Headers, Send, send_bytes

log = logging.getLogger("di_gateway.http")
DONE_FRAME = b"data: [DONE]\n\n"
DEFAULT_RETRY_AFTER_S = 1.0
"""The gateway's own estimate when a 429/503 carries no hint from the backend (LiteLLM's default
``cooldown_time`` is of the same order)."""


def error_headers(error: GatewayError) -> Headers:
    """``Retry-After`` (whole seconds, rounded up) on 429 and 503: the backend's hint when it gave one,
    else :data:`DEFAULT_RETRY_AFTER_S`, so that SDK back-off has something to go by."""
    if error.status not in (429, 503):
        return []
    seconds = error.retry_after if error.retry_after is not None else DEFAULT_RETRY_AFTER_S
    return [(b"retry-after", str(max(0, math.ceil(seconds))).encode())]


async def send_error(gateway: Gateway, send: Send, ctx: RequestContext | None, error: GatewayError,
                     extra: Headers | None = None) -> None:
    """An error response in OpenAI's envelope, with the DI headers when the request was classified."""
    gateway.responses.count(ctx.request_type if ctx else None, error.status)
    headers = (gateway.response_headers(ctx) if ctx is not None else []) + error_headers(error) + (extra or [])
    await send_bytes(send, error.status, openai_error_body(error), headers)


async def serve_chat(gateway: Gateway, journey: Journey, watch: DisconnectWatch, send: Send) -> None:
    """Call the backend for a prepared journey and send the answer."""
    ctx = journey.ctx
    headers = gateway.response_headers(ctx)
    await journey.before_routing()
    try:
        reply = await journey.call()
    except UpstreamError as exc:
        log.info("upstream failure for %s: %s", ctx.response_id, exc)
        journey.finish(False)
        error = journey.error(exc)
        watch.done()
        gateway.responses.count(ctx.request_type, error.status)
        await send_bytes(send, error.status, openai_error_body(error), headers + error_headers(error))
        return
    if reply.stream is not None:
        await _stream(gateway, journey, reply.stream, headers, watch, send)
        return
    body = rebuild_completion(reply.completion or {}, ctx.caller_model, ctx.response_id, ctx.created)
    if ctx.check_reply:
        body = await journey.check_reply(
            body, lambda raw: rebuild_completion(raw, ctx.caller_model, ctx.response_id, ctx.created))
    if ctx.stream:  # a buffered stream: the checked completion, sent as SSE
        await _send_as_stream(gateway, journey, body, headers, watch, send)
        return
    journey.transform_response(body)
    payload = orjson.dumps(body)
    gateway.responses.count(ctx.request_type, 200)
    journey.finish(True, body.get("usage"))
    watch.done()
    await send_bytes(send, 200, payload, headers)


async def _send_as_stream(gateway: Gateway, journey: Journey, body: dict[str, Any], headers: Headers,
                          watch: DisconnectWatch, send: Send) -> None:
    """A whole completion as one SSE response (usage and chunk hooks applied as on a relayed stream)."""
    ctx = journey.ctx
    options = journey.request.get("stream_options")
    usage = body.get("usage")
    if isinstance(usage, dict):
        journey.transform_usage(usage)  # the same dict goes into the usage chunk
    chunks = completion_chunks(body, isinstance(options, dict) and options.get("include_usage") is True)
    if gateway.has_chunk_hooks:
        for chunk in chunks:
            journey.transform_chunk(chunk)
    payload = b"".join(b"data: " + orjson.dumps(chunk) + b"\n\n" for chunk in chunks) + DONE_FRAME
    gateway.responses.count(ctx.request_type, 200)
    journey.finish(True, usage)
    watch.done()
    await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS + headers})
    await send({"type": "http.response.body", "body": payload, "more_body": False})


async def _stream(gateway: Gateway, journey: Journey, stream: ChunkStream, headers: Headers,
                  watch: DisconnectWatch, send: Send) -> None:
    ctx = journey.ctx
    model, response_id, created = ctx.caller_model, ctx.response_id, ctx.created
    chunk_hooks = gateway.has_chunk_hooks
    dumps = orjson.dumps
    usage: dict[str, Any] | None = None
    ok = False
    gateway.responses.count(ctx.request_type, 200)
    await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS + headers})
    try:
        async for batch in stream:
            parts = []
            for raw in batch:
                chunk = rebuild_chunk(raw, model, response_id, created)
                chunk_usage = chunk.get("usage")
                if chunk_usage is not None:
                    journey.transform_usage(chunk_usage)
                    usage = chunk_usage
                if chunk_hooks:
                    journey.transform_chunk(chunk)
                parts.append(b"data: " + dumps(chunk) + b"\n\n")
            await send({"type": "http.response.body", "body": b"".join(parts), "more_body": True})
        ok = True
        journey.finish(True, usage)
        watch.done()
        await send({"type": "http.response.body", "body": DONE_FRAME, "more_body": False})
    except UpstreamError as exc:
        log.info("stream of %s broke: %s", ctx.response_id, exc)
        error = journey.error(exc)
        journey.finish(False, usage)
        watch.done()
        frame = b"data: " + openai_error_body(error) + b"\n\n"
        await send({"type": "http.response.body", "body": frame, "more_body": False})
    finally:
        if not ok:
            journey.finish(False, usage)
            await asyncio.shield(stream.aclose())
