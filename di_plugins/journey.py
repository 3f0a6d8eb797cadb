"""One request's way through the gateway: prepare → route → call → respond.

A surface (the HTTP handler of a wire shape) drives a :class:`Journey`:

1. :meth:`Journey.prepare` validates the body and runs the decision hooks (effort, classification,
   plugin checks, model group); it raises :class:`~di_plugins.errors.RequestError` for a bad request,
   after classifying it whenever possible so that the error still carries ``X-DI-Request-Type``;
2. :meth:`Journey.before_routing` awaits the plugins' pre-routing I/O (fail-open);
3. :meth:`Journey.call` hands a :class:`~di_plugins.provider.calls.Call` to the provider adapter, which
   routes (LiteLLM's router with ``di_choose_deployments``), prepares each attempt
   (``di_prepare_deployment_call``) and calls the backend; it raises
   :class:`~di_plugins.errors.UpstreamError` when every attempt failed;
4. the surface rebuilds the answer from its published schema; for a request a plugin marked
   (``ctx.check_reply``), :meth:`Journey.check_reply` lets ``di_check_reply`` judge it and makes the
   extra calls it asks for (a re-ask is another :meth:`call` to the same group, routed afresh);
5. the journey applies the response hooks (:meth:`transform_response`, :meth:`transform_usage`,
   :meth:`transform_chunk`), then :meth:`finish` tells the plugins how it ended.

No HTTP here, and no LiteLLM: ``di-gateway classify`` runs :meth:`prepare` alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .context import Classification, Effort, GatewayError, RequestContext
from .errors import RequestError, UpstreamError
from .limits import MAX_DEPTH, check_depth, check_model
from .validation import forwardable_reasoning_effort, validate_chat_request

if TYPE_CHECKING:
    from .gateway import Gateway
    from .provider.calls import Reply

FALLBACK_CLASSIFICATION = Classification(request_type="pro", rule=9, rule_name="model_intent")
MAX_EXTRA_CALLS = 8
"""At most this many extra calls per request, whatever ``di_check_reply`` asks for."""
_STREAM_KEYS = ("stream", "stream_options")
log = logging.getLogger("di_gateway.journey")


class Journey:
    """One request: its context, its validated body, and the steps that serve it."""

    __slots__ = ("ctx", "gateway", "request")

    def __init__(self, gateway: Gateway, ctx: RequestContext) -> None:
        self.gateway = gateway
        self.ctx = ctx
        self.request: dict[str, Any] = {}

    # -- prepare ------------------------------------------------------------------------------------

    def prepare(self, body: Any, containers: int | None = None) -> dict[str, Any]:
        """Validate ``body`` and decide effort, type and model group. Returns the request to forward.

        The body's nesting depth and model id length are bounded first (:mod:`di_plugins.limits`);
        ``containers``, an upper bound of the body's objects and arrays when the caller counted them,
        spares the depth walk when it cannot matter.
        Effort is read from the body as sent (surface thinking fields are not forwarded, so validation
        drops them). An invalid request is still classified, on a minimal body, so that its error
        carries ``X-DI-Request-Type``; plugins only ever see validated requests.
        """
        ctx, hook = self.ctx, self.gateway.hook
        raw = body if isinstance(body, dict) else {}
        problem: RequestError | None = None
        try:
            if containers is None or containers > MAX_DEPTH:
                check_depth(body)
            check_model(raw.get("model"))
        except RequestError as exc:  # nothing reads such a body further: effort and classification see {}
            problem, raw = exc, {}
        if isinstance(raw.get("model"), str):
            ctx.caller_model = raw["model"]
        request: dict[str, Any] = {}
        if problem is None:
            try:
                request = validate_chat_request(body)
            except RequestError as exc:
                problem = exc
        if problem is not None:
            request = {"model": ctx.caller_model} if ctx.caller_model else {}
        try:
            ctx.effort = hook.di_effort(request=raw, ctx=ctx) or Effort()
        except RequestError as exc:
            problem = problem or exc
        if not ctx.intent_model:
            ctx.intent_model = ctx.caller_model
        ctx.classification = hook.di_classify(request=request, ctx=ctx) or FALLBACK_CLASSIFICATION
        hook.di_classified(request=request, ctx=ctx)
        if problem is not None:
            raise problem
        hook.di_validate_request(request=request, ctx=ctx)
        ctx.model_group = hook.di_choose_model_group(request=request, ctx=ctx)
        if ctx.model_group is None and ctx.endpoint == "chat":
            raise RequestError("No backend is configured for this request type.", status=503,
                               code="no_route", type="server_error")
        forwardable_reasoning_effort(request)
        ctx.stream = request.get("stream") is True
        self.request = request
        return request

    async def before_routing(self) -> None:
        await self.gateway.before_routing(self.request, self.ctx)

    # -- route and call -----------------------------------------------------------------------------

    async def call(self, body: dict[str, Any] | None = None, stream: bool | None = None) -> Reply:
        """Serve the request (or ``body``, an extra call's) from its model group; raises
        :class:`UpstreamError` if every attempt failed. A buffered stream is called without streaming."""
        from .provider.calls import Call

        gateway, ctx = self.gateway, self.ctx
        if gateway.provider is None:
            raise UpstreamError("ServiceUnavailableError", "the provider adapter is not started")
        if stream is None:
            stream = ctx.stream and not ctx.buffer_stream
        body = self.request if body is None else body
        if not stream and body.get("stream") is True:
            body = {k: v for k, v in body.items() if k not in _STREAM_KEYS}
        call = Call(group=ctx.model_group or "", body=body, stream=stream, num_retries=ctx.num_retries,
                    choose_deployments=self._choose_deployments if gateway.has_deployment_choosers else None,
                    prepare_call=self._prepare_call if gateway.has_deployment_preparers else None)
        try:
            return await gateway.provider.complete(call)
        finally:  # the deployment that answered, or the last one that failed
            if call.attempts:
                ctx.deployment_id = call.attempts[-1]

    async def check_reply(self, completion: dict[str, Any],
                          rebuild: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """The completion to send for a checked request (``ctx.check_reply``): ``di_check_reply`` judges
        each reply and may ask for extra calls (made here, non-streaming, at most
        :data:`MAX_EXTRA_CALLS`); ``rebuild`` turns an extra call's raw completion into the surface's
        shape. Never raises for the checking: a failing plugin or extra call leaves the best answer so far."""
        hook, ctx = self.gateway.hook, self.ctx
        best = completion
        for attempt in range(MAX_EXTRA_CALLS + 1):
            try:
                verdict = hook.di_check_reply(ctx=ctx, request=self.request, completion=completion, attempt=attempt)
            except Exception:  # noqa: BLE001 - a broken checker must not fail a served request
                log.exception("di_check_reply plugin failed; sending the reply as it is")
                return best
            if verdict is None:
                return completion
            best = completion if verdict.completion is None else verdict.completion
            if verdict.retry is None or attempt == MAX_EXTRA_CALLS:
                return best
            served = ctx.deployment_id
            try:
                reply = await self.call(verdict.retry, stream=False)
            except UpstreamError as exc:
                log.info("extra call for %s failed: %s", ctx.response_id, exc)
                ctx.deployment_id = served
                return best
            completion = rebuild(reply.completion or {})
        return best

    def _choose_deployments(self, deployments: list[dict]) -> list[dict] | None:
        return self.gateway.hook.di_choose_deployments(ctx=self.ctx, deployments=deployments)

    def _prepare_call(self, model_info: dict, call: dict) -> None:
        self.gateway.hook.di_prepare_deployment_call(ctx=self.ctx, deployment=dict(model_info), call=call)

    # -- respond ------------------------------------------------------------------------------------

    def transform_usage(self, usage: dict[str, Any]) -> None:
        """Apply ``di_transform_usage`` to a rebuilt usage dict (``prompt_tokens_details`` is a dict while
        the hooks run, and left out afterwards if they left it empty)."""
        if not isinstance(usage.get("prompt_tokens_details"), dict):
            usage["prompt_tokens_details"] = {}
        self.gateway.hook.di_transform_usage(ctx=self.ctx, usage=usage)
        if not usage["prompt_tokens_details"]:
            del usage["prompt_tokens_details"]

    def transform_response(self, response: dict[str, Any]) -> None:
        """Apply the usage and response hooks to a rebuilt, non-streaming completion."""
        usage = response.get("usage")
        if isinstance(usage, dict):
            self.transform_usage(usage)
        self.gateway.hook.di_transform_response(ctx=self.ctx, response=response)

    def transform_chunk(self, chunk: dict[str, Any]) -> None:
        """Apply ``di_transform_chunk`` (call only when ``gateway.has_chunk_hooks``)."""
        self.gateway.hook.di_transform_chunk(ctx=self.ctx, chunk=chunk)

    def error(self, failure: Exception) -> GatewayError:
        """The clean error the caller gets for ``failure``."""
        if isinstance(failure, RequestError):
            return failure.error
        return self.gateway.sanitize_error(self.ctx, failure)

    def finish(self, ok: bool, usage: dict[str, Any] | None = None) -> None:
        """Tell the plugins how the request ended (once; fail-open)."""
        self.gateway.request_finished(self.ctx, ok, usage)
