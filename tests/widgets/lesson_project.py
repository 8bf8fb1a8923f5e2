"""A tiny quizkit project in a temporary folder: a test bank, a course and one lesson notebook.

Used by the widget unit tests, the headless notebook test, the browser test and
benchmarks/lesson_open.py, so none of them depends on the real bank, courses or results/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from tests.factories import fill_data, judge_data, multiple_data, question_data, write_bank

QUIZ_ID = "t-basics"
LESSON_ID = "01-test-licensing"
NOTEBOOK = "lesson.ipynb"
QUIZ_CELL = f'import quizkit\nquizkit.quiz("{QUIZ_ID}")'
# 填空 (t-fill) is in the bank but in no named quiz (so no lesson plan changes): asked for by id
FILL_CELL = 'import quizkit\nquizkit.quiz(ids=["t-fill"], title="填空练习")'


def bank_questions() -> list[dict[str, Any]]:
    """单选 (answer C), 多选 (A, C), 判断 (对), a case group with two sub-questions, and 填空 (二十; 十)."""
    case = {
        "id": "t-case",
        "type": "case",
        "title": "案例：镇便民服务中心",
        "scenario": "某镇便民服务中心窗口收到村民王某的许可申请，材料不齐全。",
        "questions": [
            judge_data(
                id="t-case-1",
                stem="窗口工作人员可以直接以材料不齐为由不予受理，无需告知需补正的内容。",
                answer=False,
            ),
            question_data(
                id="t-case-2",
                answer="B",
                stem="应当在多少日内一次告知需要补正的全部内容？",
                options={"A": "三日", "B": "五日", "C": "十日", "D": "十五日"},
                cite={"law": "administrative-licensing", "article": 32, "quote": "五日内"},
            ),
        ],
    }
    return [
        question_data(id="t-single"),
        multiple_data(id="t-multi"),
        judge_data(id="t-judge"),
        case,
        fill_data(id="t-fill"),
    ]


def make_project(root: Path, *, cells: list[str] | None = None) -> Path:
    """Write bank, course and lesson notebook under ``root``; returns ``root``."""
    write_bank(
        root / "question_bank",
        bank_questions(),
        quizzes=[
            {
                "id": QUIZ_ID,
                "title": "测试：行政许可的期限",
                "questions": ["t-single", "t-multi", "t-judge", "t-case"],
            }
        ],
    )
    courses = root / "courses"
    courses.mkdir(parents=True, exist_ok=True)
    (courses / "course.yaml").write_text(
        "schema_version: 1\ntitle: 测试课程\nlessons:\n"
        f"  - {{id: {LESSON_ID}, title: 行政许可法, notebook: {NOTEBOOK}, hours: 1, "
        "law: administrative-licensing}\n",
        encoding="utf-8",
    )
    (root / "results").mkdir(exist_ok=True)
    write_notebook(courses / NOTEBOOK, cells or [QUIZ_CELL])
    return root


def write_notebook(path: Path, code_cells: list[str]) -> None:
    """A lesson notebook: a heading, then quiz cells as the content engineers write them."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.cells.append(
        nbformat.v4.new_markdown_cell("# 第一课 行政许可法\n\n请完成下面的随堂练习。")
    )
    for source in code_cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = ["quizkit-quiz"]
        cell.metadata["jupyter"] = {"source_hidden": True}
        notebook.cells.append(cell)
    nbformat.write(notebook, path)


def project_env(root: Path) -> dict[str, str]:
    """Environment variables pointing quizkit at the project (never at the real results/)."""
    return {
        "QUIZKIT_ROOT": str(root),
        "QUIZKIT_BANK": str(root / "question_bank"),
        "QUIZKIT_RESULTS": str(root / "results"),
        "QUIZKIT_COURSES": str(root / "courses"),
        "QUIZKIT_DB_URL": f"sqlite:///{(root / 'results' / 'quizkit.db').as_posix()}",
    }
