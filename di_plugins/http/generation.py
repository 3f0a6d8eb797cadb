"""Serving one generation request on any surface: call the backend, answer in the surface's shape.

Drives one :class:`~di_plugins.journey.Journey` whose request was prepared from the surface's
translation (:meth:`~di_plugins.surfaces.base.Surface.to_chat`). The backend's answer is rebuilt
first as an OpenAI completion or chunk (the pipeline's shape, allowlisted by
:mod:`~di_plugins.surfaces.openai_chat`), then the surface renders it: a whole response
(:meth:`~di_plugins.surfaces.base.Surface.render`), a stream (its
:class:`~di_plugins.surfaces.base.StreamEncoder`), or an error in its envelope. Every byte sent is
built from those rebuilt objects and the gateway's own headers; nothing of the backend's HTTP response
is passed on. A stream that fails after its first byte ends with one clean error event.

The stream loop is the hot path: per chunk it rebuilds one dict and has the encoder turn it into
bytes, joined into the batch of its network read; one ``send`` per batch. A request with a JSON contract
(``ctx.check_reply``) has its reply checked by the journey after it was rebuilt; a *buffered* stream
(``ctx.buffer_stream``) is such a checked completion sent as a stream once it is final, so the stream
loop itself never checks anything.
"""

from __future__ import annotations

import asyncio
import logging
import math
from typing import Any

import orjson

from ..context import GatewayError, RequestContext
from ..errors import UpstreamError
from ..gateway import Gateway
from ..journey import Journey
from ..provider.calls import ChunkStream
from ..surfaces.base import StreamEncoder, Surface
from ..surfaces.openai_chat import completion_chunks, rebuild_chunk, rebuild_completion
from .asgi import DisconnectWatch, Headers, Send, send_bytes

log = logging.getLogger("di_gateway.http")
STREAM_HEADERS: Headers = [(b"cache-control", b"no-cache"), (b"x-accel-buffering", b"no")]
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


async def send_error(gateway: Gateway, surface: Surface, send: Send, ctx: RequestContext | None,
                     error: GatewayError, extra: Headers | None = None) -> None:
    """An error response in the surface's envelope, with the DI headers when the request was classified."""
    gateway.responses.count(ctx.request_type if ctx else None, error.status)
    headers = (gateway.response_headers(ctx) if ctx is not None else []) + error_headers(error) + (extra or [])
    await send_bytes(send, error.status, surface.error_body(error), headers)


def _start(encoder: StreamEncoder, headers: Headers) -> dict[str, Any]:
    return {"type": "http.response.start", "status": 200,
            "headers": [(b"content-type", encoder.media_type), *STREAM_HEADERS, *headers]}


async def serve_generation(gateway: Gateway, surface: Surface, journey: Journey, watch: DisconnectWatch,
                           send: Send) -> None:
    """Call the backend for a prepared journey and send the answer in ``surface``'s shape."""
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
        await send_bytes(send, error.status, surface.error_body(error), headers + error_headers(error))
        return
    if reply.stream is not None:
        await _stream(gateway, journey, reply.stream, surface.encoder(ctx), headers, watch, send)
        return
    body = rebuild_completion(reply.completion or {}, ctx.caller_model, ctx.response_id, ctx.created)
    if ctx.check_reply:
        body = await journey.check_reply(
            body, lambda raw: rebuild_completion(raw, ctx.caller_model, ctx.response_id, ctx.created))
    if ctx.stream:  # a buffered stream: the checked completion, sent as a stream
        await _send_as_stream(gateway, journey, body, surface.encoder(ctx), headers, watch, send)
        return
    journey.transform_response(body)
    payload = orjson.dumps(surface.render(body, ctx))
    gateway.responses.count(ctx.request_type, 200)
    journey.finish(True, body.get("usage"))
    watch.done()
    await send_bytes(send, 200, payload, headers)


async def _send_as_stream(gateway: Gateway, journey: Journey, body: dict[str, Any], encoder: StreamEncoder,
                          headers: Headers, watch: DisconnectWatch, send: Send) -> None:
    """A whole completion as one stream response (usage and chunk hooks applied as on a relayed stream)."""
    ctx = journey.ctx
    options = journey.request.get("stream_options")
    usage = body.get("usage")
    if isinstance(usage, dict):
        journey.transform_usage(usage)  # the same dict goes into the usage chunk
    chunks = completion_chunks(body, isinstance(options, dict) and options.get("include_usage") is True)
    if gateway.has_chunk_hooks:
        for chunk in chunks:
            journey.transform_chunk(chunk)
    payload = encoder.start() + b"".join([encoder.chunk(chunk) for chunk in chunks]) + encoder.end()
    gateway.responses.count(ctx.request_type, 200)
    journey.finish(True, usage)
    watch.done()
    await send(_start(encoder, headers))
    await send({"type": "http.response.body", "body": payload, "more_body": False})


async def _stream(gateway: Gateway, journey: Journey, stream: ChunkStream, encoder: StreamEncoder,
                  headers: Headers, watch: DisconnectWatch, send: Send) -> None:
    ctx = journey.ctx
    model, response_id, created = ctx.caller_model, ctx.response_id, ctx.created
    chunk_hooks = gateway.has_chunk_hooks
    encode = encoder.chunk
    usage: dict[str, Any] | None = None
    ok = False
    gateway.responses.count(ctx.request_type, 200)
    await send(_start(encoder, headers))
    head = encoder.start()
    if head:
        await send({"type": "http.response.body", "body": head, "more_body": True})
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
                parts.append(encode(chunk))
            await send({"type": "http.response.body", "body": b"".join(parts), "more_body": True})
        ok = True
        journey.finish(True, usage)
        watch.done()
        await send({"type": "http.response.body", "body": encoder.end(), "more_body": False})
    except UpstreamError as exc:
        log.info("stream of %s broke: %s", ctx.response_id, exc)
        error = journey.error(exc)
        journey.finish(False, usage)
        watch.done()
        await send({"type": "http.response.body", "body": encoder.error(error), "more_body": False})
    finally:
        if not ok:
            journey.finish(False, usage)
            await asyncio.shield(stream.aclose())
