"""ASGI entry point (``di_plugins.asgi:app``): LiteLLM's proxy app behind the DI edge, bridge registered.

Imported once per worker process. Start it with ``di-gateway serve``, which prepares the environment
(``DI_CONFIG_PATH``, ``CONFIG_FILE_PATH``, offline LiteLLM flags) that this module relies on.
"""

from __future__ import annotations

from .startup import apply_litellm_environment

apply_litellm_environment()

import sys  # noqa: E402

import litellm  # noqa: E402  (the environment must be set before LiteLLM is imported)
from litellm.proxy.proxy_server import app as litellm_app  # noqa: E402

from .edge import Edge  # noqa: E402
from .gateway import get_gateway  # noqa: E402
from .litellm_bridge import DIBridge  # noqa: E402

try:  # LiteLLM's auth re-imports its OTel logger on every request; without opentelemetry-sdk that import
    import litellm.integrations.otel.logger  # noqa: E402,F401  fails each time after a sys.path scan (~1 ms).
except ImportError:  # Mark it absent once, so each later attempt fails at once.
    sys.modules["litellm.integrations.otel.logger"] = None  # type: ignore[assignment]

bridge = DIBridge()
if not any(isinstance(cb, DIBridge) for cb in litellm.callbacks):
    litellm.callbacks.append(bridge)

app = Edge(litellm_app, get_gateway())  # built at import: config errors surface at worker start
