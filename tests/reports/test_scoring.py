"""Which attempts are exam results: only a session's own exam attempts, finished or past their
deadline, counted by the report policy (worked by hand on small stores built through the store API)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizkit.reports import ReportPolicy, cadre_report, load_report_data, unit_report
from quizkit.store import CadreRecord, Store, open_store
from tests.reports.known import EXAM_QUESTIONS, answer, sit, spread


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}")
    opened.upsert_unit("城关镇")
    opened.upsert_cadres([CadreRecord("a", "甲", "城关镇"), CadreRecord("b", "乙", "城关镇")])
    try:
        yield opened
    finally:
        opened.close()


def lesson_exam(store: Store, cadre: str, percent: float) -> None:
    """What quizkit.quiz(..., mode="exam") stores in a lesson: an exam attempt with no session."""
    attempt = store.start_attempt(cadre, quiz_id="xk-quiz", lesson="L1", kind="exam")
    store.record_answers(
        [answer(attempt.id, q, s) for q, s in zip(EXAM_QUESTIONS, spread(percent), strict=True)]
    )
    store.finish_attempt(attempt.id)


def test_a_lesson_quiz_in_exam_mode_is_not_an_exam_result(store: Store) -> None:
    session = store.create_session_row(code="2026", title="2026年度学法考试", kind="exam", rules={})
    sit(store, "b", session.id, 40)
    lesson_exam(store, "a", 100)  # a never sat the session
    lesson_exam(store, "b", 100)  # b failed it
    for scope in (session.id, None):
        cadres = cadre_report(load_report_data(store, session_id=scope), ReportPolicy())
        rows = cadres.set_index("编号")
        assert rows.loc["a", "考试状态"] == "未参考" and rows.loc["a", "考试次数"] == 0
        assert rows.loc["b", "成绩"] == 40.0 and not rows.loc["b", "合格"]
        assert rows.loc["b", "考试次数"] == 1
        total = unit_report(cadres, ReportPolicy()).set_index("单位").loc["合计"]
        assert (total["实考人数"], total["合格人数"]) == (1, 0)
