"""The provider adapter: the only package that imports LiteLLM.

LiteLLM's ``Router`` chooses deployments and applies retries, fallbacks, timeouts and cooldowns with
their documented meaning; OpenAI-compatible deployments are called by DI's lean relay
(:mod:`.lean`), the others through LiteLLM's provider translation (:mod:`.translated`). The adapter
itself is :class:`.adapter.Provider`, imported lazily by the HTTP app (importing LiteLLM takes seconds
and is not needed by tools that only classify). :mod:`.calls` is the plain-data contract with the
pipeline.

Importing this package sets LiteLLM's offline switches (:data:`OFFLINE_ENV`) first.
"""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "True",
    "LITELLM_LOCAL_BLOG_POSTS": "True",
    "LITELLM_LOCAL_POLICY_TEMPLATES": "True",
    "LITELLM_LOCAL_AUTOROUTER_PRESETS": "True",
    "LITELLM_TELEMETRY_DISABLED": "true",
    "LITELLM_LOG": "ERROR",
}
"""LiteLLM's switches for machines without internet access (each makes one start-up fetch use the copy
bundled with LiteLLM); set before LiteLLM is first imported, unless the operator set them."""

for _name, _value in OFFLINE_ENV.items():
    os.environ.setdefault(_name, _value)
