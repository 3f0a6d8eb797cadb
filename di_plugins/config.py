"""Loading and validating ``config.yaml`` into typed objects, once, at start-up.

The file is LiteLLM's config format (``model_list``, ``router_settings``, ``litellm_settings``,
``general_settings``, ``environment_variables``) plus an optional ``di:`` section. Everything is
checked here; an unknown key or a wrong type stops the process with a message naming the field
(``di.keys[1].tenant: expected a string, got integer``). A config with only ``model_list`` and
``general_settings.master_key`` works: every ``di:`` setting has a default.

The result is a :class:`GatewayConfig`: the ``di:`` section as a :class:`DIConfig` (sub-settings
included: :class:`~di_plugins.classifier.settings.ClassifierSettings`,
:class:`~di_plugins.prefix.settings.PrefixCacheSettings`,
:class:`~di_plugins.strictjson.settings.JsonRepairSettings`), each ``model_list`` entry as a
:class:`Deployment`, and LiteLLM's own sections as plain mappings for the provider adapter.

Values written ``os.environ/NAME`` (LiteLLM's convention) are read from the environment. In
``model_list`` a missing variable is recorded on the deployment and reported when the provider is
built (``di-gateway classify`` needs no backend, so it does not fail on it).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import yaml

from . import EFFORT_LEVELS, REQUEST_TYPES
from .errors import ConfigError

if TYPE_CHECKING:
    from .classifier.settings import ClassifierSettings
    from .prefix.settings import PrefixCacheSettings
    from .strictjson.settings import JsonRepairSettings

ENV_PREFIX = "os.environ/"
DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024
LITELLM_SECTIONS = ("model_list", "router_settings", "litellm_settings", "general_settings",
                    "environment_variables", "model_group_settings")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
MASTER_TENANT = "default"
"""The tenant of the master key."""
DEFAULT_METRICS_LISTEN = "127.0.0.1:9464"
"""Where Prometheus text is served by default: its own listener, local only, never the public port."""

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


# -- the di: section -----------------------------------------------------------------------------


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


def _default_classifier() -> ClassifierSettings:
    from .classifier.settings import ClassifierSettings

    return ClassifierSettings()


def _default_prefix_cache() -> PrefixCacheSettings:
    from .prefix.settings import PrefixCacheSettings

    return PrefixCacheSettings()


def _default_json_repair() -> JsonRepairSettings:
    from .strictjson.settings import JsonRepairSettings

    return JsonRepairSettings()


@dataclass(slots=True)
class DIConfig:
    """The validated ``di:`` section (plus the master key from ``general_settings``)."""

    models: list[str] = field(default_factory=lambda: ["di"])
    keys: list[KeySpec] = field(default_factory=list)
    master_key: str | None = None
    plugins: list[Path] = field(default_factory=list)
    disable_plugins: list[str] = field(default_factory=list)
    plugin_settings: dict[str, Any] = field(default_factory=dict)
    routing: dict[str, RouteSpec] = field(default_factory=dict)
    effort_retries: dict[str, int] = field(default_factory=dict)
    classifier: ClassifierSettings = field(default_factory=_default_classifier)
    prefix_cache: PrefixCacheSettings = field(default_factory=_default_prefix_cache)
    json_repair: JsonRepairSettings = field(default_factory=_default_json_repair)
    redis_url: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    metrics: bool = True
    metrics_listen: str = DEFAULT_METRICS_LISTEN
    config_dir: Path = field(default_factory=Path.cwd)

    def route(self, request_type: str) -> RouteSpec:
        return self.routing.get(request_type) or RouteSpec(default=request_type)


_DI_KEYS = frozenset({"models", "keys", "plugins", "disable_plugins", "plugin_settings", "routing",
                      "effort_retries", "classifier", "prefix_cache", "json", "redis_url", "max_body_mb",
                      "metrics"})


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


def parse_listen(value: Any, path: str) -> str:
    """A ``host:port`` listen address (``[::1]:9464`` for IPv6)."""
    address = expect(value, str, path)
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"{path}: expected host:port, e.g. 127.0.0.1:9464, got {address[:60]!r}")
    return address


def _parse_metrics(raw: Any) -> tuple[bool, str]:
    """``di.metrics``: ``true``/``false``, or ``{enabled: bool, listen: host:port}``."""
    if isinstance(raw, bool):
        return raw, DEFAULT_METRICS_LISTEN
    expect(raw, (bool, dict), "di.metrics")
    reject_unknown(raw, {"enabled", "listen"}, "di.metrics")
    enabled = expect(raw.get("enabled", True), bool, "di.metrics.enabled")
    listen = parse_listen(raw["listen"], "di.metrics.listen") if "listen" in raw else DEFAULT_METRICS_LISTEN
    return enabled, listen


def parse_redis_url(value: Any, path: str) -> str | None:
    """A Redis URL with a scheme redis-py understands (``redis://``, ``rediss://``, ``unix://``)."""
    url = expect(resolve_env(value, path, required=False) or None, (str, type(None)), path)
    if url is not None and not url.startswith(REDIS_SCHEMES):
        raise ConfigError(f"{path}: expected a URL starting with {', '.join(REDIS_SCHEMES)}, got {url[:40]!r}")
    return url


def parse_di_section(raw: Any, config_dir: Path, general_settings: dict | None = None) -> DIConfig:
    """Validate the ``di:`` mapping (``None`` means all defaults) into a :class:`DIConfig`."""
    from .classifier.settings import ClassifierSettings
    from .prefix.settings import PrefixCacheSettings

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
    if "plugin_settings" in raw:
        cfg.plugin_settings = dict(expect(raw["plugin_settings"] or {}, dict, "di.plugin_settings"))
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
        cfg.classifier = ClassifierSettings.from_mapping(expect(raw["classifier"] or {}, dict, "di.classifier"),
                                                         "di.classifier")
    if "prefix_cache" in raw:
        cfg.prefix_cache = PrefixCacheSettings.from_mapping(
            expect(raw["prefix_cache"] or {}, dict, "di.prefix_cache"), "di.prefix_cache")
    if "json" in raw:
        from .strictjson.settings import parse_json_section

        cfg.json_repair = parse_json_section(raw["json"] or {}, "di.json")
    if raw.get("redis_url") is not None:
        cfg.redis_url = parse_redis_url(raw["redis_url"], "di.redis_url")
    if "metrics" in raw:
        cfg.metrics, cfg.metrics_listen = _parse_metrics(raw["metrics"])
    if "max_body_mb" in raw:
        mb = expect(raw["max_body_mb"], (int, float), "di.max_body_mb")
        if mb <= 0:
            raise ConfigError("di.max_body_mb: must be positive")
        cfg.max_body_bytes = int(mb * 1024 * 1024)
    cfg.master_key = master_key_from(general_settings or {})
    for i, spec in enumerate(cfg.keys):
        if spec.tenant == MASTER_TENANT:
            raise ConfigError(f"di.keys[{i}].tenant: {MASTER_TENANT!r} is the master key's tenant; a key in it "
                              "would share the master key's caches and pins: choose another tenant name")
        if cfg.master_key and spec.key == cfg.master_key:
            raise ConfigError(f"di.keys[{i}].key: this key is the master key; list other keys only")
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


# -- model_list ----------------------------------------------------------------------------------

LEAN_PROVIDERS = frozenset({"openai", "hosted_vllm"})
"""Providers whose deployments speak the OpenAI wire format and are served by the lean relay."""
OPENAI_API_BASE = "https://api.openai.com/v1"


@dataclass(frozen=True, slots=True)
class Deployment:
    """One ``model_list`` entry: the group it serves, its id, and its resolved LiteLLM params.

    ``params`` holds secrets (``api_key``); never log or expose it. ``lean`` tells whether the lean
    OpenAI-compatible relay serves it (``openai/`` and ``hosted_vllm/`` models, or any deployment with
    ``model_info.di_path: lean``) or LiteLLM's provider translation (``model_info.di_path: litellm``).
    """

    group: str
    id: str
    params: dict[str, Any]
    model_info: dict[str, Any]
    provider: str
    model: str
    lean: bool
    missing_env: tuple[str, ...] = ()

    @property
    def api_base(self) -> str:
        return str(self.params.get("api_base") or OPENAI_API_BASE).rstrip("/")


def _deployment_id(index: int, entry: dict) -> str:
    params = entry["litellm_params"]
    basis = orjson.dumps([entry["model_name"], params.get("model"), params.get("api_base"), index])
    return "dep-" + hashlib.sha256(basis).hexdigest()[:16]


def parse_deployments(model_list: list[dict]) -> list[Deployment]:
    """Typed deployments; ids are ``model_info.id`` or derived from the entry (stable across processes)."""
    out: list[Deployment] = []
    seen: set[str] = set()
    for i, entry in enumerate(model_list):
        path = f"model_list[{i}]"
        info = dict(expect(entry.get("model_info") or {}, dict, f"{path}.model_info"))
        dep_id = str(info.get("id") or _deployment_id(i, entry))
        if dep_id in seen:
            raise ConfigError(f"{path}.model_info.id: the id {dep_id!r} is used twice")
        seen.add(dep_id)
        info["id"] = dep_id
        params: dict[str, Any] = {}
        missing: list[str] = []
        for key, value in entry["litellm_params"].items():
            resolved = resolve_env(value, f"{path}.litellm_params.{key}", required=False)
            if isinstance(value, str) and value.startswith(ENV_PREFIX) and resolved is None:
                missing.append(f"{path}.litellm_params.{key}: environment variable {value[len(ENV_PREFIX):]} "
                               "is not set")
            params[key] = resolved
        model = params["model"]
        provider, _, name = model.partition("/")
        if not name:
            provider, name = "openai", model
        concurrency = info.get("di_concurrency")
        if concurrency is not None and (isinstance(concurrency, bool) or not isinstance(concurrency, int)
                                        or concurrency < 1):
            raise ConfigError(f"{path}.model_info.di_concurrency: expected a positive integer (requests the "
                              f"backend serves at once), got {concurrency!r}")
        path_choice = info.get("di_path")
        if path_choice not in (None, "lean", "litellm"):
            raise ConfigError(f"{path}.model_info.di_path: expected lean or litellm, got {path_choice!r}")
        lean = provider in LEAN_PROVIDERS if path_choice is None else path_choice == "lean"
        out.append(Deployment(group=entry["model_name"], id=dep_id, params=params, model_info=info,
                              provider=provider, model=name, lean=lean, missing_env=tuple(missing)))
    return out


# -- the whole file ------------------------------------------------------------------------------


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
class GatewayConfig:
    """The whole config file, validated: the ``di:`` part, the deployments and LiteLLM's settings."""

    path: Path
    raw: dict[str, Any]
    di: DIConfig
    deployments: list[Deployment]
    router_settings: dict[str, Any]
    litellm_settings: dict[str, Any]

    @property
    def model_groups(self) -> list[str]:
        """Group names in the order they first appear in ``model_list``."""
        return list(dict.fromkeys(d.group for d in self.deployments))


def load_config(path: str | os.PathLike[str]) -> GatewayConfig:
    """Read and validate a config file. Raises :class:`ConfigError` naming the offending field."""
    p = Path(path).resolve()
    data = read_yaml(p)
    validate_litellm_sections(data)
    for name, value in (data.get("environment_variables") or {}).items():  # LiteLLM's meaning: set at start
        os.environ.setdefault(str(name), str(value))
    di = parse_di_section(data.get("di"), p.parent, data.get("general_settings") or {})
    return GatewayConfig(path=p, raw=data, di=di, deployments=parse_deployments(data.get("model_list") or []),
                         router_settings=dict(data.get("router_settings") or {}),
                         litellm_settings=dict(data.get("litellm_settings") or {}))
