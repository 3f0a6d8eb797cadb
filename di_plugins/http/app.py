"""DI's ASGI app: the whole HTTP surface of the gateway, and the only door into it.

* **Routes are an allowlist.** ``POST /v1/chat/completions``, ``GET /v1/models``, ``POST /v1/classify``
  (each also under ``/di/v1``), ``GET /health/liveliness`` and ``GET /health/readiness``. Any other path
  is a 404, a known path with another method a 405, a WebSocket is refused: nothing else exists to
  reach. Prometheus text is served on its own listener (:mod:`.metrics_listener`), not here.
* **Auth** before the body is read: ``Authorization: Bearer <key>`` against the key store (the master
  key and ``di.keys``); a missing, wrong or ambiguous credential (two ``Authorization`` headers) is a 401.
* **Bodies** above ``di.max_body_mb`` are refused with a 413 (declared or streamed), so are bodies with
  too many JSON containers (before parsing, :mod:`di_plugins.limits`); malformed JSON is a 400; then
  the surface handler drives the request's :class:`~di_plugins.journey.Journey`.
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
from ..keys import bearer_token
from ..limits import check_containers
from .asgi import ClientGone, DisconnectWatch, Receive, Scope, Send, read_body, send_bytes, send_json
from .chat import send_error, serve_chat
from .metrics_listener import LISTEN_ENV, MetricsListener

log = logging.getLogger("di_gateway.http")

CHAT, MODELS, CLASSIFY, LIVE, READY = "chat", "models", "classify", "live", "ready"
ROUTES: dict[str, tuple[str, str]] = {}
for _prefix in ("/v1", "/di/v1"):
    ROUTES[f"{_prefix}/chat/completions"] = (CHAT, "POST")
    ROUTES[f"{_prefix}/models"] = (MODELS, "GET")
    ROUTES[f"{_prefix}/classify"] = (CLASSIFY, "POST")
ROUTES["/health/liveliness"] = (LIVE, "GET")
ROUTES["/health/readiness"] = (READY, "GET")

INTERNAL_ERROR = GatewayError(500, "The gateway failed to process this request; it is safe to retry.",
                              "server_error", None, "internal_error")


class GatewayApp:
    """The ASGI application of one worker process."""

    def __init__(self, gateway: Gateway | None = None, *, config_path: str | None = None,
                 start_provider: bool = True) -> None:
        self._gateway = gateway
        self._config_path = config_path
        self._start_provider = start_provider
        self._models_body: bytes | None = None
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
        route = ROUTES.get(path)
        if route is None:
            await send_error(gateway, send, None, RequestError(
                f"Unknown path {path[:200]!r}. This gateway serves POST /di/v1/chat/completions, "
                "GET /di/v1/models and POST /di/v1/classify.", status=404, code="unknown_path").error)
            return
        kind, method = route
        if scope["method"] != method:
            await send_error(gateway, send, None, RequestError(
                f"Method {scope['method']} is not allowed on {path}; use {method}.", status=405,
                code="method_not_allowed").error, [(b"allow", method.encode())])
            return
        if kind == LIVE:
            await send_json(send, 200, {"status": "ok"}, [])
            return
        if kind == READY:
            await self._readiness(send)
            return
        ctx: RequestContext | None = None
        try:
            ctx = self._authenticate(scope)
            if kind == MODELS:
                await send_bytes(send, 200, self._models(), [])
                return
            await self._serve(kind, scope, receive, send, ctx)
        except RequestError as exc:
            await send_error(gateway, send, ctx if ctx and ctx.classification else None, exc.error)
        except ClientGone:
            return
        except Exception:  # a gateway or plugin bug: a clean 500, never a traceback
            log.exception("unhandled error serving %s", path)
            try:
                await send_error(gateway, send, None, INTERNAL_ERROR)
            except Exception:  # noqa: BLE001 - the response had already started
                pass

    def _authenticate(self, scope: Scope) -> RequestContext:
        headers: dict[str, str] = {}
        authorization: list[str] = []
        for name, value in scope["headers"]:
            key = name.decode("latin-1").lower()
            if key == "authorization":
                authorization.append(value.decode("latin-1"))
            else:
                headers[key] = value.decode("latin-1")
        if len(authorization) > 1:
            raise RequestError("Send exactly one 'Authorization' header.", status=401, code="invalid_api_key")
        tenant = self.gateway.keys.lookup(bearer_token(authorization[0] if authorization else None))
        if tenant is None:
            raise RequestError("Missing API key: send it as 'Authorization: Bearer <key>'." if not authorization
                               else "Incorrect API key provided.", status=401, code="invalid_api_key")
        ctx = RequestContext(headers=headers, tenant=tenant)
        if scope.get("query_string"):
            ctx.query = dict(parse_qsl(scope["query_string"].decode("latin-1")))
        return ctx

    async def _serve(self, kind: str, scope: Scope, receive: Receive, send: Send, ctx: RequestContext) -> None:
        gateway = self.gateway
        ctx.endpoint = kind
        declared = ctx.headers.get("content-length")
        raw = await read_body(receive, gateway.config.di.max_body_bytes, declared.encode() if declared else None)
        containers = check_containers(raw)
        body = parse_json(raw)
        journey = gateway.journey(ctx)
        journey.prepare(body, containers)
        if kind == CLASSIFY:
            gateway.responses.count(ctx.request_type, 200)
            await send_json(send, 200, explain(ctx), gateway.response_headers(ctx))
            return
        watch = DisconnectWatch(receive)
        try:
            await serve_chat(gateway, journey, watch, send)
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

    def _models(self) -> bytes:
        if self._models_body is None:
            data = [{"id": m, "object": "model", "created": self.started, "owned_by": "di-gateway"}
                    for m in self.gateway.config.di.models]
            self._models_body = orjson.dumps({"object": "list", "data": data})
        return self._models_body


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
