"""Built-in routing: the request type (and effort band) chooses a model group from ``di.routing``.

By default each type is served by the group of the same name. When the configured group does not exist
in ``model_list`` (a minimal config with a single group, say), the request falls back, in order, to the
group named after the request's base type, then ``pro``, then ``flash``, then the first group listed.

Effort also sets the retries within the group when ``di.effort_retries`` names the level
(e.g. ``{high: 2, xhigh: 3, max: 4}``); other levels keep the router's ``num_retries``.
"""

from __future__ import annotations

from typing import Any

from ..config import DIConfig
from ..context import RequestContext
from ..hookspecs import hookimpl


class RoutingPlugin:
    """Maps ``ctx.request_type`` + ``ctx.effort`` to a LiteLLM model group name."""

    name = "di.routing"

    def __init__(self, config: DIConfig | None = None, model_groups: list[str] | None = None) -> None:
        self.configure(config or DIConfig(), model_groups or [])

    def configure(self, config: DIConfig, model_groups: list[str]) -> None:
        self.config = config
        self.groups = list(dict.fromkeys(model_groups))
        self._known = set(self.groups)
        self._cache: dict[tuple[str, str, str], str | None] = {}

    @hookimpl
    def di_configure(self, config: Any) -> None:
        self.configure(config.di, config.model_groups)

    def resolve(self, request_type: str, effort: str, base_type: str) -> str | None:
        key = (request_type, effort, base_type)
        if key not in self._cache:
            wanted = self.config.route(request_type).group_for(effort)
            candidates = (wanted, base_type, "pro", "flash")
            found = next((g for g in candidates if g in self._known), None)
            self._cache[key] = found or (self.groups[0] if self.groups else None)
        return self._cache[key]

    @hookimpl
    def di_choose_model_group(self, request: dict, ctx: RequestContext) -> str | None:
        cls = ctx.classification
        if cls is None:
            return None
        ctx.num_retries = self.config.effort_retries.get(ctx.effort.level)
        return self.resolve(cls.request_type, ctx.effort.level, cls.base_type)
