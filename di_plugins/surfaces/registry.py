"""Which surface serves which path: the gateway's route allowlist for the wire shapes.

:func:`match` maps a request path (and, for the model list, the ``anthropic-version`` header) to a
:class:`~di_plugins.surfaces.base.Route`, or ``None`` for a path nothing serves. :func:`surface_for`
gives the :class:`~di_plugins.surfaces.base.Surface` of a route, and :func:`envelope_for` the surface
whose error envelope an unknown path or a refused method gets (by the path's look: ``/v1beta/…`` is
Google's, ``/v1/messages…`` Anthropic's, anything else OpenAI's).

Paths (each also under the ``/di`` prefix, which is the documented base):

=========================================================  ========  ==========  ===========
path                                                       method    surface     action
=========================================================  ========  ==========  ===========
``/v1/chat/completions``                                   POST      openai      generate
``/v1/models``                                             GET       openai      models (Anthropic's or Gemini's shape, see match)
``/v1/messages``                                           POST      anthropic   generate
``/v1/messages/count_tokens``                              POST      anthropic   count
``/v1/responses``                                          POST      responses   generate
``/v1/responses/input_tokens``                             POST      responses   count
``/v1beta/models``                                         GET       gemini      models
``/v1beta/models/{model}:generateContent``                 POST      gemini      generate
``/v1beta/models/{model}:streamGenerateContent``           POST      gemini      generate (stream)
``/v1beta/models/{model}:countTokens``                     POST      gemini      count
``/v1/models/{model}:…`` (the same three)                  POST      gemini      as above
=========================================================  ========  ==========  ===========
"""

from __future__ import annotations

from urllib.parse import unquote

from . import anthropic, gemini, openai_chat, responses
from .base import COUNT, GENERATE, MODELS, Route, Surface

SURFACES: dict[str, Surface] = {
    "openai": openai_chat.SURFACE,
    "anthropic": anthropic.SURFACE,
    "gemini": gemini.SURFACE,
    "responses": responses.SURFACE,
}

_EXACT: dict[str, tuple[str, str, str]] = {}
for _base in ("", "/di"):
    _EXACT[f"{_base}/v1/chat/completions"] = ("openai", GENERATE, "POST")
    _EXACT[f"{_base}/v1/models"] = ("openai", MODELS, "GET")
    _EXACT[f"{_base}/v1/messages"] = ("anthropic", GENERATE, "POST")
    _EXACT[f"{_base}/v1/messages/count_tokens"] = ("anthropic", COUNT, "POST")
    _EXACT[f"{_base}/v1/responses"] = ("responses", GENERATE, "POST")
    _EXACT[f"{_base}/v1/responses/input_tokens"] = ("responses", COUNT, "POST")
    _EXACT[f"{_base}/v1beta/models"] = ("gemini", MODELS, "GET")

_GEMINI_METHODS = {"generateContent": (GENERATE, False), "streamGenerateContent": (GENERATE, True),
                   "countTokens": (COUNT, False)}
_GEMINI_PREFIXES = ("/di/v1beta/models/", "/v1beta/models/", "/di/v1/models/", "/v1/models/")
"""The google-genai SDK calls ``/v1beta`` (as the reference documents) or, by default in recent releases,
``/v1``: both serve the same methods."""


def match(path: str, headers: dict[str, str], query: dict[str, str] | None = None) -> tuple[Route, str] | None:
    """``(route, method)`` for ``path``, or ``None``. The route's surface is one that is served. The model
    list is Anthropic's with an ``anthropic-version`` header, Gemini's with a Google credential
    (``x-goog-api-key`` or ``?key=``), else OpenAI's."""
    found = _EXACT.get(path)
    if found is not None:
        surface, action, method = found
        if surface == "openai" and action == MODELS:
            if "anthropic-version" in headers:
                surface = "anthropic"
            elif "x-goog-api-key" in headers or (query is not None and "key" in query):
                surface = "gemini"
        return Route(surface, action), method
    for prefix in _GEMINI_PREFIXES:
        if path.startswith(prefix):
            model, sep, verb = path[len(prefix):].rpartition(":")
            known = _GEMINI_METHODS.get(verb)
            if not sep or known is None or not model or "/" in model:
                return None
            action, stream = known
            return Route("gemini", action, model=unquote(model), stream=stream), "POST"
    return None


def surface_for(route: Route) -> Surface:
    return SURFACES[route.surface]


def envelope_for(path: str) -> Surface:
    """The surface whose error envelope a request to ``path`` gets when no route matched."""
    if "/v1beta" in path:
        return SURFACES["gemini"]
    if "/v1/messages" in path:
        return SURFACES["anthropic"]
    return SURFACES["openai"]


__all__ = ["SURFACES", "envelope_for", "match", "surface_for"]
