"""The gateway of one process: the validated config, the plugin manager, the key store, the counters.

Built once at start-up (:meth:`Gateway.from_path`) and shared by every request. Each request is a
:class:`~di_plugins.journey.Journey` made by :meth:`Gateway.journey`. The provider adapter (LiteLLM's
router and the lean relay) is attached by the HTTP app when it starts (:attr:`Gateway.provider`), so
that tools which only classify (``di-gateway classify``) never import LiteLLM.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
from typing import TYPE_CHECKING, Any

import pluggy

from .config import GatewayConfig, load_config
from .context import GatewayError, RequestContext
from .journey import Journey
from .keys import KeyStore
from .metrics import ResponseCounter, render
from .plugins import build_plugin_manager

if TYPE_CHECKING:
    from .provider.adapter import Provider

CONFIG_ENV = "DI_CONFIG_PATH"
log = logging.getLogger("di_gateway")
UNAVAILABLE = GatewayError(502, "The serving model is temporarily unavailable; it is safe to retry.",
                           "server_error", None, "upstream_unavailable")


class Gateway:
    """One process's gateway: config, plugins, keys, counters, and (once started) the provider."""

    def __init__(self, config: GatewayConfig, pm: pluggy.PluginManager | None = None) -> None:
        self.config = config
        self.pm = pm or build_plugin_manager(config)
        self.keys = KeyStore(config.di)
        self.responses = ResponseCounter()
        self.provider: Provider | None = None
        self.hook = self.pm.hook
        self.has_chunk_hooks = bool(self.hook.di_transform_chunk.get_hookimpls())
        self.has_deployment_choosers = bool(self.hook.di_choose_deployments.get_hookimpls())
        self.has_deployment_preparers = bool(self.hook.di_prepare_deployment_call.get_hookimpls())
        self._background: set[asyncio.Task] = set()

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> Gateway:
        return cls(load_config(path))

    def journey(self, ctx: RequestContext) -> Journey:
        return Journey(self, ctx)

    # -- per-request services the journey and the surfaces use ---------------------------------------

    def response_headers(self, ctx: RequestContext) -> list[tuple[bytes, bytes]]:
        """``x-request-id`` and the plugins' ``x-di-*`` headers (no other name is ever sent)."""
        out = [(b"x-request-id", ctx.response_id.encode())]
        if ctx.classification is None:
            return out
        merged: dict[str, str] = {}
        for contributed in reversed(self.hook.di_response_headers(ctx=ctx)):
            if contributed:
                merged.update(contributed)
        for name, value in merged.items():
            lowered = name.lower()
            if lowered.startswith("x-di-") and value.isprintable():
                out.append((lowered.encode("latin-1"), value.encode("latin-1", "replace")))
        return out

    def sanitize_error(self, ctx: RequestContext, error: Any) -> GatewayError:
        """The clean error for a failure (``di_sanitize_error``)."""
        status = getattr(error, "status", None) or 500
        try:
            return self.hook.di_sanitize_error(ctx=ctx, status=status, error=error) or UNAVAILABLE
        except Exception:  # noqa: BLE001 - a broken sanitizer must not leak the failure it was given
            log.exception("di_sanitize_error plugin failed")
            return UNAVAILABLE

    async def before_routing(self, request: dict, ctx: RequestContext) -> None:
        """Await the plugins' pre-routing I/O; failures are logged, never raised (fail open)."""
        try:
            results = self.hook.di_before_routing(request=request, ctx=ctx)
        except Exception:  # noqa: BLE001 - same rule for a plugin that fails before returning
            log.exception("di_before_routing plugin failed; continuing without it")
            return
        for result in results:
            if inspect.isawaitable(result):
                try:
                    await result
                except Exception:  # noqa: BLE001 - a plugin's I/O failure must not fail the request
                    log.exception("di_before_routing plugin failed; continuing without it")

    def request_finished(self, ctx: RequestContext, ok: bool, usage: dict | None) -> None:
        """Tell plugins the request ended, once; their awaitables run in the background. Fails open."""
        if ctx.finished:
            return
        ctx.finished = True
        outcome = {"ok": ok, "deployment_id": ctx.deployment_id, "usage": usage}
        try:
            results = self.hook.di_request_finished(ctx=ctx, outcome=outcome)
        except Exception:  # noqa: BLE001 - the caller already has their answer
            log.exception("di_request_finished plugin failed")
            return
        for result in results:
            if inspect.isawaitable(result):
                task = asyncio.ensure_future(result)
                self._background.add(task)
                task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("di_request_finished plugin task failed: %r", task.exception())

    def metrics_text(self) -> bytes:
        samples = self.responses.samples()
        for contributed in self.hook.di_metrics():
            samples.extend(contributed or ())
        return render(samples)
