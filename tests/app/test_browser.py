"""App mode end to end: Voilà (``python -m quizkit.app``, preheated kernels) in headless Chromium.

A cadre lands on the course home, registers, opens the lesson, answers right and wrong, reads the
feedback with its citation, goes back home and sees the lesson's progress, opens the 错题本; on a
1280×800 laptop and a 375×812 phone with touch. Then the exam by join code from the home page through to 交卷. Every page:
nothing scrolls sideways at 375 px, no Latin word is shown (no English Voilà or Jupyter text), no
code. Screenshots under test-output/app/.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quizkit.bank import load_bank
from quizkit.learner.identity import stable_cadre_id
from quizkit.sessions import create_session
from quizkit.sessions.rules import SessionRules
from quizkit.store import open_store
from tests.app.app_harness import (
    AppServer,
    app_page,
    latin_words,
    launch_chromium,
    make_app_project,
    page_ready,
    screenshot,
    sideways_overflow,
)
from tests.widgets.jupyter_harness import PROJECT
from tests.widgets.lesson_project import LESSON_ID, project_env
from tests.widgets.sessions.conftest import PAPER

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CODE = "K7Q2"
NAMES = {"laptop": ("张三", "城关镇"), "phone": ("李四", "河西镇")}
STEM_COLOUR = "getComputedStyle(document.querySelector('.qk-q-t-single .qk-stem')).color"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, playwright: Any) -> Iterator[AppServer]:
    root = make_app_project(tmp_path_factory.mktemp("app") / "project")
    env = project_env(root)
    with open_store(env["QUIZKIT_DB_URL"]) as store:
        create_session(
            store,
            load_bank(Path(env["QUIZKIT_BANK"])),
            title="学法考试（测试）",
            rules=SessionRules.model_validate(
                {"paper": {"questions": PAPER}, "duration_minutes": 30, "seed": "app"}
            ),
            code=CODE,
        )
    server = AppServer(root)
    server.start()
    try:
        server.wait_for_pools(4)  # home, lesson, exam, 错题本
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(playwright: Any) -> Iterator[Any]:
    handle = launch_chromium(playwright)
    try:
        yield handle
    finally:
        handle.close()


def shots(request: pytest.FixtureRequest) -> Path:
    folder = PROJECT / "test-output" / "app" / request.node.name.replace("[", "-").rstrip("]")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def press(page: Any, locator: Any, device: str) -> None:
    """A finger on the phone, the mouse on the laptop."""
    if device == "phone":
        locator.tap()
    else:
        locator.click()


def check_page(page: Any, device: str, folder: Path, name: str) -> None:
    """What every page owes a cadre; then a screenshot of the whole page."""
    assert latin_words(page) == [], name
    assert page.locator(".jp-InputArea-editor:visible, .jp-InputPrompt:visible").count() == 0
    if device == "phone":
        assert sideways_overflow(page) == [], name
    screenshot(page, folder / f"{name}.png")


def sign_in(page: Any, device: str, name: str, unit: str) -> None:
    """Register on the home page (switching from whoever this machine remembered)."""
    form = page.locator(".qk-form")
    if not form.is_visible():
        press(page, page.locator(".qk-identity").get_by_role("button", name="切换"), device)
    form.get_by_label("姓名").fill(name)
    form.get_by_label("单位").fill(unit)
    press(page, form.get_by_role("button", name="确定"), device)


@pytest.mark.parametrize("device", ["laptop", "phone"])
def test_home_lesson_feedback_and_back_home(
    app: AppServer, browser: Any, device: str, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    folder = shots(request)
    name, unit = NAMES[device]
    with app_page(browser, device) as page:
        page.goto(app.url())  # the bare address leads to the course home
        page_ready(page)
        assert page.url.endswith("/voila/render/home.ipynb")
        expect(page).to_have_title("课程首页")
        check_page(page, device, folder, "1-home-first-visit")
        sign_in(page, device, name, unit)
        expect(page.get_by_text(f"当前学员：{name}（{unit}）")).to_be_visible()
        lesson = page.locator(f"a.qk-lesson[data-lesson='{LESSON_ID}']")
        expect(lesson).to_contain_text("未开始")
        check_page(page, device, folder, "2-home-registered")

        press(page, lesson, device)
        page_ready(page)
        single = page.locator(".qk-q-t-single")
        expect(single.get_by_label("C．二十日")).to_be_enabled(timeout=60_000)
        expect(page.get_by_text(f"当前学员：{name}（{unit}）")).to_be_visible()
        check_touch_targets(page, device)
        check_wide_table(page)
        press(page, single.get_by_label("C．二十日"), device)
        press(page, single.get_by_role("button", name="提交"), device)
        expect(single.get_by_text("回答正确（得 2 分）")).to_be_visible()
        expect(single.get_by_text("依据：《行政许可法》第四十二条：“二十日内”")).to_be_visible()
        judge = page.locator(".qk-q-t-judge")
        press(page, judge.get_by_label("错"), device)
        press(page, judge.get_by_role("button", name="提交"), device)
        expect(judge.get_by_text("回答错误（得 0 分，满分 2 分）")).to_be_visible()
        expect(judge.get_by_text("正确答案：对")).to_be_visible()
        check_page(page, device, folder, "3-lesson-feedback")

        press(page, page.get_by_role("link", name="‹ 返回课程首页"), device)
        page_ready(page)
        lesson = page.locator(f"a.qk-lesson[data-lesson='{LESSON_ID}']")
        expect(lesson).to_contain_text("学习中")
        expect(lesson).to_contain_text("测验：答对 1 题 / 共 5 题")
        check_page(page, device, folder, "4-home-progress")

        press(page, page.locator("a.qk-lesson", has_text="错题本"), device)
        page_ready(page)
        expect(page.locator(".qk-title", has_text="错题本")).to_be_visible()
        mistake = page.locator(".qk-board tr", has_text="行政许可法")  # the lesson's wrong 判断
        expect(mistake).to_contain_text("负责人批准可以延长十日")
        expect(page.get_by_text(f"当前学员：{name}（{unit}）").first).to_be_visible()
        check_page(page, device, folder, "5-mistakes")

    cadre = stable_cadre_id(name, unit)
    with open_store(project_env(app.root)["QUIZKIT_DB_URL"]) as store:
        (attempt,) = store.attempts_for(cadre)
        answers = store.answers_for_attempt(attempt.id)
    assert attempt.lesson == LESSON_ID
    assert {(a.question_id, a.correct) for a in answers} == {("t-single", True), ("t-judge", False)}


def check_touch_targets(page: Any, device: str) -> None:
    """Options are full-width targets at least 44 px high, their text at least 16 px."""
    options = page.locator(".qk-q-t-single .widget-radio-box label")
    card = page.locator(".qk-q-t-single").bounding_box()
    for index in range(options.count()):
        box = options.nth(index).bounding_box()
        assert box["height"] >= 44, box
        assert box["width"] >= 0.9 * card["width"], (box, card)
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.qk-q-t-single .widget-radio-box label')).fontSize)"
    )
    body = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.jp-RenderedMarkdown p')).fontSize)"
    )
    assert size >= 16 and body >= 16, (size, body)
    if device == "laptop":  # a readable column, not the whole 1280 px
        column = page.locator(".qk-app-page").bounding_box()
        assert column["width"] <= 800, column


def check_wide_table(page: Any) -> None:
    """A lesson table wider than the column scrolls inside its own box."""
    widths = page.evaluate(
        "(() => { const t = document.querySelector('.jp-RenderedMarkdown table');"
        " return [t.scrollWidth, t.clientWidth, document.querySelector('.qk-app-page').clientWidth]; })()"
    )
    table_content, table_box, column = widths
    assert table_box <= column, widths
    if page.viewport_size["width"] < 500:
        assert table_content > table_box, widths  # wider than a phone: it scrolls, the page not


def test_exam_by_join_code_through_hand_in(
    app: AppServer, browser: Any, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    folder = shots(request)
    with app_page(browser, "phone") as page:
        page.goto(app.url())
        page_ready(page)
        sign_in(page, "phone", "王五", "城关镇")
        expect(page.get_by_text("当前学员：王五（城关镇）")).to_be_visible()
        page.get_by_placeholder("如：K7Q2").fill(CODE.lower())
        check_page(page, "phone", folder, "1-home-exam-code")
        page.get_by_role("button", name="进入考试").tap()
        page_ready(page)
        exam = page.locator(".qk-exam")
        expect(exam).to_be_visible(timeout=60_000)
        expect(exam.locator(".qk-clock")).to_contain_text("剩余时间 ")
        shown = exam.locator(".qk-question:visible")
        shown.get_by_label("C．二十日").tap()
        exam.get_by_role("button", name="下一题").tap()
        shown.get_by_label("A．甲").tap()
        shown.get_by_label("C．丙").tap()
        check_page(page, "phone", folder, "2-exam-paper")
        exam.get_by_role("button", name="交卷").tap()
        expect(exam.get_by_text("交卷后不能再修改，确定交卷吗？", exact=False)).to_be_visible()
        exam.get_by_role("button", name="确定交卷").tap()
        expect(page.locator(".qk-result")).to_contain_text("得分 4 / 10（百分制 40）")
        assert page.locator(".qk-result").inner_text().count("不合格") == 1  # band only, once
        check_page(page, "phone", folder, "3-exam-result")

    cadre = stable_cadre_id("王五", "城关镇")
    deadline = time.monotonic() + 20
    with open_store(project_env(app.root)["QUIZKIT_DB_URL"]) as store:
        while True:
            (attempt,) = store.attempts_for(cadre)
            if attempt.status == "submitted" or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert (attempt.kind, attempt.status, attempt.quiz_id) == (
        "exam",
        "submitted",
        f"session-{CODE}",
    )


def test_dark_device_gets_the_dark_theme(
    app: AppServer, browser: Any, request: pytest.FixtureRequest
) -> None:
    folder = shots(request)
    colours = {}
    for dark in (False, True):
        with app_page(browser, "laptop", dark=dark) as page:
            page.goto(app.url("lesson.ipynb"))
            page_ready(page)
            page.wait_for_selector(".qk-q-t-single .qk-stem")
            colours[dark] = page.evaluate(STEM_COLOUR)
            theme = page.evaluate("document.body.dataset.jpThemeLight")
            assert theme == json.dumps(not dark)
            check_page(page, "laptop", folder, "dark" if dark else "light")
    assert luminance(colours[False]) < 0.3 < 0.7 < luminance(colours[True])


def luminance(css_colour: str) -> float:
    numbers = [float(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")]
    red, green, blue = numbers[:3]
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_errors_are_one_chinese_sentence_never_a_traceback(
    app: AppServer, browser: Any, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    folder = shots(request)
    with app_page(browser, "phone") as page:
        page.goto(app.url("broken.ipynb"))
        page.wait_for_selector("#rendered_cells:not([style*='none'])", timeout=90_000)
        expect(page.locator(".qk-app-error")).to_have_text(
            "这部分内容暂时无法显示。请刷新页面；如果仍然不行，请联系培训老师。"
        )
        check_page(page, "phone", folder, "cell-error")
        response = page.goto(app.url("no-such-lesson.ipynb"))
        assert response is not None and response.status == 404
        expect(page.get_by_role("heading", name="找不到这个页面")).to_be_visible()
        check_page(page, "phone", folder, "not-found")
