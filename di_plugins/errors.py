"""Clean OpenAI-style errors raised inside the gateway.

``RequestError`` is what validation, auth and plugins raise for a bad request; the edge turns it into
``{"error": {"message", "type", "param", "code"}}`` with the right status.
"""

from __future__ import annotations

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


class ConfigError(ValueError):
    """The configuration is invalid; the message names the offending field (e.g. ``di.keys[1].tenant``)."""
