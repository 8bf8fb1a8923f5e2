"""End to end on a real JupyterHub in headless Chromium: two cadres sit one exam, the trainer watches.

The hub of tests/hub/conftest.py (proxy, the grading service, PostgreSQL, one OS user per cadre; the
cadres cannot read question_bank/). Our own two cadres and a trainer (hub admin) get accounts, sign in
through the login page and change their printed passwords. Each cadre opens the exam by its join code
on an app-mode page of their own server (Voilà, where the hub lands cadres), sees their own paper —
sent by the service without keys — answers and hands in; the trainer's live board (a page on the
trainer's server, reading through the service's trainer calls) shows both; the scores are in the
store. Then a cadre answers a lesson quiz on the hub and sees the service's feedback.
"""

from __future__ import annotations

import secrets
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from quizkit.bank import Bank, load_bank
from quizkit.hub.accounts import Person, issue
from quizkit.hub.layout import ACCOUNTS_FILE
from quizkit.hub.osusers import DEFAULT_GROUP, is_ours
from quizkit.project import Project
from quizkit.question_types import option_text
from quizkit.records import CadreRecord
from quizkit.sessions import Paper, create_session
from quizkit.sessions.rules import SessionRules
from quizkit.sessions.sources import BankQuestions, PaperQuestion
from quizkit.store import Store
from tests.hub.conftest import RunningHub, hub_browser, running_hub  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

CADRES = {"a": ("孙一", "城关镇"), "b": ("周二", "河口乡")}
SERVER_SECONDS = 180


@pytest.fixture(scope="module")
def hub(running_hub: RunningHub) -> RunningHub:  # noqa: F811
    if not running_hub.with_service:
        pytest.fail("the hub fixture started without the grading service")
    return running_hub


@pytest.fixture(scope="module")
def hub_store(hub: RunningHub) -> Iterator[Store]:
    """The store as the trainer's tools open it (trainer credentials, never a cadre's)."""
    store = Project.open(hub.project, db_url=hub.db_url).store()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def hub_bank(hub: RunningHub) -> Bank:
    return load_bank(hub.project / "question_bank")


TOKENS: dict[str, str] = {}  # login → a token of their own, once signed in (to stop their server)


@pytest.fixture(scope="module")
def people(hub: RunningHub, hub_store: Store) -> Iterator[dict[str, tuple[str, str]]]:
    """Two cadres and a trainer of this module: login → (name, initial password). Afterwards their
    servers are stopped and their OS users removed."""
    tag = secrets.token_hex(2)
    cadres = {f"qke{tag}{key}": person for key, person in CADRES.items()}
    trainer = f"qke{tag}t"
    everyone = [Person(login, name, unit) for login, (name, unit) in cadres.items()]
    everyone.append(Person(trainer, "钱老师", "县司法局", role="trainer"))
    issued = issue(hub.hub_dir / ACCOUNTS_FILE, everyone)
    for login, (name, unit) in cadres.items():
        hub_store.upsert_cadre(CadreRecord(id=f"E{login}", name=name, unit=unit, login=login))
    try:
        yield {i.person.login: (i.person.name, i.password) for i in issued}
    finally:
        for login, token in TOKENS.items():
            hub.api("DELETE", f"/hub/api/users/{login}/server", token)
        time.sleep(2)
        for login in [*cadres, trainer]:
            if is_ours(login, DEFAULT_GROUP):
                subprocess.run(["userdel", "-r", login], capture_output=True, check=False)


class Person_:
    """One person signed in through Chromium: their page, login and a token of their own."""

    def __init__(self, page: Any, login: str, token: str) -> None:
        self.page, self.login, self.token = page, login, token


def sign_in(browser: Any, hub: RunningHub, login: str, initial: str, stack: ExitStack) -> Person_:
    """The login page with the printed password, then 修改密码; wait for the person's server."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1600})
    stack.callback(context.close)
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
    page.wait_for_url(f"**/user/{login}/**", timeout=SERVER_SECONDS * 1000, wait_until="commit")
    token = TOKENS[login] = hub.token(login, new)
    deadline = time.monotonic() + SERVER_SECONDS
    while (
        not hub.api("GET", f"/hub/api/users/{login}", token)
        .json()["servers"]
        .get("", {})
        .get("ready")
    ):
        assert time.monotonic() < deadline, hub.log_tail()
        time.sleep(1)
    return Person_(page, login, token)


def put_page(hub: RunningHub, person: Person_, name: str, source: str) -> str:
    """A one-cell notebook in the person's home (through their own server); its app-mode URL."""
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {},
                   "outputs": [], "source": source}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    put = hub.api(
        "PUT",
        f"/user/{person.login}/api/contents/{name}",
        person.token,
        json={"type": "notebook", "format": "json", "content": notebook},
    )
    assert put.status_code in (200, 201), (put.status_code, put.text[:300])
    return f"{hub.url}/user/{person.login}/voila/render/{name}"


def paper_for(store: Store, bank: Bank, cadre_id: str, session_id: str) -> list[PaperQuestion]:
    """The cadre's paper as the service stored it, with the keys (read with trainer credentials)."""
    (attempt,) = store.attempts_for(cadre_id, session_id=session_id)
    paper = Paper.from_json(store.attempt_paper(attempt.id) or {})
    return BankQuestions(bank).questions(attempt.id, paper)


def sit(page: Any, questions: list[PaperQuestion], right: int) -> None:
    """Answer the first ``right`` questions rightly and the others wrongly, one page at a time."""
    from playwright.sync_api import expect

    exam = page.locator(".qk-exam")
    for index, pq in enumerate(questions):
        shown = exam.locator(".qk-question:visible")
        expect(shown).to_contain_text(pq.shown.stem[:12], timeout=30_000)
        key = pq.shown.answer
        assert isinstance(key, str)
        label = key if index < right else next(k for k in pq.shown.options or {} if k != key)
        shown.get_by_label(option_text(pq.shown, label), exact=True).check()
        if index + 1 < len(questions):
            exam.get_by_role("button", name="下一题").click()
    expect(exam.get_by_text(f"已答 {len(questions)} / {len(questions)} 题")).to_be_visible()
    exam.get_by_role("button", name="交卷").click()
    exam.get_by_role("button", name="确定交卷").click()


def test_two_cadres_sit_the_exam_on_the_hub_and_the_trainer_sees_both(
    hub: RunningHub,
    hub_store: Store,
    hub_bank: Bank,
    people: dict[str, tuple[str, str]],
    hub_browser: Any,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    singles = [q.id for q in hub_bank.questions() if q.type == "single" and q.status == "active"]
    paper = singles[:4]
    session = create_session(
        hub_store,
        hub_bank,
        title="集中学法考试",
        rules=SessionRules.model_validate(
            {"paper": {"questions": paper}, "duration_minutes": 30, "seed": "hub-browser"}
        ),
        code=None,
    )
    logins = list(people)
    cadres, trainer = logins[:2], logins[2]
    with ExitStack() as stack:
        signed = {
            login: sign_in(hub_browser, hub, login, people[login][1], stack) for login in logins
        }
        for login, expected_right in zip(cadres, (4, 2), strict=True):
            cadre = signed[login]
            page = cadre.page
            page.goto(put_page(hub, cadre, "exam.ipynb", "import quizkit\nquizkit.join()"))
            page.get_by_placeholder("如：K7Q2").fill(session.code, timeout=120_000)
            page.get_by_role("button", name="进入考试").click()
            expect(page.locator(".qk-exam")).to_be_visible(timeout=60_000)
            expect(page.get_by_text(f"当前学员：{people[login][0]}")).to_be_visible()
            mine = paper_for(hub_store, hub_bank, f"E{login}", session.id)
            assert [pq.item.question_id for pq in mine] == paper
            sit(page, mine, expected_right)
            total = 2 * len(paper)
            percent = round(100 * 2 * expected_right / total)
            expect(page.locator(".qk-result")).to_contain_text(
                f"得分 {2 * expected_right} / {total}（百分制 {percent}）", timeout=60_000
            )
            html = page.content()
            for question_id in paper:  # no key reached the browser
                assert hub_bank.question(question_id).explanation not in html

        board_page = signed[trainer].page
        board_page.goto(
            put_page(
                hub,
                signed[trainer],
                "live.ipynb",
                f'import quizkit\nquizkit.live("{session.code}", every=2)',
            )
        )
        board = board_page.locator(".qk-board")
        expect(board).to_contain_text(people[cadres[0]][0], timeout=120_000)
        expect(board).to_contain_text(people[cadres[1]][0])
        expect(board_page.locator(".qk-figures")).to_contain_text("平均分 75")

        # a lesson quiz on the hub: questions without keys, feedback from the service
        judge = next(q for q in hub_bank.questions() if q.type == "judge" and q.status == "active")
        cadre = signed[cadres[1]]
        cadre.page.goto(
            put_page(
                hub,
                cadre,
                "lesson.ipynb",
                f'import quizkit\nquizkit.quiz(ids=["{judge.id}"], title="第一课 练习")',
            )
        )
        card = cadre.page.locator(f".qk-q-{judge.id}")
        card.get_by_label("对" if judge.answer else "错", exact=True).check(timeout=120_000)
        card.get_by_role("button", name="提交").click()
        expect(card.get_by_text("回答正确（得 2 分）")).to_be_visible(timeout=60_000)
        expect(card).to_contain_text(judge.explanation[:20])

    for login, right in zip(cadres, (4, 2), strict=True):
        (attempt,) = hub_store.attempts_for(f"E{login}", session_id=session.id)
        assert attempt.status == "submitted"
        rows = hub_store.answers_for_attempt(attempt.id)
        assert sum(row.score for row in rows) == 2.0 * right  # graded by the service
    practice = [a for a in hub_store.attempts_for(f"E{cadres[1]}") if a.session_id is None]
    assert [len(hub_store.answers_for_attempt(a.id)) for a in practice] == [1]
