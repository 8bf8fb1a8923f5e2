"""Check quizkit's Helm values against the jupyterhub chart's own schema, as ``helm`` would.

Helm validates the chart's defaults merged with the given values against ``values.schema.json``;
this does the same with the chart's ``values.yaml`` and ``values.schema.yaml`` (or ``.json``)
read from a chart folder, e.g. a checkout of the zero-to-jupyterhub-k8s repository::

    python deploy/z2jh/validate_values.py --chart path/to/zero-to-jupyterhub-k8s/jupyterhub \
        deploy/z2jh/values.yaml

Exit 0 and "valid" when the merged values pass; otherwise every error with its path, exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml


def merged(base: Any, override: Any) -> Any:
    """Helm's merge: maps merge key by key, anything else is replaced."""
    if isinstance(base, dict) and isinstance(override, dict):
        result = dict(base)
        for key, value in override.items():
            result[key] = merged(base.get(key), value) if key in base else value
        return result
    return override


def read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def schema_of(chart: Path) -> Any:
    for name in ("values.schema.json", "values.schema.yaml"):
        if (chart / name).is_file():
            return read(chart / name)
    raise SystemExit(f"{chart} has no values.schema.json or values.schema.yaml")


def problems(chart: Path, values: Path) -> list[str]:
    document = merged(read(chart / "values.yaml"), read(values))
    validator = jsonschema.Draft7Validator(schema_of(chart))
    found = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chart", type=Path, required=True, help="the jupyterhub chart folder")
    parser.add_argument("values", type=Path, nargs="+")
    args = parser.parse_args(argv)
    failed = False
    for values in args.values:
        found = problems(args.chart, values)
        failed = failed or bool(found)
        print(f"{values}: " + ("valid" if not found else f"{len(found)} problem(s)"))
        for line in found:
            print("  " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
