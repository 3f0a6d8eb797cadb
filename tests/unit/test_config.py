"""Config loading and validation: defaults, env references, and errors that name the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from di_plugins.config import load_config
from di_plugins.errors import ConfigError
from di_plugins.gateway import Gateway

MINIMAL = {"model_list": [{"model_name": "gpt-4o", "litellm_params": {"model": "openai/gpt-4o"}}],
           "general_settings": {"master_key": "sk-minimal-master"}}


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_minimal_config_gets_every_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DI_MASTER_KEY", raising=False)
    loaded = load_config(write(tmp_path, MINIMAL))
    assert loaded.di.models == ["di"]
    assert loaded.di.keys == [] and loaded.di.plugins == []
    assert loaded.di.master_key == "sk-minimal-master"
    assert loaded.di.max_body_bytes == 32 * 1024 * 1024
    gateway = Gateway(loaded)
    assert gateway.keys.lookup("sk-minimal-master").tenant == "default"


def test_master_key_env_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DI_MASTER_KEY", "sk-from-env")
    assert load_config(write(tmp_path, MINIMAL)).di.master_key == "sk-from-env"


def test_keys_resolve_env_and_map_tenants(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEAM_A_KEY", "sk-team-a")
    data = {**MINIMAL, "di": {"keys": [{"key": "os.environ/TEAM_A_KEY", "tenant": "team-a", "name": "web"},
                                      {"key": "sk-literal", "tenant": "team-b"}]}}
    gateway = Gateway(load_config(write(tmp_path, data)))
    assert gateway.keys.lookup("sk-team-a").tenant == "team-a"
    assert gateway.keys.lookup("sk-team-a").key_name == "web"
    assert gateway.keys.lookup("sk-literal").key_name == "team-b"
    assert gateway.keys.lookup("sk-nope") is None and gateway.keys.lookup(None) is None


@pytest.mark.parametrize(("di", "message"), [
    ({"colour": "blue"}, "di.colour: unknown setting"),
    ({"models": "di"}, "di.models: expected a list, got string"),
    ({"models": []}, "di.models: list at least one"),
    ({"keys": [{"key": "k", "tenant": 5}]}, "di.keys[0].tenant: expected a string, got integer"),
    ({"keys": [{"key": "k"}]}, "di.keys[0].tenant: required setting is missing"),
    ({"keys": [{"key": "k", "tenant": "t", "role": "x"}]}, "di.keys[0].role: unknown setting"),
    ({"keys": [{"key": "os.environ/NOT_SET_ANYWHERE_42", "tenant": "t"}]},
     "di.keys[0].key: environment variable NOT_SET_ANYWHERE_42 is not set"),
    ({"keys": [{"key": "k", "tenant": "a"}, {"key": "k", "tenant": "b"}]}, "di.keys[1].key: the same key"),
    ({"routing": {"poetry": "pro"}}, "di.routing.poetry: unknown request type"),
    ({"routing": {"code": {"ultra": "x"}}}, "di.routing.code.ultra: unknown setting"),
    ({"routing": {"code": 3}}, "di.routing.code: expected a string or mapping"),
    ({"plugins": ["hooks/missing.py"]}, "di.plugins[0]: plugin file"),
    ({"max_body_mb": "big"}, "di.max_body_mb: expected an integer or number"),
    ({"max_body_mb": True}, "di.max_body_mb: expected an integer or number, got boolean"),
    ({"disable_plugins": ["no-such-plugin"]}, "di.disable_plugins: no plugin named"),
    ({"metrics": "on"}, "di.metrics: expected a boolean or mapping, got string"),
    ({"metrics": {"listen": "9464"}}, "di.metrics.listen: expected host:port"),
    ({"metrics": {"port": 9464}}, "di.metrics.port: unknown setting"),
])
def test_invalid_di_section_names_the_field(tmp_path: Path, di: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        Gateway(load_config(write(tmp_path, {**MINIMAL, "di": di})))
    assert message in str(info.value)


@pytest.mark.parametrize(("data", "message"), [
    ({"model_list": "x"}, "model_list: expected a list"),
    ({"model_list": [{"model_name": "a"}]}, "model_list[0].litellm_params: expected a mapping"),
    ({"modle_list": []}, "modle_list: unknown top-level section"),
    ({"model_list": [{"model_name": "a", "litellm_params": {"model": "openai/m"}, "model_info": {"di_concurrency": 0}}]},
     "model_list[0].model_info.di_concurrency: expected a positive integer"),
    ({"model_list": [{"model_name": "a", "litellm_params": {"model": "openai/m"},
                      "model_info": {"di_concurrency": "4"}}]},
     "model_list[0].model_info.di_concurrency: expected a positive integer"),
])
def test_invalid_litellm_sections(tmp_path: Path, data: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, data))
    assert message in str(info.value)


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("model_list: [\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)
    bad.write_text("- a\n- b\n")
    with pytest.raises(ConfigError, match="top level must be a mapping"):
        load_config(bad)


def test_shipped_config_is_valid_and_packaged_copy_matches() -> None:
    root = Path(__file__).resolve().parents[2]
    shipped = root / "config.yaml"
    assert shipped.read_text() == (root / "di_plugins" / "defaults" / "config.yaml").read_text()
    loaded = load_config(shipped)
    groups = {e["model_name"] for e in loaded.raw["model_list"]}
    assert groups == {"document", "vision", "long", "code", "json", "reason", "flash", "pro"}


def test_serve_refuses_to_start_on_bad_config(tmp_path: Path) -> None:
    from di_plugins.cli import main

    path = write(tmp_path, {**MINIMAL, "di": {"keys": [{"key": "k", "tenant": 1}]}})
    assert main(["serve", "--config", str(path)]) == 2


@pytest.mark.parametrize(("retries", "message"), [
    ({"turbo": 1}, "di.effort_retries.turbo: unknown setting"),
    ({"high": "2"}, "di.effort_retries.high: expected an integer"),
    ({"high": -1}, "di.effort_retries.high: must be 0 or more"),
])
def test_invalid_effort_retries(tmp_path: Path, retries: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, {**MINIMAL, "di": {"effort_retries": retries}}))


def test_metrics_listen_defaults_to_a_local_port(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, MINIMAL)).di.metrics_listen == "127.0.0.1:9464"
    di = load_config(write(tmp_path, {**MINIMAL, "di": {"metrics": {"listen": "0.0.0.0:9500"}}})).di
    assert di.metrics and di.metrics_listen == "0.0.0.0:9500"
    assert not load_config(write(tmp_path, {**MINIMAL, "di": {"metrics": {"enabled": False}}})).di.metrics
