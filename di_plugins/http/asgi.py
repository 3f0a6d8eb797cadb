"""Small pure-ASGI helpers: the message types, reading a bounded body, sending JSON, watching for a
client that went away."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson

from ..errors import RequestError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]

JSON_CONTENT_TYPE = (b"content-type", b"application/json")


async def send_bytes(send: Send, status: int, body: bytes, headers: Headers,
                     content_type: tuple[bytes, bytes] = JSON_CONTENT_TYPE) -> None:
    """A complete response with ``body`` (``content-length`` set)."""
    await send({"type": "http.response.start", "status": status,
                "headers": [content_type, (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def send_json(send: Send, status: int, payload: Any, headers: Headers) -> None:
    await send_bytes(send, status, orjson.dumps(payload), headers)


async def read_body(receive: Receive, limit: int, content_length: bytes | None) -> bytes:
    """The request body; a 413 as soon as it is known to exceed ``limit`` (declared or streamed)."""
    if content_length is not None and content_length.isdigit() and int(content_length) > limit:
        raise _too_big(limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _too_big(limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_big(limit: int) -> RequestError:
    return RequestError(f"Request body too large: the limit is {limit / (1024 * 1024):g} MB.", status=413,
                        code="request_too_large")


class ClientGone(Exception):
    """The client disconnected: nothing more can be sent."""


class DisconnectWatch:
    """Cancels the serving task when the client disconnects (after the body was read).

    uvicorn's ``send`` silently drops messages to a client that is gone, so without this a stream
    would keep reading (and the backend keep generating) for nobody. Call :meth:`done` before the
    final ``send``; :meth:`stop` when the response is complete.
    """

    __slots__ = ("_task", "_watcher", "disconnected", "finished")

    def __init__(self, receive: Receive) -> None:
        self.disconnected = False
        self.finished = False
        self._task = asyncio.current_task()
        self._watcher = asyncio.ensure_future(self._watch(receive))

    async def _watch(self, receive: Receive) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
        if not self.finished and self._task is not None:
            self.disconnected = True
            self._task.cancel()

    def done(self) -> None:
        self.finished = True

    def stop(self) -> None:
        self.finished = True
        self._watcher.cancel()
