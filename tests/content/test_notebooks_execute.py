"""Every notebook in courses/ runs top to bottom headless (nbclient) against a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import PROJECT

NOTEBOOKS = sorted((PROJECT / "courses").rglob("*.ipynb"))


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_notebook_executes(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZKIT_ROOT", str(PROJECT))
    monkeypatch.setenv("QUIZKIT_RESULTS", str(tmp_path / "results"))
    monkeypatch.setenv("QUIZKIT_DB_URL", "sqlite:///" + (tmp_path / "quizkit.db").as_posix())
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", (path.name, output.get("ename"))
            text = json.dumps(output, ensure_ascii=False)
            assert "Traceback" not in text, path.name
