"""A new cadre on the real hub in headless Chromium: sign in, change the password, land on the course
home (not a 404), open a lesson, answer, back home the lesson shows 学习中, the 错题本 lists the
mistake — every page in the cadre's own kernel, which cannot read the question bank.

The hub of tests/hub/conftest.py (proxy, the grading service, PostgreSQL, one OS user per cadre, the
project's courses/ linked into each home). The cadre is this module's own.
"""

from __future__ import annotations

import secrets
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quizkit.bank import Bank, load_bank
from quizkit.bank.course import load_course
from quizkit.hub.accounts import Person, issue
from quizkit.hub.layout import ACCOUNTS_FILE
from quizkit.hub.osusers import DEFAULT_GROUP, is_ours
from quizkit.project import Project
from quizkit.question_types import option_text
from quizkit.records import CadreRecord
from tests.hub.conftest import RunningHub, hub_browser, running_hub  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

NAME, UNIT = "吴六", "城关镇"
SERVER_SECONDS = 180
LESSON = "01-administrative-licensing"


@pytest.fixture(scope="module")
def cadre(running_hub: RunningHub) -> Iterator[tuple[str, str]]:  # noqa: F811
    """A cadre of this module on the roster with an account: (login, printed password)."""
    login = f"qkh{secrets.token_hex(2)}"
    (issued,) = issue(running_hub.hub_dir / ACCOUNTS_FILE, [Person(login, NAME, UNIT)])
    store = Project.open(running_hub.project, db_url=running_hub.db_url).store()
    try:
        store.upsert_cadre(CadreRecord(id=f"H{login}", name=NAME, unit=UNIT, login=login))
    finally:
        store.close()
    try:
        yield login, issued.password
    finally:
        try:
            token = running_hub.token(login, running_hub.changed.get(login, issued.password))
            running_hub.api("DELETE", f"/hub/api/users/{login}/server", token)
            time.sleep(2)
        finally:
            if is_ours(login, DEFAULT_GROUP):
                subprocess.run(["userdel", "-r", login], capture_output=True, check=False)


def first_singles(bank: Bank, quiz_id: str, count: int) -> list[str]:
    ids = [q for q in bank.quizzes[quiz_id].questions if q in bank.entries]
    return [q for q in ids if bank.question(q).type == "single"][:count]


def test_a_new_cadre_lands_on_the_course_home_studies_a_lesson_and_sees_the_mistake_book(
    running_hub: RunningHub,  # noqa: F811
    hub_browser: Any,  # noqa: F811
    cadre: tuple[str, str],
) -> None:
    from playwright.sync_api import expect

    hub, (login, initial) = running_hub, cadre
    bank = load_bank(hub.project / "question_bank")  # the test reads it as root; the cadre cannot
    course = load_course(hub.project / "courses")
    right, wrong = first_singles(bank, "xk-basics", 2)

    context = hub_browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1600})
    try:
        page = context.new_page()
        page.goto(hub.url + "/hub/login")
        page.fill("#username_input", login)
        page.fill("#password_input", initial)
        page.click("#login_submit")
        page.wait_for_url("**/hub/change-password", timeout=30_000)
        new = "新密码-" + secrets.token_hex(4)
        page.fill("#current_password", initial)
        page.fill("#new_password", new)
        page.fill("#confirm_password", new)
        page.click("#change_password_submit")
        hub.changed[login] = new
        page.wait_for_url(f"**/user/{login}/voila/render/home.ipynb", timeout=SERVER_SECONDS * 1000)

        # the course home, in the cadre's own kernel: name, lessons in Chinese, no 404
        home = page.locator(".qk-home")
        expect(home).to_contain_text(f"当前学员：{NAME}", timeout=120_000)
        expect(home).to_contain_text(course.title)
        lessons = page.locator("a.qk-lesson[data-lesson]")
        expect(lessons).to_have_count(len(course.lessons))
        first = page.locator(f'a.qk-lesson[data-lesson="{LESSON}"]')
        expect(first).to_contain_text("行政许可法")
        expect(first).to_contain_text("未开始")
        expect(first).to_contain_text("尚未作答")
        assert "找不到这个页面" not in page.content()

        # a lesson page: answer one question right and one wrong, with the service's feedback
        first.click()
        page.wait_for_url(f"**/voila/render/{LESSON}.ipynb", timeout=60_000)
        for question_id, verdict in ((right, "回答正确"), (wrong, "回答错误")):
            question = bank.question(question_id)
            assert isinstance(question.answer, str)
            label = question.answer
            if question_id == wrong:
                label = next(k for k in question.options or {} if k != question.answer)
            card = page.locator(f".qk-q-{question_id}").first
            card.get_by_label(option_text(question, label), exact=True).check(timeout=120_000)
            card.get_by_role("button", name="提交").click()
            expect(card).to_contain_text(verdict, timeout=60_000)

        # back home: the lesson is under way, one answered right
        page.get_by_role("link", name="‹ 返回课程首页").click()
        page.wait_for_url("**/voila/render/home.ipynb", timeout=60_000)
        first = page.locator(f'a.qk-lesson[data-lesson="{LESSON}"]')
        expect(first).to_contain_text("学习中", timeout=120_000)
        expect(first).to_contain_text("答对 1 题")

        # the 错题本: the wrong question's stem (from the service, without keys) and its practice
        page.get_by_role("link", name="错题本").first.click()
        page.wait_for_url("**/voila/render/exam/mistakes.ipynb", timeout=60_000)
        book = page.locator(".quizkit").first
        stem = bank.question(wrong).stem
        expect(book).to_contain_text(stem[:15], timeout=120_000)
        expect(book).to_contain_text("行政许可法")  # 出处: the lesson's title
        expect(page.locator(f".qk-q-{wrong}")).to_be_visible()
        html = page.content()
        assert bank.question(wrong).explanation not in html  # no key before an answer
        assert "这部分内容暂时无法显示" not in html
    finally:
        context.close()

    home_dir = hub.home_root / login
    assert (home_dir / "home.ipynb").is_symlink()
    assert (
        Path(str((home_dir / "home.ipynb").resolve()))
        == (hub.project / "courses" / "home.ipynb").resolve()
    )
