"""A lesson notebook with quizzes runs under nbclient (no browser, no front end) without an error."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from quizkit.learner.identity import Identity, IdentityMemory
from tests.widgets.lesson_project import NOTEBOOK, QUIZ_CELL, make_project, project_env

WIDGET = "application/vnd.jupyter.widget-view+json"
CELLS = [
    QUIZ_CELL,
    'quizkit.quiz(law="administrative-licensing", n=2, seed=2026, title="综合自测")',
    'exam = quizkit.quiz("t-basics", mode="exam")',
    'quizkit.quiz("no-such-quiz")',
]


@pytest.mark.slow
@pytest.mark.parametrize("remembered", [False, True], ids=["first-visit", "returning"])
def test_lesson_with_quizzes_executes_headless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, remembered: bool
) -> None:
    root = make_project(tmp_path / "project", cells=CELLS)
    for name, value in project_env(root).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    if remembered:  # the kernel runs as this OS user on this machine: it finds this learner
        memory = IdentityMemory(root / "results" / "learner.json")
        memory.remember(Identity("local-test", "张三", "城关镇"))
    path = root / "courses" / NOTEBOOK
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell in code_cells:
        kinds = [output["output_type"] for output in cell.outputs]
        assert "error" not in kinds and "stream" not in kinds, cell.source
        text = json.dumps(cell.outputs, ensure_ascii=False)
        assert "Traceback" not in text
        widgets = [output for output in cell.outputs if WIDGET in output.get("data", {})]
        assert len(widgets) == 1, (cell.source, kinds)  # displayed once, not again as the result
    shown = widget_texts(notebook)
    assert any("没有名为 no-such-quiz 的测验" in value for value in shown)
    assert any("综合自测" in value for value in shown)
    if remembered:
        assert any("当前学员：<b>张三（城关镇）</b>" in value for value in shown)
    else:
        assert any("第一次使用请登记" in value for value in shown)


def widget_texts(notebook: nbformat.NotebookNode) -> list[str]:
    """The HTML values of every widget, from the widget state nbclient saves in the notebook."""
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    return [
        model["state"]["value"]
        for model in state.values()
        if isinstance(model["state"].get("value"), str)
    ]
