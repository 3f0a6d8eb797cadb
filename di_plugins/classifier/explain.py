"""What ``POST /di/v1/classify`` and ``di-gateway classify FILE.json`` return: the decision, explained.

Nothing about model groups or deployments is included.
"""

from __future__ import annotations

from typing import Any


def explain(ctx: Any) -> dict[str, Any]:
    """The explain JSON for a context on which ``di_effort`` and ``di_classify`` have run."""
    c = getattr(ctx, "classification", None)
    effort = getattr(ctx, "effort", None)
    return {
        "request_type": c.request_type if c else None,
        "rule": {"number": c.rule if c else None, "name": c.rule_name if c else None},
        "evidence": dict(c.evidence) if c else {},
        "base_type": c.base_type if c else None,
        "base_pattern": c.base_pattern if c else None,
        "effort": {"level": getattr(effort, "level", "auto"), "source": getattr(effort, "source", "default")},
        "estimated_input_tokens": c.estimated_tokens if c else 0,
        "model": getattr(ctx, "caller_model", ""),
    }


def explain_request(request: dict, *, model: str | None = None, headers: dict[str, str] | None = None,
                    query: dict[str, str] | None = None, surface: str = "openai", plugin: Any = None,
                    ) -> dict[str, Any]:
    """Classify one body offline with the built-in plugin (or ``plugin``) and explain it.

    Convenience for tests and scripts; the gateway's endpoint and CLI should run the hooks through the
    plugin manager (so site plugins apply) and then call :func:`explain`. Raises
    :class:`~di_plugins.errors.RequestError` for an invalid effort, like the chat endpoint.
    """
    from ..builtin.classification import ClassificationPlugin
    from ..context import RequestContext

    plugin = plugin or ClassificationPlugin()
    if model is None:
        model = request.get("model", "") if isinstance(request, dict) else ""
    ctx = RequestContext(surface=surface, endpoint="classify", caller_model=model if isinstance(model, str) else "",
                         headers={k.lower(): v for k, v in (headers or {}).items()}, query=dict(query or {}))
    ctx.effort = plugin.di_effort(request, ctx)
    ctx.classification = plugin.di_classify(request, ctx)
    return explain(ctx)
