"""values.schema.json rejects wrong values (through helm itself), and values.yaml is documented."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest
import yaml

from tests.chart.k8s import CHART

SCHEMA_ERROR = "values don't meet the specifications of the schema"


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--set-string", "replicaCount=two"], "replicaCount"),
        (["--set", "redis.mode=sentinel"], "redis.mode"),
        (["--set", "image.repository="], "image.repository"),
        (["--set", "image.repository=null"], "repository is required"),
        (["--set", "image.tag=latest"], "image.tag"),
        (["--set", "tests.image.tag=latest"], "tests.image.tag"),
        (["--set-string", "autoscaling.enabled=yes"], "autoscaling.enabled"),
        (["--set", "service.type=Internal"], "service.type"),
        (["--set", "replicaCount=-1"], "replicaCount"),
        (["--set", "unknownTopLevelKey=1"], "unknownTopLevelKey"),
        (["--set-string", "secrets.env.bad-name=x"], "secrets.env"),
        (["--set", "redis.url=http://not-redis"], "redis.url"),
        (["--set-string", "workers=four"], "workers"),
    ],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
@pytest.mark.parametrize("command", ["template", "lint"])
def test_schema_rejects(helm, command, args, expected):
    if command == "template":
        res = helm.template_raw(*args)
        output = res.stderr
        assert SCHEMA_ERROR in output, output
    else:
        res = helm.lint(*args)
        output = res.stdout + res.stderr
        assert "[ERROR] values.yaml:" in output, output
    assert res.returncode != 0, f"helm {command} {args} unexpectedly passed"
    assert expected in output, output


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--set", "redis.mode=external"], "redis.mode=external needs redis.url or redis.existingSecret"),
        (["--set-string", "redis.internal.auth.password=p@ss:word"], "redis.internal.auth.password"),
        (["--set", "autoscaling.enabled=true", "--set", "autoscaling.targetCPUUtilizationPercentage=null"],
         "autoscaling.enabled needs"),
        (["--set-string", "secrets.env.DI_MASTER_KEY=x"], "secrets.masterKey"),
    ],
)
def test_invalid_combinations_fail(helm, args, expected):
    res = helm.template_raw(*args)
    assert res.returncode != 0
    assert expected in res.stderr, res.stderr


def test_schema_accepts_valid_variants(helm):
    ok = [
        ["--set", "replicaCount=0"],
        ["--set", "image.repository=registry.local:5000/team/di-gateway", "--set", "image.tag=0.1.0-rc1"],
        ["--set", "redis.mode=external", "--set", "redis.existingSecret=r", "--set", "redis.existingSecretKey=u"],
        ["--set", "podDisruptionBudget.enabled=true", "--set", "podDisruptionBudget.maxUnavailable=50%"],
        ["--set", "workers=4"],
        ["--set", "livenessProbe=null"],
    ]
    for args in ok:
        res = helm.template_raw(*args)
        assert res.returncode == 0, (args, res.stderr)


def test_schema_is_valid_draft7():
    schema = json.loads((CHART / "values.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    jsonschema.Draft7Validator(schema).validate(values)
    # every top-level value is described by the schema (additionalProperties is false)
    assert set(values) <= set(schema["properties"])


# Values whose children are Kubernetes objects or free-form data: their own keys need no comment.
OPAQUE = {"config", "podSecurityContext", "securityContext", "resources", "startupProbe", "livenessProbe",
          "readinessProbe", "strategy", "hosts"}


def test_every_values_key_has_a_comment():
    text = (CHART / "values.yaml").read_text()
    lines = text.splitlines()
    missing = []

    def walk(node, path):
        if not isinstance(node, yaml.MappingNode):
            return
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line
            prev = line - 1
            while prev >= 0 and not lines[prev].strip():
                prev -= 1
            if prev < 0 or not lines[prev].lstrip().startswith("#"):
                missing.append(".".join([*path, key]))
            if key not in OPAQUE:
                walk(value_node, [*path, key])

    walk(yaml.compose(text), [])
    assert not missing, f"values.yaml keys without a comment: {missing}"


def test_chart_metadata():
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    assert chart["apiVersion"] == "v2" and chart["type"] == "application"
    pyproject = (CHART.parents[1] / "pyproject.toml").read_text()
    assert chart["appVersion"] == tomllib.loads(pyproject)["project"]["version"]
