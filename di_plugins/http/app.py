"""DI's ASGI app: the whole HTTP surface of the gateway, and the only door into it.

* **Routes are an allowlist** (:mod:`di_plugins.surfaces.registry`): the OpenAI Chat Completions,
  Anthropic Messages, Gemini generateContent and Responses paths (under ``/di`` and bare), each
  surface's model list and token counting, ``POST /v1/classify``, ``GET /health/liveliness`` and
  ``GET /health/readiness``. Any other path is a 404, a known path with another method a 405 (in the
  envelope of the surface the path looks like), a WebSocket is refused. Prometheus text is served on
  its own listener (:mod:`.metrics_listener`), not here.
* **Auth** before the body is read, with the surface's own credential (``Authorization: Bearer``;
  Anthropic's ``x-api-key``; Gemini's ``x-goog-api-key``, ``?key=``, then Bearer) against the key store
  (the master key and ``di.keys``); a missing, wrong or ambiguous credential (two ``Authorization``
  headers) is a 401.
* **Bodies** above ``di.max_body_mb`` are refused with a 413 (declared or streamed), so are bodies with
  too many JSON containers (before parsing, :mod:`di_plugins.limits`); malformed JSON is a 400; then
  the surface translates the body to the pipeline's shape and :mod:`.generation` drives the request's
  :class:`~di_plugins.journey.Journey` and answers in the surface's shape.
* **Responses** carry only headers the gateway made: ``content-type``, ``content-length``,
  ``x-request-id``, ``x-di-*`` (``X-DI-Request-Type``), and ``retry-after`` on 429/503.
* **Lifespan**: each worker process builds its :class:`~di_plugins.gateway.Gateway` (config, plugins)
  and its provider adapter (LiteLLM's router, the pooled HTTP client) and opens its metrics listener
  at start-up, and closes them at shutdown.

``create_app()`` is the factory uvicorn imports (``di_plugins.http.app:create_app``); it reads the
config file named by ``DI_CONFIG_PATH``.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any
from urllib.parse import parse_qsl

import orjson

from ..classifier.explain import explain
from ..context import GatewayError, RequestContext
from ..errors import RequestError
from ..gateway import CONFIG_ENV, Gateway
from ..journey import Journey
from ..limits import check_containers
from ..surfaces import registry
from ..surfaces.base import COUNT, MODELS, Route, Surface
from .asgi import ClientGone, DisconnectWatch, Receive, Scope, Send, read_body, send_bytes, send_json
from .generation import send_error, serve_generation
from .metrics_listener import LISTEN_ENV, MetricsListener

log = logging.getLogger("di_gateway.http")

CLASSIFY, LIVE, READY = "classify", "live", "ready"
GATEWAY_ROUTES: dict[str, tuple[str, str]] = {"/v1/classify": (CLASSIFY, "POST"), "/di/v1/classify": (CLASSIFY, "POST"),
                                              "/health/liveliness": (LIVE, "GET"),
                                              "/health/readiness": (READY, "GET")}

INTERNAL_ERROR = GatewayError(500, "The gateway failed to process this request; it is safe to retry.",
                              "server_error", None, "internal_error")


class GatewayApp:
    """The ASGI application of one worker process."""

    def __init__(self, gateway: Gateway | None = None, *, config_path: str | None = None,
                 start_provider: bool = True) -> None:
        self._gateway = gateway
        self._config_path = config_path
        self._start_provider = start_provider
        self._models_bodies: dict[str, bytes] = {}
        self.metrics: MetricsListener | None = None
        self.started = int(time.time())

    @property
    def gateway(self) -> Gateway:
        if self._gateway is None:
            path = self._config_path or os.environ.get(CONFIG_ENV)
            if not path:
                raise RuntimeError(f"{CONFIG_ENV} is not set: start the gateway with `di-gateway serve`")
            self._gateway = Gateway.from_path(path)
        return self._gateway

    async def startup(self) -> None:
        gateway = self.gateway
        if self._start_provider and gateway.provider is None:
            from ..provider.adapter import Provider

            gateway.provider = Provider(gateway.config)
        if gateway.config.di.metrics:
            listen = os.environ.get(LISTEN_ENV) or gateway.config.di.metrics_listen
            self.metrics = MetricsListener(listen, gateway.metrics_text)
            await self.metrics.start()

    async def shutdown(self) -> None:
        if self.metrics is not None:
            await self.metrics.close()
        if self._gateway is not None and self._gateway.provider is not None:
            await self._gateway.provider.aclose()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self.http(scope, receive, send)
        elif kind == "lifespan":
            await self.lifespan(receive, send)
        elif kind == "websocket":
            await receive()
            await send({"type": "websocket.close", "code": 1008})

    async def lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.startup()
                except Exception as exc:  # a config error: refuse to start, say why
                    log.exception("gateway failed to start")
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return

    # -- HTTP ---------------------------------------------------------------------------------------

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        gateway = self.gateway
        path = scope["path"]
        headers, authorization = _headers(scope)
        raw_query = scope.get("query_string")
        query = dict(parse_qsl(raw_query.decode("latin-1"))) if raw_query else {}
        own = GATEWAY_ROUTES.get(path)
        matched = None if own is not None else registry.match(path, headers, query)
        surface: Surface = registry.surface_for(matched[0]) if matched else registry.envelope_for(path)
        if own is None and matched is None:
            await send_error(gateway, surface, send, None, RequestError(
                f"Unknown path {path[:200]!r}. This gateway serves the OpenAI (/di/v1/chat/completions, "
                "/di/v1/responses), Anthropic (/di/v1/messages) and Gemini (/di/v1beta/models/{model}:"
                "generateContent) surfaces.", status=404, code="unknown_path").error)
            return
        method = own[1] if own is not None else matched[1]
        if scope["method"] != method:
            await send_error(gateway, surface, send, None, RequestError(
                f"Method {scope['method']} is not allowed on {path}; use {method}.", status=405,
                code="method_not_allowed").error, [(b"allow", method.encode())])
            return
        if own is not None and own[0] == LIVE:
            await send_json(send, 200, {"status": "ok"}, [])
            return
        if own is not None and own[0] == READY:
            await self._readiness(send)
            return
        ctx: RequestContext | None = None
        try:
            ctx = self._authenticate(surface, headers, authorization, query)
            if own is not None:
                ctx.endpoint = CLASSIFY
                await self._classify(receive, send, ctx)
                return
            route = matched[0]
            route.query = ctx.query
            ctx.surface = surface.name
            if route.action == MODELS:
                await send_bytes(send, 200, self._models(surface), [])
                return
            await self._serve(surface, route, receive, send, ctx)
        except RequestError as exc:
            await send_error(gateway, surface, send, ctx if ctx and ctx.classification else None, exc.error)
        except ClientGone:
            return
        except Exception:  # a gateway or plugin bug: a clean 500, never a traceback
            log.exception("unhandled error serving %s", path)
            try:
                await send_error(gateway, surface, send, None, INTERNAL_ERROR)
            except Exception:  # noqa: BLE001 - the response had already started
                pass

    def _authenticate(self, surface: Surface, headers: dict[str, str], authorization: list[str],
                      query: dict[str, str]) -> RequestContext:
        if len(authorization) > 1:
            raise RequestError("Send exactly one 'Authorization' header.", status=401, code="invalid_api_key")
        key = surface.credential(headers, authorization, query)
        tenant = self.gateway.keys.lookup(key)
        if tenant is None:
            raise RequestError(f"Missing API key: {surface.key_hint}." if key is None
                               else "Incorrect API key provided.", status=401, code="invalid_api_key")
        return RequestContext(headers=headers, tenant=tenant, query=query)

    async def _body(self, receive: Receive, ctx: RequestContext) -> tuple[object, int]:
        declared = ctx.headers.get("content-length")
        raw = await read_body(receive, self.gateway.config.di.max_body_bytes, declared.encode() if declared else None)
        containers = check_containers(raw)
        return parse_json(raw), containers

    async def _classify(self, receive: Receive, send: Send, ctx: RequestContext) -> None:
        gateway = self.gateway
        body, containers = await self._body(receive, ctx)
        gateway.journey(ctx).prepare(body, containers)
        gateway.responses.count(ctx.request_type, 200)
        await send_json(send, 200, explain(ctx), gateway.response_headers(ctx))

    async def _serve(self, surface: Surface, route: Route, receive: Receive, send: Send,
                     ctx: RequestContext) -> None:
        gateway = self.gateway
        body, containers = await self._body(receive, ctx)
        journey = gateway.journey(ctx)
        if route.action == COUNT:
            ctx.endpoint = "count"
            journey.prepare(surface.to_chat(body, route, ctx), containers)
            gateway.responses.count(ctx.request_type, 200)
            estimate = ctx.classification.estimated_tokens if ctx.classification else 0
            await send_json(send, 200, surface.count_body(estimate, ctx), gateway.response_headers(ctx))
            return
        try:
            chat = surface.to_chat(body, route, ctx)
        except RequestError:
            _classify_refused(journey, route.model or (body.get("model") if isinstance(body, dict) else None))
            raise
        journey.prepare(chat, containers)
        watch = DisconnectWatch(receive)
        try:
            await serve_generation(gateway, surface, journey, watch, send)
        except BaseException:
            if watch.disconnected:  # the client left: we cancelled ourselves, nothing to answer
                journey.finish(False)
                return
            raise
        finally:
            watch.stop()

    async def _readiness(self, send: Send) -> None:
        gateway = self.gateway
        checks: dict[str, Any] = {}
        for contributed in gateway.hook.di_health():
            checks.update(contributed or {})
        ready = gateway.provider is not None or not self._start_provider
        await send_json(send, 200 if ready else 503,
                        {"status": "ready" if ready else "starting", "checks": checks}, [])

    def _models(self, surface: Surface) -> bytes:
        body = self._models_bodies.get(surface.name)
        if body is None:
            body = orjson.dumps(surface.models_body(list(self.gateway.config.di.models), self.started))
            self._models_bodies[surface.name] = body
        return body


def _classify_refused(journey: Journey, model: object) -> None:
    """Classify a request its surface refused, on its model id alone, so that the error still carries
    ``X-DI-Request-Type`` (as the journey does for a chat body it refuses)."""
    try:
        journey.prepare({"model": model} if isinstance(model, str) else {}, 0)
    except RequestError:
        pass


def _headers(scope: Scope) -> tuple[dict[str, str], list[str]]:
    """Lower-cased request headers (the last of repeated ones) and every ``Authorization`` value."""
    headers: dict[str, str] = {}
    authorization: list[str] = []
    for name, value in scope["headers"]:
        key = name.decode("latin-1").lower()
        if key == "authorization":
            authorization.append(value.decode("latin-1"))
        else:
            headers[key] = value.decode("latin-1")
    return headers, authorization


def parse_json(raw: bytes) -> Any:
    if not raw.strip():
        raise RequestError("The request body is empty; send a JSON object.", code="invalid_json")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RequestError(
            "We could not parse the JSON body of your request: " + str(exc).split(":", 1)[0] +
            f" (at character {exc.pos}). Send a JSON object with Content-Type: application/json.",
            code="invalid_json") from None


def create_app() -> GatewayApp:
    """The app of one worker, configured from ``$DI_CONFIG_PATH`` (uvicorn's ``--factory`` entry point)."""
    return GatewayApp()


__all__ = ["GatewayApp", "create_app"]
