"""The per-request context object that plugins receive alongside the plain request dict.

A ``RequestContext`` is created when a request arrives on the DI surface and lives until the response
is sent. Plugins read it and fill in their part (the classification, the model group, an error). It
holds no LiteLLM or HTTP objects, so plugins are testable without a server.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Tenant:
    """Who is calling: the tenant (cache and usage scope) and the key's display name."""

    tenant: str
    key_name: str


@dataclass(slots=True)
class Effort:
    """The effort level a request asked for and where that came from (``header``, ``query``, ...)."""

    level: str = "auto"
    source: str = "default"


@dataclass(slots=True)
class Classification:
    """The outcome of classification: the type and why.

    ``rule`` is the 1-based number of the product rule that matched and ``rule_name`` its short name;
    ``evidence`` is a small JSON-able dict (e.g. ``{"message": 2, "pattern": "```"}``) for the
    explain endpoint. ``base_type`` is the model-intent type (``flash``/``pro``) and ``base_pattern``
    the id pattern that set it (None when nothing matched and the default applied).
    """

    request_type: str
    rule: int
    rule_name: str
    evidence: dict[str, Any] = field(default_factory=dict)
    base_type: str = "pro"
    base_pattern: str | None = None
    estimated_tokens: int = 0


@dataclass(slots=True)
class Verdict:
    """What ``di_check_reply`` decided about a reply (see :func:`~di_plugins.hookspecs.di_check_reply`).

    ``valid`` tells whether ``completion`` satisfies the request's contract. ``completion`` is what the
    caller gets if no further call is made (the checked reply, a repaired copy, or an earlier reply);
    ``None`` means the checked one unchanged. ``retry``, when set, is the body of one more call to the
    request's model group, which the journey makes (non-streaming) before asking again.
    """

    valid: bool
    completion: dict[str, Any] | None = None
    retry: dict[str, Any] | None = None


@dataclass(slots=True)
class GatewayError:
    """A clean, OpenAI-shaped error that is safe to show the caller (it names no backend)."""

    status: int
    message: str
    type: str = "invalid_request_error"
    param: str | None = None
    code: str | None = None
    retry_after: float | None = None
    """Seconds the caller should wait before retrying (sent as ``Retry-After`` on 429 and 503)."""

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


@dataclass(slots=True)
class RequestContext:
    """Everything the gateway knows about one request on the DI surface.

    Attributes:
        surface: wire shape of the call (``openai`` today; ``anthropic``/``gemini`` later).
        endpoint: ``chat`` for completions, ``classify`` for the explain endpoint.
        stream: the caller asked for a stream.
        caller_model: the ``model`` string exactly as the caller sent it (echoed back verbatim).
        intent_model: ``caller_model`` with an effort suffix (``@high``, ``:fast``) removed.
        headers: request headers, lower-cased names (read-only by convention).
        query: query-string parameters (first value of each).
        tenant: the authenticated tenant, once auth succeeded.
        effort: requested effort and its source.
        classification: set by ``di_classify``.
        model_group: the LiteLLM model group chosen by ``di_choose_model_group``.
        num_retries: retries within the group for this request (``None``: the router's setting).
        response_id: the gateway-made id given to the response (``chatcmpl-di...``).
        error: a sanitized error to send instead of whatever failed (set by the error hooks).
        deployment_id: the ``model_info.id`` of the deployment that served the request, once known.
        check_reply: call ``di_check_reply`` on the request's (non-streamed) replies; set by a plugin in
            ``di_validate_request`` (the built-in ``di.strict_json`` does it for requests with a JSON contract).
        buffer_stream: serve the caller's stream from one whole completion (so that it can be checked), sent
            as SSE once it is final; set by a plugin in ``di_validate_request``.
        created: the response's ``created`` time (Unix seconds).
        finished: set once ``di_request_finished`` was called.
        extra: free space for plugins (namespace your keys).
    """

    surface: str = "openai"
    endpoint: str = "chat"
    stream: bool = False
    caller_model: str = ""
    intent_model: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    tenant: Tenant | None = None
    effort: Effort = field(default_factory=Effort)
    classification: Classification | None = None
    model_group: str | None = None
    num_retries: int | None = None
    response_id: str = field(default_factory=lambda: "chatcmpl-di" + secrets.token_hex(12))
    error: GatewayError | None = None
    deployment_id: str | None = None
    check_reply: bool = False
    buffer_stream: bool = False
    created: int = field(default_factory=lambda: int(time.time()))
    finished: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def request_type(self) -> str | None:
        return self.classification.request_type if self.classification else None
