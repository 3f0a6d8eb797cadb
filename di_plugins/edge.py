"""The pure-ASGI edge in front of the LiteLLM proxy app: the only door into the gateway.

What it does, per request:

* **Allowlist of routes.** Only the DI surface passes: chat completions, models and classify under
  ``/v1`` and ``/di/v1``, plus ``/health/liveliness`` and ``/health/readiness``. Everything else is a
  404 (a 405 for a known path with the wrong method), so LiteLLM's management and debug routes, which
  list deployments and api_bases, are unreachable.
* **Auth** (``Authorization: Bearer``) against the key store, before the body is read.
* **Body**: 413 over the size limit, 400 for malformed JSON or invalid fields (see ``validation``),
  then the decision hooks (effort, classification, model group) run and the *sanitized* body is
  forwarded. ``/models`` and ``/classify`` are answered here without touching a backend.
* **Responses**: headers are filtered through an allowlist (``x-litellm-*``, ``llm_provider-*``,
  ``x-ratelimit-*``, ``openai-*``, ``server`` ... never pass), ``X-DI-Request-Type`` and the plugins'
  headers are added, error bodies are replaced with clean OpenAI-style errors, and a mid-stream error
  frame is replaced with a clean one.

The request's :class:`RequestContext` is published in :data:`current_context` for the bridge.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

import orjson

from .context import GatewayError, RequestContext, current_context
from .errors import RequestError
from .gateway import Gateway
from .keys import bearer_token
from .validation import forwardable_reasoning_effort, validate_chat_request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CHAT, MODELS, CLASSIFY, HEALTH, METRICS = "chat", "models", "classify", "health", "metrics"
ROUTES: dict[str, tuple[str, str]] = {}
for _prefix in ("/v1", "/di/v1"):
    ROUTES[f"{_prefix}/chat/completions"] = (CHAT, "POST")
    ROUTES[f"{_prefix}/models"] = (MODELS, "GET")
    ROUTES[f"{_prefix}/classify"] = (CLASSIFY, "POST")
ROUTES["/health/liveliness"] = (HEALTH, "GET")
ROUTES["/health/readiness"] = (HEALTH, "GET")
ROUTES["/metrics"] = (METRICS, "GET")

RESPONSE_HEADER_ALLOWLIST = frozenset({
    b"content-type", b"content-length", b"transfer-encoding", b"connection", b"cache-control",
    b"vary", b"content-encoding", b"date",
})
REQUEST_HEADER_ALLOWLIST = frozenset({
    b"host", b"content-type", b"authorization", b"accept", b"accept-encoding", b"user-agent",
    b"x-title", b"referer", b"connection",
})
_ERROR_FRAME_PREFIX = b'data: {"error"'
_JSON_HEADERS = [(b"content-type", b"application/json")]
log = logging.getLogger("di_gateway.edge")


def error_response_body(error: GatewayError) -> bytes:
    return orjson.dumps(error.body())


class Edge:
    """ASGI middleware wrapping the LiteLLM proxy app (``app``) with the DI surface rules."""

    def __init__(self, app: ASGIApp, gateway: Gateway | Callable[[], Gateway]) -> None:
        self.app = app
        self._gateway = gateway if isinstance(gateway, Gateway) else None
        self._gateway_factory = None if isinstance(gateway, Gateway) else gateway
        self.started = int(time.time())
        self._models_body: bytes | None = None

    @property
    def gateway(self) -> Gateway:
        if self._gateway is None:
            assert self._gateway_factory is not None
            self._gateway = self._gateway_factory()
        return self._gateway

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # WebSockets (LiteLLM's realtime and pass-through routes) never pass
            if scope["type"] == "websocket":
                await receive()
                await send({"type": "websocket.close", "code": 1008})
            return
        route = ROUTES.get(scope["path"])
        if route is None:
            await self._send_error(send, None, RequestError(
                f"Unknown path {scope['path']!r}. This gateway serves POST /di/v1/chat/completions, "
                "GET /di/v1/models and POST /di/v1/classify.", status=404, code="unknown_path"))
            return
        kind, method = route
        if scope["method"] != method:
            await self._send_error(send, None, RequestError(
                f"Method {scope['method']} is not allowed on {scope['path']}; use {method}.",
                status=405, code="method_not_allowed"), extra=[(b"allow", method.encode())])
            return
        if kind == HEALTH:
            await self.app(scope, receive, _filtering_send(send, []))
            return
        if kind == METRICS:
            await self._serve_metrics(send)
            return
        started = {"sent": False}

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started["sent"] = True
            await send(message)

        try:
            await self._serve_surface(kind, scope, receive, tracking_send)
        except Exception:  # a plugin or gateway bug: a clean 500, never a traceback
            log.exception("unhandled error serving %s", scope["path"])
            if not started["sent"]:
                await self._send_error(send, current_context.get(), RequestError(
                    "The gateway failed to process this request; it is safe to retry.", status=500,
                    code="internal_error", type="server_error"))

    # -- the DI surface ----------------------------------------------------------------------------

    async def _serve_surface(self, kind: str, scope: Scope, receive: Receive, send: Send) -> None:
        gateway = self.gateway
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        authorization = headers.pop("authorization", None)  # plugins never see the caller's key
        tenant = gateway.keys.lookup(bearer_token(authorization))
        if tenant is None:
            message = ("Missing API key: send it as 'Authorization: Bearer <key>'."
                       if not authorization else "Incorrect API key provided.")
            await self._send_error(send, None, RequestError(message, status=401, code="invalid_api_key"))
            return
        if kind == MODELS:
            await self._send_json(send, 200, self.models_body(), [])
            return

        ctx = RequestContext(headers=headers, tenant=tenant, endpoint=kind)
        if scope.get("query_string"):
            ctx.query = dict(parse_qsl(scope["query_string"].decode("latin-1")))
        try:
            raw = await _read_body(receive, gateway.config.max_body_bytes, headers.get("content-length"))
            body = _parse_json(raw)
        except RequestError as exc:
            await self._send_error(send, None, exc)
            return

        try:
            request = self.decide(gateway, body, ctx)
        except RequestError as exc:
            await self._send_error(send, ctx, exc)
            return
        if kind == CLASSIFY:
            from .classifier.explain import explain

            self.gateway.responses.count(ctx.request_type, 200)
            await self._send_json(send, 200, orjson.dumps(explain(ctx)), self._di_headers(ctx))
            return
        await gateway.before_routing(request, ctx)
        await self._forward(scope, receive, send, ctx, request)

    @staticmethod
    def decide(gateway: Gateway, body: Any, ctx: RequestContext) -> dict:
        """Validate and run the decision hooks.

        Effort is read from the body as sent (surface thinking fields are not forwarded, so validation
        drops them). An invalid request is still classified, on a minimal body, so that errors found
        after parsing carry ``X-DI-Request-Type``; plugins only ever see validated requests.
        """
        raw = body if isinstance(body, dict) else {}
        if isinstance(raw.get("model"), str):
            ctx.caller_model = raw["model"]
        problem: RequestError | None = None
        try:
            request = validate_chat_request(body)
        except RequestError as exc:
            problem = exc
            request = {"model": ctx.caller_model} if ctx.caller_model else {}
        try:
            gateway.decide_effort(raw, ctx)
        except RequestError as exc:
            problem = problem or exc
        gateway.classify(request, ctx)
        if problem is not None:
            raise problem
        gateway.validate(request, ctx)
        gateway.choose_group(request, ctx)
        if ctx.model_group is None and ctx.endpoint == "chat":
            raise RequestError("No backend is configured for this request type.", status=503,
                               code="no_route", type="server_error")
        forwardable_reasoning_effort(request)
        return request

    async def _forward(self, scope: Scope, receive: Receive, send: Send, ctx: RequestContext,
                       request: dict) -> None:
        payload = orjson.dumps(request)
        inner_headers = [(k, v) for k, v in scope["headers"] if k in REQUEST_HEADER_ALLOWLIST and k != b"content-type"]
        inner_headers.append((b"content-type", b"application/json"))
        inner_headers.append((b"content-length", str(len(payload)).encode()))
        inner_scope = dict(scope)
        inner_scope["path"] = "/v1/chat/completions"
        inner_scope["raw_path"] = b"/v1/chat/completions"
        inner_scope["headers"] = inner_headers
        inner_scope["query_string"] = b""

        delivered = False

        async def inner_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": payload, "more_body": False}
            return await receive()

        token = current_context.set(ctx)
        try:
            await self.app(inner_scope, inner_receive, _SurfaceSender(send, ctx, self.gateway, self._di_headers(ctx)))
        finally:
            current_context.reset(token)

    # -- helpers -----------------------------------------------------------------------------------

    async def _serve_metrics(self, send: Send) -> None:
        if not self.gateway.config.metrics:
            await self._send_error(send, None, RequestError("Metrics are disabled (di.metrics: false).", status=404,
                                                            code="unknown_path"))
            return
        body = self.gateway.metrics_text()
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"text/plain; version=0.0.4; charset=utf-8"),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    def models_body(self) -> bytes:
        if self._models_body is None:
            data = [{"id": m, "object": "model", "created": self.started, "owned_by": "di-gateway"}
                    for m in self.gateway.config.models]
            self._models_body = orjson.dumps({"object": "list", "data": data})
        return self._models_body

    def _di_headers(self, ctx: RequestContext | None) -> list[tuple[bytes, bytes]]:
        out = [(b"x-request-id", ctx.response_id.encode())] if ctx is not None else []
        if ctx is not None and ctx.classification is not None:
            out += [(k.lower().encode("latin-1"), v.encode("latin-1"))
                    for k, v in self.gateway.response_headers(ctx).items()]
        return out

    async def _send_error(self, send: Send, ctx: RequestContext | None, exc: RequestError,
                          extra: list[tuple[bytes, bytes]] | None = None) -> None:
        self.gateway.responses.count(ctx.request_type if ctx else None, exc.status)
        await self._send_json(send, exc.status, error_response_body(exc.error), self._di_headers(ctx) + (extra or []))

    @staticmethod
    async def _send_json(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": _JSON_HEADERS + [(b"content-length", str(len(body)).encode())] + headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})


def allowed_headers(message: Message, drop: tuple[bytes, ...] = ()) -> list[tuple[bytes, bytes]]:
    """The headers of a ``http.response.start`` message that may reach the caller."""
    return [(k, v) for k, v in message.get("headers", ())
            if (name := k.lower()) in RESPONSE_HEADER_ALLOWLIST and name not in drop]


def _filtering_send(send: Send, extra: list[tuple[bytes, bytes]]) -> Send:
    async def filtered(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = allowed_headers(message) + extra
        await send(message)
    return filtered


class _SurfaceSender:
    """Wraps ``send`` for a forwarded request: filter headers, add DI headers, clean errors."""

    __slots__ = ("send", "ctx", "gateway", "extra", "status", "buffer", "start")

    def __init__(self, send: Send, ctx: RequestContext, gateway: Gateway, extra: list[tuple[bytes, bytes]]) -> None:
        self.send, self.ctx, self.gateway, self.extra = send, ctx, gateway, extra
        self.status = 0
        self.buffer: bytearray | None = None
        self.start: Message | None = None

    async def __call__(self, message: Message) -> None:
        mtype = message["type"]
        if mtype == "http.response.start":
            self.status = message["status"]
            if self.status >= 400:
                self.buffer = bytearray()
                self.start = message
                return
            message["headers"] = allowed_headers(message) + self.extra
            self.gateway.responses.count(self.ctx.request_type, self.status)
            await self.send(message)
            return
        if mtype == "http.response.body":
            body = message.get("body", b"")
            if self.buffer is not None:
                self.buffer += body
                if not message.get("more_body", False):
                    await self._send_clean_error()
                return
            if body.startswith(_ERROR_FRAME_PREFIX):
                message["body"] = self._clean_error_frame(body)
            await self.send(message)
            return
        await self.send(message)

    def _error_for(self, status: int, detail: Any) -> GatewayError:
        return self.ctx.error or self.gateway.sanitize_error(self.ctx, status, detail)

    async def _send_clean_error(self) -> None:
        try:
            detail = orjson.loads(bytes(self.buffer or b""))
        except orjson.JSONDecodeError:
            detail = None
        error = self._error_for(self.status, detail)
        self.gateway.responses.count(self.ctx.request_type, error.status)
        body = error_response_body(error)
        headers = allowed_headers(self.start or {}, drop=(b"content-length", b"content-type"))
        await self.send({"type": "http.response.start", "status": error.status,
                         "headers": headers + _JSON_HEADERS + [(b"content-length", str(len(body)).encode())] + self.extra})
        await self.send({"type": "http.response.body", "body": body, "more_body": False})

    def _clean_error_frame(self, frame: bytes) -> bytes:
        try:
            detail = orjson.loads(frame[len(b"data: "):].strip())
            code = (detail.get("error") or {}).get("code")
            status = int(code) if str(code).isdigit() else 500
        except (orjson.JSONDecodeError, AttributeError, ValueError):
            detail, status = None, 500
        error = self._error_for(status, detail)
        return b"data: " + error_response_body(error) + b"\n\n"


async def _read_body(receive: Receive, limit: int, content_length: str | None) -> bytes:
    too_big = RequestError(f"Request body too large: the limit is {limit // (1024 * 1024)} MB.", status=413,
                           code="request_too_large")
    if content_length and content_length.isdigit() and int(content_length) > limit:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise RequestError("Client disconnected while sending the request body.", status=400)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _parse_json(raw: bytes) -> Any:
    if not raw.strip():
        raise RequestError("The request body is empty; send a JSON object.", code="invalid_json")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RequestError(
            "We could not parse the JSON body of your request: " + str(exc).split(":", 1)[0] +
            f" (at character {exc.pos}). Send a JSON object with Content-Type: application/json.",
            code="invalid_json") from None
