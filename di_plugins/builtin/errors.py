"""Built-in error sanitizing: every failure becomes a clean OpenAI-style error that names no backend.

Upstream error text is never passed on: careless providers put model names, hosts, organisation ids
and request ids in it. The caller gets a message chosen by category (the failure's ``kind``, i.e. the
LiteLLM exception class it maps to, else the backend's HTTP status) that tells them what to do. A
backend's ``Retry-After`` hint is kept (as a number of seconds) so that SDK back-off works. Categories:

==============================  ======  ==============================  ===========================
failure                         status  type                            code
==============================  ======  ==============================  ===========================
context window exceeded         400     invalid_request_error           context_length_exceeded
content policy                  400     invalid_request_error           content_policy_violation
other upstream 4xx (400/404/422) 400    invalid_request_error           upstream_rejected
upstream auth failure (401/403) 502     server_error                    upstream_auth_error
rate limited / cooling down     429     rate_limit_error                rate_limited
timeout                         504     timeout_error                   upstream_timeout
anything else (5xx, connection) 502     server_error                    upstream_unavailable
==============================  ======  ==============================  ===========================
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..context import GatewayError, RequestContext
from ..hookspecs import hookimpl

_BY_CLASS: dict[str, GatewayError] = {
    "ContextWindowExceededError": GatewayError(
        400, "The input is longer than the serving model's context window; shorten it or lower max_tokens.",
        "invalid_request_error", "messages", "context_length_exceeded"),
    "ContentPolicyViolationError": GatewayError(
        400, "The request was blocked by the serving model's content policy.",
        "invalid_request_error", None, "content_policy_violation"),
    "RateLimitError": GatewayError(
        429, "The serving endpoint is rate limited right now; retry with exponential backoff.",
        "rate_limit_error", None, "rate_limited"),
    "RouterRateLimitError": GatewayError(
        429, "No backend is available for this request type right now; retry with exponential backoff.",
        "rate_limit_error", None, "rate_limited"),
    "Timeout": GatewayError(
        504, "The serving model did not answer in time; it is safe to retry.",
        "timeout_error", None, "upstream_timeout"),
    "AuthenticationError": GatewayError(
        502, "The gateway could not authenticate with its serving backend; contact the gateway operator.",
        "server_error", None, "upstream_auth_error"),
    "PermissionDeniedError": GatewayError(
        502, "The gateway could not authenticate with its serving backend; contact the gateway operator.",
        "server_error", None, "upstream_auth_error"),
    "BadRequestError": GatewayError(
        400, "The serving model rejected the request as invalid; check its parameters and content.",
        "invalid_request_error", None, "upstream_rejected"),
}

_UNAVAILABLE = GatewayError(502, "The serving model is temporarily unavailable; it is safe to retry.",
                            "server_error", None, "upstream_unavailable")


def _by_status(status: int) -> GatewayError:
    if status in (401, 403):
        return _BY_CLASS["AuthenticationError"]
    if status == 429:
        return _BY_CLASS["RateLimitError"]
    if status in (408, 504):
        return _BY_CLASS["Timeout"]
    if 400 <= status < 500:
        return _BY_CLASS["BadRequestError"]
    return _UNAVAILABLE


def categorise(status: int, error: Any) -> GatewayError:
    """The clean error for a failure: by ``kind`` (or the exception's class names), else by status."""
    kind = getattr(error, "kind", None)
    if isinstance(kind, str) and kind in _BY_CLASS:
        return _BY_CLASS[kind]
    if isinstance(error, BaseException):
        for klass in type(error).__mro__:
            if klass.__name__ in _BY_CLASS:
                return _BY_CLASS[klass.__name__]
    code = getattr(error, "status", None) or getattr(error, "status_code", None)
    if isinstance(code, int):
        status = code
    elif isinstance(code, str) and code.isdigit():
        status = int(code)
    return _by_status(status)


class ErrorSanitizerPlugin:
    """Chooses the caller-facing error for any failure."""

    name = "di.errors"

    @hookimpl
    def di_sanitize_error(self, ctx: RequestContext, status: int, error: Any) -> GatewayError:
        clean = categorise(status, error)
        retry_after = getattr(error, "retry_after", None)
        if clean.status in (429, 503) and isinstance(retry_after, (int, float)) and 0 <= retry_after <= 3600:
            clean = dataclasses.replace(clean, retry_after=float(retry_after))
        return clean
