"""A 填空 question answered in a lesson in a real JupyterLab (zh_CN) and headless Chromium.

The learner types into the blanks' text boxes (the second blank in full-width digits and with a
trailing 。, which matching ignores), presses 提交, and reads the verdict, the accepted answers and
the article; the answer reaches the store with the blanks in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizkit.learner.identity import stable_cadre_id
from quizkit.store import open_store
from tests.widgets.jupyter_harness import (
    LabServer,
    browser_page,
    lab_project,
    notebook_path,
    open_notebook,
    run_all,
)
from tests.widgets.lesson_project import FILL_CELL, LESSON_ID, NOTEBOOK, make_project, project_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CADRE = stable_cadre_id("王五", "西镇")


@pytest.fixture(scope="module")
def project(lab: LabServer) -> Path:
    return make_project(lab_project(lab, "fill-browser"), cells=[FILL_CELL])


def output_dir(request: pytest.FixtureRequest) -> Path:
    folder = Path(__file__).resolve().parents[2] / "test-output" / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_cadre_fills_in_the_blanks_and_sees_the_accepted_answers(
    lab: LabServer, chromium: Any, project: Path, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    with browser_page(chromium, height=1600) as page:
        open_notebook(page, lab, notebook_path(lab, project, NOTEBOOK))
        run_all(page)
        form = page.locator(".qk-form")
        form.get_by_label("姓名").fill("王五")
        form.get_by_label("单位").fill("西镇")
        form.get_by_role("button", name="确定").click()
        expect(page.get_by_text("当前学员：王五（西镇）")).to_be_visible()

        card = page.locator(".qk-q-t-fill")
        expect(card.locator(".qk-head")).to_have_text("第 1 题 · 填空题 · 2 分")
        expect(card.locator(".qk-stem")).to_contain_text("（1）＿＿＿＿日内作出行政许可决定")
        card.get_by_role("button", name="提交").click()
        expect(card.get_by_text("请先填写答案，再点击“提交”。")).to_be_visible()

        card.get_by_label("第 1 空").fill("二十")
        card.get_by_label("第 2 空").fill("１０。")  # wrong: the article says 十日, not 10
        card.get_by_role("button", name="提交").click()
        expect(card.get_by_text("回答错误（得 0 分，满分 2 分）")).to_be_visible()
        expect(card.get_by_text("你的答案：（1）二十；（2）１０。")).to_be_visible()
        expect(card.get_by_text("正确答案：（1）二十；（2）十 或 十日")).to_be_visible()
        expect(card.get_by_text("依据：《行政许可法》第四十二条：“二十日内”")).to_be_visible()
        expect(card.get_by_label("第 1 空")).to_be_disabled()

        # 错题重练: the wrong question comes back empty; this time typed with spaces and a 。
        page.get_by_role("button", name="错题重练").click()
        expect(card.get_by_label("第 2 空")).to_be_enabled()
        card.get_by_label("第 1 空").fill(" 二十 ")
        card.get_by_label("第 2 空").fill("十日。")
        card.get_by_label("第 2 空").press("Enter")
        card.get_by_role("button", name="提交").click()
        expect(card.get_by_text("回答正确（得 2 分）")).to_be_visible()
        page.screenshot(path=str(output_dir(request) / "fill-lesson.png"))

    store = open_store(project_env(project)["QUIZKIT_DB_URL"])
    try:
        attempts = store.attempts_for(CADRE)
        answers = [a for attempt in attempts for a in store.answers_for_attempt(attempt.id)]
    finally:
        store.close()
    assert [(a.response, a.correct, a.score) for a in answers] == [
        (("二十", "１０。"), False, 0.0),
        (("二十", "十日。"), True, 2.0),
    ]
    assert {(a.kind, a.lesson) for a in attempts} == {("practice", LESSON_ID), ("retry", LESSON_ID)}
