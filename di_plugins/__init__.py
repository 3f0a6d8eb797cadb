"""DI Gateway: an OpenAI-compatible LLM gateway built on the LiteLLM proxy and extended with pluggy plugins.

The package is split so that only the adapter modules (``litellm_bridge``, ``litellm_auth``, ``edge``,
``asgi`` and ``serve``) know about LiteLLM; everything else speaks plain dicts and ``RequestContext``.
"""

__version__ = "0.1.0"

REQUEST_TYPES: tuple[str, ...] = ("document", "vision", "long", "code", "json", "reason", "flash", "pro")
"""The eight request types, in rule order (``flash``/``pro`` are the two base types)."""

EFFORT_LEVELS: tuple[str, ...] = ("auto", "fast", "minimal", "low", "medium", "high", "xhigh", "max")
"""Effort levels, ``auto`` first, then cheapest to most thorough. ``none`` is accepted as an alias of ``fast``."""
