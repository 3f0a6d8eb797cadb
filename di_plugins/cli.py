"""``di-gateway`` command line: ``serve`` the gateway, ``classify`` a request file offline."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import ConfigError, RequestError


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import default_workers, serve

    return serve(Path(args.config), args.host, args.port, args.workers or default_workers(), args.log_level,
                 args.metrics_listen)


def _cmd_classify(args: argparse.Namespace) -> int:
    from .classifier.explain import explain
    from .context import RequestContext
    from .gateway import Gateway

    gateway = Gateway.from_path(args.config)
    try:
        body = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"di-gateway classify: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    headers = {}
    for item in args.header or []:
        name, _, value = item.partition(":")
        headers[name.strip().lower()] = value.strip()
    query = dict(item.partition("=")[::2] for item in args.query or [])
    ctx = RequestContext(headers=headers, query=query, endpoint="classify")
    try:
        gateway.journey(ctx).prepare(body)
    except RequestError as exc:
        print(json.dumps(exc.error.body(), indent=2))
        return 1
    print(json.dumps(explain(ctx), indent=2, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .serve import default_config_path

    parser = argparse.ArgumentParser(prog="di-gateway", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the gateway")
    serve.add_argument("--config", default=os.environ.get("CONFIG") or str(default_config_path()))
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "4000")))
    serve.add_argument("--workers", type=int, default=0, help="worker processes (default: $WEB_CONCURRENCY, else one per CPU)")
    serve.add_argument("--log-level", default="warning")
    serve.add_argument("--metrics-listen", default=os.environ.get("DI_METRICS_LISTEN"), metavar="HOST:PORT",
                       help="where GET /metrics is served (default: di.metrics.listen, 127.0.0.1:9464)")
    serve.set_defaults(func=_cmd_serve)

    classify = sub.add_parser("classify", help="print the classification of a request body (JSON file)")
    classify.add_argument("file")
    classify.add_argument("--config", default=str(default_config_path()))
    classify.add_argument("--header", "-H", action="append", help="request header, e.g. 'X-DI-Effort: high'")
    classify.add_argument("--query", "-q", action="append", help="query parameter, e.g. effort=high")
    classify.set_defaults(func=_cmd_classify)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"di-gateway: invalid configuration: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
