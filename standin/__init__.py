"""The stand-in upstream: a project-owned OpenAI-compatible server used in place of real LLMs.

A test and demo double, not part of the installed ``di-gateway`` package: it lives beside it in the
repository and runs from the repository root (``python -m standin``; ``make run`` starts it through
:mod:`standin.devserve` when no backend URL is set).

Integration tests and ``make run`` point the gateway's model list at it. It answers chat completions
deterministically (text, tool calls, structured output; JSON or SSE), records every request it got,
can be told to fail (HTTP status, timeout, mid-stream drop, dropped connection) and, by default,
leaks like a careless provider (backend model name, organization, ids, rate-limit headers) so the
gateway's scrubbing can be tested.

* :class:`StandInUpstream` runs N replicas in a background thread (tests).
* :func:`~standin.cli.main` serves them from the command line (``python -m standin``).
* :class:`StandInApp` / :func:`create_app` is the ASGI app of one replica.
* :class:`~standin.kvcache.KVCache` is each replica's prefix-cache model (``cached_tokens``,
  time to first token growing with the uncached prompt tokens, ``cache_salt`` isolation).
"""

from .app import StandInApp, create_app
from .kvcache import KVCache
from .replicas import StandInUpstream
from .state import FAILURE_MODES, FailurePlan, ReplicaState

__all__ = ["FAILURE_MODES", "FailurePlan", "KVCache", "ReplicaState", "StandInApp", "StandInUpstream", "create_app"]
