"""The plugin manager: built-in plugins, installed packages' plugins, and site plugin files.

Load order (later plugins run first for plain hooks, as in pluggy):

1. built-in plugins (``di_plugins.builtin``), each registered under its ``name``;
2. plugins of installed packages, declared in the ``di_gateway`` entry-point group::

       [project.entry-points.di_gateway]
       my_plugin = "my_package.di_plugin"

3. site plugin files listed in ``di.plugins`` (paths relative to ``config.yaml``), e.g. ``hooks/*.py``.

``di.disable_plugins`` unregisters plugins by name (e.g. ``di.echo`` or a file's stem).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs
from .builtin.classification import ClassificationPlugin
from .builtin.echo import EchoPlugin
from .builtin.errors import ErrorSanitizerPlugin
from .builtin.headers import RequestTypeHeaderPlugin
from .builtin.prefix_cache import PrefixCachePlugin, redis_url_from
from .builtin.routing import RoutingPlugin
from .classifier.settings import ClassifierSettings
from .config import DIConfig
from .errors import ConfigError
from .prefix.settings import PrefixCacheSettings

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME


def builtin_plugins(config: DIConfig, model_groups: list[str]) -> list[Any]:
    """The built-in plugins, configured from ``config`` (raises ConfigError on bad classifier settings)."""
    settings = ClassifierSettings.from_mapping(config.classifier, "di.classifier")
    prefix = PrefixCacheSettings.from_mapping(config.prefix_cache, "di.prefix_cache")
    return [
        ClassificationPlugin(settings),
        RoutingPlugin(config, model_groups),
        PrefixCachePlugin(prefix, redis_url=redis_url_from(config.redis_url), master_key=config.master_key),
        EchoPlugin(),
        RequestTypeHeaderPlugin(),
        ErrorSanitizerPlugin(),
    ]


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


def build_plugin_manager(config: DIConfig, model_groups: list[str] | None = None, *,
                         load_entry_points: bool = True) -> pluggy.PluginManager:
    """Create the plugin manager for one gateway process and call ``di_configure``."""
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for plugin in builtin_plugins(config, model_groups or []):
        pm.register(plugin, name=plugin.name)
    if load_entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for path in config.plugins:
        module = load_plugin_file(path)
        try:
            pm.register(module, name=path.stem)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise ConfigError(f"di.plugins: {path}: {exc}") from exc
    for name in config.disable_plugins:
        if pm.get_plugin(name) is None:
            raise ConfigError(f"di.disable_plugins: no plugin named {name!r} "
                              f"(loaded: {', '.join(n for n, _ in pm.list_name_plugin())})")
        pm.unregister(name=name)
    pm.check_pending()
    pm.hook.di_configure(config=config)
    return pm
