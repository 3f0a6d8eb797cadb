"""Strict JSON: what reaches the client when the backend slips, what it costs, per effort.

Run: ``python bench/strict_json.py [--requests N] [--concurrency C] [--slip-rate R] [--seed S]``
(about a minute; not part of ``make test``).

Set-up, all on ``127.0.0.1``: two stand-in replicas (``python -m standin --polite --replicas 2
--slip-rate R --slip-seed S``) form the ``json`` group of a ``di-gateway serve --workers 1``; each replica slips on ``--slip-rate`` (30 %) of its
json answers, by a kind drawn uniformly from fence, prose, trailing comma, missing required key and
truncated (``finish_reason: length``), seeded. Requests: ``response_format`` ``json_schema`` (a person
record, four required keys, ``additionalProperties: false``; 3 in 4) and ``json_object`` (1 in 4),
each with its own text so that answers differ; 1 in 4 streamed (buffered by the gateway, the default).

Reported per effort (``X-DI-Effort``: ``high``, ``auto``, ``fast``):

* invalid replies reaching the client: the client parses each reply and validates it against the
  request's schema (``jsonschema``, its own check, not the gateway's);
* extra upstream calls per request (both replicas' answered requests over the client's requests);
* the gateway's own counts (``/metrics``): repairs per rule, re-asks, longer retries.

Then the latency added to replies that are valid the first time, with no slips:

* server side, in process: DI's ASGI app (the whole request path: body, auth, journey, hooks, rebuild,
  serialization) with a provider that answers at once with the stand-in's answer, checking on and
  ``di.json.repair.enabled: false`` alternated request by request: p50/p90 of each and the median of the
  paired differences (what checking adds, without network noise);
* the hooks alone: the built-in plugin's ``di_validate_request`` + ``di_check_reply`` +
  ``di_request_finished`` through pluggy, validators cached;
* end to end: the same requests at c=1, each sent to three fresh gateways back to back in rotating
  order: two with checking on (``on``, ``on2``) and one with ``di.json.repair.enabled: false``
  (``off``); the median paired difference ``on - on2`` is the noise floor of ``on - off`` (a sanity
  check: on a shared machine it is of the size of the effect).

Results: a table on stdout and ``bench/results/strict-json-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
import jsonschema  # noqa: E402
import pluggy  # noqa: E402
import yaml  # noqa: E402

from bench._common import ROOT, Processes, free_port, quantile, wait_http_ok  # noqa: E402
from di_plugins import hookspecs  # noqa: E402
from di_plugins.builtin.strict_json import StrictJsonPlugin  # noqa: E402
from di_plugins.context import Classification, Effort, RequestContext  # noqa: E402
from di_plugins.strictjson.repair import RULES  # noqa: E402
from di_plugins.surfaces.openai_chat import rebuild_completion  # noqa: E402
from standin.answers import build_answer  # noqa: E402
from standin.slips import SLIP_KINDS, slip_text  # noqa: E402

KEY = "sk-bench-strict-json"
RESULTS = ROOT / "bench" / "results"
PERSON = {"type": "object", "additionalProperties": False,
          "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0},
                         "email": {"type": "string", "format": "email"},
                         "tags": {"type": "array", "items": {"type": "string"}}},
          "required": ["name", "age", "email", "tags"]}
SCHEMA_FORMAT = {"type": "json_schema", "json_schema": {"name": "person", "strict": True, "schema": PERSON}}
OBJECT_FORMAT = {"type": "json_object"}
EFFORTS = ("high", "auto", "fast")
VALIDATOR = jsonschema.Draft202012Validator(PERSON)


def request(i: int) -> dict[str, Any]:
    fmt = OBJECT_FORMAT if i % 4 == 3 else SCHEMA_FORMAT
    text = f"Extract the person from record {i}: name, age, email and tags, as JSON."
    body = {"model": "gpt-5.5-mini", "messages": [{"role": "user", "content": text}], "response_format": fmt}
    if i % 4 == 1:
        body["stream"] = True
    return body


def client_valid(content: Any, fmt: dict) -> bool:
    if not isinstance(content, str):
        return False
    try:
        value = json.loads(content)
    except ValueError:
        return False
    if fmt["type"] == "json_object":
        return isinstance(value, dict)
    return VALIDATOR.is_valid(value)


# -- processes --------------------------------------------------------------------------------------


def write_config(directory: Path, urls: list[str], enabled: bool) -> Path:
    config = {
        "model_list": [{"model_name": "json", "model_info": {"id": f"json-{i}"},
                        "litellm_params": {"model": "openai/bench-json", "api_base": url, "api_key": "none"}}
                       for i, url in enumerate(urls)],
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": KEY},
        "di": {"json": {"repair": {"enabled": enabled}}, "prefix_cache": {"enabled": False}},
    }
    path = directory / f"config-{'on' if enabled else 'off'}.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def start_gateway(procs: Processes, config: Path, name: str) -> tuple[str, str]:
    port, metrics = free_port(), free_port()
    env = {**os.environ, "DI_MASTER_KEY": KEY, "PYTHONUNBUFFERED": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = procs.start(name, [sys.executable, "-m", "di_plugins.cli", "serve", "--config", str(config),
                              "--port", str(port), "--workers", "1", "--metrics-listen", f"127.0.0.1:{metrics}"],
                       env, config.parent)
    wait_http_ok(proc, port, "/health/readiness")
    return f"http://127.0.0.1:{port}", f"http://127.0.0.1:{metrics}"


# -- the client -------------------------------------------------------------------------------------


async def send(client: httpx.AsyncClient, url: str, body: dict, effort: str) -> tuple[Any, float]:
    """(the reply's content, seconds) for one request; streams are read to the end and reassembled."""
    headers = {"Authorization": f"Bearer {KEY}", "X-DI-Effort": effort}
    started = time.perf_counter()
    if not body.get("stream"):
        resp = await client.post(url + "/di/v1/chat/completions", json=body, headers=headers)
        resp.raise_for_status()
        return resp.json()["choices"][0]["message"]["content"], time.perf_counter() - started
    parts: list[str] = []
    async with client.stream("POST", url + "/di/v1/chat/completions", json=body, headers=headers) as resp:
        resp.raise_for_status()
        async for line in resp.aiter_lines():
            if line.startswith("data: ") and line != "data: [DONE]":
                for choice in json.loads(line[6:]).get("choices") or ():
                    parts.append(choice.get("delta", {}).get("content") or "")
    return "".join(parts), time.perf_counter() - started


def served(replicas: list[str]) -> int:
    """Requests the stand-in replicas answered so far (their ``served`` counters)."""
    return sum(httpx.get(root + "/_control/state", timeout=10).json()["served"] for root in replicas)


def slipped(replicas: list[str]) -> tuple[int, int]:
    """(json answers, slipped answers) of the replicas' current slip mode."""
    states = [httpx.get(root + "/_control/slip", timeout=10).json() for root in replicas]
    return sum(s["answers"] for s in states), sum(sum(s["slipped"].values()) for s in states)


def set_slips(replicas: list[str], rate: float, seed: int) -> None:
    for i, root in enumerate(replicas):
        resp = httpx.post(root + "/_control/slip", json={"rate": rate, "kinds": list(SLIP_KINDS), "seed": seed + i},
                          timeout=10)
        resp.raise_for_status()


def start_stand_in(procs: Processes, rate: float, seed: int) -> list[str]:
    port = free_port()
    while any(_busy(port + i) for i in range(2)):
        port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = procs.start("stand-in", [sys.executable, "-m", "standin", "--polite", "--replicas", "2", "--port", str(port),
                                    "--model", "bench-json", "--slip-rate", str(rate), "--slip-seed", str(seed)],
                       env, ROOT)
    roots = [f"http://127.0.0.1:{port + i}" for i in range(2)]
    for i in range(2):
        wait_http_ok(proc, port + i, "/health")
    return roots


def _busy(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def scrape(metrics_url: str) -> dict[tuple[str, tuple], float]:
    out: dict[tuple[str, tuple], float] = {}
    for line in httpx.get(metrics_url + "/metrics", timeout=10).text.splitlines():
        if line.startswith("di_json_") and " " in line:
            key, value = line.rsplit(" ", 1)
            name, _, labels = key.partition("{")
            out[(name, tuple(sorted(labels.rstrip("}").split(","))))] = float(value)
    return out


def delta(after: dict, before: dict, name: str, label: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for (metric, labels), value in after.items():
        if metric != name:
            continue
        found = [part.split("=", 1)[1].strip('"') for part in labels if part.startswith(label + "=")]
        if found:
            out[found[0]] = out.get(found[0], 0) + value - before.get((metric, labels), 0)
    return {k: v for k, v in out.items() if v}


async def run_effort(url: str, metrics_url: str, replicas: list[str], effort: str, n: int,
                     concurrency: int) -> dict[str, Any]:
    before_calls, before_metrics = served(replicas), scrape(metrics_url)
    bodies = [request(i) for i in range(n)]
    invalid = 0
    by_kind = {"json_schema": [0, 0], "json_object": [0, 0], "stream": [0, 0]}
    sem = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:

        async def one(body: dict) -> None:
            nonlocal invalid
            async with sem:
                content, _ = await send(client, url, body, effort)
            ok = client_valid(content, body["response_format"])
            invalid += not ok
            kind = "stream" if body.get("stream") else body["response_format"]["type"]
            by_kind[kind][0] += 1
            by_kind[kind][1] += not ok

        started = time.perf_counter()
        await asyncio.gather(*(one(b) for b in bodies))
        seconds = time.perf_counter() - started
    after = scrape(metrics_url)
    calls = served(replicas) - before_calls
    answers, slips = slipped(replicas)
    return {"effort": effort, "requests": n, "invalid": invalid, "invalid_rate": invalid / n,
            "json_answers": answers, "slipped": slips,
            "upstream_calls": calls, "extra_calls_per_request": (calls - n) / n, "seconds": seconds,
            "by_kind": {k: {"requests": v[0], "invalid": v[1]} for k, v in by_kind.items()},
            "outcomes": delta(after, before_metrics, "di_json_replies_total", "outcome"),
            "repairs": delta(after, before_metrics, "di_json_repairs_total", "rule"),
            "extra_calls": delta(after, before_metrics, "di_json_extra_calls_total", "reason")}


# -- the cost of a valid reply ----------------------------------------------------------------------


class _InstantProvider:
    """Answers every call at once with the stand-in's (valid) answer: no network, no LiteLLM."""

    async def complete(self, call: Any) -> Any:
        from di_plugins.provider.calls import Reply

        call.attempts.append("bench")
        answer = build_answer(call.body, "bench")
        choice = answer.choices[0]
        return Reply("bench", completion={"choices": [{"index": 0, "message": {"role": "assistant", "content": choice.content},
                                                       "finish_reason": choice.finish_reason}], "usage": answer.usage()})

    async def aclose(self) -> None:
        pass


def _asgi_app(directory: Path, enabled: bool) -> Any:
    from di_plugins.config import load_config
    from di_plugins.gateway import Gateway
    from di_plugins.http.app import GatewayApp

    gateway = Gateway(load_config(write_config(directory, ["http://127.0.0.1:9/v1"], enabled)))
    gateway.provider = _InstantProvider()  # type: ignore[assignment]
    return GatewayApp(gateway, start_provider=False)


async def _asgi_request(app: Any, raw: bytes) -> None:
    sent: list[dict] = []
    delivered = False

    async def receive() -> dict:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": raw, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/di/v1/chat/completions", "query_string": b"",
             "headers": [(b"authorization", f"Bearer {KEY}".encode()), (b"content-type", b"application/json")],
             "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 1), "client": ("127.0.0.1", 2),
             "root_path": ""}
    await app(scope, receive, send)
    assert sent[0]["status"] == 200, sent


async def server_side_cost(samples: int) -> dict[str, float]:
    directory = RESULTS / "strict-json-work" / "asgi"
    directory.mkdir(parents=True, exist_ok=True)
    apps = {"on": _asgi_app(directory, True), "off": _asgi_app(directory, False)}
    bodies = [json.dumps(request(4 * i)).encode() for i in range(64)]  # json_schema, not streamed
    times: dict[str, list[float]] = {"on": [], "off": []}
    warm = samples // 10
    for i in range(samples + warm):
        raw = bodies[i % len(bodies)]
        for name in ("on", "off") if i % 2 else ("off", "on"):
            started = time.perf_counter()
            await _asgi_request(apps[name], raw)
            if i >= warm:
                times[name].append(time.perf_counter() - started)
    out = {f"{name}_{q}_us": quantile(v, p) * 1e6 for name, v in times.items() for q, p in (("p50", 0.5), ("p90", 0.9))}
    out["paired_p50_us"] = statistics.median(a - b for a, b in zip(times["on"], times["off"], strict=True)) * 1e6
    return out


def in_process_cost(samples: int) -> dict[str, float]:
    """µs added per request with a valid first reply: the plugin's three hooks through pluggy."""
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    pm.register(StrictJsonPlugin(), name="di.strict_json")
    hook = pm.hook
    cases = []
    for i in range(64):
        body = request(i)
        body.pop("stream", None)
        raw = build_answer(body, "bench")
        choice = raw.choices[0]
        completion = {"choices": [{"index": 0, "message": {"role": "assistant", "content": choice.content},
                                   "finish_reason": choice.finish_reason}], "usage": raw.usage()}
        cases.append((body, rebuild_completion(completion, "gpt-5.5-mini", "chatcmpl-di0", 1)))
    times: list[float] = []
    for k in range(samples):
        body, completion = cases[k % len(cases)]
        ctx = RequestContext(effort=Effort("auto"), classification=Classification("json", 6, "json"))
        started = time.perf_counter()
        hook.di_validate_request(request=body, ctx=ctx)
        verdict = hook.di_check_reply(ctx=ctx, request=body, completion=completion, attempt=0)
        hook.di_request_finished(ctx=ctx, outcome={"ok": True, "deployment_id": None, "usage": None})
        times.append(time.perf_counter() - started)
        assert verdict.valid and verdict.retry is None
    times = times[len(times) // 10:]  # warm-up (validator compilation) left out
    return {"p50_us": quantile(times, 0.5) * 1e6, "p90_us": quantile(times, 0.9) * 1e6,
            "mean_us": statistics.fmean(times) * 1e6}


def rule_costs(repeats: int = 2000) -> dict[str, float]:
    """Median µs of each repair rule on a slipped person record (the rule applies or is a no-op)."""
    text = json.dumps({"name": "Ada", "age": 36, "email": "ada@example.com", "tags": ["math", "engines"]})
    inputs = {
        "strip_fences": slip_text("fence", text, PERSON)[0],
        "extract_json": slip_text("prose", text, PERSON)[0],
        "strip_comments": text[:-1] + " // done\n}",
        "python_literals": text.replace('"engines"', "True"),
        "single_quotes": text.replace('"', "'"),
        "unquoted_keys": text.replace('"name"', "name").replace('"age"', "age"),
        "trailing_commas": slip_text("trailing_comma", text, PERSON)[0],
    }
    out = {}
    for name, rule in RULES.items():
        sample = inputs[name]
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            rule(sample)
            times.append(time.perf_counter() - started)
        out[name] = statistics.median(times) * 1e6
    return out


async def end_to_end(arms: dict[str, str], n: int) -> dict[str, Any]:
    """c=1, no slips, non-streaming schema requests: each request goes to every arm (a gateway), back to
    back, in rotating order. Reports each arm's p50/p90 and the median of the paired differences with
    ``off``; two arms with checking on (``on``, ``on2``) show the noise floor of such a comparison."""
    names = list(arms)
    times: dict[str, list[float]] = {name: [] for name in names}
    async with httpx.AsyncClient(timeout=30) as client:
        for i in range(n + 50):
            body = request(4 * (i % 250))  # json_schema, not streamed
            k = i % len(names)
            for name in names[k:] + names[:k]:
                _, seconds = await send(client, arms[name], body, "auto")
                if i >= 50:
                    times[name].append(seconds)
    out: dict[str, Any] = {name: {"p50_ms": quantile(v, 0.5) * 1e3, "p90_ms": quantile(v, 0.9) * 1e3}
                           for name, v in times.items()}
    for a, b in (("on", "off"), ("on2", "off"), ("on", "on2")):
        pairs = zip(times[a], times[b], strict=True)
        out[f"{a}-{b}_paired_p50_us"] = statistics.median(x - y for x, y in pairs) * 1e6
    return out


# -- main -------------------------------------------------------------------------------------------


def table(runs: list[dict], rate: float) -> str:
    lines = ["| effort | invalid replies reaching the client | extra upstream calls / request | outcomes "
             "(valid / repaired / reasked / invalid) | repairs by rule | extra calls by reason | backend answers "
             "slipped |",
             "|---|---|---|---|---|---|---|"]
    for r in runs:
        o = r["outcomes"]
        outcomes = " / ".join(str(int(o.get(k, 0))) for k in ("valid", "repaired", "reasked", "invalid"))
        rules = ", ".join(f"{k} {int(v)}" for k, v in sorted(r["repairs"].items())) or "-"
        extra = ", ".join(f"{k} {int(v)}" for k, v in sorted(r["extra_calls"].items())) or "-"
        lines.append(f"| `{r['effort']}` | **{100 * r['invalid_rate']:.1f} %** ({r['invalid']}/{r['requests']}) | "
                     f"{r['extra_calls_per_request']:.3f} | {outcomes} | {rules} | {extra} | "
                     f"{r['slipped']}/{r['json_answers']} |")
    return f"slip rate {rate:.0%}\n\n" + "\n".join(lines)


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    directory = RESULTS / "strict-json-work"
    directory.mkdir(parents=True, exist_ok=True)
    procs = Processes(directory)
    try:
        replicas = start_stand_in(procs, args.slip_rate, args.seed)
        urls = [root + "/v1" for root in replicas]
        on_config = write_config(directory, urls, True)
        url, metrics_url = start_gateway(procs, on_config, "gateway")
        arms = {"on": start_gateway(procs, on_config, "gateway-on")[0],  # fresh ones for the latency comparison
                "on2": start_gateway(procs, on_config, "gateway-on2")[0],
                "off": start_gateway(procs, write_config(directory, urls, False), "gateway-off")[0]}
        runs = []
        for effort in EFFORTS:
            set_slips(replicas, args.slip_rate, args.seed)  # the same draws for every effort
            runs.append(await run_effort(url, metrics_url, replicas, effort, args.requests, args.concurrency))
            print(f"  {effort}: {runs[-1]['invalid']} invalid of {args.requests}, "
                  f"{runs[-1]['extra_calls_per_request']:.3f} extra calls/request", flush=True)
        set_slips(replicas, 0.0, args.seed)
        e2e = await end_to_end(arms, args.latency_requests)
    finally:
        procs.stop_all()
    return {"runs": runs, "server_side": await server_side_cost(args.samples // 4),
            "in_process": in_process_cost(args.samples), "rule_costs_us": rule_costs(), "end_to_end": e2e}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=600, help="requests per effort (default 600)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--slip-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=20000, help="in-process timing samples (default 20000)")
    parser.add_argument("--latency-requests", type=int, default=1000, help="end-to-end pairs (default 1000)")
    args = parser.parse_args()
    started = time.time()
    result = asyncio.run(main_async(args))
    result["args"] = vars(args)
    result["seconds"] = time.time() - started
    print()
    print(table(result["runs"], args.slip_rate))
    server = result["server_side"]
    print(f"\nvalid-first-time reply, server side (ASGI app, instant provider): checking on p50 "
          f"{server['on_p50_us']:.0f} µs p90 {server['on_p90_us']:.0f} µs, off p50 {server['off_p50_us']:.0f} µs "
          f"p90 {server['off_p90_us']:.0f} µs: added p50 {server['on_p50_us'] - server['off_p50_us']:+.0f} µs, "
          f"p90 {server['on_p90_us'] - server['off_p90_us']:+.0f} µs (median paired {server['paired_p50_us']:+.0f} µs)")
    cost = result["in_process"]
    print(f"the hooks alone: p50 {cost['p50_us']:.1f} µs, p90 {cost['p90_us']:.1f} µs "
          f"(mean {cost['mean_us']:.1f} µs)")
    e2e = result["end_to_end"]
    print("end to end, c=1, no slips: " + "; ".join(f"{arm} p50 {e2e[arm]['p50_ms']:.2f} ms p90 {e2e[arm]['p90_ms']:.2f} ms"
                                                     for arm in ("on", "on2", "off")))
    print("  median paired difference: " + ", ".join(f"{k.removesuffix('_paired_p50_us')} {v:+.0f} µs"
                                                    for k, v in e2e.items() if k.endswith("_us")))
    print("repair rule cost (median µs): " + ", ".join(f"{k} {v:.1f}" for k, v in result["rule_costs_us"].items()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"strict-json-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"\n{path.relative_to(ROOT)} ({result['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
