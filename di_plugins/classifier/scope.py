"""Which text the text rules (5–8) read: the one place where that is decided.

The README and the reference say it in one sentence: *rules 1–4 read the whole request; the text rules
read the latest user turn and the system prompt.* Concretely:

* the **latest user turn** is the last user message that carries human text; a user message that only
  carries tool results (OpenAI ``tool`` role, Anthropic ``tool_result`` blocks, Gemini
  ``functionResponse`` parts) is skipped. A Responses-API ``input`` string and a legacy ``prompt`` are
  a user turn. Its text parts are joined by newlines;
* the **system prompt** is every ``system``/``developer`` message and the ``system``,
  ``instructions`` and ``systemInstruction`` fields, joined by newlines, in the order found;
* **nothing else**: earlier user turns, assistant turns (code in an earlier answer), tool results and
  reasoning text never count for rules 5–8. A traceback pasted two turns ago does not make a "thanks!"
  ``code``; a "summarize this" two turns ago does not make today's question ``flash``.

:class:`.view.RequestView` keeps only the latest user turn for this reason; :func:`task_of` turns it
and the system prompts into the two strings the engine scans. How much of each string each rule reads
(the windows) is a ``scan`` setting, applied by the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .view import RequestView, text_of


@dataclass(frozen=True, slots=True)
class Task:
    """The text rules 5–8 read, with where it came from (for the evidence)."""

    user: str = ""
    user_where: Any = None  # message index (or "input" / "prompt")
    system: str = ""
    system_where: Any = None  # index of the first system message, or the field name


def task_of(view: RequestView) -> Task:
    """The latest user turn and the system prompt of a request (see the module docstring)."""
    user, user_where = "", None
    if view.latest_user is not None:
        user_where, content = view.latest_user
        user = text_of(content)
    system, system_where = "", None
    if view.system:
        system_where = view.system[0][0]
        system = "\n".join(t for t in (text_of(c) for _, c in view.system) if t)
    return Task(user, user_where, system, system_where)
