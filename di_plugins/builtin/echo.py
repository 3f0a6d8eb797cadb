"""Built-in echo and scrubbing of successful responses and stream chunks.

Sets ``model`` to the caller's exact string and ``id`` to a gateway-made id, and drops the fields through
which providers identify themselves (``system_fingerprint``, ``provider_specific_fields``,
``service_tier``). Objects are rewritten in place by attribute assignment: no per-chunk conversion.
"""

from __future__ import annotations

from typing import Any

from ..context import RequestContext
from ..hookspecs import hookimpl


def _scrub_choices(choices: Any) -> None:
    for choice in choices or ():
        if getattr(choice, "provider_specific_fields", None) is not None:
            choice.provider_specific_fields = None
        inner = getattr(choice, "message", None) or getattr(choice, "delta", None)
        if inner is not None and getattr(inner, "provider_specific_fields", None) is not None:
            inner.provider_specific_fields = None


class EchoPlugin:
    """Echo the caller's model id and scrub provider identity from responses and chunks."""

    name = "di.echo"

    @staticmethod
    def _scrub(ctx: RequestContext, obj: Any) -> None:
        obj.model = ctx.caller_model
        obj.id = ctx.response_id
        if getattr(obj, "system_fingerprint", None) is not None:
            obj.system_fingerprint = None
        if getattr(obj, "service_tier", None) is not None:
            obj.service_tier = None
        if getattr(obj, "provider_specific_fields", None) is not None:
            obj.provider_specific_fields = None
        _scrub_choices(getattr(obj, "choices", None))

    @hookimpl
    def di_transform_response(self, ctx: RequestContext, response: Any) -> None:
        self._scrub(ctx, response)

    @hookimpl
    def di_transform_chunk(self, ctx: RequestContext, chunk: Any) -> None:
        self._scrub(ctx, chunk)
