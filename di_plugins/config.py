"""Loading and validating ``config.yaml``: LiteLLM's own sections plus the optional ``di:`` section.

The ``di:`` section is validated at start-up; an unknown key or a wrong type stops the process with a
message naming the field (``di.keys[1].tenant: expected a string, got integer``). A config with only
``model_list`` and ``general_settings.master_key`` works: every ``di:`` setting has a default.

Values written ``os.environ/NAME`` (LiteLLM's convention) are read from the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import EFFORT_LEVELS, REQUEST_TYPES
from .errors import ConfigError

ENV_PREFIX = "os.environ/"
DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024
LITELLM_SECTIONS = ("model_list", "router_settings", "litellm_settings", "general_settings",
                    "environment_variables", "model_group_settings")

_JSON_TYPE_NAMES = {str: "string", int: "integer", float: "number", bool: "boolean", list: "list",
                    dict: "mapping", type(None): "null"}


def _type_name(value: Any) -> str:
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def resolve_env(value: Any, path: str, *, required: bool = True) -> Any:
    """Resolve an ``os.environ/NAME`` reference; other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(ENV_PREFIX):
        name = value[len(ENV_PREFIX):]
        resolved = os.environ.get(name)
        if resolved is None and required:
            raise ConfigError(f"{path}: environment variable {name} is not set")
        return resolved
    return value


def expect(value: Any, kind: type | tuple[type, ...], path: str) -> Any:
    """Check a value's YAML type (booleans are never numbers) and return it."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
    if not ok:
        wanted = " or ".join(_JSON_TYPE_NAMES.get(k, k.__name__) for k in kinds)
        raise ConfigError(f"{path}: expected {'an' if wanted[0] in 'aeiou' else 'a'} {wanted}, "
                          f"got {_type_name(value)}")
    return value


def reject_unknown(mapping: dict, allowed: set[str] | frozenset[str], path: str) -> None:
    unknown = sorted(set(mapping) - set(allowed))
    if unknown:
        raise ConfigError(f"{path}.{unknown[0]}: unknown setting (allowed: {', '.join(sorted(allowed))})")


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One API key accepted on the DI surface and the tenant it belongs to."""

    key: str
    tenant: str
    name: str


@dataclass(frozen=True, slots=True)
class RouteSpec:
    """Which model group serves a request type, optionally per effort level."""

    default: str
    by_effort: dict[str, str] = field(default_factory=dict)

    def group_for(self, effort: str) -> str:
        return self.by_effort.get(effort, self.default)


@dataclass(slots=True)
class DIConfig:
    """The validated ``di:`` section (plus the master key from ``general_settings``)."""

    models: list[str] = field(default_factory=lambda: ["di"])
    keys: list[KeySpec] = field(default_factory=list)
    master_key: str | None = None
    plugins: list[Path] = field(default_factory=list)
    disable_plugins: list[str] = field(default_factory=list)
    routing: dict[str, RouteSpec] = field(default_factory=dict)
    effort_retries: dict[str, int] = field(default_factory=dict)
    classifier: dict[str, Any] = field(default_factory=dict)
    prefix_cache: dict[str, Any] = field(default_factory=dict)
    redis_url: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    metrics: bool = True
    config_dir: Path = field(default_factory=Path.cwd)

    def route(self, request_type: str) -> RouteSpec:
        return self.routing.get(request_type) or RouteSpec(default=request_type)


_DI_KEYS = frozenset({"models", "keys", "plugins", "disable_plugins", "routing", "effort_retries", "classifier",
                      "prefix_cache", "redis_url", "max_body_mb", "metrics"})


def _parse_keys(raw: Any) -> list[KeySpec]:
    specs: list[KeySpec] = []
    for i, entry in enumerate(expect(raw, list, "di.keys")):
        path = f"di.keys[{i}]"
        expect(entry, dict, path)
        reject_unknown(entry, {"key", "tenant", "name"}, path)
        for required in ("key", "tenant"):
            if required not in entry:
                raise ConfigError(f"{path}.{required}: required setting is missing")
        key = expect(resolve_env(expect(entry["key"], str, f"{path}.key"), f"{path}.key"), str, f"{path}.key")
        if not key:
            raise ConfigError(f"{path}.key: must not be empty")
        tenant = expect(entry["tenant"], str, f"{path}.tenant")
        if not tenant:
            raise ConfigError(f"{path}.tenant: must not be empty")
        name = expect(entry.get("name", tenant), str, f"{path}.name")
        specs.append(KeySpec(key=key, tenant=tenant, name=name))
    seen: set[str] = set()
    for i, spec in enumerate(specs):
        if spec.key in seen:
            raise ConfigError(f"di.keys[{i}].key: the same key is listed twice")
        seen.add(spec.key)
    return specs


def _parse_routing(raw: Any) -> dict[str, RouteSpec]:
    routes: dict[str, RouteSpec] = {}
    for rtype, target in expect(raw, dict, "di.routing").items():
        path = f"di.routing.{rtype}"
        if rtype not in REQUEST_TYPES:
            raise ConfigError(f"{path}: unknown request type (allowed: {', '.join(REQUEST_TYPES)})")
        if isinstance(target, str):
            routes[rtype] = RouteSpec(default=target)
            continue
        expect(target, (str, dict), path)
        reject_unknown(target, {"default", *EFFORT_LEVELS}, path)
        by_effort = {lvl: expect(g, str, f"{path}.{lvl}") for lvl, g in target.items() if lvl != "default"}
        routes[rtype] = RouteSpec(default=expect(target.get("default", rtype), str, f"{path}.default"),
                                  by_effort=by_effort)
    return routes


def parse_di_section(raw: Any, config_dir: Path, general_settings: dict | None = None) -> DIConfig:
    """Validate the ``di:`` mapping (``None`` means all defaults) into a :class:`DIConfig`."""
    raw = {} if raw is None else expect(raw, dict, "di")
    reject_unknown(raw, _DI_KEYS, "di")
    cfg = DIConfig(config_dir=config_dir)
    if "models" in raw:
        cfg.models = [expect(m, str, f"di.models[{i}]") for i, m in enumerate(expect(raw["models"], list, "di.models"))]
        if not cfg.models:
            raise ConfigError("di.models: list at least one model id to advertise")
    if "keys" in raw:
        cfg.keys = _parse_keys(raw["keys"])
    if "plugins" in raw:
        cfg.plugins = [config_dir / expect(p, str, f"di.plugins[{i}]")
                       for i, p in enumerate(expect(raw["plugins"], list, "di.plugins"))]
        for i, p in enumerate(cfg.plugins):
            if not p.is_file():
                raise ConfigError(f"di.plugins[{i}]: plugin file {p} does not exist")
    if "disable_plugins" in raw:
        cfg.disable_plugins = [expect(p, str, f"di.disable_plugins[{i}]")
                               for i, p in enumerate(expect(raw["disable_plugins"], list, "di.disable_plugins"))]
    if "routing" in raw:
        cfg.routing = _parse_routing(raw["routing"])
    if "effort_retries" in raw:
        retries = expect(raw["effort_retries"], dict, "di.effort_retries")
        reject_unknown(retries, set(EFFORT_LEVELS), "di.effort_retries")
        for level, n in retries.items():
            if expect(n, int, f"di.effort_retries.{level}") < 0:
                raise ConfigError(f"di.effort_retries.{level}: must be 0 or more")
        cfg.effort_retries = dict(retries)
    if "classifier" in raw:
        cfg.classifier = expect(raw["classifier"] or {}, dict, "di.classifier")
    if "prefix_cache" in raw:
        cfg.prefix_cache = expect(raw["prefix_cache"] or {}, dict, "di.prefix_cache")
    if raw.get("redis_url") is not None:
        cfg.redis_url = expect(resolve_env(raw["redis_url"], "di.redis_url", required=False) or None,
                               (str, type(None)), "di.redis_url")
    if "metrics" in raw:
        cfg.metrics = expect(raw["metrics"], bool, "di.metrics")
    if "max_body_mb" in raw:
        mb = expect(raw["max_body_mb"], (int, float), "di.max_body_mb")
        if mb <= 0:
            raise ConfigError("di.max_body_mb: must be positive")
        cfg.max_body_bytes = int(mb * 1024 * 1024)
    cfg.master_key = master_key_from(general_settings or {})
    return cfg


def master_key_from(general_settings: dict) -> str | None:
    """``DI_MASTER_KEY`` from the environment, else ``general_settings.master_key`` (env refs resolved)."""
    env = os.environ.get("DI_MASTER_KEY")
    if env:
        return env
    value = general_settings.get("master_key")
    if value is None:
        return None
    resolved = resolve_env(expect(value, str, "general_settings.master_key"), "general_settings.master_key",
                           required=False)
    return resolved or None


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a config file into a mapping, with clear errors for a missing or malformed file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping, got {_type_name(data)}")
    return data


def validate_litellm_sections(data: dict[str, Any]) -> None:
    """Light checks of LiteLLM's sections so obvious mistakes fail at start, not at the first request."""
    unknown = sorted(set(data) - set(LITELLM_SECTIONS) - {"di"})
    if unknown:
        raise ConfigError(f"{unknown[0]}: unknown top-level section (allowed: {', '.join(LITELLM_SECTIONS)}, di)")
    for section in LITELLM_SECTIONS:
        if data.get(section) is not None:
            expect(data[section], list if section == "model_list" else dict, section)
    for i, entry in enumerate(data.get("model_list") or []):
        path = f"model_list[{i}]"
        expect(entry, dict, path)
        expect(entry.get("model_name"), str, f"{path}.model_name")
        params = expect(entry.get("litellm_params"), dict, f"{path}.litellm_params")
        expect(params.get("model"), str, f"{path}.litellm_params.model")


@dataclass(slots=True)
class LoadedConfig:
    """The whole config file: the raw mapping (for LiteLLM) and the validated ``di:`` part."""

    path: Path
    raw: dict[str, Any]
    di: DIConfig

    @property
    def model_groups(self) -> set[str]:
        return {e["model_name"] for e in self.raw.get("model_list") or []}


def load_config(path: str | os.PathLike[str]) -> LoadedConfig:
    """Read and validate a config file. Raises :class:`ConfigError` naming the offending field."""
    p = Path(path).resolve()
    data = read_yaml(p)
    validate_litellm_sections(data)
    di = parse_di_section(data.get("di"), p.parent, data.get("general_settings") or {})
    return LoadedConfig(path=p, raw=data, di=di)
