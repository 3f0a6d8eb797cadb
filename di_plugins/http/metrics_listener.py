"""Prometheus text on its own listen address, never on the public port.

``/metrics`` shows traffic by request type and status, prefix-routing outcomes, in-flight requests and
Redis health across all tenants: not for anyone who can reach the API. Each worker process opens this
listener (``SO_REUSEPORT``, so every worker of a pod binds the same address and a scrape reaches one of
them, whose counters it reads), by default on ``127.0.0.1:9464`` (``di.metrics.listen``, or
``di-gateway serve --metrics-listen HOST:PORT``; the Helm chart uses ``0.0.0.0:9464`` and a
``metrics`` port that only the ServiceMonitor targets). It answers ``GET /metrics`` and nothing else,
one request per connection. A listener that cannot bind is logged and skipped: serving never depends
on it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger("di_gateway.metrics")
LISTEN_ENV = "DI_METRICS_LISTEN"
CONTENT_TYPE = b"text/plain; version=0.0.4; charset=utf-8"


class MetricsListener:
    """A minimal HTTP/1.1 server for ``GET /metrics`` (``render`` builds the text per scrape)."""

    def __init__(self, listen: str, render: Callable[[], bytes]) -> None:
        host, _, port = listen.rpartition(":")
        self.host, self.port = host.strip("[]"), int(port)
        self.render = render
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> bool:
        try:
            self.server = await asyncio.start_server(self._handle, self.host, self.port, reuse_port=True)
        except OSError as exc:
            log.warning("metrics listener on %s:%s not started: %s", self.host, self.port, exc)
            return False
        return True

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
            request_line = head.split(b"\r\n", 1)[0].split()
            if len(request_line) >= 2 and request_line[0] == b"GET" and request_line[1].split(b"?")[0] == b"/metrics":
                status, content_type, body = b"200 OK", CONTENT_TYPE, self.render()
            else:
                status, content_type, body = b"404 Not Found", b"text/plain", b"only GET /metrics is served here\n"
            writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type + b"\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
            await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()
