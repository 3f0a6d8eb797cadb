"""An incremental Server-Sent Events decoder for upstream streams: bytes in, ``data`` payloads out.

Each network read is fed as it arrives; :meth:`SSEDecoder.feed` returns the ``data`` payloads of the
events it completed (several when a read carries several events), keeping a partial event for the next
read. Comments (``: ping``), ``event:``/``id:``/``retry:`` fields and blank keep-alives are skipped;
multi-line ``data`` is joined with ``\\n`` as the SSE specification says. ``\\r\\n`` line ends are
normalised. The work per read is a few ``bytes`` operations, proportional to its length.
"""

from __future__ import annotations

__all__ = ["DONE", "SSEDecoder"]

DONE = b"[DONE]"
"""The payload that ends an OpenAI-style stream."""


class SSEDecoder:
    """Splits a byte stream into SSE events and returns their ``data`` payloads."""

    __slots__ = ("_buffer",)

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, data: bytes) -> list[bytes]:
        """The ``data`` payloads of every event completed by ``data`` (possibly none)."""
        buffer = self._buffer + data if self._buffer else data
        held = b""
        if b"\r" in buffer:
            if buffer.endswith(b"\r"):  # may be the first half of a \r\n split across reads
                buffer, held = buffer[:-1], b"\r"
            buffer = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        events = buffer.split(b"\n\n")
        self._buffer = events.pop() + held
        out: list[bytes] = []
        for event in events:
            if event.startswith(b"data:") and b"\n" not in event:  # the common case: one data line
                payload = event[5:]
                out.append(payload[1:] if payload.startswith(b" ") else payload)
            elif event:
                payload_or_none = _data_of(event)
                if payload_or_none is not None:
                    out.append(payload_or_none)
        return out

    @property
    def pending(self) -> bytes:
        """Bytes of an incomplete event (non-empty when a stream ended mid-event)."""
        return self._buffer


def _data_of(event: bytes) -> bytes | None:
    lines = []
    for line in event.split(b"\n"):
        if line.startswith(b"data:"):
            value = line[5:]
            lines.append(value[1:] if value.startswith(b" ") else value)
    return b"\n".join(lines) if lines else None
