"""The plugin manager, hookspecs and built-in plugins, exercised without a proxy."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from di_plugins.config import DIConfig, RouteSpec, load_config
from di_plugins.context import Classification, RequestContext
from di_plugins.gateway import Gateway
from di_plugins.hookspecs import hookimpl
from di_plugins.plugins import build_plugin_manager

ROOT = Path(__file__).resolve().parents[2]


def gateway_with(tmp_path: Path, di: dict | None = None, groups: tuple[str, ...] = ("pro", "flash", "code")) -> Gateway:
    data = {"model_list": [{"model_name": g, "litellm_params": {"model": f"openai/{g}"}} for g in groups],
            "general_settings": {"master_key": "sk-unit-master"}}
    if di is not None:
        data["di"] = di
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    return Gateway(load_config(path))


def decide(gateway: Gateway, body: dict, **ctx_kwargs) -> RequestContext:
    ctx = RequestContext(caller_model=body.get("model", ""), **ctx_kwargs)
    gateway.decide_effort(body, ctx)
    gateway.classify(body, ctx)
    gateway.choose_group(body, ctx)
    return ctx


def test_builtin_plugins_are_registered_by_name() -> None:
    pm = build_plugin_manager(DIConfig(), ["pro"], load_entry_points=False)
    names = {name for name, _ in pm.list_name_plugin()}
    assert {"di.routing", "di.echo", "di.request_type_header", "di.errors"} <= names


def test_example_site_plugin_reclassifies_sql(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sql_is_code.py").write_text((ROOT / "hooks" / "sql_is_code.py").read_text())
    gateway = gateway_with(tmp_path, {"plugins": ["hooks/sql_is_code.py"]})
    sql = {"model": "gpt-5", "messages": [{"role": "user", "content": "Why is SELECT a FROM b slow?"}]}
    ctx = decide(gateway, sql)
    assert ctx.request_type == "code" and ctx.classification.rule_name == "site:sql_is_code"
    assert ctx.model_group == "code"
    plain = {"model": "gpt-5", "messages": [{"role": "user", "content": "Tell me about sea otters."}]}
    assert decide(gateway, plain).request_type == "pro"
    image = {"model": "gpt-5", "messages": [{"role": "user", "content": [
        {"type": "text", "text": "SELECT a FROM b?"}, {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]}]}
    assert decide(gateway, image).request_type == "vision"


def test_disable_plugins_removes_a_builtin(tmp_path: Path) -> None:
    gateway = gateway_with(tmp_path, {"disable_plugins": ["di.request_type_header"]})
    ctx = decide(gateway, {"model": "x", "messages": [{"role": "user", "content": "hi"}]})
    assert gateway.response_headers(ctx) == {}


def test_site_plugin_headers_merge_and_override(tmp_path: Path) -> None:
    gateway = gateway_with(tmp_path)

    class SitePlugin:
        @hookimpl
        def di_response_headers(self, ctx):
            return {"x-di-site": "eu-1"}

        @hookimpl(tryfirst=True)
        def di_classify(self, request, ctx):
            return Classification("reason", 0, "site:always_reason")

    gateway.pm.register(SitePlugin())
    ctx = decide(gateway, {"model": "x", "messages": [{"role": "user", "content": "hi"}]})
    assert gateway.response_headers(ctx) == {"x-di-request-type": "reason", "x-di-site": "eu-1"}


def test_routing_falls_back_when_group_missing(tmp_path: Path) -> None:
    gateway = gateway_with(tmp_path, groups=("only-group",))
    ctx = decide(gateway, {"model": "x", "messages": [{"role": "user", "content": "hi"}]})
    assert ctx.model_group == "only-group"
    gateway = gateway_with(tmp_path, groups=("flash", "pro"))
    tools = {"model": "x-mini", "messages": [{"role": "user", "content": "hi"}],
             "tools": [{"type": "function", "function": {"name": "f"}}]}
    assert decide(gateway, tools).model_group == "flash"  # no `code` group: the base type's group


def test_routing_by_effort_band() -> None:
    spec = RouteSpec(default="code", by_effort={"high": "code-strong", "max": "code-strong"})
    assert spec.group_for("auto") == "code" and spec.group_for("max") == "code-strong"


def test_error_sanitizer_categories(tmp_path: Path) -> None:
    gateway = gateway_with(tmp_path)
    ctx = RequestContext()

    class ContextWindowExceededError(Exception):
        status_code = 400

    class Timeout(Exception):
        pass

    class RateLimitError(Exception):
        status_code = 429

    assert gateway.sanitize_error(ctx, 500, ContextWindowExceededError("gpt-secret has 8k")).code == \
        "context_length_exceeded"
    assert gateway.sanitize_error(ctx, 500, Timeout()).status == 504
    assert gateway.sanitize_error(ctx, 500, RateLimitError()).status == 429
    err = gateway.sanitize_error(ctx, 500, RuntimeError("secret-host:9000 exploded"))
    assert err.status == 502 and "secret" not in err.message
    assert gateway.sanitize_error(ctx, 401, None).status == 502


@pytest.mark.parametrize("body", [{}, {"messages": None}, {"messages": [None, 3, "x"]}, {"model": None}])
def test_classify_never_raises_on_odd_input(tmp_path: Path, body: dict) -> None:
    gateway = gateway_with(tmp_path)
    ctx = RequestContext()
    gateway.classify(body, ctx)
    assert ctx.request_type in ("document", "vision", "long", "code", "json", "reason", "flash", "pro")


def test_effort_sets_retries(tmp_path: Path) -> None:
    gateway = gateway_with(tmp_path, {"effort_retries": {"high": 2, "max": 4}})
    body = {"model": "x", "messages": [{"role": "user", "content": "hi"}]}
    assert decide(gateway, body, headers={"x-di-effort": "max"}).num_retries == 4
    assert decide(gateway, body, headers={"x-di-effort": "high"}).num_retries == 2
    assert decide(gateway, body).num_retries is None
