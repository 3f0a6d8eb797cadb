"""Helpers over rendered manifests: schema validation and pod-spec access."""

from __future__ import annotations

import base64
from pathlib import Path

import jsonschema
import kubernetes_validate

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "charts" / "di-gateway"
ALL_ON = Path(__file__).resolve().parent / "values-all-on.yaml"
HELM = ROOT / ".tools" / "bin" / "helm"

# Kubernetes version whose schemas (shipped inside kubernetes-validate, no network) validate the
# manifests: 1.31, the kubectl version of the Lambda layer that ships our Helm binary.
K8S_VERSION = "1.31.0"

STANDARD_LABELS = (
    "app.kubernetes.io/name",
    "app.kubernetes.io/instance",
    "app.kubernetes.io/version",
    "app.kubernetes.io/managed-by",
    "app.kubernetes.io/component",
    "app.kubernetes.io/part-of",
    "helm.sh/chart",
)

_DURATION = {"type": "string", "pattern": r"^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"}

# ServiceMonitor is a CRD (monitoring.coreos.com/v1): kubernetes-validate has no schema for it.
# This is the subset of the prometheus-operator CRD schema the chart can render; unknown fields
# fail, as they would against the real CRD's structural schema.
SERVICE_MONITOR_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "monitoring.coreos.com/v1"},
        "kind": {"const": "ServiceMonitor"},
        "metadata": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength": 253},
                "namespace": {"type": "string"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "spec": {
            "type": "object",
            "required": ["selector", "endpoints"],
            "additionalProperties": False,
            "properties": {
                "jobLabel": {"type": "string"},
                "namespaceSelector": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "any": {"type": "boolean"},
                        "matchNames": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "selector": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "matchLabels": {"type": "object", "additionalProperties": {"type": "string"}},
                        "matchExpressions": {"type": "array"},
                    },
                },
                "endpoints": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "port": {"type": "string"},
                            "targetPort": {"type": ["string", "integer"]},
                            "path": {"type": "string", "pattern": "^/"},
                            "scheme": {"enum": ["http", "https"]},
                            "interval": _DURATION,
                            "scrapeTimeout": _DURATION,
                            "honorLabels": {"type": "boolean"},
                            "relabelings": {"type": "array", "items": {"type": "object"}},
                            "metricRelabelings": {"type": "array", "items": {"type": "object"}},
                        },
                    },
                },
            },
        },
    },
}

CRD_SCHEMAS = {("monitoring.coreos.com/v1", "ServiceMonitor"): SERVICE_MONITOR_SCHEMA}


def validate(doc: dict) -> None:
    """Validate one manifest: built-in kinds strictly against the Kubernetes OpenAPI schemas of
    K8S_VERSION (no unknown fields), CRDs against CRD_SCHEMAS. Raises on any problem."""
    key = (doc.get("apiVersion"), doc.get("kind"))
    if key in CRD_SCHEMAS:
        jsonschema.validate(doc, CRD_SCHEMAS[key])
        return
    kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def pod_spec(doc: dict) -> dict | None:
    if doc["kind"] == "Pod":
        return doc["spec"]
    if doc["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"):
        return doc["spec"]["template"]["spec"]
    if doc["kind"] == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return None


def pod_labels(doc: dict) -> dict:
    if doc["kind"] == "Pod":
        return doc["metadata"].get("labels", {})
    return doc["spec"]["template"]["metadata"].get("labels", {})


def containers(spec: dict) -> list[dict]:
    return list(spec.get("initContainers", [])) + list(spec["containers"])


def find(docs: list[dict], kind: str, component: str | None = None) -> list[dict]:
    out = [d for d in docs if d["kind"] == kind]
    if component is not None:
        out = [d for d in out if d["metadata"]["labels"].get("app.kubernetes.io/component") == component]
    return out


def one(docs: list[dict], kind: str, component: str | None = None) -> dict:
    found = find(docs, kind, component)
    assert len(found) == 1, f"expected one {kind} ({component}), got {len(found)}"
    return found[0]


def secret_values(doc: dict) -> dict[str, str]:
    out = {k: base64.b64decode(v).decode() for k, v in (doc.get("data") or {}).items()}
    out.update(doc.get("stringData") or {})
    return out


def images(docs: list[dict]) -> list[str]:
    return [c["image"] for d in docs if (s := pod_spec(d)) for c in containers(s)]
