"""What the pipeline asks of the provider (:class:`Call`) and what it gets back (:class:`Reply`).

Plain data: the pipeline never sees a LiteLLM object, and the provider never sees pluggy or HTTP.
Bodies and chunks are OpenAI-shaped dicts as the backend (or LiteLLM's translation) produced them;
the surface rebuilds them from its published schema before anything reaches the caller.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

ChooseDeployments = Callable[[list[dict]], "list[dict] | None"]
PrepareCall = Callable[[dict, dict], None]


@dataclass(slots=True)
class Call:
    """One chat completion to serve from a model group.

    Attributes:
        group: the model group (``model_name`` in ``model_list``) chosen for the request.
        body: the validated OpenAI request body (its ``model`` is replaced per deployment).
        stream: whether to stream.
        num_retries: retries within the group (``None``: the router's ``num_retries``).
        choose_deployments: narrows the healthy deployments of ``group`` (``di_choose_deployments``).
        prepare_call: adjusts the outgoing call for a deployment (``di_prepare_deployment_call``):
            called with the deployment's ``model_info`` and the call dict, once per attempt.
        attempts: filled by the provider: the deployment ids tried, in order.
    """

    group: str
    body: dict[str, Any]
    stream: bool = False
    num_retries: int | None = None
    choose_deployments: ChooseDeployments | None = None
    prepare_call: PrepareCall | None = None
    attempts: list[str] = field(default_factory=list)


class ChunkStream(Protocol):
    """The chunks of a streamed completion, in batches (one batch per network read).

    Iteration ends after the backend's last chunk; a failure mid-stream raises
    :class:`~di_plugins.errors.UpstreamError`. ``aclose`` releases the connection early.
    """

    def __aiter__(self) -> AsyncIterator[list[dict[str, Any]]]: ...

    async def aclose(self) -> None: ...


class Reply:
    """A served call: the deployment that answered, and the completion or the stream of chunks."""

    def __init__(self, deployment_id: str, completion: dict[str, Any] | None = None,
                 stream: ChunkStream | None = None) -> None:
        self.deployment_id = deployment_id
        self.completion = completion
        self.stream = stream
