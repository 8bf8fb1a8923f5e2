"""End to end in a real JupyterLab (zh_CN) and headless Chromium: a cadre opens a lesson and answers.

The session's JupyterLab server and Chromium (tests/widgets/conftest.py); the module's own temporary
project under the server's folder (tiny bank, one lesson notebook, its own SQLite store), so neither the
real courses/ nor results/ are touched.
"""

from __future__ import annotations

import json
import re
import urllib.request
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
from tests.widgets.lesson_project import LESSON_ID, NOTEBOOK, QUIZ_ID, make_project, project_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CADRE = stable_cadre_id("张三", "城关镇")
STEM_COLOUR = "getComputedStyle(document.querySelector('.qk-q-t-single .qk-stem')).color"


def output_dir(request: pytest.FixtureRequest) -> Path:
    folder = Path(__file__).resolve().parents[2] / "test-output" / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def project(lab: LabServer) -> Path:
    return make_project(lab_project(lab, "browser"))


def shutdown_kernels(server: LabServer) -> None:
    """What a restart or a new day does to the kernel: nothing of it is left in memory."""
    base = f"{server.base}/api/kernels"
    with urllib.request.urlopen(f"{base}?token={server.token}") as response:
        kernels = json.load(response)
    for kernel in kernels:
        url = f"{base}/{kernel['id']}?token={server.token}"
        urllib.request.urlopen(urllib.request.Request(url, method="DELETE")).close()


def test_cadre_identifies_answers_and_sees_feedback(
    lab: LabServer, chromium: Any, project: Path, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    with browser_page(chromium, height=2200) as page:
        open_notebook(page, lab, notebook_path(lab, project, NOTEBOOK))
        # dev.py's language-pack override is in force: JupyterLab itself speaks Chinese
        expect(page.locator(".jp-StatusBar-TextItem", has_text="| 空闲")).to_be_visible()
        expect(page.locator(".lm-MenuBar-itemLabel", has_text="运行")).to_be_visible()
        run_all(page)

        form = page.locator(".qk-form")
        form.get_by_label("姓名").fill("张三")
        form.get_by_label("单位").fill("城关镇")
        form.get_by_role("button", name="确定").click()
        expect(page.get_by_text("当前学员：张三（城关镇）")).to_be_visible()

        single = page.locator(".qk-q-t-single")
        single.get_by_label("C．二十日").check()
        single.get_by_role("button", name="提交").click()
        expect(single.get_by_text("回答正确（得 2 分）")).to_be_visible()
        expect(single.get_by_text("依据：《行政许可法》第四十二条：“二十日内”")).to_be_visible()

        judge = page.locator(".qk-q-t-judge")
        judge.get_by_label("错").check()
        judge.get_by_role("button", name="提交").click()
        expect(judge.get_by_text("回答错误（得 0 分，满分 2 分）")).to_be_visible()
        expect(judge.get_by_text("正确答案：对")).to_be_visible()

        # keyboard only: Tab to the option, Space to choose, Tab to 提交, Enter
        case = page.locator(".qk-q-t-case-1")
        case.locator("input[type=radio]").first.focus()
        for key in ("Tab", "Space", "Tab", "Enter"):
            page.keyboard.press(key)
        expect(case.get_by_text("回答正确（得 2 分）")).to_be_visible()
        expect(page.locator(".qk-progress")).to_contain_text(
            "第 2 题 / 共 5 题　已答 3 题　答对 2 题"
        )
        expect(page.locator(".qk-case")).to_have_count(1)
        page.screenshot(path=str(output_dir(request) / "quiz-light.png"))

    store = open_store(project_env(project)["QUIZKIT_DB_URL"])
    try:
        rows = store.latest_answers(CADRE, QUIZ_ID)
        (attempt,) = store.attempts_for(CADRE, quiz_id=QUIZ_ID)
    finally:
        store.close()
    assert {qid: (row.response, row.correct) for qid, row in rows.items()} == {
        "t-single": ("C", True),
        "t-judge": (False, False),
        "t-case-1": (False, True),
    }
    assert (attempt.kind, attempt.lesson) == ("practice", LESSON_ID)


def test_reopened_lesson_shows_earlier_answers_in_the_dark_theme(
    lab: LabServer, chromium: Any, project: Path, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    shutdown_kernels(lab)
    with browser_page(chromium, height=2200) as page:
        open_notebook(page, lab, notebook_path(lab, project, NOTEBOOK))
        run_all(page)
        expect(page.get_by_text("当前学员：张三（城关镇）")).to_be_visible()  # remembered
        single = page.locator(".qk-q-t-single")
        expect(single.get_by_text("回答正确（得 2 分）")).to_be_visible()
        expect(single.get_by_label("C．二十日")).to_be_checked()
        expect(single.get_by_label("C．二十日")).to_be_disabled()
        expect(page.locator(".qk-progress")).to_contain_text("已答 3 题　答对 2 题")
        light = page.evaluate(STEM_COLOUR)

        page.locator(".lm-MenuBar-itemLabel", has_text="设置").click()
        page.locator(".lm-Menu-item", has_text=re.compile(r"^主题")).first.hover()
        themes = page.locator("li[data-command='apputils:change-theme']")
        themes.filter(has_text=re.compile("Dark|暗")).first.click()
        page.wait_for_function("document.body.dataset.jpThemeLight === 'false'")
        page.wait_for_function(f"{STEM_COLOUR} !== {json.dumps(light)}")
        dark = page.evaluate(STEM_COLOUR)
        page.screenshot(path=str(output_dir(request) / "quiz-dark.png"))
    assert luminance(light) < 0.3 < 0.7 < luminance(dark)  # dark text on light, light on dark


def luminance(css_colour: str) -> float:
    """0 (black) … 1 (white) for an rgb()/rgba() colour."""
    numbers = [float(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")]
    red, green, blue = numbers[:3]
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
