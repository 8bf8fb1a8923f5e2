"""A known store, built through the store API, whose every report figure is worked out by hand.

Exam session 2026-exam (10 questions × 10 points, paper total 100), highest attempt counts, pass 60:

    unit          cadre  status                        attempts (percent)         counted
    城关镇         c01    镇长                          95, then 85                highest 95 / last 85 / first 95
                  c02    副镇长                        70, then 88                88 / 88 / 70
                  c03    科员                          50, 补考 75                75 with 补考, 50 without
                  c04    科员                          open attempt, unfinished   未参考
                  c05    科员, 免考（退休）             —                          免考
    城关镇司法所    c06    所长                          60: 6 of 10 answered, one corrected from 0 to 10
                  c07    科员, 免考（长期病假）          90                         免考 (not counted)
    河口乡         c08    乡长                          100
                  c09    科员                          40                         不合格
                  c10    科员                          补考 80 only               80 with 补考, 未参考 without
                  c11    inactive                      —                          not on the roster

2025-exam (rules year 2025): c01 55. Practice (question bank of tests/reports/conftest.py):
c01 xk-1 ✓, xk-2 ✗, cf-1 ✓ and a finished attempt in lesson L0 → lessons L0, L1, L2 (0.5+2+1.5 = 4 h);
c02 xk-1 ✗ corrected to ✓, and a 错题重练 retry of xk-2 ✗ → lesson L1 (2 h; retries count as study but
not for accuracy, so c02's practice accuracy is 1 of 1).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from quizkit.store import AnswerRecord, CadreRecord, Store

EXAM_QUESTIONS = [*(f"xk-{i}" for i in range(1, 6)), *(f"cf-{i}" for i in range(1, 6))]
PAPER: dict[str, Any] = {
    "total_points": 100,
    "questions": [{"id": qid, "points": 10} for qid in EXAM_QUESTIONS],
}

CADRES = [
    CadreRecord("c01", "张伟", "城关镇", "镇长"),
    CadreRecord("c02", "王芳", "城关镇", "副镇长"),
    CadreRecord("c03", "李娜", "城关镇", "科员"),
    CadreRecord("c04", "刘洋", "城关镇", "科员"),
    CadreRecord("c05", "陈静", "城关镇", "科员", exempt=True, exempt_reason="退休"),
    CadreRecord("c06", "杨帆", "城关镇司法所", "所长"),
    CadreRecord("c07", "赵磊", "城关镇司法所", "科员", exempt=True, exempt_reason="长期病假"),
    CadreRecord("c08", "黄敏", "河口乡", "乡长"),
    CadreRecord("c09", "周杰", "河口乡", "科员"),
    CadreRecord("c10", "吴倩", "河口乡", "科员"),
    CadreRecord("c11", "孙强", "河口乡", "科员", active=False),
]


def answer(attempt_id: str, question_id: str, score: float, points: float = 10.0) -> AnswerRecord:
    return AnswerRecord(
        submission_id=uuid.uuid4().hex,
        attempt_id=attempt_id,
        question_id=question_id,
        question_hash="h-" + question_id,
        response="A",
        score=score,
        points=points,
        correct=score == points,
    )


def spread(percent: float) -> list[float]:
    """Ten question scores out of 10 that add up to ``percent``."""
    full, rest = divmod(percent, 10)
    scores = [10.0] * int(full) + ([rest] if rest else [])
    return scores + [0.0] * (10 - len(scores))


def sit(store: Store, cadre: str, session: str, percent: float, kind: str = "exam") -> str:
    attempt = store.start_attempt(cadre, quiz_id="exam", session_id=session, kind=kind, paper=PAPER)
    store.record_answers(
        [answer(attempt.id, qid, s) for qid, s in zip(EXAM_QUESTIONS, spread(percent), strict=True)]
    )
    store.finish_attempt(attempt.id)
    return attempt.id


def practice(store: Store, cadre: str, answers: list[tuple[str, bool]], **kw: Any) -> str:
    attempt = store.start_attempt(cadre, quiz_id=kw.pop("quiz_id", "xk-quiz"), **kw)
    store.record_answers([answer(attempt.id, qid, 2.0 if ok else 0.0, 2.0) for qid, ok in answers])
    store.finish_attempt(attempt.id)
    return attempt.id


def build_known_store(store: Store) -> dict[str, str]:
    """Fill an empty store; returns the session ids by code."""
    store.upsert_unit("城关镇")
    store.upsert_unit("城关镇司法所", parent="城关镇")
    store.upsert_unit("河口乡")
    store.upsert_cadres(CADRES)
    old = store.create_session_row(
        code="2025-exam",
        title="2025年度学法考试",
        kind="exam",
        rules={"year": 2025},
        opens_at=datetime(2025, 12, 1, 9, tzinfo=UTC),
    )
    exam = store.create_session_row(
        code="2026-exam", title="2026年度学法考试", kind="exam", rules={"counting": "highest"}
    )
    sit(store, "c01", old.id, 55)
    for cadre, percent in (("c01", 95), ("c01", 85), ("c02", 70), ("c02", 88), ("c03", 50)):
        sit(store, cadre, exam.id, percent)
    sit(store, "c07", exam.id, 90)
    sit(store, "c08", exam.id, 100)
    sit(store, "c09", exam.id, 40)
    _partial_with_correction(store, exam.id)
    store.start_attempt("c04", quiz_id="exam", session_id=exam.id, kind="exam", paper=PAPER)
    makeup_opens = datetime.now(UTC)
    store.update_session_row(
        exam.id, rules={"counting": "highest", "makeup": {"opens_at": makeup_opens.isoformat()}}
    )
    sit(store, "c03", exam.id, 75)
    sit(store, "c10", exam.id, 80)
    practice(store, "c01", [("xk-1", True), ("xk-2", False), ("cf-1", True)])
    practice(store, "c01", [], quiz_id="intro", lesson="L0")
    xk = practice(store, "c02", [("xk-1", False)])
    store.record_answer(answer(xk, "xk-1", 2.0, 2.0))  # the correction: latest row counts
    practice(store, "c02", [("xk-2", False)], kind="retry")
    return {"2025-exam": old.id, "2026-exam": exam.id}


def _partial_with_correction(store: Store, session: str) -> None:
    """c06: six questions answered (one first 0, then corrected to 10), four left blank → 60."""
    attempt = store.start_attempt(
        "c06", quiz_id="exam", session_id=session, kind="exam", paper=PAPER
    )
    store.record_answers([answer(attempt.id, qid, 10.0) for qid in EXAM_QUESTIONS[:5]])
    store.record_answer(answer(attempt.id, EXAM_QUESTIONS[5], 0.0))
    store.record_answer(answer(attempt.id, EXAM_QUESTIONS[5], 10.0))
    store.finish_attempt(attempt.id)
