"""What one body may cost (di_plugins.limits), through the app: deep nesting, huge model ids and bodies
of millions of tiny objects get clean 4xx errors, never a 500, and nothing reaches the provider; and the
start-up checks that keep tenants apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from di_plugins.config import load_config
from di_plugins.errors import ConfigError, RequestError
from di_plugins.limits import MAX_CONTAINERS, MAX_DEPTH, check_containers, check_depth

from .test_app import CHAT, KEY, call, setup  # noqa: F401  (the app fixture)

pytestmark = pytest.mark.anyio


def nested(depth: int, leaf: object = 1) -> object:
    value = leaf
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def test_depth_names_the_path_of_the_deep_value() -> None:
    check_depth(nested(MAX_DEPTH))
    with pytest.raises(RequestError) as info:
        check_depth({"tools": [{"type": "function", "function": {"name": "f", "parameters": nested(252)}}]})
    assert info.value.status == 400 and info.value.error.param.startswith("tools[0].function.parameters")


def test_containers_are_counted_outside_strings() -> None:
    assert check_containers(b'{"a":[1,2]}') == 2
    text = json.dumps({"messages": [{"content": "{[" * (MAX_CONTAINERS)}]}).encode()
    assert check_containers(text) == 3  # braces inside strings do not count
    with pytest.raises(RequestError) as info:
        check_containers(b'{"x":[' + b"{}," * MAX_CONTAINERS + b"{}]}")
    assert info.value.status == 413 and info.value.error.code == "request_too_complex"


@pytest.mark.parametrize(("body", "param"), [
    ({**CHAT, "tools": [{"type": "function", "function": {"name": "f", "parameters": nested(252)}}]},
     "tools[0].function.parameters"),
    ({**CHAT, "reasoning_effort": "DEEP"}, "reasoning_effort"),  # ~1000 levels, spliced in as text
    ({**CHAT, "reasoning": nested(600)}, "reasoning"),
    ({**CHAT, "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": nested(300)}}},
     "response_format.json_schema.schema"),
    ({**CHAT, "prediction": nested(255)}, "prediction"),
], ids=["tool-parameters", "reasoning_effort", "reasoning", "schema", "prediction"])
async def test_deep_nesting_is_a_400_naming_the_field(setup, body: dict, param: str) -> None:  # noqa: F811
    app, provider = setup
    text = json.dumps(body).replace('"DEEP"', '{"a":' * 1000 + '"high"' + "}" * 1000)  # deeper than json can write
    resp = await call(app, "POST", "/v1/chat/completions", content=text)
    assert resp.status_code == 400, resp.text
    error = resp.json()["error"]
    assert error["code"] == "nesting_too_deep" and error["param"].startswith(param)
    assert resp.headers["x-di-request-type"]
    assert not provider.calls


async def test_model_ids_are_capped(setup) -> None:  # noqa: F811
    app, provider = setup
    ok = await call(app, "POST", "/v1/chat/completions", json={**CHAT, "model": "m" * 256})
    assert ok.status_code == 200 and ok.json()["model"] == "m" * 256
    resp = await call(app, "POST", "/v1/chat/completions", json={**CHAT, "model": "gpt-" + "x" * 1_000_000})
    assert resp.status_code == 400 and resp.json()["error"]["param"] == "model"
    assert len(resp.content) < 2000 and "xxxx" not in resp.text  # the id is neither echoed nor quoted
    assert len(provider.calls) == 1


async def test_a_body_of_tiny_objects_is_refused_before_parsing(setup) -> None:  # noqa: F811
    app, provider = setup
    body = b'{"model":"m","messages":[{"role":"user","content":"hi"}],"x":[' + b"{}," * 300_000 + b"{}]}"
    resp = await call(app, "POST", "/v1/chat/completions", content=body)
    assert resp.status_code == 413 and resp.json()["error"]["code"] == "request_too_complex"
    assert not provider.calls


def write(tmp_path: Path, di: dict) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"model_list": [{"model_name": "pro", "litellm_params": {"model": "openai/x"}}],
                                    "general_settings": {"master_key": "sk-master-limits"}, "di": di}))
    return path


@pytest.mark.parametrize(("di", "message"), [
    ({"keys": [{"key": "sk-a", "tenant": "default"}]}, "di.keys[0].tenant: 'default' is the master key's tenant"),
    ({"keys": [{"key": "sk-b", "tenant": "b"}, {"key": "sk-master-limits", "tenant": "c"}]},
     "di.keys[1].key: this key is the master key"),
    ({"redis_url": "localhost:6379"}, "di.redis_url: expected a URL starting with redis://"),
])
def test_config_that_would_merge_tenants_or_break_redis_stops_the_start(tmp_path: Path, di: dict, message: str,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DI_MASTER_KEY", raising=False)
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, di))
    assert message in str(info.value)
