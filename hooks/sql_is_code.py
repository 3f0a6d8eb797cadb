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

SQL_STATEMENT = re.compile(r"\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bcreate\s+table\b", re.IGNORECASE)
SELECT = re.compile(r"\bselect\b", re.IGNORECASE)
FROM = re.compile(r"\bfrom\b", re.IGNORECASE)
SELECT_FROM_GAP = 2000  # characters allowed between SELECT and FROM


def find_sql(text: str) -> str | None:
    """The SQL that makes this text a coding question, in linear time (no backtracking regex)."""
    statement = SQL_STATEMENT.search(text)
    if statement:
        return statement.group(0)
    select = SELECT.search(text)
    if select is None:
        return None
    for frm in FROM.finditer(text, select.end()):
        window_start = max(select.start(), frm.start() - SELECT_FROM_GAP)
        last_select = max((m.start() for m in SELECT.finditer(text, window_start, frm.start())), default=None)
        if last_select is not None:
            return text[last_select:frm.end()]
        if frm.start() - select.end() > 4 * SELECT_FROM_GAP:
            break
    return None


def _last_user_text(request: dict) -> str:
    messages = request.get("messages")
    for message in reversed(messages if isinstance(messages, list) else []):
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
    match = find_sql(_last_user_text(request))
    if match:
        ctx.classification = Classification(
            request_type="code", rule=0, rule_name="site:sql_is_code",
            evidence={"plugin": "hooks/sql_is_code.py", "match": match[:40], "was": current.request_type},
            base_type=current.base_type, base_pattern=current.base_pattern,
            estimated_tokens=current.estimated_tokens)
