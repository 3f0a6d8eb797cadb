"""Example site plugin: treat SQL questions as ``code`` requests.

The built-in rules send a plain "why is this query slow? SELECT ... FROM ..." to ``flash`` or ``pro``
(it has no fenced block, diff or stack trace). A site whose users ask many SQL questions may prefer
its coding backends for them. This plugin amends the classification after the built-in rules ran,
and only where they fell through to the general types (``flash``/``pro``): documents, images, long
inputs, tools, JSON schemas and reasoning keep their type.

Enable it in ``config.yaml`` (paths are relative to the config file)::

    di:
      plugins: [hooks/sql_is_code.py]

Plugins are plain modules: functions marked ``@hookimpl`` whose names match the hookspecs in
``di_plugins/hookspecs.py``. Test it without a proxy, as ``tests/unit/test_site_plugin_example.py``
does: build a plugin manager with this file and call ``di_classify``/``di_classified``.
"""

from __future__ import annotations

import re

from di_plugins.context import Classification, RequestContext
from di_plugins.hookspecs import hookimpl

SQL = re.compile(r"\bselect\b[\s\S]{1,2000}?\bfrom\b|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bcreate\s+table\b",
                 re.IGNORECASE)


def _last_user_text(request: dict) -> str:
    for message in reversed(request.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content[:20000]
            if isinstance(content, list):
                return " ".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))[:20000]
    return ""


@hookimpl
def di_classified(request: dict, ctx: RequestContext) -> None:
    current = ctx.classification
    if current is None or current.request_type not in ("flash", "pro"):
        return
    match = SQL.search(_last_user_text(request))
    if match:
        ctx.classification = Classification(
            request_type="code", rule=0, rule_name="site:sql_is_code",
            evidence={"plugin": "hooks/sql_is_code.py", "match": match.group(0)[:40], "was": current.request_type},
            base_type=current.base_type, base_pattern=current.base_pattern,
            estimated_tokens=current.estimated_tokens)
