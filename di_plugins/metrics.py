"""Prometheus metrics of one gateway process, rendered in the text exposition format at ``GET /metrics``.

The gateway counts responses by request type and status itself; plugins contribute their own samples
through the ``di_metrics`` hook (the prefix cache reports its Redis lookups, hits and failures there).
Counters are per process: with several workers, each scrape sees the worker that answered it, so
scrape per pod and aggregate with ``sum``/``rate`` as usual. No label ever names a backend.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Sample:
    """One metric sample: ``kind`` is ``counter`` or ``gauge``."""

    name: str
    kind: str
    help: str
    value: float
    labels: dict[str, str] = field(default_factory=dict)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def render(samples: Iterable[Sample]) -> bytes:
    """The Prometheus text format (``# HELP``/``# TYPE`` once per metric name)."""
    lines: list[str] = []
    seen: set[str] = set()
    for s in samples:
        if s.name not in seen:
            seen.add(s.name)
            lines.append(f"# HELP {s.name} {s.help}")
            lines.append(f"# TYPE {s.name} {s.kind}")
        labels = ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(s.labels.items()))
        lines.append(f"{s.name}{{{labels}}} {s.value:g}" if labels else f"{s.name} {s.value:g}")
    return ("\n".join(lines) + "\n").encode()


class ResponseCounter:
    """Responses of the DI surface by request type (``none`` before classification) and status."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, int]] = Counter()

    def count(self, request_type: str | None, status: int) -> None:
        self.counts[(request_type or "none", status)] += 1

    def samples(self) -> list[Sample]:
        return [Sample("di_responses_total", "counter", "Responses on the DI surface by request type and status.",
                       n, {"request_type": rtype, "status": str(status)})
                for (rtype, status), n in sorted(self.counts.items())]
