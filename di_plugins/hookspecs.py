"""Hook specifications: the extension contract of DI Gateway.

Every built-in behaviour (classification, effort, routing, echo and scrubbing, the response header,
error sanitizing) is an ordinary plugin implementing these hooks, so a site can add to or override any
of them without forking. Plugins are plain modules or objects with functions marked ``@hookimpl``::

    from di_plugins import hookimpl

    @hookimpl(tryfirst=True)
    def di_classify(request, ctx):
        if "invoice" in str(request.get("messages", "")):
            return Classification(request_type="document", rule=0, rule_name="site:invoice")

Conventions:

* ``request`` is the parsed OpenAI-shaped request body as a plain ``dict``, after validation (an
  invalid request is classified on a minimal ``{"model": ...}`` body, so that its error still carries
  ``X-DI-Request-Type``). ``di_effort`` alone receives the body as sent, because surface-specific
  thinking settings are read there and not forwarded. Hooks named "choose"/"decide" must not mutate it.
* ``ctx`` is the :class:`~di_plugins.context.RequestContext` of the request.
* ``firstresult`` hooks stop at the first implementation returning something other than ``None``;
  return ``None`` to let the next one (ultimately the built-in) decide. Use ``tryfirst=True`` to run
  before the built-ins.
* Hooks run on the hot path of every request: keep them cheap, never do blocking I/O in them.
  The two hooks that may do I/O (``di_before_routing``, ``di_request_finished``) return an awaitable
  (e.g. a coroutine) instead, which the gateway awaits (before routing) or runs in the background.
"""

from __future__ import annotations

from typing import Any

import pluggy

PROJECT_NAME = "di_gateway"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def di_configure(config: Any) -> None:
    """Called once per process after the ``di:`` config section was loaded and validated.

    ``config`` is the :class:`~di_plugins.config.DIConfig`. Plugins read their settings here.
    """


@hookspec(firstresult=True)
def di_effort(request: dict, ctx: Any) -> Any:
    """Decide the effort level of a request.

    Return an :class:`~di_plugins.context.Effort` (level and source), or ``None`` to defer. The built-in
    reads, first found wins: ``X-DI-Effort`` header, ``?effort=``, ``reasoning_effort`` /
    ``reasoning.effort``, surface thinking config, a model-id suffix (``name@xhigh``), else ``auto``.
    Raise :class:`~di_plugins.errors.RequestError` for an invalid value (a clean 400).
    """


@hookspec(firstresult=True)
def di_classify(request: dict, ctx: Any) -> Any:
    """Classify the request into one of the eight request types.

    Return a :class:`~di_plugins.context.Classification` or ``None`` to defer. Called after
    ``di_effort`` (``ctx.effort`` is set). Must never raise on odd input.
    """


@hookspec
def di_classified(request: dict, ctx: Any) -> None:
    """Observe or amend the classification after it was made (``ctx.classification`` is set).

    A plugin may replace ``ctx.classification``; later implementations see the replacement.
    """


@hookspec
def di_validate_request(request: dict, ctx: Any) -> None:
    """Check plugin-specific parts of a request after the built-in validation (e.g. ``cache_control``).

    Raise :class:`~di_plugins.errors.RequestError` for a clean 4xx naming the field. Called after
    ``di_classified``, so the error carries ``X-DI-Request-Type``.
    """


@hookspec(firstresult=True)
def di_choose_model_group(request: dict, ctx: Any) -> str | None:
    """Choose the model group (a ``model_name`` in ``config.yaml``'s ``model_list``) that serves the request.

    The built-in maps the request type (and the effort band) through ``di.routing``.
    """


@hookspec
def di_before_routing(request: dict, ctx: Any) -> Any:
    """Do the request's I/O before routing (``ctx.model_group`` is set), e.g. one Redis lookup.

    Return an awaitable (it is awaited before the request is routed) or ``None``. Keep it bounded in
    time and fail open: an exception is logged and ignored, never turned into an error for the caller.
    """


@hookspec(firstresult=True)
def di_choose_deployments(ctx: Any, deployments: list[dict]) -> list[dict] | None:
    """Narrow the healthy deployments of the chosen group (e.g. prefix-cache affinity).

    ``deployments`` are dicts with at least ``model_info.id`` and ``litellm_params`` (whose secrets a
    plugin must never expose). Return a non-empty sub-list, or ``None`` to leave the choice to the router.
    """


@hookspec
def di_prepare_deployment_call(ctx: Any, deployment: dict, call: dict) -> None:
    """Adjust the outgoing call for the deployment that will serve it (after routing, before sending).

    ``deployment`` holds the chosen deployment's ``model_info`` (``id`` and operator settings);
    ``call`` is the outgoing request (``messages``, ``tools``, ... and ``extra_body``, a dict merged into
    the JSON sent to the backend). Mutate ``call`` in place, e.g. add a per-tenant ``cache_salt``.
    Called again for each retry or fallback attempt.
    """


@hookspec
def di_request_finished(ctx: Any, outcome: dict) -> Any:
    """Observe the end of a forwarded request; may return an awaitable, run in the background.

    ``outcome``: ``{"ok": bool, "deployment_id": str | None, "usage": dict | None}``. Called once per
    request, for successes (streams: after the last chunk) and failures.
    """


@hookspec
def di_transform_response(ctx: Any, response: dict) -> None:
    """Rewrite a non-streaming chat completion in place before it is sent.

    ``response`` is the completion as a plain OpenAI-shaped ``dict`` (``id``, ``object``, ``created``,
    ``model``, ``choices``, ``usage``). The built-in echo plugin (which runs last) sets ``model`` to
    ``ctx.caller_model`` and ``id`` to ``ctx.response_id`` and keeps only OpenAI's documented keys, so
    a plugin that adds a non-standard key must register with ``trylast=True`` to keep it.
    """


@hookspec
def di_transform_chunk(ctx: Any, chunk: Any) -> None:
    """Rewrite one streaming chunk in place.

    Called for every chunk of every stream, so it is not converted to a dict: ``chunk`` is an object
    with OpenAI-shaped *attributes* that may be read, assigned, or deleted with ``del``: ``id``,
    ``model``, ``created``, ``choices`` (each with ``index``, ``delta`` (``role``, ``content``,
    ``tool_calls``, ...), ``finish_reason``), ``usage`` (final chunk, else ``None``) and
    ``system_fingerprint``. Attributes set to ``None`` are left out of the serialized chunk. On the
    chunk that carries ``usage``, ``usage.prompt_tokens_details`` is always an object whose attributes
    (``cached_tokens``, ``cache_write_tokens``) may be set.
    """


@hookspec
def di_response_headers(ctx: Any) -> dict[str, str] | None:
    """Contribute response headers (returned dicts are merged; later plugins win on clashes).

    Called once per request on the DI surface after the decision hooks, before the request is
    forwarded (so it sees the decision, not the response); the headers go on the success, the stream
    (with the first byte) or the error alike. Header names should start with ``x-di-``: the edge only lets through an allowlist of
    standard headers plus ``x-di-*``.
    """


@hookspec(firstresult=True)
def di_sanitize_error(ctx: Any, status: int, error: Any) -> Any:
    """Turn a failure (an exception or an upstream error body) into a clean error for the caller.

    Return a :class:`~di_plugins.context.GatewayError` whose message names no backend, provider,
    api_base, deployment or gateway internals, or ``None`` to defer to the built-in.
    """


@hookspec
def di_metrics() -> Any:
    """Return an iterable of :class:`~di_plugins.metrics.Sample` to publish at ``GET /metrics``.

    Called per scrape, not per request. Labels must never name a backend, tenant or api_base.
    """
