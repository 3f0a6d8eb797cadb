"""The gateway runtime of one process: validated config, plugin manager and key store, and the request
pipeline that runs the decision hooks (effort → classify → classified → model group).

Nothing here knows LiteLLM: the edge and the bridge call into a :class:`Gateway`.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
from functools import cache
from typing import Any

import pluggy

from .config import LoadedConfig, load_config
from .context import Classification, Effort, GatewayError, RequestContext
from .keys import KeyStore
from .metrics import ResponseCounter, render
from .plugins import build_plugin_manager

CONFIG_ENV = "DI_CONFIG_PATH"
log = logging.getLogger("di_gateway")
FALLBACK_CLASSIFICATION = Classification(request_type="pro", rule=9, rule_name="model_intent")


class Gateway:
    """One process's gateway: ``prepare`` a request, contribute headers, sanitize errors."""

    def __init__(self, loaded: LoadedConfig, pm: pluggy.PluginManager | None = None) -> None:
        self.loaded = loaded
        self.config = loaded.di
        groups = [e["model_name"] for e in loaded.raw.get("model_list") or []]
        self.pm = pm or build_plugin_manager(self.config, groups)
        self.keys = KeyStore(self.config)
        hook = self.pm.hook
        self._effort = hook.di_effort
        self._classify = hook.di_classify
        self._classified = hook.di_classified
        self._choose_group = hook.di_choose_model_group
        self._headers = hook.di_response_headers
        self._sanitize = hook.di_sanitize_error
        self._validate = hook.di_validate_request
        self._before_routing = hook.di_before_routing
        self._finished = hook.di_request_finished
        self.transform_response = hook.di_transform_response
        self.transform_chunk = hook.di_transform_chunk
        self.choose_deployments = hook.di_choose_deployments
        self.prepare_deployment_call = hook.di_prepare_deployment_call
        self.has_deployment_choosers = bool(hook.di_choose_deployments.get_hookimpls())
        self.has_deployment_preparers = bool(hook.di_prepare_deployment_call.get_hookimpls())
        self._background: set[asyncio.Task] = set()
        self.responses = ResponseCounter()
        self._metrics = hook.di_metrics

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> Gateway:
        return cls(load_config(path))

    def decide_effort(self, request: dict, ctx: RequestContext) -> None:
        """Set ``ctx.effort`` (may raise RequestError for an invalid effort value)."""
        ctx.effort = self._effort(request=request, ctx=ctx) or Effort()

    def classify(self, request: Any, ctx: RequestContext) -> None:
        """Set ``ctx.classification``; never raises for odd input."""
        if not ctx.intent_model:
            ctx.intent_model = ctx.caller_model
        req = request if isinstance(request, dict) else {}
        ctx.classification = self._classify(request=req, ctx=ctx) or FALLBACK_CLASSIFICATION
        self._classified(request=req, ctx=ctx)

    def validate(self, request: dict, ctx: RequestContext) -> None:
        """Plugins' own request checks (may raise RequestError)."""
        self._validate(request=request, ctx=ctx)

    def choose_group(self, request: dict, ctx: RequestContext) -> None:
        ctx.model_group = self._choose_group(request=request, ctx=ctx)

    async def before_routing(self, request: dict, ctx: RequestContext) -> None:
        """Await the plugins' pre-routing I/O; failures are logged, never raised (fail open)."""
        try:
            results = self._before_routing(request=request, ctx=ctx)
        except Exception:  # noqa: BLE001 - same rule for a plugin that fails before returning
            log.exception("di_before_routing plugin failed; continuing without it")
            return
        for result in results:
            if inspect.isawaitable(result):
                try:
                    await result
                except Exception:  # noqa: BLE001 - a plugin's I/O failure must not fail the request
                    log.exception("di_before_routing plugin failed; continuing without it")

    def request_finished(self, ctx: RequestContext, ok: bool, deployment_id: str | None,
                         usage: dict | None) -> None:
        """Tell plugins the request ended; their awaitables run in the background."""
        if ctx.finished:
            return
        ctx.finished = True
        outcome = {"ok": ok, "deployment_id": deployment_id, "usage": usage}
        for result in self._finished(ctx=ctx, outcome=outcome):
            if inspect.isawaitable(result):
                task = asyncio.ensure_future(result)
                self._background.add(task)
                task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("di_request_finished plugin task failed: %r", task.exception())

    def response_headers(self, ctx: RequestContext) -> dict[str, str]:
        merged: dict[str, str] = {}
        for contributed in reversed(self._headers(ctx=ctx)):
            if contributed:
                merged.update(contributed)
        return merged

    def metrics_text(self) -> bytes:
        samples = self.responses.samples()
        for contributed in self._metrics():
            samples.extend(contributed or ())
        return render(samples)

    def sanitize_error(self, ctx: RequestContext, status: int, error: Any) -> GatewayError:
        return self._sanitize(ctx=ctx, status=status, error=error) or GatewayError(
            502, "The serving model is temporarily unavailable; it is safe to retry.", "server_error")


@cache
def get_gateway() -> Gateway:
    """The process-wide gateway, loaded from the config file named by ``DI_CONFIG_PATH``."""
    path = os.environ.get(CONFIG_ENV)
    if not path:
        raise RuntimeError(f"{CONFIG_ENV} is not set: start the gateway with `di-gateway serve`")
    return Gateway.from_path(path)
