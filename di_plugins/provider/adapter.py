"""The provider adapter: LiteLLM's ``Router`` chooses and retries, DI's relay or LiteLLM's translation calls.

:class:`Provider` serves one :class:`~.calls.Call` through LiteLLM's own retry and fallback machinery
(``Router.async_function_with_fallbacks``), with an *attempt* function of ours as the call it repeats,
so ``num_retries``, ``fallbacks``, ``context_window_fallbacks``, ``content_policy_fallbacks``,
``retry_policy``, ``allowed_fails``, ``cooldown_time`` and the back-off between retries keep LiteLLM's
documented meaning whichever path serves the call. One attempt:

1. ``Router.async_get_available_deployment`` picks a deployment of the group: health and cooldown
   filters, then every callback's ``async_filter_deployments`` (where ``di_choose_deployments`` plugs
   in, for the request's own group only), then the configured ``routing_strategy``;
2. ``di_prepare_deployment_call`` adjusts a fresh copy of the call for that deployment;
3. an OpenAI-compatible deployment is called by the lean relay (:mod:`.lean`), any other through
   ``litellm.acompletion`` (:mod:`.translated`); a stream is read up to its first chunk inside the
   attempt, so a failure before the first byte is retried or falls back;
4. the outcome feeds the router's per-minute success/failure counts, cooldowns and usage, as LiteLLM's
   logging callbacks would (the translated path's own logging does this itself).

Failures leave the adapter as :class:`~di_plugins.errors.UpstreamError` (category, status, retry hint).

``litellm_settings`` are applied to the ``litellm`` module once, as LiteLLM's proxy does. On the lean
path LiteLLM's logging callbacks (``callbacks``, ``success_callback``, ``failure_callback``) are not
invoked: observe requests with DI's ``di_request_finished`` hook there.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import sys
import time
from pathlib import Path
from typing import Any

import litellm
from litellm import Router
from litellm.integrations.custom_logger import CustomLogger
from litellm.router_utils.router_callbacks.track_deployment_metrics import (
    increment_deployment_successes_for_current_minute,
)

from ..config import OPENAI_API_BASE, Deployment, GatewayConfig
from ..errors import ConfigError, UpstreamError
from . import translated
from .calls import Call, Reply
from .lean import LeanHTTPError, LeanRelay, LeanTarget, LeanTransportError

log = logging.getLogger("di_gateway.provider")

CALL_KEY = "di_call"
"""The key under which an attempt finds its :class:`Call` in the router's request kwargs."""

# Settings the gateway always applies: errors never carry router internals; parameters a backend does
# not support are dropped rather than failing the call (the user's config may override drop_params).
FORCED_LITELLM_SETTINGS = {"expose_router_debug_in_errors": False}
DEFAULT_LITELLM_SETTINGS = {"drop_params": True}
_CALLBACK_SETTINGS = ("callbacks", "success_callback", "failure_callback")
_ROUTER_ARGS = frozenset(inspect.signature(Router.__init__).parameters) - {"self", "model_list"}


def apply_litellm_settings(settings: dict[str, Any], config_dir: Path) -> None:
    """Set ``litellm_settings`` on the ``litellm`` module, once per process (LiteLLM's proxy semantics:
    each key is a module attribute; callback entries are integration names or ``module.attribute``
    paths to a ``CustomLogger`` instance or a function, resolved next to the config file first)."""
    for key, value in {**DEFAULT_LITELLM_SETTINGS, **settings, **FORCED_LITELLM_SETTINGS}.items():
        if key in _CALLBACK_SETTINGS:
            entries = value if isinstance(value, list) else [value]
            resolved = [_callback(entry, f"litellm_settings.{key}", config_dir) for entry in entries]
            setattr(litellm, key, [*getattr(litellm, key, []), *resolved])
        elif key in ("cache", "cache_params"):
            raise ConfigError(f"litellm_settings.{key}: LiteLLM's response cache is not supported by DI Gateway "
                              "(prompt caching is di.prefix_cache)")
        elif not hasattr(litellm, key):
            raise ConfigError(f"litellm_settings.{key}: unknown LiteLLM setting")
        else:
            setattr(litellm, key, value)


def _callback(entry: Any, path: str, config_dir: Path) -> Any:
    if not isinstance(entry, str) or "." not in entry:
        return entry  # an integration LiteLLM knows by name, e.g. "langfuse"
    module_name, _, attr = entry.rpartition(".")
    if str(config_dir) not in sys.path:
        sys.path.insert(0, str(config_dir))
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"{path}: cannot load {entry!r}: {exc}") from exc


def build_router(config: GatewayConfig) -> Router:
    """LiteLLM's router over the config's deployments (ids are the gateway's)."""
    unknown = sorted(set(config.router_settings) - _ROUTER_ARGS)
    if unknown:
        raise ConfigError(f"router_settings.{unknown[0]}: unknown router setting")
    model_list = [{"model_name": d.group, "litellm_params": dict(d.params), "model_info": dict(d.model_info)}
                  for d in config.deployments]
    try:
        return Router(model_list=model_list, **config.router_settings)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"router_settings: {exc}") from exc


class _DeploymentFilter(CustomLogger):
    """Runs the request's ``di_choose_deployments`` inside LiteLLM's deployment choice."""

    async def async_filter_deployments(self, model: str, healthy_deployments: list, messages: Any,
                                       request_kwargs: dict | None = None, parent_otel_span: Any = None) -> list:
        call: Call | None = (request_kwargs or {}).get(CALL_KEY)
        if call is None or call.choose_deployments is None or model != call.group or len(healthy_deployments) < 2:
            return healthy_deployments
        return call.choose_deployments(healthy_deployments) or healthy_deployments


_FILTER = _DeploymentFilter()


def _lean_target(router: Router, deployment: Deployment) -> LeanTarget:
    hosted_openai = deployment.provider == "openai" and deployment.api_base == OPENAI_API_BASE
    return LeanTarget(
        deployment,
        timeout=router._get_timeout({"stream": False}, deployment.params),
        stream_timeout=router._get_timeout({"stream": True}, deployment.params),
        map_params=_openai_param_mapper(deployment) if hosted_openai else None,
        strip_cache_control=hosted_openai or deployment.provider == "hosted_vllm",
    )


def _openai_param_mapper(deployment: Deployment) -> Any:
    """LiteLLM's parameter rules for OpenAI's own API (``max_completion_tokens`` for reasoning models,
    ``drop_params``), applied to a lean call's body."""
    from litellm.utils import get_optional_params

    keep = ("model", "messages")

    def mapped(body: dict[str, Any]) -> dict[str, Any]:
        params = {k: v for k, v in body.items() if k not in keep}
        optional = get_optional_params(model=deployment.model, custom_llm_provider="openai", **params)
        optional.pop("extra_body", None)
        return {**{k: body[k] for k in keep if k in body}, **optional}

    return mapped


class Provider:
    """Serves calls for one worker process: LiteLLM's router, the lean relay, LiteLLM's translation."""

    def __init__(self, config: GatewayConfig) -> None:
        for dep in config.deployments:
            if dep.missing_env:
                raise ConfigError(dep.missing_env[0])
        if not config.deployments:
            raise ConfigError("model_list: list at least one deployment")
        apply_litellm_settings(config.litellm_settings, config.path.parent)
        if _FILTER not in litellm.callbacks:
            litellm.callbacks.append(_FILTER)
        self.router = build_router(config)
        self.deployments = {d.id: d for d in config.deployments}
        # The router counts tokens and requests per deployment only for rate limits and usage-based
        # routing; elsewhere that bookkeeping costs ~0.3 ms per call and feeds nothing.
        self.tracks_usage = str(self.router.routing_strategy).startswith("usage-based") or any(
            source.get(limit) is not None for d in config.deployments for source in (d.params, d.model_info)
            for limit in ("rpm", "tpm", "itpm", "otpm", "max_parallel_requests"))
        self.targets = {d.id: _lean_target(self.router, d) for d in config.deployments if d.lean}
        self.relay = LeanRelay()

    async def aclose(self) -> None:
        await self.relay.aclose()

    async def complete(self, call: Call) -> Reply:
        """Serve ``call`` from its group (retries and fallbacks included); raises :class:`UpstreamError`."""
        kwargs: dict[str, Any] = {"model": call.group, "messages": call.body.get("messages"),
                                  "original_function": self._attempt, CALL_KEY: call}
        if call.num_retries is not None:
            kwargs["num_retries"] = call.num_retries
        self.router._update_kwargs_before_fallbacks(model=call.group, kwargs=kwargs)
        try:
            return await self.router.async_function_with_fallbacks(**kwargs)
        except UpstreamError:
            raise
        except Exception as exc:  # anything the router or LiteLLM raised
            raise _upstream_error(exc) from exc

    async def _attempt(self, model: str, messages: Any, **kwargs: Any) -> Reply:
        """One try on one deployment of group ``model`` (the router calls this for retries and fallbacks)."""
        call: Call = kwargs[CALL_KEY]
        chosen = await self.router.async_get_available_deployment(model=model, messages=messages,
                                                                  request_kwargs=kwargs)
        deployment = self.deployments[chosen["model_info"]["id"]]
        call.attempts.append(deployment.id)
        params = {**call.body, "extra_body": {}}
        if call.prepare_call is not None:
            call.prepare_call(deployment.model_info, params)
        metadata = kwargs.get("metadata")
        if self.tracks_usage and isinstance(metadata, dict):  # what the router's usage accounting reads
            metadata.update(deployment=deployment.params["model"], model_info=deployment.model_info)
        if not deployment.lean:
            return await self._translated(deployment, params, call.stream, model, metadata)
        target = self.targets[deployment.id]
        started = time.time()
        try:
            if call.stream:
                reply = Reply(deployment.id, stream=await self.relay.open_stream(target, params))
            else:
                reply = Reply(deployment.id, completion=await self.relay.complete(target, params))
        except (LeanHTTPError, LeanTransportError, UpstreamError) as exc:
            error = _litellm_error(exc, deployment)
            self._report_failure(deployment, model, error, started)
            raise error from exc
        increment_deployment_successes_for_current_minute(self.router, deployment.id)
        return reply

    async def _translated(self, deployment: Deployment, params: dict[str, Any], stream: bool, group: str,
                          metadata: Any) -> Reply:
        timeout = self.router._get_timeout({"stream": stream}, deployment.params)
        kwargs = translated.call_kwargs(deployment, params, group=group, stream=stream, timeout=timeout,
                                        metadata=metadata if isinstance(metadata, dict) else None)
        if stream:
            return Reply(deployment.id, stream=await translated.open_stream(kwargs))
        return Reply(deployment.id, completion=await translated.complete(kwargs))

    def _report_failure(self, deployment: Deployment, group: str, error: Exception, started: float) -> None:
        """Feed the router's failure counts and cooldowns, as LiteLLM's failure callback would."""
        kwargs = {"exception": error, "litellm_params": {"model_info": deployment.model_info,
                                                         "metadata": {"model_group": group}}}
        try:
            self.router.deployment_callback_on_failure(kwargs, None, started, time.time())
        except Exception:  # noqa: BLE001 - bookkeeping must never change the request's outcome
            log.exception("router failure bookkeeping failed")


# -- errors --------------------------------------------------------------------------------------

_LITELLM_BY_STATUS: dict[int, str] = {
    400: "BadRequestError", 401: "AuthenticationError", 403: "PermissionDeniedError", 404: "NotFoundError",
    408: "Timeout", 422: "UnprocessableEntityError", 429: "RateLimitError", 500: "InternalServerError",
    502: "BadGatewayError", 503: "ServiceUnavailableError", 504: "Timeout",
}
_CONTEXT_HINTS = ("context_length_exceeded", "maximum context length", "context window", "too many tokens",
                  "prompt is too long", "input is too long")
_POLICY_HINTS = ("content_policy", "content_filter", "content management policy")


def _litellm_error(exc: Exception, deployment: Deployment) -> Exception:
    """A lean failure as the LiteLLM exception the router's retry, fallback and cooldown logic expects."""
    provider, model = deployment.provider, deployment.model
    if isinstance(exc, LeanHTTPError):
        text = exc.body.decode("utf-8", "replace")
        lowered = text.lower()
        name = _LITELLM_BY_STATUS.get(exc.status, "InternalServerError" if exc.status >= 500 else "BadRequestError")
        if exc.status in (400, 413, 422) and any(h in lowered for h in _CONTEXT_HINTS):
            name = "ContextWindowExceededError"
        elif exc.status == 400 and any(h in lowered for h in _POLICY_HINTS):
            name = "ContentPolicyViolationError"
        message = f"{provider} backend answered HTTP {exc.status}: {text[:500]}"
        if name == "Timeout":
            error: Exception = litellm.Timeout(message, model=model, llm_provider=provider,
                                               exception_status_code=exc.status)
        else:
            import httpx

            response = httpx.Response(exc.status, headers=exc.headers, request=httpx.Request("POST", deployment.api_base))
            error = getattr(litellm.exceptions, name)(message, llm_provider=provider, model=model, response=response)
        error.status_code = exc.status  # e.g. 502/503 keep their own status
        error.litellm_response_headers = exc.headers  # Retry-After for back-off and cooldowns
        return error
    if isinstance(exc, LeanTransportError) and exc.timeout:
        return litellm.Timeout(str(exc), model=model, llm_provider=provider)
    if isinstance(exc, UpstreamError) and exc.kind == "Timeout":
        return litellm.Timeout(str(exc), model=model, llm_provider=provider)
    return litellm.APIConnectionError(str(exc), llm_provider=provider, model=model)


def _retry_after(exc: BaseException) -> float | None:
    headers = getattr(exc, "litellm_response_headers", None)
    if headers is None:
        response = getattr(exc, "response", None)
        headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _upstream_error(exc: BaseException) -> UpstreamError:
    kind = translated.error_kind(exc)
    status = getattr(exc, "status_code", None)
    return UpstreamError(kind, f"{kind}: {exc}", status=status if isinstance(status, int) else None,
                         retry_after=_retry_after(exc))
