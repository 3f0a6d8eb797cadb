"""Integration fixtures: the real gateway process (DI's app + LiteLLM's router + our plugins, started with
``di-gateway serve``), the embedded real Redis it starts, and the stand-in upstream as careless replicas.

Replica roles in the test config:

* ``replica-0`` serves ``pro``, ``flash``, ``code``, ``vision``, ``document``, ``long``;
* ``replica-1`` serves ``json`` (fallback to ``pro`` when it fails);
* ``replica-2`` serves ``reason`` with a 2 s timeout and no fallback.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from openai import OpenAI

from standin.replicas import StandInUpstream

from .processes import start_gateway

ROOT = Path(__file__).resolve().parents[2]
MASTER_KEY = "sk-di-test-master-7f3a9c"
TENANT_KEY = "sk-di-test-team-b-41d2"
ENV_TENANT_KEY = "sk-di-test-team-a-from-env"
BACKEND_NAMES = ["secret-model-alpha", "secret-model-beta", "secret-model-gamma"]
DEPLOYMENT_MODELS = {t: f"backend-{t}-9000" for t in
                     ("document", "vision", "long", "code", "json", "reason", "flash", "pro")}
DEPLOYMENT_IDS = {t: f"deploy-id-{t}-77" for t in DEPLOYMENT_MODELS}


@dataclass
class RunningGateway:
    base_url: str
    root_url: str
    process: subprocess.Popen
    log_path: Path
    upstream: StandInUpstream
    metrics_url: str

    def client(self, key: str = MASTER_KEY, **kwargs) -> OpenAI:
        return OpenAI(base_url=self.base_url, api_key=key, max_retries=0, **kwargs)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def write_config(directory: Path, upstream: StandInUpstream) -> Path:
    replica_for = {"json": 1, "reason": 2}
    model_list = []
    for rtype, model in DEPLOYMENT_MODELS.items():
        params = {"model": f"openai/{model}", "api_base": upstream.replicas[replica_for.get(rtype, 0)].url,
                  "api_key": "sk-upstream-secret-key"}
        if rtype == "reason":
            params["timeout"] = 2
        model_list.append({"model_name": rtype, "litellm_params": params,
                           "model_info": {"id": DEPLOYMENT_IDS[rtype]}})
    hooks_dir = directory / "hooks"
    hooks_dir.mkdir(exist_ok=True)
    (hooks_dir / "sql_is_code.py").write_text((ROOT / "hooks" / "sql_is_code.py").read_text())
    config = {
        "model_list": model_list,
        "router_settings": {"num_retries": 0, "disable_cooldowns": True, "fallbacks": [{"json": ["pro"]}]},
        "general_settings": {"master_key": "os.environ/DI_MASTER_KEY"},
        "di": {
            "models": ["di", "di-max"],
            "keys": [{"key": TENANT_KEY, "tenant": "team-b", "name": "batch"},
                     {"key": "os.environ/DI_KEY_TEAM_A", "tenant": "team-a", "name": "web-app"}],
            "plugins": ["hooks/sql_is_code.py"],
            "routing": {"pro": {"default": "pro", "max": "reason"}, "flash": {"default": "flash", "max": "reason"}},
        },
    }
    path = directory / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


@pytest.fixture(scope="session")
def upstream() -> Iterator[StandInUpstream]:
    with StandInUpstream(replicas=3, model_name=BACKEND_NAMES, careless=True) as up:
        yield up


@pytest.fixture(scope="session")
def gateway(upstream: StandInUpstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningGateway]:
    directory = tmp_path_factory.mktemp("gateway")
    config = write_config(directory, upstream)
    gw = start_gateway(config, directory / "gateway.log",
                       {"DI_MASTER_KEY": MASTER_KEY, "DI_KEY_TEAM_A": ENV_TENANT_KEY})
    gw.wait_ready()
    yield RunningGateway(base_url=gw.root_url + "/di/v1", root_url=gw.root_url, process=gw.process,
                         log_path=gw.log_path, upstream=upstream, metrics_url=gw.metrics_url)
    gw.stop()


@pytest.fixture(autouse=True)
def _reset_replicas(request: pytest.FixtureRequest) -> Iterator[None]:
    uses = "upstream" in request.fixturenames or "gateway" in request.fixturenames
    up = request.getfixturevalue("upstream") if uses else None
    yield
    if up is not None:
        for replica in up.replicas:
            replica.reset()
            replica.clear_requests()


@pytest.fixture()
def client(gateway: RunningGateway) -> OpenAI:
    return gateway.client()


@pytest.fixture()
def raw(gateway: RunningGateway) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gateway.root_url, timeout=30,
                      headers={"Authorization": f"Bearer {MASTER_KEY}"}) as c:
        yield c
