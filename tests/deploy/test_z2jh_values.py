"""The Zero to JupyterHub values: they name quizkit's real classes, command and variables, keep
secrets out of the hub's database, and the validator (Helm's merge, then the chart's schema) finds
what is wrong."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizkit.hub.layout import SERVICE_NAME, SERVICE_URL_VARIABLE
from tests.conftest import PROJECT

DEPLOY = PROJECT / "deploy" / "z2jh"


def validator() -> Any:
    spec = importlib.util.spec_from_file_location("validate_values", DEPLOY / "validate_values.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["validate_values"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def values() -> Any:
    return yaml.safe_load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))


def test_the_values_name_quizkits_own_parts(values: Any) -> None:
    from quizkit.hub.authenticator import RosterAuthenticator

    config = values["hub"]["config"]
    module, _, name = config["JupyterHub"]["authenticator_class"].rpartition(".")
    assert getattr(importlib.import_module(module), name) is RosterAuthenticator
    assert config["JupyterHub"]["extra_user_scopes"] == [f"access:services!service={SERVICE_NAME}"]
    service = values["hub"]["services"][SERVICE_NAME]
    assert service["command"][1:5] == ["-m", "quizkit", "serve", "--secrets"]
    secrets = values["hub"]["extraFiles"]["quizkit-service"]
    assert secrets["mountPath"] == service["command"][5]
    assert "db_url" in secrets["stringData"] and secrets["mode"] == 0o400
    assert set(service["environment"]) == {"QUIZKIT_ROOT"}  # nothing secret in the hub db
    assert SERVICE_URL_VARIABLE in values["singleuser"]["extraEnv"]
    assert "PrepareServer" in values["hub"]["extraConfig"]["quizkit"]


def test_idle_servers_are_culled_and_each_cadre_is_limited(values: Any) -> None:
    assert values["cull"]["enabled"] is True and values["cull"]["users"] is False
    assert values["singleuser"]["memory"]["limit"] and values["singleuser"]["cpu"]["limit"]
    assert values["hub"]["db"]["type"] == "postgres"


def test_helm_merge_replaces_lists_and_merges_maps() -> None:
    merged = validator().merged(
        {"a": {"b": 1, "c": [1, 2]}, "d": 1}, {"a": {"c": [3], "e": None}, "f": 2}
    )
    assert merged == {"a": {"b": 1, "c": [3], "e": None}, "d": 1, "f": 2}


def test_the_validator_checks_merged_values_against_the_schema(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "values.yaml").write_text("cull:\n  enabled: false\n  timeout: 3600\n", "utf-8")
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["cull"],
        "properties": {
            "cull": {
                "type": "object",
                "additionalProperties": False,
                "required": ["enabled"],
                "properties": {"enabled": {"type": "boolean"}, "timeout": {"type": "integer"}},
            }
        },
    }
    (chart / "values.schema.json").write_text(json.dumps(schema), "utf-8")
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("cull:\n  enabled: true\n", "utf-8")
    bad.write_text("cull:\n  timout: 60\n  enabled: yes-please\n", "utf-8")
    module = validator()
    assert module.problems(chart, good) == []
    assert module.problems(chart, bad) == [
        "cull: Additional properties are not allowed ('timout' was unexpected)",
        "cull.enabled: 'yes-please' is not of type 'boolean'",
    ]
    assert module.main(["--chart", str(chart), str(good)]) == 0
    assert module.main(["--chart", str(chart), str(bad)]) == 1
