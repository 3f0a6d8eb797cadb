"""LiteLLM's router settings keep their documented meaning on DI's data plane, on both paths.

A gateway of its own, over seven careless stand-in replicas, with ``router_settings``
``num_retries: 2, allowed_fails: 1, cooldown_time: 60, retry_after: 0``, a ``fallbacks`` and a
``context_window_fallbacks`` entry. Effort picks the group (``di.routing``), so each test reaches the
group it means whatever the classifier does with the prompt:

=========  =======================  ===========================================================
effort     group                    deployments
=========  =======================  ===========================================================
auto/fast  pro                      replica-0, replica-1 (lean; ``fast`` has 0 retries; never cool
                                   down: ``model_info.allowed_fails: 1000``)
high       reason                   replica-2 (weight 1000), replica-3 (weight 1)
low        code                     replica-4 (``timeout: 1``), falls back to ``pro``
medium     long                     replica-5, ``context_window_fallbacks`` to ``pro``
minimal    flash                    replica-6 through LiteLLM's ``anthropic/`` translation
=========  =======================  ===========================================================
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from standin import StandInUpstream

from .processes import GatewayProcess, reset_replicas, serving
from .test_zero_knowledge import FORBIDDEN_TEXT

pytestmark = pytest.mark.integration

KEY = "sk-semantics-master-6d1"
NAMES = [f"secret-sem-model-{i}" for i in range(7)]
CHAT = {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Tell me about tea gardens."}]}
TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {
    "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]


@pytest.fixture(scope="module")
def stand_in() -> Iterator[StandInUpstream]:
    with StandInUpstream(replicas=7, model_name=NAMES, careless=True) as up:
        yield up


@pytest.fixture(scope="module")
def sem_gateway(stand_in: StandInUpstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GatewayProcess]:
    r = stand_in.replicas

    def lean(group: str, i: int, info: dict | None = None, **extra: object) -> dict:
        return {"model_name": group, "model_info": {"id": f"dep-{group}-{i}", **(info or {})},
                "litellm_params": {"model": f"openai/backend-{i}", "api_base": r[i].url,
                                   "api_key": "sk-upstream-secret-key", **extra}}

    config = {
        "model_list": [
            lean("pro", 0, {"allowed_fails": 1000}), lean("pro", 1, {"allowed_fails": 1000}),
            lean("reason", 2, weight=1000), lean("reason", 3, weight=1),
            lean("code", 4, timeout=1),
            lean("long", 5),
            {"model_name": "flash", "model_info": {"id": "dep-flash-6"},
             "litellm_params": {"model": "anthropic/claude-secret-6", "api_base": r[6].root_url,
                                "api_key": "sk-upstream-secret-key"}},
        ],
        "router_settings": {"num_retries": 2, "allowed_fails": 1, "cooldown_time": 60, "retry_after": 0,
                            "fallbacks": [{"code": ["pro"]}], "context_window_fallbacks": [{"long": ["pro"]}]},
        "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
        "di": {"effort_retries": {"fast": 0},
               "routing": {"pro": {"default": "pro", "high": "reason", "low": "code", "medium": "long",
                                   "minimal": "flash"}}},
    }
    with serving(config, tmp_path_factory.mktemp("semantics"), {"DI_MASTER_KEY": KEY}) as gw:
        yield gw


@pytest.fixture(autouse=True)
def _fresh_replicas(stand_in: StandInUpstream) -> Iterator[None]:
    reset_replicas(stand_in)
    yield


def post(gw: GatewayProcess, effort: str, body: dict | None = None, timeout: float = 30) -> httpx.Response:
    return httpx.post(gw.root_url + "/di/v1/chat/completions", json=body or CHAT, timeout=timeout,
                      headers={"Authorization": f"Bearer {KEY}", "X-DI-Effort": effort})


def assert_clean(stand_in: StandInUpstream, text: str) -> None:
    lowered = text.lower()
    forbidden = [t.lower() for t in FORBIDDEN_TEXT + NAMES + [r.address for r in stand_in.replicas]]
    leaks = [t for t in forbidden if t in lowered] + [f"dep-{x}" for x in ("pro", "reason", "code", "long", "flash")
                                                     if f"dep-{x}" in lowered]
    assert not leaks, f"leaked {leaks} in {text[:1000]}"


def served(stand_in: StandInUpstream, *indexes: int) -> list[int]:
    return [len(stand_in.replicas[i].requests()) for i in indexes]


def test_num_retries_retries_within_the_group(sem_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    stand_in.replicas[0].fail("status", status=500, count=1)
    stand_in.replicas[1].fail("status", status=500, count=1)
    resp = post(sem_gateway, "auto")
    assert resp.status_code == 200, resp.text
    assert resp.json()["model"] == "gpt-5.5"
    # each replica fails its first request: the answer came from a retry, a second request to one of them
    assert sorted(served(stand_in, 0, 1)) in ([0, 2], [1, 2])


def test_num_retries_bounds_the_attempts(sem_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    stand_in.replicas[0].fail("status", status=500, count=-1)
    stand_in.replicas[1].fail("status", status=500, count=-1)
    resp = post(sem_gateway, "auto")
    assert resp.status_code == 502, resp.text
    assert sum(served(stand_in, 0, 1)) == 3  # the first attempt and num_retries: 2
    assert_clean(stand_in, resp.text)


def test_per_request_retries_zero_surfaces_the_first_failure(sem_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    stand_in.replicas[0].fail("status", status=500, count=1)
    stand_in.replicas[1].fail("status", status=500, count=1)
    resp = post(sem_gateway, "fast")  # di.effort_retries: {fast: 0}
    assert resp.status_code == 502 and resp.json()["error"]["code"] == "upstream_unavailable"
    assert sum(served(stand_in, 0, 1)) == 1
    assert_clean(stand_in, resp.text)


def test_allowed_fails_puts_a_failing_deployment_in_cooldown(sem_gateway: GatewayProcess,
                                                             stand_in: StandInUpstream) -> None:
    stand_in.replicas[2].fail("status", status=503, count=-1)
    for _ in range(8):
        resp = post(sem_gateway, "high")
        assert resp.status_code == 200, resp.text
    # weight 1000 makes replica-2 the router's pick until it cools down: allowed_fails 1 = 2 failures
    assert served(stand_in, 2, 3) == [2, 8]


def test_timeout_is_the_deployments_and_the_group_falls_back(sem_gateway: GatewayProcess,
                                                            stand_in: StandInUpstream) -> None:
    stand_in.replicas[4].fail("timeout", delay_s=60, count=-1)
    resp = post(sem_gateway, "low", timeout=40)  # would take 60 s per attempt if timeout: 1 were ignored
    assert resp.status_code == 200, resp.text
    assert resp.json()["model"] == "gpt-5.5"
    assert served(stand_in, 4)[0] >= 1 and sum(served(stand_in, 0, 1)) == 1
    assert_clean(stand_in, resp.text)


def test_context_window_error_falls_back_without_retrying(sem_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    stand_in.replicas[5].fail("status", status=400, count=-1,
                              message="This model's maximum context length is 8192 tokens")
    resp = post(sem_gateway, "medium")
    assert resp.status_code == 200, resp.text
    assert served(stand_in, 5) == [1] and sum(served(stand_in, 0, 1)) == 1


def test_translated_path_answers_in_openai_shape(sem_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    resp = post(sem_gateway, "minimal")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["model"] == "gpt-5.5" and body["id"].startswith("chatcmpl-di")
    assert body["choices"][0]["message"]["content"] and body["usage"]["completion_tokens"] > 0
    record = stand_in.replicas[6].requests()[-1]
    assert record["path"] == "/v1/messages" and record["headers"]["x-api-key"] == "sk-upstream-secret-key"
    assert record["body"]["model"] == "claude-secret-6"
    assert_clean(stand_in, resp.text + json.dumps(dict(resp.headers)))


def test_translated_path_streams_and_calls_tools(sem_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    with httpx.stream("POST", sem_gateway.root_url + "/di/v1/chat/completions", timeout=30,
                      json={**CHAT, "stream": True, "stream_options": {"include_usage": True}},
                      headers={"Authorization": f"Bearer {KEY}", "X-DI-Effort": "minimal"}) as resp:
        frames = [line for line in resp.iter_lines() if line.strip()]
    assert resp.status_code == 200 and frames[-1] == "data: [DONE]"
    chunks = [json.loads(f[6:]) for f in frames[:-1]]
    assert {c["model"] for c in chunks} == {"gpt-5.5"} and len({c["id"] for c in chunks}) == 1
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert len(text.split()) >= 10
    assert chunks[-1]["usage"]["completion_tokens"] == len(text.split())
    assert_clean(stand_in, "\n".join(frames))

    tools = post(sem_gateway, "minimal", {**CHAT, "messages": [{"role": "user", "content": "Weather in Paris?"}],
                                      "tools": TOOLS, "tool_choice": {"type": "function",
                                                                      "function": {"name": "get_weather"}}})
    assert tools.status_code == 200, tools.text
    call = tools.json()["choices"][0]["message"]["tool_calls"][0]
    assert call["function"]["name"] == "get_weather" and "city" in json.loads(call["function"]["arguments"])
    assert_clean(stand_in, tools.text)


def test_translated_path_errors_are_clean(sem_gateway: GatewayProcess, stand_in: StandInUpstream) -> None:
    stand_in.replicas[6].fail("status", status=429, count=-1, retry_after=1)
    resp = post(sem_gateway, "minimal")
    assert resp.status_code == 429 and resp.json()["error"]["type"] == "rate_limit_error"
    assert_clean(stand_in, resp.text + json.dumps(dict(resp.headers)))
    stand_in.replicas[6].fail("status", status=401, count=-1)
    assert post(sem_gateway, "minimal").status_code == 502
    assert "sk-upstream-secret-key" not in sem_gateway.log()  # LiteLLM's redaction is on


def test_workers_default_is_the_cpu_count(tmp_path: Path, stand_in: StandInUpstream) -> None:
    """`di-gateway serve` without --workers runs one worker process per CPU, and they serve."""
    import os

    import psutil

    config = {"model_list": [{"model_name": "pro", "litellm_params": {"model": "openai/backend-0",
                                                                      "api_base": stand_in.replicas[0].url}}],
              "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DI_") and k != "WEB_CONCURRENCY"}
    import subprocess
    import sys

    from di_plugins.serve import free_port

    port = free_port()
    with open(tmp_path / "gateway.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "di_plugins.cli", "serve", "--config", str(path),
                                 "--port", str(port)], env={**env, "DI_MASTER_KEY": KEY}, stdout=log,
                                stderr=subprocess.STDOUT, cwd=tmp_path)
    gw = GatewayProcess(proc, f"http://127.0.0.1:{port}", tmp_path / "gateway.log")
    try:
        gw.wait_ready()
        workers = [c for c in psutil.Process(proc.pid).children(recursive=True) if "redis-server" not in c.name()]
        assert len(workers) >= len(os.sched_getaffinity(0)), gw.log()
        for _ in range(10):
            resp = httpx.post(gw.root_url + "/di/v1/chat/completions", json=CHAT, timeout=30,
                              headers={"Authorization": f"Bearer {KEY}"})
            assert resp.status_code == 200 and resp.json()["model"] == "gpt-5.5"
    finally:
        gw.stop()
