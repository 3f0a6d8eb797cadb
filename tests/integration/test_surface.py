"""The HTTP surface of the real gateway process: routes, auth and tenants, bad input, models, plugins."""

from __future__ import annotations

import json

import httpx
import openai
import pytest

from .conftest import ENV_TENANT_KEY, MASTER_KEY, TENANT_KEY, RunningGateway
from .fixtures_observe import chat_requests, metric_at, wait_until

CHAT = {"model": "gpt-5.5", "messages": [{"role": "user", "content": "Hello there."}]}


def assert_openai_error(resp: httpx.Response, status: int, param: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    error = resp.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert isinstance(error["message"], str) and error["message"]
    assert "Traceback" not in resp.text and "litellm" not in resp.text.lower()
    if param is not None:
        assert error["param"] == param
    return error


# -- routes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/model/info", "/v1/model/info", "/health", "/routes", "/key/generate", "/key/info", "/spend/logs",
    "/ui", "/", "/docs", "/openapi.json", "/v1/embeddings", "/embeddings", "/v1/images/generations",
    "/v1/audio/speech", "/v1/completions", "/chat/completions", "/global/spend", "/metrics/",
    "/health/readiness/details", "/health/liveness", "/di/v1/files", "/di/v1/embeddings", "/di/v1/batches",
    "/di/v1/chat/completions/", "/team/list", "/user/info", "/config/yaml", "/get/config/callbacks",
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_everything_but_the_surface_is_404(gateway: RunningGateway, path: str, method: str) -> None:
    resp = httpx.request(method, gateway.root_url + path, headers={"Authorization": f"Bearer {MASTER_KEY}"},
                         json={} if method == "POST" else None, timeout=10)
    error = assert_openai_error(resp, 404)
    assert error["type"] == "not_found_error"


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/di/v1/chat/completions"), ("PUT", "/v1/chat/completions"), ("POST", "/di/v1/models"),
    ("DELETE", "/di/v1/models"), ("GET", "/di/v1/classify"), ("POST", "/health/liveliness"),
])
def test_wrong_method_is_405(gateway: RunningGateway, method: str, path: str) -> None:
    resp = httpx.request(method, gateway.root_url + path, headers={"Authorization": f"Bearer {MASTER_KEY}"},
                         timeout=10)
    assert_openai_error(resp, 405)
    assert resp.headers["allow"]


def test_health_endpoints_need_no_key(gateway: RunningGateway) -> None:
    assert httpx.get(gateway.root_url + "/health/liveliness").status_code == 200
    resp = httpx.get(gateway.root_url + "/health/readiness")
    assert resp.status_code == 200
    assert not any(k.startswith("x-litellm") for k in resp.headers)
    assert "server" not in resp.headers


def test_both_prefixes_serve_chat(gateway: RunningGateway) -> None:
    for prefix in ("/v1", "/di/v1"):
        resp = httpx.post(gateway.root_url + prefix + "/chat/completions", json=CHAT, timeout=30,
                          headers={"Authorization": f"Bearer {MASTER_KEY}"})
        assert resp.status_code == 200 and resp.json()["model"] == "gpt-5.5"


def test_models_lists_advertised_ids_only(gateway: RunningGateway) -> None:
    client = gateway.client()
    ids = [m.id for m in client.models.list()]
    assert ids == ["di", "di-max"]
    resp = httpx.get(gateway.root_url + "/v1/models", headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert resp.json()["object"] == "list"
    assert "backend" not in resp.text and "openai/" not in resp.text


# -- auth and tenants -----------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong-key"}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer"},
    {"Authorization": f"Bearer {MASTER_KEY}x"},
], ids=["missing", "wrong", "basic", "empty", "prefix"])
@pytest.mark.parametrize("path", ["/di/v1/chat/completions", "/di/v1/models", "/di/v1/classify"])
def test_bad_keys_are_401(gateway: RunningGateway, headers: dict, path: str) -> None:
    method = "GET" if path.endswith("models") else "POST"
    resp = httpx.request(method, gateway.root_url + path, headers=headers,
                         json=CHAT if method == "POST" else None, timeout=10)
    error = assert_openai_error(resp, 401)
    assert error["type"] == "authentication_error"


def test_sdk_raises_authentication_error(gateway: RunningGateway) -> None:
    with pytest.raises(openai.AuthenticationError):
        gateway.client(key="sk-nope").chat.completions.create(**CHAT)


@pytest.mark.parametrize("key", [TENANT_KEY, ENV_TENANT_KEY], ids=["literal", "from-env"])
def test_tenant_keys_are_accepted(gateway: RunningGateway, key: str) -> None:
    resp = gateway.client(key=key).chat.completions.create(**CHAT)
    assert resp.model == "gpt-5.5"


# -- requests -------------------------------------------------------------------------------------

def test_standard_params_forwarded_and_internal_ones_dropped(gateway: RunningGateway) -> None:
    body = {**CHAT, "temperature": 0.2, "top_p": 0.9, "max_completion_tokens": 50, "presence_penalty": 0.5,
            "frequency_penalty": -0.5, "stop": ["\n\n"], "seed": 7, "n": 2, "user": "u-1",
            "api_base": "http://attacker.invalid", "mock_response": "pwned", "fallbacks": ["x"], "timeout": 0.001,
            "metadata": {"tags": ["x"]}, "some_vendor_flag": True}
    resp = httpx.post(gateway.base_url + "/chat/completions", json=body, timeout=30,
                      headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert resp.status_code == 200, resp.text
    assert "pwned" not in resp.text
    assert len(resp.json()["choices"]) == 2
    forwarded = gateway.upstream.replicas[0].requests()[-1]["body"]
    # `user` reaches only backends LiteLLM knows accept it (OpenAI catalog models), so it is not checked here.
    for key in ("temperature", "top_p", "presence_penalty", "frequency_penalty", "stop", "seed", "n"):
        assert forwarded[key] == body[key], key
    for key in ("api_base", "mock_response", "fallbacks", "some_vendor_flag", "metadata"):
        assert key not in forwarded, key


BAD_BODIES = [
    ("not json", "{", None),
    ("json array", "[1,2]", None),
    ("empty", "", None),
    ("messages missing", {"model": "x"}, "messages"),
    ("messages a string", {"model": "x", "messages": "hi"}, "messages"),
    ("messages a number", {"model": "gpt-5", "messages": 1}, "messages"),
    ("model missing", {"messages": [{"role": "user", "content": "hi"}]}, "model"),
    ("model number", {"model": 5, "messages": [{"role": "user", "content": "hi"}]}, "model"),
    ("unknown part type", {"model": "x", "messages": [{"role": "user", "content": [{"type": "hologram"}]}]},
     "messages[0].content[0].type"),
    ("temperature too high", {**CHAT, "temperature": 2.5}, "temperature"),
    ("temperature string", {**CHAT, "temperature": "hot"}, "temperature"),
    ("top_p above 1", {**CHAT, "top_p": 1.5}, "top_p"),
    ("penalty below -2", {**CHAT, "presence_penalty": -3}, "presence_penalty"),
    ("n zero", {**CHAT, "n": 0}, "n"),
    ("max_tokens zero", {**CHAT, "max_tokens": 0}, "max_tokens"),
    ("tool_choice undefined tool", {**CHAT, "tools": [{"type": "function", "function": {"name": "a"}}],
                                    "tool_choice": {"type": "function", "function": {"name": "b"}}}, "tool_choice"),
    ("server-side tool", {**CHAT, "tools": [{"type": "web_search"}]}, "tools[0].type"),
    ("bad response_format", {**CHAT, "response_format": {"type": "yaml"}}, "response_format.type"),
]


@pytest.mark.parametrize(("name", "body", "param"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_bad_input_is_a_clean_400(gateway: RunningGateway, name: str, body: object, param: str | None) -> None:
    content = body if isinstance(body, str) else json.dumps(body)
    resp = httpx.post(gateway.base_url + "/chat/completions", content=content, timeout=10,
                      headers={"Authorization": f"Bearer {MASTER_KEY}", "Content-Type": "application/json"})
    error = assert_openai_error(resp, 400, param)
    assert error["type"] == "invalid_request_error"
    if isinstance(body, dict):  # errors after the body was parsed still carry the request type
        assert resp.headers["x-di-request-type"]
    assert not chat_requests(gateway.upstream.replicas[0])


def test_sdk_raises_bad_request(gateway: RunningGateway) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        gateway.client().chat.completions.create(**CHAT, temperature=3)
    assert info.value.body["param"] == "temperature"


def test_body_over_32mb_is_413(gateway: RunningGateway) -> None:
    big = json.dumps({**CHAT, "messages": [{"role": "user", "content": "a" * (33 * 1024 * 1024)}]})
    resp = httpx.post(gateway.base_url + "/chat/completions", content=big, timeout=60,
                      headers={"Authorization": f"Bearer {MASTER_KEY}", "Content-Type": "application/json"})
    assert_openai_error(resp, 413)


def test_unknown_model_ids_are_intent_not_errors(gateway: RunningGateway) -> None:
    for model in ("gpt-3.5-turbo-0301", "claude-sonnet-9-9", "totally-new-model-2030", "ft:gpt-4o:org:custom"):
        assert gateway.client().chat.completions.create(**{**CHAT, "model": model}).model == model


def test_site_plugin_changes_classification(gateway: RunningGateway) -> None:
    body = {**CHAT, "messages": [{"role": "user", "content": "Why is SELECT * FROM orders WHERE id = 4 so slow?"}]}
    raw = gateway.client().chat.completions.with_raw_response.create(**body)
    assert raw.headers["x-di-request-type"] == "code"


def test_tenant_in_forwarded_request_is_never_the_key(gateway: RunningGateway) -> None:
    gateway.client(key=TENANT_KEY).chat.completions.create(**CHAT)
    record = gateway.upstream.replicas[0].requests()[-1]
    assert TENANT_KEY not in json.dumps(record)
    assert record["headers"].get("authorization") == "Bearer sk-upstream-secret-key"


# -- classification surface -----------------------------------------------------------------------

def test_classify_endpoint_explains_without_calling_a_backend(gateway: RunningGateway) -> None:
    body = {"model": "claude-sonnet-4-6@xhigh", "messages": [
        {"role": "user", "content": "Fix this:\nTraceback (most recent call last):\n  File \"app.py\", line 3\n"}]}
    for prefix in ("/di/v1", "/v1"):
        resp = httpx.post(gateway.root_url + prefix + "/classify", json=body, timeout=10,
                          headers={"Authorization": f"Bearer {MASTER_KEY}"})
        assert resp.status_code == 200, resp.text
        data = resp.json()
        assert data["request_type"] == "code" == resp.headers["x-di-request-type"]
        assert data["rule"]["number"] == 5
        assert data["effort"] == {"level": "xhigh", "source": "model_suffix"}
        assert data["base_type"] == "pro" and data["estimated_input_tokens"] > 0
        text = resp.text.lower()
        assert "backend-" not in text and "deploy-id" not in text and "api_base" not in text
    assert not any(chat_requests(r) for r in gateway.upstream.replicas)


@pytest.mark.parametrize(("headers", "url_suffix", "extra", "param"), [
    ({"X-DI-Effort": "turbo"}, "", {}, "X-DI-Effort"),
    ({}, "?effort=ultra", {}, "effort"),
    ({}, "", {"reasoning_effort": "extreme"}, "reasoning_effort"),
])
def test_invalid_effort_is_400(gateway: RunningGateway, headers: dict, url_suffix: str, extra: dict,
                               param: str) -> None:
    resp = httpx.post(gateway.base_url + "/chat/completions" + url_suffix, json={**CHAT, **extra}, timeout=10,
                      headers={"Authorization": f"Bearer {MASTER_KEY}", **headers})
    error = assert_openai_error(resp, 400, param)
    assert "high" in error["message"]
    assert resp.headers["x-di-request-type"] == "pro"  # rule 9: gpt-5.5 is a `pro` id


def test_effort_routes_to_the_configured_group(gateway: RunningGateway) -> None:
    # the test config routes `pro` at effort max to the `reason` group (replica-2)
    resp = httpx.post(gateway.base_url + "/chat/completions?effort=max", json=CHAT, timeout=10,
                      headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert resp.status_code == 200
    assert chat_requests(gateway.upstream.replicas[2]) and not chat_requests(gateway.upstream.replicas[0])


def test_metrics_are_served_on_their_own_listener_only(gateway: RunningGateway) -> None:
    gateway.client().chat.completions.create(**CHAT)
    resp = httpx.get(gateway.metrics_url + "/metrics", timeout=10)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain")
    assert 'di_responses_total{request_type="pro",status="200"}' in resp.text
    for secret in ("backend-", "deploy-id", "127.0.0.1", "team-"):
        assert secret not in resp.text
    public = httpx.get(gateway.root_url + "/metrics", timeout=10)  # not on the API port, key or no key
    assert public.status_code == 404 and "di_responses_total" not in public.text
    keyed = httpx.get(gateway.root_url + "/metrics", headers={"Authorization": f"Bearer {MASTER_KEY}"}, timeout=10)
    assert keyed.status_code == 404
    assert httpx.get(gateway.metrics_url + "/v1/models", timeout=10).status_code == 404


def test_anthropic_thinking_budget_sets_effort(gateway: RunningGateway) -> None:
    body = {**CHAT, "thinking": {"type": "enabled", "budget_tokens": 30000}}
    resp = httpx.post(gateway.base_url + "/classify", json=body, timeout=10,
                      headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert resp.json()["effort"]["source"] == "anthropic_thinking"


@pytest.mark.parametrize(("effort", "replica"), [("high", 0), ("max", 2)])
def test_reasoning_effort_reaches_the_backend_as_high(gateway: RunningGateway, effort: str, replica: int) -> None:
    """`high` passes through; `max` (ours) routes to `reason` (replica-2 in the test config) and reaches
    the backend as OpenAI's highest level, `high`."""
    resp = httpx.post(gateway.base_url + "/chat/completions", json={**CHAT, "reasoning_effort": effort}, timeout=30,
                      headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert resp.status_code == 200, resp.text
    (forwarded,) = [r["body"] for r in gateway.upstream.replicas[replica].requests()]
    assert "reasoning_effort" in forwarded, forwarded
    assert forwarded["reasoning_effort"] == "high"


def test_unsalted_backend_cache_figures_never_cross_tenants(gateway: RunningGateway) -> None:
    """The test config's deployments are unsalted (a hosted provider's shared cache): a tenant hears of
    its own cached prefix only (positive control), never of another tenant's, though the backend hit."""
    prompt = " ".join(f"shared clause {i}." for i in range(3000))
    body = {"model": "gpt-5.5", "messages": [
        {"role": "system", "content": [{"type": "text", "text": prompt, "cache_control": {"type": "ephemeral"}}]},
        {"role": "user", "content": "Tell me about tea."}]}
    backend = gateway.upstream.replicas[0]
    own = gateway.client(key=ENV_TENANT_KEY)
    pins = metric_at(gateway.metrics_url, "di_prefix_cache_redis_pins_total")
    first = own.chat.completions.create(**body)
    assert first.usage.prompt_tokens_details.cached_tokens == 0
    wait_until(lambda: metric_at(gateway.metrics_url, "di_prefix_cache_redis_pins_total") > pins,
               "the gateway pins the tenant's prefix after its first request")
    second = own.chat.completions.create(**body)
    assert second.usage.prompt_tokens_details.cached_tokens > 1000, "the tenant's own cached prefix is reported"

    backend_hits = backend.kv_stats()["cached_tokens"]
    other = gateway.client(key=TENANT_KEY).chat.completions.create(**body)
    assert backend.kv_stats()["cached_tokens"] > backend_hits, "the backend itself served the prefix from cache"
    assert other.usage.prompt_tokens_details.cached_tokens == 0
    assert other.usage.prompt_tokens_details.cache_write_tokens > 1000

    # without a breakpoint there is no index of the tenant's own: the backend's shared figure is dropped
    plain = {**body, "messages": [{"role": "system", "content": prompt}, body["messages"][1]]}
    backend_hits = backend.kv_stats()["cached_tokens"]
    unmarked = gateway.client(key=TENANT_KEY).chat.completions.create(**plain)
    assert backend.kv_stats()["cached_tokens"] > backend_hits
    assert unmarked.usage.prompt_tokens_details.cached_tokens == 0


@pytest.mark.parametrize(("path", "envelope"), [
    ("/di/v1/messages", "anthropic"), ("/v1/messages/count_tokens", "anthropic"),
    ("/di/v1/messages/batches", "anthropic"), ("/di/v1/chat/completions/", "openai"),
])
def test_native_paths_answer_in_their_own_envelope(gateway: RunningGateway, path: str, envelope: str) -> None:
    resp = httpx.get(gateway.root_url + path, headers={"x-api-key": MASTER_KEY}, timeout=10)
    assert resp.status_code in (404, 405)
    body = resp.json()
    if envelope == "anthropic":
        assert body["type"] == "error" and set(body["error"]) == {"type", "message"}
    else:
        assert set(body["error"]) == {"message", "type", "param", "code"}
