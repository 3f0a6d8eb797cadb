"""DI Gateway: an OpenAI-compatible LLM gateway. Its own ASGI app (``http``) serves the surface,
LiteLLM is the provider layer, pluggy plugins add the product's behaviour.

Only the provider adapter (``di_plugins.provider``) imports LiteLLM; everything else speaks plain dicts,
``RequestContext`` and the provider's plain-data ``Call``/``Reply``.
"""

__version__ = "0.1.0"

REQUEST_TYPES: tuple[str, ...] = ("document", "vision", "long", "code", "json", "reason", "flash", "pro")
"""The eight request types, in rule order (``flash``/``pro`` are the two base types)."""

EFFORT_LEVELS: tuple[str, ...] = ("auto", "fast", "minimal", "low", "medium", "high", "xhigh", "max")
"""Effort levels, ``auto`` first, then cheapest to most thorough. ``none`` is accepted as an alias of ``fast``."""
