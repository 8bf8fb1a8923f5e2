"""End to end in a real JupyterLab and headless Chromium: the trainer watches, a cadre sits the exam.

The trainer's live view is open first (refreshing every second); the cadre joins with the code, answers
(every choice autosaved), marks a question, hands in; the score then appears on the trainer's board by
itself. The session's JupyterLab and Chromium (tests/widgets/conftest.py); the module's own temporary
project under the server's folder (the widgets' tiny bank), its own SQLite store.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from quizkit.bank import load_bank
from quizkit.learner.identity import stable_cadre_id
from quizkit.sessions import create_session
from quizkit.sessions.rules import SessionRules
from quizkit.store import StoredAnswer, open_store
from tests.widgets.jupyter_harness import (
    LabServer,
    browser_page,
    lab_project,
    notebook_path,
    open_notebook,
    run_all,
)
from tests.widgets.lesson_project import make_project, project_env, write_notebook
from tests.widgets.sessions.conftest import PAPER

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CADRE = stable_cadre_id("张三", "城关镇")


def output_dir(request: pytest.FixtureRequest) -> Path:
    folder = Path(__file__).resolve().parents[3] / "test-output" / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def project(lab: LabServer) -> Path:
    root = make_project(lab_project(lab, "exam-browser"))
    write_notebook(root / "courses" / "exam.ipynb", ['import quizkit\nquizkit.join("K7Q2")'])
    write_notebook(
        root / "courses" / "live.ipynb", ['import quizkit\nquizkit.live("K7Q2", every=1)']
    )
    env = project_env(root)
    with open_store(env["QUIZKIT_DB_URL"]) as store:
        create_session(
            store,
            load_bank(Path(env["QUIZKIT_BANK"])),
            title="学法考试（测试）",
            rules=SessionRules.model_validate(
                {"paper": {"questions": PAPER}, "duration_minutes": 30, "seed": "browser"}
            ),
            code="K7Q2",
        )
    return root


def stored_answers(project: Path, count: int) -> list[StoredAnswer]:
    """The cadre's stored answers, waiting (up to 20 s) until there are ``count`` of them."""
    deadline = time.monotonic() + 20
    with open_store(project_env(project)["QUIZKIT_DB_URL"]) as store:
        while True:
            attempts = store.attempts_for(CADRE)
            rows = store.answers_for_attempt(attempts[0].id) if attempts else []
            if len(rows) >= count or time.monotonic() > deadline:
                return rows
            time.sleep(0.2)


def test_join_answer_hand_in_and_the_trainer_sees_the_score(
    lab: LabServer, chromium: Any, project: Path, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    with (
        browser_page(chromium, height=1400) as trainer,
        browser_page(chromium, height=1400) as cadre,
    ):
        open_notebook(trainer, lab, notebook_path(lab, project, "live.ipynb"))
        run_all(trainer)
        expect(trainer.get_by_text("实时看板：学法考试（测试）")).to_be_visible(timeout=30_000)
        expect(trainer.get_by_text("还没有学员加入。")).to_be_visible()

        open_notebook(cadre, lab, notebook_path(lab, project, "exam.ipynb"))
        run_all(cadre)
        form = cadre.locator(".qk-form")
        form.get_by_label("姓名").fill("张三")
        form.get_by_label("单位").fill("城关镇")
        form.get_by_role("button", name="确定").click()

        exam = cadre.locator(".qk-exam")
        expect(exam).to_be_visible(timeout=30_000)
        clock = exam.locator(".qk-clock")
        expect(clock).to_contain_text("剩余时间 ")
        first = clock.inner_text()
        expect(clock).not_to_have_text(first, timeout=10_000)  # the kernel's countdown runs

        shown = exam.locator(".qk-question:visible")
        shown.get_by_label("C．二十日").check()
        assert [(r.question_id, r.response) for r in stored_answers(project, 1)] == [
            ("t-single", "C")
        ]
        exam.get_by_role("button", name="下一题").click()
        shown.get_by_label("A．甲").check()
        shown.get_by_label("C．丙").check()
        exam.locator(".qk-sheet").get_by_role("button", name="3", exact=True).click()
        shown.get_by_label("对").check()
        exam.get_by_role("button", name="标记待查").click()
        expect(exam.locator(".qk-sheet").get_by_role("button", name="3", exact=True)).to_have_class(
            _has("mod-warning")
        )
        expect(exam.get_by_text("已答 3 / 5 题　标记待查 1 题")).to_be_visible()
        expect(trainer.locator(".qk-board")).to_contain_text("作答中", timeout=15_000)
        cadre.screenshot(path=str(output_dir(request) / "exam-paper.png"))

        exam.get_by_role("button", name="交卷").click()
        expect(
            exam.get_by_text("还有 2 题未作答，1 题标记待查。交卷后不能再修改，确定交卷吗？")
        ).to_be_visible()
        exam.get_by_role("button", name="确定交卷").click()
        expect(cadre.locator(".qk-result")).to_contain_text("得分 6 / 10（百分制 60）")
        cadre.screenshot(path=str(output_dir(request) / "exam-result.png"))

        board = trainer.locator(".qk-board")
        expect(board).to_contain_text("已交卷", timeout=15_000)  # refreshed by itself
        expect(board).to_contain_text("张三")
        expect(trainer.locator(".qk-figures")).to_contain_text("平均分 60")
        expect(trainer.locator(".qk-rates")).to_contain_text("t-single")
        trainer.screenshot(path=str(output_dir(request) / "trainer-live.png"))

    rows = stored_answers(project, 4)
    latest = {row.question_id: row for row in rows}
    assert len(rows) == 4  # every choice is a row: single, two ticks of the 多选, the judge
    assert {q: (r.response, r.correct) for q, r in latest.items()} == {
        "t-single": ("C", True),
        "t-multi": (("A", "C"), True),
        "t-judge": (True, True),
    }
    with open_store(project_env(project)["QUIZKIT_DB_URL"]) as store:
        (attempt,) = store.attempts_for(CADRE)
    assert (attempt.kind, attempt.status, attempt.quiz_id) == ("exam", "submitted", "session-K7Q2")


def _has(css_class: str) -> Any:
    import re

    return re.compile(rf"(^|\s){css_class}(\s|$)")
