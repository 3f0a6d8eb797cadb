"""The stand-in upstream ASGI app: an OpenAI-compatible chat endpoint that plays a (careless) provider.

Raw ASGI (no framework) to stay cheap on the benchmark path. One app serves one replica and owns
one :class:`~standin.state.ReplicaState`.

Endpoints:

* ``POST /v1/chat/completions`` (also ``/chat/completions``): deterministic answer, JSON or SSE.
* ``POST /v1/messages``: the same answers in Anthropic's Messages format (:mod:`.anthropic`), for
  deployments served through LiteLLM's ``anthropic/`` translation (``api_base`` = the replica's root).
* ``GET /v1/models`` (also ``/models``): lists the replica's backend model.
* ``GET /health``: liveness, never recorded or failed.
* ``GET /_control/requests`` / ``DELETE /_control/requests``: the recorded requests / clear them.
* ``POST /_control/fail`` ``{"mode", "status", "count", "message", "delay_s", "retry_after"}``: inject
  a failure into the next ``count`` chat requests (``-1`` = until reset). Modes:

  - ``status``: answer HTTP ``status`` (default 500) with an OpenAI error body; 429 also carries
    ``retry-after`` (and, careless, ``x-ratelimit-*``).
  - ``timeout``: sleep ``delay_s`` (default 30) before answering normally; the sleep ends early when
    the client disconnects or the replica stops.
  - ``midstream``: a stream sends 2 chunks, then the TCP connection is closed (no finish chunk, no
    ``[DONE]``); a non-stream request gets a 500 error instead.
  - ``connection``: the TCP connection is closed without any response bytes.
* ``POST /_control/slip`` ``{"rate": 0.3, "kinds": [...], "seed": 1}``: json answers (``response_format``
  content, tool-call arguments) slip at ``rate`` by one of ``kinds`` (``fence``, ``prose``,
  ``trailing_comma``, ``missing_key``, ``truncated``; all by default), deterministically for a ``seed``
  (:mod:`.slips`); ``rate: 0`` turns it off. ``GET /_control/slip``: the mode and what slipped.
* ``POST /_control/reset``: remove the injected failure and any slip mode.
* ``GET /_control/state``: replica name, model, mode, counters, pending failure, ``kv`` (KV-cache stats).
* ``POST /_control/config`` ``{"careless": bool, "delay_ms": number, "words": int, "kv_capacity_tokens": int,
  "kv_block_size": int, "ttft_base_ms": number, "ttft_per_token_ms": number, "prefill_concurrency": int,
  "slots": int}``:
  change behaviour at run time.
* ``GET /_control/kv``: the KV-cache stats; ``POST /_control/kv/reset``: empty the KV cache, zero them.

Chat requests are recorded (method, path, lower-cased headers, JSON body) before any failure applies.
Every answered chat request goes through the replica's KV-cache model (:mod:`.kvcache`): ``usage``
reports its ``prompt_tokens`` and ``prompt_tokens_details.cached_tokens``, and the first response byte
waits ``ttft_base_ms + uncached_tokens * ttft_per_token_ms``.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson

from . import anthropic as anthropic_format
from .answers import Answer, AnswerError, Choice, build_answer
from .kvcache import Prompt
from .slips import SLIP_KINDS, apply_slips
from .state import FAILURE_MODES, FailurePlan, ReplicaState

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_JSON = (b"content-type", b"application/json")
_SSE = [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]
_DONE = b"data: [DONE]\n\n"
_KV_CONFIG = ("kv_capacity_tokens", "kv_block_size", "ttft_base_ms", "ttft_per_token_ms", "prefill_concurrency",
              "slots")
_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("authentication_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("not_found_error", "model_not_found"),
    408: ("timeout_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


class StandInApp:
    """ASGI app of one stand-in replica (see the module docstring for the endpoints)."""

    def __init__(self, state: ReplicaState) -> None:
        self.state = state
        self._closing = asyncio.Event()

    def reopen(self) -> None:
        """Forget a previous :meth:`close` (before serving again on a new loop)."""
        self._closing = asyncio.Event()

    def close(self) -> None:
        """Wake every request sleeping in ``timeout`` mode so the server can stop (call on its loop)."""
        self._closing.set()

    # -- dispatch -------------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await _lifespan(receive, send)
            return
        path: str = scope["path"]
        method: str = scope["method"]
        if path in ("/v1/chat/completions", "/chat/completions"):
            if method != "POST":
                return await self._json(send, 405, _error_body("Method not allowed; use POST.", "invalid_request_error"))
            return await self._chat(scope, receive, send)
        if path == "/v1/messages":  # Anthropic's Messages API (LiteLLM's anthropic/ provider posts here)
            if method != "POST":
                return await self._json(send, 405, _error_body("Method not allowed; use POST.", "invalid_request_error"))
            return await self._chat(scope, receive, send, anthropic=True)
        if path in ("/v1/models", "/models"):
            self.state.record(method, path, _headers(scope), None)
            return await self._json(send, 200, self._models(), self._leaks())
        if path == "/health":
            return await self._json(send, 200, {"status": "ok", "replica": self.state.name})
        if path.startswith("/_control/"):
            return await self._control(scope, receive, send, path[len("/_control/") :], method)
        await self._json(send, 404, _error_body(f"Unknown path {path}", "invalid_request_error", code="unknown_url"))

    async def _control(self, scope: Scope, receive: Receive, send: Send, what: str, method: str) -> None:
        state = self.state
        if what == "requests" and method == "GET":
            return await self._json(send, 200, {"replica": state.name, "requests": state.requests()})
        if what == "requests" and method == "DELETE":
            state.clear_requests()
            return await self._json(send, 200, {"ok": True})
        if what == "state" and method == "GET":
            return await self._json(send, 200, state.to_dict())
        if what == "reset" and method == "POST":
            state.reset()
            return await self._json(send, 200, {"ok": True})
        if what == "kv" and method == "GET":
            return await self._json(send, 200, {"replica": state.name, **state.kv_stats()})
        if what == "slip" and method == "GET":
            return await self._json(send, 200, {"replica": state.name, **state.slipper.to_dict()})
        if what == "slip" and method == "POST":
            try:
                spec = orjson.loads(await _read_body(receive) or b"{}")
                if not isinstance(spec, dict):
                    raise ValueError("expected a JSON object")
                slipper = state.slip(spec.get("rate", 0.0), spec.get("kinds") or SLIP_KINDS, spec.get("seed", 0))
            except (ValueError, TypeError, orjson.JSONDecodeError) as exc:
                msg = f"{exc}; kinds: {', '.join(SLIP_KINDS)}"
                return await self._json(send, 400, _error_body(msg, "invalid_request_error"))
            return await self._json(send, 200, {"ok": True, "slip": slipper.to_dict()})
        if what == "kv/reset" and method == "POST":
            state.reset_kv()
            return await self._json(send, 200, {"ok": True})
        if what in ("fail", "config") and method == "POST":
            raw = await _read_body(receive)
            try:
                spec = orjson.loads(raw) if raw else {}
                if not isinstance(spec, dict):
                    raise ValueError("expected a JSON object")
                if what == "config":
                    if "careless" in spec:
                        state.careless = bool(spec["careless"])
                    if "delay_ms" in spec:
                        state.delay_ms = float(spec["delay_ms"])
                    if "words" in spec:
                        state.words = int(spec["words"])
                    state.configure_kv(**{k: spec[k] for k in _KV_CONFIG if k in spec})
                    return await self._json(send, 200, state.to_dict())
                keys = ("mode", "status", "count", "message", "delay_s", "retry_after")
                plan = state.fail(**{k: spec[k] for k in keys if k in spec})
            except (ValueError, TypeError, orjson.JSONDecodeError) as exc:
                msg = f"{exc}; modes: {', '.join(FAILURE_MODES)}"
                return await self._json(send, 400, _error_body(msg, "invalid_request_error"))
            return await self._json(send, 200, {"ok": True, "failure": plan.to_dict()})
        await self._json(send, 404, _error_body(f"Unknown control call {method} /_control/{what}", "invalid_request_error"))

    # -- chat -----------------------------------------------------------------------------------------

    async def _chat(self, scope: Scope, receive: Receive, send: Send, anthropic: bool = False) -> None:
        state = self.state
        started = time.perf_counter()
        raw = await _read_body(receive)
        headers = _headers(scope)
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            body = None
        state.record("POST", scope["path"], headers, body)

        plan = state.take_failure()
        midstream = False
        if plan is not None:
            if plan.mode == "connection":
                return await _drop_connection(receive)
            if plan.mode == "status":
                return await self._fail_status(send, plan)
            if plan.mode == "timeout":
                if not await self._sleep(plan.delay_s, receive):
                    return await _drop_connection(receive)
            elif plan.mode == "midstream":
                if not (isinstance(body, dict) and body.get("stream") is True):
                    return await self._fail_status(send, FailurePlan("status", 500, message=plan.message))
                midstream = True

        if not isinstance(body, dict):
            return await self._json(send, 400, _error_body("Request body is not a JSON object.", "invalid_request_error"))
        if anthropic:
            body = anthropic_format.to_openai(body)
        prompt = Prompt.of(body)
        try:
            answer = build_answer(body, state.model_name, prompt.tokens, words=state.words or None)
        except AnswerError as exc:
            return await self._json(send, 400, _error_body(exc.message, "invalid_request_error", exc.param))
        slipper = state.slipper
        if slipper.active:
            apply_slips(answer, body, slipper)
        held = await state.acquire_slot()  # slots set: wait for one, FIFO; the KV look-up happens then
        try:
            return await self._answer(send, receive, prompt, answer, body, midstream, started, anthropic)
        finally:
            if held:
                state.release_slot()

    async def _answer(self, send: Send, receive: Receive, prompt: Prompt, answer: Answer, body: dict[str, Any],
                      midstream: bool, started: float, anthropic: bool) -> None:
        state = self.state
        answer.cached_tokens, ttft = state.prefill(prompt)
        if ttft > 0 and not await self._sleep(ttft, receive):
            return await _drop_connection(receive)

        serial = state.next_serial()
        if state.careless:
            resp_id = f"chatcmpl-secret-{state.name}-{serial}"
        else:
            resp_id = "chatcmpl-" + secrets.token_hex(12)
        model = state.model_name if state.careless or not answer.requested_model else answer.requested_model
        if anthropic:
            return await self._anthropic(send, receive, answer, serial, model, started)
        logprobs = body.get("logprobs") is True
        if answer.stream:
            return await self._stream(send, receive, answer, resp_id, model, midstream, started, logprobs)
        await self._json(send, 200, self._completion(answer, resp_id, model, logprobs), self._leaks(started))

    def _completion(self, answer: Answer, resp_id: str, model: str, logprobs: bool = False) -> dict[str, Any]:
        choices = []
        for c in answer.choices:
            message: dict[str, Any] = {"role": "assistant", "content": c.content, "refusal": None}
            if c.tool_call is not None:
                message["tool_calls"] = [self._leaky_tool_call(c.tool_call)]
            choice: dict[str, Any] = {"index": c.index, "message": self._leak(message, "message"),
                                      "logprobs": self._logprobs(c.pieces) if logprobs else None,
                                      "finish_reason": c.finish_reason}
            choices.append(self._leak(choice, "choice"))
        out: dict[str, Any] = {
            "id": resp_id,
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": choices,
            "usage": self._usage(answer),
        }
        return self._leak(out, "top")

    async def _stream(
        self, send: Send, receive: Receive, answer: Answer, resp_id: str, model: str, midstream: bool, started: float,
        logprobs: bool = False,
    ) -> None:
        state = self.state
        created = int(time.time())
        base: dict[str, Any] = self._leak({"id": resp_id, "object": "chat.completion.chunk", "created": created,
                                           "model": model}, "top")
        if state.careless:
            base["obfuscation"] = "secretpad"
        if answer.include_usage:
            base["usage"] = None
        delay = state.delay_ms / 1000.0
        await send({"type": "http.response.start", "status": 200, "headers": _SSE + self._leaks(started)})
        sent = 0
        for choice in answer.choices:
            for delta, finish in _deltas(choice):
                if sent and delay > 0 and not await self._sleep(delay, receive):
                    return  # the client went away (or the replica is stopping): stop generating
                if "tool_calls" in delta:
                    delta = {**delta, "tool_calls": [self._leaky_tool_call(t) for t in delta["tool_calls"]]}
                piece = delta.get("content")
                item: dict[str, Any] = {"index": choice.index, "delta": self._leak(delta, "message"),
                                        "logprobs": self._logprobs([piece]) if logprobs and piece else None,
                                        "finish_reason": finish}
                await send({"type": "http.response.body", "body": _sse({**base, "choices": [self._leak(item, "choice")]}),
                            "more_body": True})
                sent += 1
                if midstream and sent >= 2:
                    return await _drop_connection(receive)
        tail = b""
        if answer.include_usage:
            tail = _sse({**base, "choices": [], "usage": self._usage(answer)})
        await send({"type": "http.response.body", "body": tail + _DONE, "more_body": False})

    async def _anthropic(self, send: Send, receive: Receive, answer: Answer, serial: int, model: str,
                         started: float) -> None:
        state = self.state
        msg_id = f"msg_secret_{state.name}_{serial}" if state.careless else "msg_" + secrets.token_hex(12)
        if not answer.stream:
            body = anthropic_format.message(answer, msg_id, model, state.careless, state.model_name)
            return await self._json(send, 200, body, self._leaks(started))
        await send({"type": "http.response.start", "status": 200, "headers": _SSE + self._leaks(started)})
        delay = state.delay_ms / 1000.0
        for i, event in enumerate(anthropic_format.events(answer, msg_id, model, state.careless, state.model_name)):
            if i and delay > 0 and not await self._sleep(delay, receive):
                return
            await send({"type": "http.response.body", "body": event, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    def _usage(self, answer: Answer) -> dict[str, Any]:
        usage: dict[str, Any] = answer.usage()
        if self.state.careless:
            usage["cost"] = 0.00123
            usage["x_secret_usage"] = {"backend": self.state.model_name}
        return usage

    # Vendor fields real providers add, at every level (OpenAI's stream ``obfuscation``, Azure's
    # ``content_filter_results``/``prompt_filter_results``, Groq's ``x_groq``, OpenRouter's ``provider``
    # and ``native_finish_reason``, Gemini's tool-call ``extra_content``, LiteLLM's
    # ``provider_specific_fields``), each carrying something that names this backend.
    def _leak(self, obj: dict[str, Any], level: str) -> dict[str, Any]:
        state = self.state
        if not state.careless:
            return obj
        if level == "top":
            return {**obj, "system_fingerprint": self._fingerprint(), "service_tier": "default",
                    "provider": f"SecretCloud ({state.model_name})", "x_groq": {"id": f"req_secret_{state.name}"},
                    "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {"secret": state.name}}]}
        if level == "choice":
            return {**obj, "provider_specific_fields": {"backend": state.model_name},
                    "native_finish_reason": f"secret_{obj.get('finish_reason')}",
                    "content_filter_results": {"hate": {"filtered": False}, "secret_backend": state.model_name}}
        if not obj:  # the last delta of a choice stays {}
            return obj
        return {**obj, "provider_specific_fields": {"backend": state.model_name}, "x_secret_backend": state.model_name}

    def _leaky_tool_call(self, call: dict[str, Any]) -> dict[str, Any]:
        if not self.state.careless:
            return call
        out = {**call, "extra_content": {"google": {"thought_signature": f"sig_secret_{self.state.name}"}}}
        if isinstance(call.get("function"), dict):
            out["function"] = {**call["function"], "x_secret_fn": self.state.model_name}
        return out

    def _logprobs(self, pieces: list[str]) -> dict[str, Any]:
        content = []
        for piece in pieces:
            token: dict[str, Any] = {"token": piece, "logprob": -0.25, "bytes": list(piece.encode()), "top_logprobs": []}
            if self.state.careless:
                token["x_secret_token_source"] = self.state.model_name
            content.append(token)
        out: dict[str, Any] = {"content": content, "refusal": None}
        if self.state.careless:
            out["x_secret_logprob_model"] = self.state.model_name
        return out

    def _fingerprint(self) -> str:
        return "fp_secret_" + self.state.name.replace("-", "_")

    # -- failures -------------------------------------------------------------------------------------

    async def _fail_status(self, send: Send, plan: FailurePlan) -> None:
        state = self.state
        status = plan.status
        etype, code = _ERROR_TYPES.get(status, ("server_error" if status >= 500 else "invalid_request_error", None))
        if state.careless:
            if plan.message:
                message = f"{plan.message} (model {state.model_name}, organization org-secret, {state.name} at {state.address})"
            elif status == 429:
                message = (
                    f"Rate limit reached for {state.model_name} in organization org-secret on requests per min (RPM): "
                    f"Limit 10000, Used 10000, Requested 1. Please try again in {plan.retry_after}s. "
                    f"Served by {state.name} at {state.address}."
                )
            else:
                message = (
                    f"The server had an error while processing your request with model {state.model_name} "
                    f"for organization org-secret ({state.name} at {state.address}, HTTP {status})."
                )
        else:
            default = (
                "Rate limit reached. Please try again later."
                if status == 429
                else f"The server had an error while processing your request (HTTP {status})."
            )
            message = plan.message or default
        extra: list[tuple[bytes, bytes]] = []
        if status == 429:
            extra.append((b"retry-after", str(plan.retry_after).encode()))
            if state.careless:
                extra += [
                    (b"x-ratelimit-remaining-requests", b"0"),
                    (b"x-ratelimit-reset-requests", f"{plan.retry_after}s".encode()),
                    (b"x-ratelimit-reset-tokens", f"{plan.retry_after}s".encode()),
                ]
        await self._json(send, status, _error_body(message, etype, code=code), extra + self._leaks(ratelimited=status == 429))

    async def _sleep(self, seconds: float, receive: Receive) -> bool:
        """Sleep ``seconds``; False when the client disconnected or the replica is stopping first."""
        sleeper = asyncio.ensure_future(asyncio.sleep(seconds))
        gone = asyncio.ensure_future(_wait_disconnect(receive))
        closing = asyncio.ensure_future(self._closing.wait())
        try:
            done, _ = await asyncio.wait({sleeper, gone, closing}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, gone, closing):
                task.cancel()
        return sleeper in done and not self._closing.is_set()

    # -- helpers --------------------------------------------------------------------------------------

    def _models(self) -> dict[str, Any]:
        owner = "org-secret" if self.state.careless else "stand-in"
        return {"object": "list", "data": [{"id": self.state.model_name, "object": "model", "created": 1700000000, "owned_by": owner}]}

    def _leaks(self, started: float | None = None, ratelimited: bool = False) -> list[tuple[bytes, bytes]]:
        """Headers a careless provider sends with every response (none when polite)."""
        state = self.state
        if not state.careless:
            return []
        ms = int((time.perf_counter() - started) * 1000) + 1 if started else 1
        rid = f"req_secret{secrets.token_hex(12)}".encode()
        model = state.model_name.encode()
        out = [
            (b"x-ratelimit-limit-requests", b"10000"),
            (b"x-ratelimit-limit-tokens", b"2000000"),
            (b"x-ratelimit-remaining-tokens", b"1999000"),
            (b"openai-organization", b"org-secret"),
            (b"openai-processing-ms", str(ms).encode()),
            (b"openai-version", b"2020-10-01"),
            (b"request-id", rid),
            (b"x-request-id", rid),
            (b"server", b"secret-upstream/1.0 (" + model + b")"),
            (b"x-backend-model", model),
            (b"via", state.address.encode()),
        ]
        if not ratelimited:
            out.append((b"x-ratelimit-remaining-requests", b"9999"))
        return out

    @staticmethod
    async def _json(send: Send, status: int, payload: Any, headers: list[tuple[bytes, bytes]] | None = None) -> None:
        body = orjson.dumps(payload)
        hdrs = [_JSON, (b"content-length", str(len(body)).encode())]
        if headers:
            hdrs += headers
        await send({"type": "http.response.start", "status": status, "headers": hdrs})
        await send({"type": "http.response.body", "body": body, "more_body": False})


def create_app(state: ReplicaState | None = None, **kwargs: Any) -> StandInApp:
    """An app for ``state`` (or a new :class:`ReplicaState` built from ``kwargs``)."""
    return StandInApp(state if state is not None else ReplicaState(**kwargs))


def _deltas(choice: Choice) -> list[tuple[dict[str, Any], str | None]]:
    """The stream deltas of one choice, the last one carrying ``finish_reason``."""
    out: list[tuple[dict[str, Any], str | None]] = []
    if choice.tool_call is not None:
        call = choice.tool_call
        first = {"index": 0, "id": call["id"], "type": "function", "function": {"name": call["function"]["name"], "arguments": ""}}
        out.append(({"role": "assistant", "content": None, "tool_calls": [first]}, None))
        for piece in choice.pieces:
            out.append(({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}, None))
    else:
        for i, piece in enumerate(choice.pieces):
            out.append(({"role": "assistant", "content": piece} if i == 0 else {"content": piece}, None))
    out.append(({}, choice.finish_reason))
    return out


def _sse(obj: Any) -> bytes:
    return b"data: " + orjson.dumps(obj) + b"\n\n"


def _error_body(message: str, etype: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": etype, "param": param, "code": code}}


def _headers(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in scope["headers"]:
        key = name.decode("latin-1").lower()
        val = value.decode("latin-1")
        out[key] = f"{out[key]}, {val}" if key in out else val
    return out


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)


async def _wait_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _drop_connection(receive: Receive) -> None:
    """Close the client's TCP connection without (further) response bytes.

    Under uvicorn the transport is reached through the request cycle behind ``receive``; the app then
    waits until uvicorn has noticed the disconnect so it neither logs nor sends a 500. Under any other
    server an exception is raised, which still never yields a well-formed response.
    """
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise ConnectionAbortedError("stand-in upstream: injected connection drop")
    transport.close()
    for _ in range(200):
        if getattr(cycle, "disconnected", True):
            break
        await asyncio.sleep(0.001)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
