"""What a *surface* is: one wire shape (OpenAI Chat Completions, Anthropic Messages, Gemini
generateContent, OpenAI Responses) adapted onto the one pipeline.

A surface never routes, classifies or calls a backend. It translates, in three pure steps:

1. **in**: :meth:`Surface.to_chat` validates the caller's native body and returns an OpenAI Chat
   Completions body for the :class:`~di_plugins.journey.Journey` (which validates it again, classifies
   it, routes and calls). Native fields that choose effort (Anthropic ``thinking``, Gemini
   ``generationConfig.thinkingConfig``, Responses ``reasoning``) may be carried along in that body: the
   effort hook reads them, chat validation drops them. Bad input raises
   :class:`~di_plugins.errors.RequestError` with a message in the surface's own vocabulary.
2. **out**: :meth:`Surface.render` turns the gateway's *rebuilt* OpenAI completion (already
   allowlisted by :mod:`.openai_chat`, usage already through ``di_transform_usage``) into the native
   response, built from the surface's published schema; :meth:`Surface.encoder` does the same for a
   stream, one rebuilt OpenAI chunk at a time, returning the bytes to send.
3. **errors**: :meth:`Surface.error_body` puts a :class:`~di_plugins.context.GatewayError` in the
   surface's envelope.

Everything a surface sends is made from those rebuilt objects and the request context, so it is
zero-knowledge by construction: no backend id, model, provider or cost can reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..context import GatewayError, RequestContext

GENERATE, COUNT, MODELS = "generate", "count", "models"


@dataclass(slots=True)
class Route:
    """A matched request path: the surface, the action and what the path itself carried.

    ``action`` is :data:`GENERATE` (a completion or a stream), :data:`COUNT` (token counting) or
    :data:`MODELS` (the model list). ``model`` is the model id carried in the path (Gemini), ``stream``
    whether the path itself asks for a stream (Gemini ``:streamGenerateContent``), ``query`` the
    query-string parameters.
    """

    surface: str
    action: str
    model: str | None = None
    stream: bool = False
    query: dict[str, str] = field(default_factory=dict)


class StreamEncoder(Protocol):
    """Turns the rebuilt OpenAI chunks of one stream into the surface's stream bytes.

    The HTTP layer calls :meth:`start` once before the first chunk, :meth:`chunk` for every rebuilt
    chunk (usage already transformed; the last chunk may carry only ``usage``), then exactly one of
    :meth:`end` (the stream completed) or :meth:`error` (it broke after the response had started).
    Each returns the bytes to send (possibly ``b""``). Called per chunk: keep it cheap.
    """

    media_type: bytes

    def start(self) -> bytes: ...

    def chunk(self, chunk: dict[str, Any]) -> bytes: ...

    def end(self) -> bytes: ...

    def error(self, error: GatewayError) -> bytes: ...


class Surface(Protocol):
    """One wire shape (see the module docstring). Implementations are stateless singletons."""

    name: str
    """``openai``, ``anthropic``, ``gemini`` or ``responses`` (also ``RequestContext.surface``)."""

    key_hint: str
    """How to send the key, for the 401 message (``send it as 'x-api-key: <key>'``)."""

    def credential(self, headers: dict[str, str], authorization: list[str], query: dict[str, str]) -> str | None:
        """The API key the caller sent, in the surface's documented order; ``None`` if none.
        ``authorization`` holds every ``Authorization`` header value (more than one is refused before
        this is called); raise :class:`~di_plugins.errors.RequestError` (401) for an ambiguous one."""
        ...

    def to_chat(self, body: Any, route: Route, ctx: RequestContext) -> dict[str, Any]:
        """The OpenAI Chat Completions body for ``body``; raises ``RequestError`` for bad input.
        For :data:`COUNT` the same translation, without the generation-only requirements."""
        ...

    def render(self, completion: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        """The native response for a rebuilt OpenAI ``chat.completion``."""
        ...

    def encoder(self, ctx: RequestContext) -> StreamEncoder:
        """A fresh encoder for one stream."""
        ...

    def count_body(self, tokens: int, ctx: RequestContext) -> dict[str, Any]:
        """The native token-count response."""
        ...

    def models_body(self, models: list[str], created: int) -> dict[str, Any]:
        """The native model list."""
        ...

    def error_body(self, error: GatewayError) -> bytes:
        """``error`` serialized in the surface's error envelope."""
        ...


def native_id(ctx: RequestContext, prefix: str) -> str:
    """A gateway-made response id with the surface's usual ``prefix`` (``msg_``, ``resp_``), derived from
    the request's own random id so that logs can match them."""
    token = ctx.response_id.rsplit("-di", 1)[-1]
    return f"{prefix}di{token}"
