"""Start-up helpers that know LiteLLM: its offline environment flags and the config file it reads.

The user's ``config.yaml`` is never edited. :func:`write_litellm_config` writes the file LiteLLM loads:
the user's LiteLLM sections with the ``di:`` section removed and the gateway's wiring added
(``custom_auth``, the master key, error settings that keep router internals out of messages).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .config import LoadedConfig

OFFLINE_ENV = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "True",
    "LITELLM_LOCAL_BLOG_POSTS": "True",
    "LITELLM_LOCAL_POLICY_TEMPLATES": "True",
    "LITELLM_LOCAL_AUTOROUTER_PRESETS": "True",
    "LITELLM_TELEMETRY_DISABLED": "true",
    "LITELLM_DISABLE_REDACT_SECRETS": "true",
    "NO_DOCS": "True",
    "NO_REDOC": "True",
    "DISABLE_ADMIN_UI": "True",
    "LITELLM_LOG": "ERROR",
}
CUSTOM_AUTH = "di_plugins.litellm_auth.user_api_key_auth"


def apply_litellm_environment() -> None:
    """Set LiteLLM's offline/quiet flags unless the operator set them (call before importing LiteLLM)."""
    for name, value in OFFLINE_ENV.items():
        os.environ.setdefault(name, value)


def litellm_config(loaded: LoadedConfig, master_key: str = "os.environ/DI_MASTER_KEY") -> dict[str, Any]:
    """The mapping LiteLLM should load for this gateway (the master key as an env reference, so the
    written file holds no secret of its own)."""
    raw = {k: v for k, v in loaded.raw.items() if k != "di"}
    general = dict(raw.get("general_settings") or {})
    general["custom_auth"] = CUSTOM_AUTH
    general["master_key"] = master_key
    general.setdefault("disable_spend_logs", True)
    raw["general_settings"] = general
    settings = dict(raw.get("litellm_settings") or {})
    settings["expose_router_debug_in_errors"] = False
    callbacks = settings.get("callbacks")
    if isinstance(callbacks, str):  # a single string would replace the bridge; a list extends
        settings["callbacks"] = [callbacks]
    settings.setdefault("drop_params", True)
    raw["litellm_settings"] = settings
    return raw


def write_litellm_config(loaded: LoadedConfig, directory: str | None = None) -> Path:
    """Write the LiteLLM config to a private temporary file and return its path. ``DI_MASTER_KEY``
    must be set in the environment the workers inherit."""
    fd, name = tempfile.mkstemp(prefix="di-gateway-litellm-", suffix=".yaml", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        yaml.safe_dump(litellm_config(loaded), fh, sort_keys=False)
    return Path(name)
