"""Errors, and the one place where an error becomes a response body.

* :class:`RequestError`: a bad request (validation, auth, limits, plugins); its message is safe to show.
* :class:`UpstreamError`: a backend call failed. Its details (``kind``, ``status``) choose the clean
  error the caller gets (``di_sanitize_error``); its text is for the operator's log only.
* :class:`ConfigError`: the configuration is invalid; the message names the field.

:func:`openai_error_body` serializes a :class:`~di_plugins.context.GatewayError` in OpenAI's envelope
``{"error": {"message", "type", "param", "code"}}``.
"""

from __future__ import annotations

import orjson

from .context import GatewayError

_TYPE_BY_STATUS = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    405: "invalid_request_error",
    408: "timeout_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    429: "rate_limit_error",
}


def error_type_for(status: int) -> str:
    """The OpenAI error ``type`` conventionally used with an HTTP status."""
    if status in _TYPE_BY_STATUS:
        return _TYPE_BY_STATUS[status]
    return "server_error" if status >= 500 else "invalid_request_error"


class RequestError(Exception):
    """A client-facing error with an HTTP status; its message must be safe to show."""

    def __init__(self, message: str, *, status: int = 400, param: str | None = None,
                 code: str | None = None, type: str | None = None) -> None:
        super().__init__(message)
        self.error = GatewayError(status=status, message=message, type=type or error_type_for(status),
                                  param=param, code=code)

    @property
    def status(self) -> int:
        return self.error.status


class UpstreamError(Exception):
    """A backend call failed (before the first byte or mid-stream).

    ``kind`` names the failure category the way LiteLLM's exception classes do (``RateLimitError``,
    ``Timeout``, ``ContextWindowExceededError``, ``APIConnectionError``, ...); ``status`` is the
    backend's HTTP status when there was one; ``retry_after`` the seconds the backend asked to wait.
    The message is for logs only and may name the backend: it never reaches the caller.
    """

    def __init__(self, kind: str, message: str = "", *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message or kind)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after


class ConfigError(ValueError):
    """The configuration is invalid; the message names the offending field (e.g. ``di.keys[1].tenant``)."""


def openai_error_body(error: GatewayError) -> bytes:
    """An error in OpenAI's envelope."""
    return orjson.dumps({"error": {"message": error.message, "type": error.type, "param": error.param,
                                   "code": error.code}})
