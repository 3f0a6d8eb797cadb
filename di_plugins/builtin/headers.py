"""Built-in response header: ``X-DI-Request-Type`` names the classified type on every response."""

from __future__ import annotations

from ..context import RequestContext
from ..hookspecs import hookimpl


class RequestTypeHeaderPlugin:
    """Contributes ``x-di-request-type`` once the request was classified."""

    name = "di.request_type_header"

    @hookimpl
    def di_response_headers(self, ctx: RequestContext) -> dict[str, str] | None:
        rtype = ctx.request_type
        return {"x-di-request-type": rtype} if rtype else None
