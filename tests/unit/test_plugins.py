"""The plugin manager, hookspecs and built-in plugins, exercised without a server."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from di_plugins.config import RouteSpec, load_config
from di_plugins.context import Classification, RequestContext
from di_plugins.errors import RequestError, UpstreamError
from di_plugins.gateway import Gateway
from di_plugins.hookspecs import hookimpl
from di_plugins.plugins import DEFAULT_PLUGINS

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
    ctx = RequestContext(**ctx_kwargs)
    gateway.journey(ctx).prepare(body)
    return ctx


def headers(gateway: Gateway, ctx: RequestContext) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in gateway.response_headers(ctx) if k != b"x-request-id"}


def test_builtin_plugins_are_registered_by_name(tmp_path: Path) -> None:
    names = {name for name, _ in gateway_with(tmp_path).pm.list_name_plugin()}
    assert names == {cls.name for cls in DEFAULT_PLUGINS}
    assert {"di.classification", "di.routing", "di.prefix_cache", "di.request_type_header", "di.errors",
            "di.strict_json"} == names


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
    assert headers(gateway, ctx) == {}


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
    assert headers(gateway, ctx) == {"x-di-request-type": "reason", "x-di-site": "eu-1"}


def test_headers_outside_x_di_are_never_sent(tmp_path: Path) -> None:
    gateway = gateway_with(tmp_path)

    class Careless:
        @hookimpl
        def di_response_headers(self, ctx):
            return {"server": "secret/1.0", "X-DI-Region": "eu-1", "x-di-bad": "line\nbreak"}

    gateway.pm.register(Careless())
    ctx = decide(gateway, {"model": "x", "messages": [{"role": "user", "content": "hi"}]})
    assert headers(gateway, ctx) == {"x-di-request-type": "pro", "x-di-region": "eu-1"}


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

    assert gateway.sanitize_error(ctx, ContextWindowExceededError("gpt-secret has 8k")).code == \
        "context_length_exceeded"
    assert gateway.sanitize_error(ctx, Timeout()).status == 504
    assert gateway.sanitize_error(ctx, RateLimitError()).status == 429
    err = gateway.sanitize_error(ctx, RuntimeError("secret-host:9000 exploded"))
    assert err.status == 502 and "secret" not in err.message
    assert gateway.sanitize_error(ctx, UpstreamError("APIError", "secret", status=401)).status == 502
    assert gateway.sanitize_error(ctx, UpstreamError("APIError", status=404)).code == "upstream_rejected"
    limited = gateway.sanitize_error(ctx, UpstreamError("RateLimitError", status=429, retry_after=3))
    assert limited.status == 429 and limited.retry_after == 3
    assert gateway.sanitize_error(ctx, UpstreamError("Timeout", retry_after=3)).retry_after is None


@pytest.mark.parametrize("body", [{}, {"messages": None}, {"messages": [None, 3, "x"]}, {"model": None}, [1], "x"])
def test_odd_input_is_a_clean_400_and_still_classified(tmp_path: Path, body: dict) -> None:
    gateway = gateway_with(tmp_path)
    ctx = RequestContext()
    with pytest.raises(RequestError) as info:
        gateway.journey(ctx).prepare(body)
    assert info.value.status == 400
    assert ctx.request_type in ("document", "vision", "long", "code", "json", "reason", "flash", "pro")


def test_effort_sets_retries(tmp_path: Path) -> None:
    gateway = gateway_with(tmp_path, {"effort_retries": {"high": 2, "max": 4}})
    body = {"model": "x", "messages": [{"role": "user", "content": "hi"}]}
    assert decide(gateway, body, headers={"x-di-effort": "max"}).num_retries == 4
    assert decide(gateway, body, headers={"x-di-effort": "high"}).num_retries == 2
    assert decide(gateway, body).num_retries is None
