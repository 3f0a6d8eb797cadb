"""Serve the stand-in upstream's N replicas for the benchmark (like ``python -m standin``, plus
``--max-records`` so every request of a strategy can be attributed to the replica that served it).

    python -m bench.prefix_cache.standin --replicas 4 --kv-capacity-tokens 48000 \
        --ttft-base-ms 5 --ttft-per-token-ms 0.05 --prefill-concurrency 2 --max-records 5000
"""

from __future__ import annotations

import argparse
import signal
import threading

from standin.replicas import StandInUpstream


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.prefix_cache.standin")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="port of replica-0, replica i on port+i (0: any free ports)")
    p.add_argument("--replicas", type=int, default=4)
    p.add_argument("--model", default="kv-backend-model")
    p.add_argument("--kv-capacity-tokens", type=int, required=True)
    p.add_argument("--kv-block-size", type=int, default=16)
    p.add_argument("--ttft-base-ms", type=float, default=5.0)
    p.add_argument("--ttft-per-token-ms", type=float, default=0.05)
    p.add_argument("--prefill-concurrency", type=int, default=2)
    p.add_argument("--slots", type=int, default=0, help="requests served at once per replica (0: unlimited)")
    p.add_argument("--max-records", type=int, default=5000)
    p.add_argument("--delay-ms", type=float, default=0.0, help="pause between streamed chunks (decode time)")
    args = p.parse_args(argv)
    upstream = StandInUpstream(args.replicas, model_name=args.model, careless=False, delay_ms=args.delay_ms, host=args.host, port=args.port,
                               max_records=args.max_records, kv_capacity_tokens=args.kv_capacity_tokens,
                               kv_block_size=args.kv_block_size, ttft_base_ms=args.ttft_base_ms,
                               ttft_per_token_ms=args.ttft_per_token_ms,
                               prefill_concurrency=args.prefill_concurrency, slots=args.slots)
    upstream.start()
    for url in upstream.urls:
        print(f"stand-in replica on {url}", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(0.5):
        if not upstream.running:
            return 1
    upstream.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
