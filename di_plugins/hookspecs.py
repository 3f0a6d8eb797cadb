"""Hook specifications: the extension contract of DI Gateway.

Every built-in behaviour (classification and effort, routing, prefix caching, the response header,
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
  Both fail open: an exception there is logged, never turned into an error for the caller.
* Responses reach the hooks already rebuilt from the surface's published schema (only documented keys,
  the caller's ``model``, a gateway-made ``id``): a hook sees and returns plain dicts, never a
  provider's object. ``di_transform_chunk`` runs only when some plugin implements it, so streams pay
  nothing per chunk for the built-ins (which implement ``di_transform_usage`` instead).

One request, in hook order::

    di_effort → di_classify → di_classified → di_validate_request → di_choose_model_group
      → di_response_headers → di_before_routing
      → [per attempt: di_choose_deployments → di_prepare_deployment_call]
      → di_check_reply (requests with ``ctx.check_reply``; each extra call it asks for routes again)
      → di_transform_usage / di_transform_response / di_transform_chunk
      → di_request_finished                      (di_sanitize_error on a failure)

Set ``DI_TRACE_PLUGINS=1`` (or a comma-separated list of hook names) to log every hook call with its
result to stderr.
"""

from __future__ import annotations

from typing import Any

import pluggy

PROJECT_NAME = "di_gateway"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def di_configure(config: Any) -> None:
    """Called once per process after the config file was loaded and validated.

    ``config`` is the :class:`~di_plugins.config.GatewayConfig` (``config.di`` is the ``di:`` section,
    with typed sub-settings; ``config.deployments`` the model list). Built-in plugins take their
    settings here; a site plugin reads its own from ``config.di.plugin_settings.get("<its name>")``.
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

    Called by the router (LiteLLM's, after its health and cooldown filters, before its routing
    strategy) on each attempt in the request's own group; fallback groups are left to the router.
    ``deployments`` are dicts with at least ``model_info.id`` and ``litellm_params`` (whose secrets a
    plugin must never expose). Return a non-empty sub-list, or ``None`` to leave the choice to the router.
    """


@hookspec
def di_prepare_deployment_call(ctx: Any, deployment: dict, call: dict) -> None:
    """Adjust the outgoing call for the deployment that will serve it (after routing, before sending).

    ``deployment`` holds the chosen deployment's ``model_info`` (``id`` and operator settings);
    ``call`` is the outgoing request (``messages``, ``tools``, ... and ``extra_body``, a dict merged into
    the JSON sent to the backend); it is a fresh shallow copy per attempt, so replace nested values
    rather than mutating them. Mutate ``call`` in place, e.g. add a per-tenant ``cache_salt``.
    Called again for each retry or fallback attempt.
    """


@hookspec(firstresult=True)
def di_check_reply(ctx: Any, request: dict, completion: dict, attempt: int) -> Any:
    """Check a reply against what the request asked for, repair it, or ask for one more call.

    Called only for requests a plugin marked with ``ctx.check_reply = True`` in ``di_validate_request``
    (the built-in ``di.strict_json`` marks requests with a JSON contract: a ``response_format`` JSON
    schema or ``json_object``, or function tools), on non-streaming replies and on buffered streams
    (``ctx.buffer_stream``); a relayed stream is never checked. ``completion`` is the latest call's
    reply, already rebuilt from the surface's schema (caller's ``model``, gateway ``id``), before the
    response hooks; ``attempt`` is the number of extra calls made so far (0: the caller's own call).

    Return a :class:`~di_plugins.context.Verdict`: its ``completion`` is what the caller gets if no
    further call is made (``None``: ``completion`` unchanged); its ``retry``, a request body, asks the
    journey for one more non-streaming call to the request's model group (the router picks the
    deployment, retries and fallbacks apply), after which this hook is called again with that reply and
    ``attempt + 1``. The journey makes at most 8 extra calls whatever the verdicts say, and sends the
    last verdict's ``completion`` if an extra call fails. Return ``None`` to send ``completion`` as it is.

    Nothing about the check may reach the caller: no header, no field, no different ``id`` or ``model``.
    Keep the per-reply work small (validators compiled once, cached): it is on every checked reply.
    """


@hookspec
def di_request_finished(ctx: Any, outcome: dict) -> Any:
    """Observe the end of a forwarded request; may return an awaitable, run in the background.

    ``outcome``: ``{"ok": bool, "deployment_id": str | None, "usage": dict | None}``. Called once per
    request, for successes (streams: after the last chunk), failures and client disconnects. Fails
    open: an exception here is logged and never changes what the caller received.
    """


@hookspec
def di_transform_usage(ctx: Any, usage: dict) -> None:
    """Rewrite the response's usage in place, once per response.

    ``usage`` is OpenAI's usage object as a dict (``prompt_tokens``, ``completion_tokens``,
    ``total_tokens``, ``prompt_tokens_details`` (always a dict here: ``cached_tokens``,
    ``cache_write_tokens``), ``completion_tokens_details``). Called for a non-streaming completion and
    for the usage chunk of a stream (when the caller asked for ``stream_options.include_usage``).
    """


@hookspec
def di_transform_response(ctx: Any, response: dict) -> None:
    """Rewrite a non-streaming chat completion in place before it is sent.

    ``response`` is the completion as a plain OpenAI-shaped ``dict`` (``id``, ``object``, ``created``,
    ``model``, ``choices``, ``usage``), already rebuilt from OpenAI's published schema with the
    caller's ``model`` and a gateway-made ``id``. What a plugin adds is sent as is.
    """


@hookspec
def di_transform_chunk(ctx: Any, chunk: dict) -> None:
    """Rewrite one streaming chunk (a plain OpenAI-shaped ``dict``) in place.

    Called for every chunk of every stream, and only when some plugin implements it (none of the
    built-ins does): every implementation costs each chunk of each stream, so keep it to a few
    dictionary operations. Usage belongs in :func:`di_transform_usage`.
    """


@hookspec
def di_response_headers(ctx: Any) -> dict[str, str] | None:
    """Contribute response headers (returned dicts are merged; later plugins win on clashes).

    Called once per request on the DI surface after the decision hooks, before the request is
    forwarded (so it sees the decision, not the response); the headers go on the success, the stream
    (with the first byte) or the error alike. Header names must start with ``x-di-``: no other name is
    sent (no upstream header ever is).
    """


@hookspec(firstresult=True)
def di_sanitize_error(ctx: Any, status: int, error: Any) -> Any:
    """Turn a failure into a clean error for the caller.

    ``error`` is usually an :class:`~di_plugins.errors.UpstreamError` (``kind`` names the category the
    way LiteLLM's exception classes do, ``status`` the backend's HTTP status, ``retry_after`` its hint);
    ``status`` is the backend's status or 500.

    Return a :class:`~di_plugins.context.GatewayError` whose message names no backend, provider,
    api_base, deployment or gateway internals, or ``None`` to defer to the built-in.
    """


@hookspec
def di_metrics() -> Any:
    """Return an iterable of :class:`~di_plugins.metrics.Sample` to publish at ``GET /metrics``.

    Called per scrape, not per request. Labels must never name a backend, tenant or api_base.
    """


@hookspec
def di_health() -> Any:
    """Return a mapping of component name to state (``ok``, ``degraded``, ``off``) for ``/health/readiness``.

    Called per probe, not per request. A degraded component never makes the gateway unready (Redis
    down degrades prompt caching, never serving); names must not identify a backend.
    """
