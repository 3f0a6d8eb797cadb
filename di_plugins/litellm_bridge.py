"""The bridge from LiteLLM's callback API to the pluggy hooks: the only module that knows LiteLLM's
hook names.

Every hook is defined on this leaf class (LiteLLM only calls some hooks when the registered class
itself defines them). The request's decisions were made at the edge; the bridge applies them:

* ``async_pre_call_hook``: route to ``ctx.model_group`` (the caller's model string stays as intent and
  is echoed by our transform hooks; LiteLLM's own re-stamping is switched off so that a router
  fallback cannot leak the fallback group's or backend's name).
* ``async_filter_deployments``: ``di_choose_deployments`` (e.g. prefix-cache affinity).
* ``async_pre_call_deployment_hook``: ``di_prepare_deployment_call`` (e.g. a per-tenant cache salt).
* ``async_post_call_success_hook`` / ``async_post_call_streaming_iterator_hook``:
  ``di_transform_response`` / ``di_transform_chunk``.
* ``async_post_call_failure_hook``: ``di_sanitize_error``; the edge sends the clean error.
* ``di_request_finished`` after the last byte of a success, or on failure.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from litellm.constants import RETURN_RAW_MODEL_NAME_METADATA_KEY
from litellm.integrations.custom_logger import CustomLogger
from litellm.types.utils import PromptTokensDetailsWrapper

from .context import GatewayError, RequestContext, current_context
from .gateway import Gateway


class CleanStreamError(Exception):
    """Raised mid-stream in place of an upstream error; LiteLLM builds its error frame from these
    attributes, so the frame carries only the sanitized message."""

    def __init__(self, error: GatewayError) -> None:
        super().__init__(error.message)
        self.message = error.message
        self.type = error.type
        self.param = error.param
        self.status_code = error.status


class DIBridge(CustomLogger):
    """Registered once per worker process; forwards LiteLLM callbacks to the gateway's hooks."""

    def __init__(self, gateway: Gateway | None = None) -> None:
        super().__init__()
        self._gateway = gateway

    @property
    def gateway(self) -> Gateway:
        if self._gateway is None:
            from .gateway import get_gateway

            self._gateway = get_gateway()
        return self._gateway

    async def async_pre_call_hook(self, user_api_key_dict: Any, cache: Any, data: dict, call_type: Any) -> dict | None:
        ctx = current_context.get()
        if ctx is None or ctx.model_group is None:
            return None
        data["model"] = ctx.model_group
        if ctx.num_retries is not None:
            data["num_retries"] = ctx.num_retries
        metadata = data.get("metadata")
        if not isinstance(metadata, dict):
            metadata = data["metadata"] = {}
        metadata[RETURN_RAW_MODEL_NAME_METADATA_KEY] = True
        return data

    async def async_filter_deployments(self, model: str, healthy_deployments: list, messages: Any,
                                       request_kwargs: dict | None = None, parent_otel_span: Any = None) -> list:
        gateway = self.gateway
        if not gateway.has_deployment_choosers:
            return healthy_deployments
        ctx = current_context.get()
        if ctx is None or model != ctx.model_group:  # a fallback group's deployments are the router's call
            return healthy_deployments
        chosen = gateway.choose_deployments(ctx=ctx, deployments=healthy_deployments)
        return chosen if chosen else healthy_deployments

    async def async_pre_call_deployment_hook(self, kwargs: dict, call_type: Any) -> dict | None:
        gateway = self.gateway
        if not gateway.has_deployment_preparers:
            return None
        ctx = current_context.get()
        if ctx is None:
            return None
        metadata = kwargs.get("metadata") or kwargs.get("litellm_metadata") or {}
        model_info = metadata.get("model_info") if isinstance(metadata, dict) else None
        gateway.prepare_deployment_call(ctx=ctx, deployment=dict(model_info or {}), call=kwargs)
        return kwargs

    async def async_post_call_success_hook(self, data: dict, user_api_key_dict: Any, response: Any) -> Any:
        ctx = current_context.get()
        if ctx is None:
            return response
        hidden = getattr(response, "_hidden_params", None) or {}
        ctx.deployment_id = hidden.get("model_id") or ctx.deployment_id
        body = response.model_dump() if hasattr(response, "model_dump") else response
        if isinstance(body, dict):
            self.gateway.transform_response(ctx=ctx, response=body)
            self.gateway.request_finished(ctx, True, ctx.deployment_id, body.get("usage"))
            # LiteLLM reads the cost it already computed from here (else it prices the response again)
            # and pops the key before the body is sent.
            body["_hidden_params"] = hidden
        return body

    async def async_post_call_streaming_iterator_hook(self, user_api_key_dict: Any, response: Any,
                                                      request_data: dict) -> AsyncGenerator[Any, None]:
        ctx = current_context.get()
        if ctx is None:
            async for chunk in response:
                yield chunk
            return
        gateway = self.gateway
        transform = gateway.transform_chunk
        hidden = getattr(response, "_hidden_params", None) or {}
        ctx.deployment_id = hidden.get("model_id") or ctx.deployment_id
        usage = None
        ok = False
        try:
            async for chunk in response:
                if getattr(chunk, "usage", None) is not None:
                    if chunk.usage.prompt_tokens_details is None:
                        chunk.usage.prompt_tokens_details = PromptTokensDetailsWrapper()
                    usage = chunk.usage
                transform(ctx=ctx, chunk=chunk)
                yield chunk
            ok = True
        except Exception as exc:
            raise CleanStreamError(self._record_error(ctx, exc)) from None
        finally:  # also on a client disconnect (CancelledError / GeneratorExit)
            gateway.request_finished(ctx, ok, ctx.deployment_id,
                                     usage.model_dump() if ok and usage is not None else None)

    async def async_post_call_failure_hook(self, request_data: dict, original_exception: Exception,
                                           user_api_key_dict: Any, traceback_str: str | None = None) -> None:
        ctx = current_context.get()
        if ctx is not None:
            self._record_error(ctx, original_exception)
            self.gateway.request_finished(ctx, False, ctx.deployment_id, None)
        return None

    def _record_error(self, ctx: RequestContext, exc: BaseException) -> GatewayError:
        if ctx.error is None:
            if isinstance(exc, CleanStreamError):
                return GatewayError(exc.status_code, exc.message, exc.type, exc.param)
            ctx.error = self.gateway.sanitize_error(ctx, 500, exc)
        return ctx.error
