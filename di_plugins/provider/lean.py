"""The lean path: OpenAI-compatible deployments (vLLM, SGLang, llama.cpp, Ollama, TGI, OpenAI itself)
called over one pooled aiohttp session per worker process, with no LiteLLM object on the way.

* :class:`LeanTarget` is prepared once per deployment at start-up: its URL, headers (the key), the
  OpenAI parameters its ``litellm_params`` set as defaults, ``extra_body``/``extra_headers``, its
  timeouts (LiteLLM's meaning: ``stream_timeout`` for streams, else ``timeout``; both per socket read,
  as the OpenAI SDK applies them), and whether ``cache_control`` must be stripped (``hosted_vllm/``,
  OpenAI's own API) or parameters mapped by LiteLLM's rules (OpenAI's own API: its reasoning models
  take ``max_completion_tokens``, and ``drop_params`` drops what a model does not support).
* :class:`LeanRelay` sends the validated body with the deployment's model id and returns the parsed
  completion, or a :class:`LeanStream` that relays the backend's SSE as it arrives: each network read
  is split into events (:class:`~di_plugins.provider.sse.SSEDecoder`) and parsed with ``orjson``,
  one batch per read. No pydantic object per chunk; the work per chunk is proportional to its bytes.

Failures before the first byte raise :class:`LeanHTTPError` / :class:`LeanTransportError` (the
adapter turns them into LiteLLM's exception types so the router retries, cools down and falls back
with LiteLLM's meaning); failures mid-stream raise :class:`~di_plugins.errors.UpstreamError`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import orjson

from ..config import Deployment
from ..errors import UpstreamError
from ..prefix.breakpoints import strip_cache_control
from ..validation import ALLOWED_PARAMS
from .sse import DONE, SSEDecoder

DEFAULT_TIMEOUT_S = 600.0
MAX_ERROR_BODY = 64 * 1024
ParamMapper = Callable[[dict[str, Any]], dict[str, Any]]


class LeanHTTPError(Exception):
    """The backend answered with an HTTP error status (before the first byte of a success)."""

    def __init__(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        super().__init__(f"HTTP {status}: {body[:300]!r}")
        self.status = status
        self.body = body
        self.headers = headers


class LeanTransportError(Exception):
    """No usable answer: connection refused or dropped, timeout, or a body that is not a completion."""

    def __init__(self, message: str, *, timeout: bool = False) -> None:
        super().__init__(message)
        self.timeout = timeout


class LeanTarget:
    """How to call one OpenAI-compatible deployment; built once at start-up."""

    __slots__ = ("defaults", "extra_body", "headers", "map_params", "model", "stream_timeout",
                 "strip_cache_control", "timeout", "url")

    def __init__(self, deployment: Deployment, *, timeout: float | None, stream_timeout: float | None,
                 map_params: ParamMapper | None = None, strip_cache_control: bool = False) -> None:
        params = deployment.params
        self.url = deployment.api_base + "/chat/completions"
        self.model = deployment.model
        headers = {"content-type": "application/json"}
        if params.get("api_key"):
            headers["authorization"] = f"Bearer {params['api_key']}"
        if params.get("organization"):
            headers["openai-organization"] = str(params["organization"])
        extra_headers = params.get("extra_headers")
        if isinstance(extra_headers, dict):
            headers.update({str(k).lower(): str(v) for k, v in extra_headers.items()})
        self.headers = headers
        self.defaults = {k: v for k, v in params.items() if k in ALLOWED_PARAMS and k not in ("model", "messages")}
        extra_body = params.get("extra_body")
        self.extra_body = dict(extra_body) if isinstance(extra_body, dict) else {}
        self.timeout = float(timeout or DEFAULT_TIMEOUT_S)
        self.stream_timeout = float(stream_timeout or self.timeout)
        self.map_params = map_params
        self.strip_cache_control = strip_cache_control

    def body(self, call: dict[str, Any]) -> bytes:
        """The JSON sent upstream: deployment defaults, then the call's params, with this model id."""
        body = {**self.defaults, **call} if self.defaults else dict(call)
        extra = body.pop("extra_body", None)
        body["model"] = self.model
        if self.map_params is not None:
            body = self.map_params(body)
        if self.strip_cache_control:
            body.update(strip_cache_control({k: body[k] for k in ("messages", "tools") if k in body}))
        if self.extra_body:
            body.update(self.extra_body)
        if extra:
            body.update(extra)
        return orjson.dumps(body)


class LeanRelay:
    """One pooled HTTP client per worker process (created on first use, inside the running loop)."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=0, ttl_dns_cache=300, keepalive_timeout=30)
            self._session = aiohttp.ClientSession(connector=connector, json_serialize=lambda o: orjson.dumps(o).decode(),
                                                  auto_decompress=True)
        return self._session

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def complete(self, target: LeanTarget, call: dict[str, Any]) -> dict[str, Any]:
        """A non-streaming completion as the backend returned it (parsed)."""
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=target.timeout, sock_read=target.timeout)
        try:
            async with self.session.post(target.url, data=target.body(call), headers=target.headers,
                                         timeout=timeout) as resp:
                raw = await resp.read()
                if resp.status >= 400:
                    raise LeanHTTPError(resp.status, raw[:MAX_ERROR_BODY], _retry_headers(resp))
        except TimeoutError as exc:
            raise LeanTransportError(f"no answer within {target.timeout:g}s", timeout=True) from exc
        except aiohttp.ClientError as exc:
            raise LeanTransportError(f"{type(exc).__name__}: {exc}") from exc
        try:
            completion = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise LeanTransportError("the backend's answer is not JSON") from exc
        if not isinstance(completion, dict) or "choices" not in completion:
            raise LeanTransportError("the backend's answer is not a chat completion")
        return completion

    async def open_stream(self, target: LeanTarget, call: dict[str, Any]) -> LeanStream:
        """Start a stream and read until its first event, so that a backend failing before its first
        chunk can still be retried or fall back."""
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=target.stream_timeout,
                                        sock_read=target.stream_timeout)
        resp: aiohttp.ClientResponse | None = None
        try:
            resp = await self.session.post(target.url, data=target.body(call), headers=target.headers,
                                           timeout=timeout)
            if resp.status >= 400:
                raw = await resp.read()
                raise LeanHTTPError(resp.status, raw[:MAX_ERROR_BODY], _retry_headers(resp))
            stream = LeanStream(resp)
            await stream.read_first()
            return stream
        except TimeoutError as exc:
            _close(resp)
            raise LeanTransportError(f"no answer within {target.stream_timeout:g}s", timeout=True) from exc
        except aiohttp.ClientError as exc:
            _close(resp)
            raise LeanTransportError(f"{type(exc).__name__}: {exc}") from exc
        except (LeanHTTPError, LeanTransportError, UpstreamError):
            _close(resp)
            raise


def _close(resp: aiohttp.ClientResponse | None) -> None:
    if resp is not None:
        resp.close()


def _retry_headers(resp: aiohttp.ClientResponse) -> dict[str, str]:
    """The headers of an error answer that retry logic reads (``retry-after`` and its variants)."""
    return {k.lower(): v for k, v in resp.headers.items() if k.lower().startswith(("retry-after", "x-ratelimit-reset"))}


class LeanStream:
    """The chunks of a backend's SSE stream, one batch per network read (see :class:`~.calls.ChunkStream`)."""

    __slots__ = ("_decoder", "_done", "_first", "_resp")

    def __init__(self, resp: aiohttp.ClientResponse) -> None:
        self._resp = resp
        self._decoder = SSEDecoder()
        self._first: list[dict[str, Any]] = []
        self._done = False

    async def read_first(self) -> None:
        """Read until at least one chunk (or the end) arrived; raises as a failure before the first byte."""
        while not self._first and not self._done:
            data = await self._resp.content.readany()
            if not data:
                raise LeanTransportError("the backend closed the stream before its first chunk")
            self._first, self._done = _parse(self._decoder.feed(data))

    def __aiter__(self) -> AsyncIterator[list[dict[str, Any]]]:
        return self._batches()

    async def _batches(self) -> AsyncIterator[list[dict[str, Any]]]:
        try:
            if self._first:
                first, self._first = self._first, []
                yield first
            content = self._resp.content
            decoder = self._decoder
            while not self._done:
                try:
                    data = await content.readany()
                except TimeoutError as exc:
                    raise UpstreamError("Timeout", "the backend stopped sending mid-stream") from exc
                except aiohttp.ClientError as exc:
                    raise UpstreamError("APIConnectionError", f"stream broken: {type(exc).__name__}") from exc
                if not data:
                    raise UpstreamError("APIConnectionError", "the backend closed the stream before [DONE]")
                batch, self._done = _parse(decoder.feed(data))
                if batch:
                    yield batch
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        if self._done:
            self._resp.release()
        else:
            self._resp.close()


def _parse(payloads: list[bytes]) -> tuple[list[dict[str, Any]], bool]:
    """Parsed chunks of complete events, and whether ``[DONE]`` was among them."""
    out: list[dict[str, Any]] = []
    loads = orjson.loads
    for payload in payloads:
        if payload == DONE:
            return out, True
        try:
            chunk = loads(payload)
        except orjson.JSONDecodeError as exc:
            if not payload.strip():
                continue
            raise UpstreamError("APIError", "the backend sent a chunk that is not JSON") from exc
        if chunk.__class__ is not dict:
            raise UpstreamError("APIError", "the backend sent a chunk that is not an object")
        if "error" in chunk and "choices" not in chunk:
            error = chunk["error"]
            code = error.get("code") if isinstance(error, dict) else None
            status = int(code) if isinstance(code, int) or (isinstance(code, str) and code.isdigit()) else None
            raise UpstreamError("APIError", "the backend sent an error mid-stream", status=status)
        out.append(chunk)
    return out, False
