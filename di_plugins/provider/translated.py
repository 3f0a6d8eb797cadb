"""The translated path: deployments that do not speak the OpenAI wire format (Anthropic, Gemini/Vertex,
Bedrock, Azure, ...) are called through ``litellm.acompletion``, which translates the request and the
answer. Its objects are turned into plain OpenAI-shaped dicts here, at the adapter's edge; the surface
then rebuilds them from its published schema like any other answer.

This path pays LiteLLM's per-chunk machinery (its stream wrapper and a pydantic object per chunk);
``bench/overhead.py`` measures it against the lean path.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import litellm
from litellm.router_utils.common_utils import without_router_only_kwargs

from ..config import Deployment
from ..errors import UpstreamError


def call_kwargs(deployment: Deployment, call: dict[str, Any], *, group: str, stream: bool,
                timeout: float | None, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    """``litellm.acompletion`` arguments: the deployment's params, then the call's (the call wins, as in
    LiteLLM's router), with the metadata LiteLLM's logging and cooldown callbacks read (the router's own
    metadata dict when given, so its usage accounting sees what the logging counted)."""
    params = without_router_only_kwargs(deployment.params)
    kwargs: dict[str, Any] = {**params, **call, "model": deployment.params["model"]}
    extra = {**(params.get("extra_body") or {}), **(call.get("extra_body") or {})}
    kwargs.pop("extra_body", None)
    if extra:
        kwargs["extra_body"] = extra
    kwargs["stream"] = stream
    if timeout:
        kwargs["timeout"] = timeout
    kwargs["model_info"] = deployment.model_info
    kwargs["metadata"] = metadata if metadata is not None else {}
    kwargs["metadata"].update(model_group=group, deployment=deployment.params["model"],
                              model_info=deployment.model_info)
    return kwargs


async def complete(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A non-streaming completion through LiteLLM, as a plain dict."""
    response = await litellm.acompletion(**kwargs)
    return response.model_dump() if hasattr(response, "model_dump") else dict(response)


async def open_stream(kwargs: dict[str, Any]) -> TranslatedStream:
    """A stream through LiteLLM, its first chunk already read (so early failures can be retried)."""
    wrapper = await litellm.acompletion(**kwargs)
    stream = TranslatedStream(wrapper)
    await stream.read_first()
    return stream


class TranslatedStream:
    """LiteLLM's stream wrapper as batches of one plain chunk dict (see :class:`~.calls.ChunkStream`)."""

    __slots__ = ("_first", "_iterator", "_wrapper")

    def __init__(self, wrapper: Any) -> None:
        self._wrapper = wrapper
        self._iterator = wrapper.__aiter__()
        self._first: dict[str, Any] | None = None

    async def read_first(self) -> None:
        try:
            self._first = _plain(await self._iterator.__anext__())
        except StopAsyncIteration:
            self._first = None

    def __aiter__(self) -> AsyncIterator[list[dict[str, Any]]]:
        return self._batches()

    async def _batches(self) -> AsyncIterator[list[dict[str, Any]]]:
        if self._first is not None:
            first, self._first = self._first, None
            yield [first]
        try:
            async for chunk in self._iterator:
                yield [_plain(chunk)]
        except litellm.exceptions.OpenAIError as exc:
            raise UpstreamError(error_kind(exc), str(exc), status=getattr(exc, "status_code", None)) from exc
        except Exception as exc:  # LiteLLM raises assorted types mid-stream
            raise UpstreamError("APIConnectionError", f"{type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        close = getattr(self._iterator, "aclose", None)
        if close is not None:
            try:
                await close()
            except Exception:  # noqa: BLE001 - releasing a broken stream must not fail the response
                pass


def _plain(chunk: Any) -> dict[str, Any]:
    return chunk.model_dump(exclude_none=True) if hasattr(chunk, "model_dump") else dict(chunk)


def error_kind(exc: BaseException) -> str:
    """The failure category: the name of the most specific LiteLLM exception class ``exc`` is."""
    for klass in type(exc).__mro__:
        if klass.__module__.startswith("litellm"):
            return klass.__name__
    return type(exc).__name__
