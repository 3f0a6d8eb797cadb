"""Command line of the stand-in upstream: serve N replicas on consecutive ports until interrupted.

Run from the repository root as ``python -m standin``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .kvcache import (
    DEFAULT_BLOCK_SIZE,
    DEFAULT_CAPACITY_TOKENS,
    REALISTIC_TTFT_BASE_MS,
    REALISTIC_TTFT_PER_TOKEN_MS,
)
from .replicas import StandInUpstream
from .slips import SLIP_KINDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m standin",
        description="Serve OpenAI-compatible stand-in upstream replicas (for tests and `make run`).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=9100, help="port of replica-0; replica i listens on port+i")
    parser.add_argument("--replicas", type=int, default=1, metavar="N", help="number of replicas (default 1)")
    parser.add_argument("--model", default="secret-backend-model", help="backend model name the replicas pretend to be")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--careless", dest="careless", action="store_true", default=True,
                      help="leak provider details in headers, ids and errors (default)")
    mode.add_argument("--polite", dest="careless", action="store_false", help="answer like a well-behaved provider")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="pause between streamed chunks (default 0)")
    parser.add_argument("--words", type=int, default=0, metavar="N",
                        help="text answers have exactly N words, streamed one word per chunk (default: 18-40 "
                             "words in ~8 chunks)")
    kv = parser.add_argument_group("KV-cache model", "prefix caching and time to first token, per replica")
    kv.add_argument("--kv-capacity-tokens", type=int, default=DEFAULT_CAPACITY_TOKENS, metavar="N",
                    help=f"KV-cache capacity in tokens (default {DEFAULT_CAPACITY_TOKENS})")
    kv.add_argument("--kv-block-size", type=int, default=DEFAULT_BLOCK_SIZE, metavar="N",
                    help=f"tokens per KV block (default {DEFAULT_BLOCK_SIZE})")
    kv.add_argument("--ttft-base-ms", type=float, default=0.0, metavar="MS",
                    help=f"fixed time to first token (default 0; realistic {REALISTIC_TTFT_BASE_MS:g})")
    kv.add_argument("--ttft-per-token-ms", type=float, default=0.0, metavar="MS",
                    help=f"extra time to first token per uncached prompt token (default 0; realistic "
                         f"{REALISTIC_TTFT_PER_TOKEN_MS:g})")
    kv.add_argument("--prefill-concurrency", type=int, default=0, metavar="N",
                    help="prefills computing at once per replica, others queue (default 0 = unlimited)")
    slips = parser.add_argument_group("JSON slips", "json answers (response_format content, tool-call arguments) "
                                      "that slip like a careless model's (standin/slips.py)")
    slips.add_argument("--slip-rate", default="0", metavar="R[,R...]",
                       help="share of json answers that slip, 0..1; one value for every replica or one per replica "
                            "(default 0 = off)")
    slips.add_argument("--slip-kinds", default=",".join(SLIP_KINDS), metavar="K[,K...]",
                       help=f"kinds to draw from (default all: {','.join(SLIP_KINDS)})")
    slips.add_argument("--slip-seed", type=int, default=0, metavar="N", help="replica i draws from seed N+i (default 0)")
    return parser


def _rates(value: str, replicas: int) -> list[float]:
    rates = [float(r) for r in value.split(",") if r.strip()]
    if len(rates) == 1:
        return rates * replicas
    if len(rates) != replicas:
        raise ValueError(f"--slip-rate: give one rate or {replicas} (one per replica), got {len(rates)}")
    return rates


def main(argv: list[str] | None = None) -> int:
    """Serve the replicas and block until SIGINT/SIGTERM; returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.replicas < 1:
        print("--replicas must be >= 1", file=sys.stderr)
        return 2
    try:
        upstream = StandInUpstream(
            args.replicas,
            model_name=args.model,
            careless=args.careless,
            delay_ms=args.delay_ms,
            words=args.words,
            host=args.host,
            port=args.port,
            kv_capacity_tokens=args.kv_capacity_tokens,
            kv_block_size=args.kv_block_size,
            ttft_base_ms=args.ttft_base_ms,
            ttft_per_token_ms=args.ttft_per_token_ms,
            prefill_concurrency=args.prefill_concurrency,
            slip_rate=_rates(args.slip_rate, args.replicas),
            slip_kinds=[k.strip() for k in args.slip_kinds.split(",") if k.strip()],
            slip_seed=args.slip_seed,
        )
        upstream.start()
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"stand-in upstream failed to start: {exc}", file=sys.stderr)
        return 1
    mode = "careless" if args.careless else "polite"
    for state, url in zip(upstream.replicas, upstream.urls, strict=True):
        slip = f", json slips {state.slipper.rate:g}" if state.slipper.active else ""
        print(f"stand-in upstream {state.name} ({mode}, model {state.model_name}{slip}) on {url}", flush=True)

    stop = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            if not upstream.running:
                print("stand-in upstream stopped unexpectedly", file=sys.stderr)
                return 1
    except KeyboardInterrupt:
        pass
    finally:
        upstream.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
