"""The plugin manager: built-in plugins, installed packages' plugins, and site plugin files.

Load order (later plugins run first for plain hooks, as in pluggy):

1. the built-in plugins, :data:`DEFAULT_PLUGINS`, each registered under its ``name``;
2. plugins of installed packages, declared in the ``di_gateway`` entry-point group::

       [project.entry-points.di_gateway]
       my_plugin = "my_package.di_plugin"

3. site plugin files listed in ``di.plugins`` (paths relative to ``config.yaml``), e.g. ``hooks/*.py``.

``di.disable_plugins`` unregisters plugins by name (e.g. ``di.request_type_header`` or a file's stem).
Every plugin then gets ``di_configure(config)``: the built-ins take their settings there, a site
plugin reads ``config.di.plugin_settings.get(<its name>)``.

``DI_TRACE_PLUGINS=1`` logs every hook call and its result to stderr; ``DI_TRACE_PLUGINS=di_classify,
di_effort`` only those hooks (the idea of datasette's ``DATASETTE_TRACE_PLUGINS``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs
from .builtin.classification import ClassificationPlugin
from .builtin.errors import ErrorSanitizerPlugin
from .builtin.headers import RequestTypeHeaderPlugin
from .builtin.prefix_cache import PrefixCachePlugin
from .builtin.routing import RoutingPlugin
from .builtin.strict_json import StrictJsonPlugin
from .config import GatewayConfig
from .errors import ConfigError

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME
TRACE_ENV = "DI_TRACE_PLUGINS"

DEFAULT_PLUGINS: tuple[type, ...] = (
    ClassificationPlugin,
    RoutingPlugin,
    PrefixCachePlugin,
    RequestTypeHeaderPlugin,
    ErrorSanitizerPlugin,
    StrictJsonPlugin,
)
"""The built-in plugins, in registration order; each has a ``name`` and takes no constructor arguments."""


def load_plugin_file(path: Path) -> Any:
    """Import a site plugin file as a module named ``di_site_plugins.<stem>``."""
    module_name = f"di_site_plugins.{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"di.plugins: cannot load plugin file {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a broken site plugin must stop start-up with a clear message
        sys.modules.pop(module_name, None)
        raise ConfigError(f"di.plugins: plugin file {path} failed to import: {exc!r}") from exc
    return module


def build_plugin_manager(config: GatewayConfig, *, load_entry_points: bool = True,
                         trace: str | None = None) -> pluggy.PluginManager:
    """Create the plugin manager of one gateway process and call ``di_configure``."""
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for plugin_class in DEFAULT_PLUGINS:
        pm.register(plugin_class(), name=plugin_class.name)
    if load_entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for path in config.di.plugins:
        module = load_plugin_file(path)
        try:
            pm.register(module, name=path.stem)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise ConfigError(f"di.plugins: {path}: {exc}") from exc
    for name in config.di.disable_plugins:
        if pm.get_plugin(name) is None:
            raise ConfigError(f"di.disable_plugins: no plugin named {name!r} "
                              f"(loaded: {', '.join(n for n, _ in pm.list_name_plugin())})")
        pm.unregister(name=name)
    pm.check_pending()
    enable_tracing(pm, os.environ.get(TRACE_ENV, "") if trace is None else trace)
    pm.hook.di_configure(config=config)
    return pm


def enable_tracing(pm: pluggy.PluginManager, spec: str) -> None:
    """Log hook calls to stderr: ``spec`` is ``1`` (every hook) or a comma-separated list of hook names."""
    spec = spec.strip()
    if not spec or spec == "0":
        return
    names = None if spec in ("1", "true", "all") else {n.strip() for n in spec.split(",") if n.strip()}

    def before(hook_name: str, impls: list, kwargs: dict) -> None:
        if names is None or hook_name in names:
            shown = {k: v for k, v in kwargs.items() if k != "ctx"}
            print(f"[di-plugins] {hook_name}({', '.join(f'{k}={_short(v)}' for k, v in shown.items())}) "
                  f"-> {[i.plugin_name for i in impls]}", file=sys.stderr, flush=True)

    def after(outcome: Any, hook_name: str, impls: list, kwargs: dict) -> None:
        if names is None or hook_name in names:
            exc = outcome.exception
            result = f"raised {exc!r}" if exc is not None else _short(outcome.get_result())
            print(f"[di-plugins] {hook_name} = {result}", file=sys.stderr, flush=True)

    pm.add_hookcall_monitoring(before, after)


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."
