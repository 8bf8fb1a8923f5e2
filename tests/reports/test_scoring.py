"""Which attempts are exam results: only a session's own exam attempts, finished or past their
deadline, counted by the report policy (worked by hand on small stores built through the store API)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizkit.reports import (
    ReportPolicy,
    ReportScope,
    build_reports,
    cadre_report,
    load_report_data,
    unit_report,
)
from quizkit.settings import Settings
from quizkit.store import CadreRecord, Store, open_store
from tests.reports.known import EXAM_QUESTIONS, answer, sit, spread


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}")
    opened.upsert_unit("东镇")
    opened.upsert_cadres([CadreRecord("a", "甲", "东镇"), CadreRecord("b", "乙", "东镇")])
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


def limited_store(store: Store) -> dict[str, str]:
    """Besides 东镇 (a, b: admitted by neither exam), 城关镇 (with 城关镇司法所 under it) and 河口乡; the 2026 exam admits 城关镇 and one named cadre of
    河口乡, the 2026 补充 exam admits only 新村. Worked by hand:

        unit           cadres            admitted by 2026    2026 应考 / 实考 / 合格
        城关镇           t1, t2 (免考)      both (unit)         1 / 1 / 1   (t1 80; t2 exempt)
        城关镇司法所     s1                 yes (sub-unit)      1 / 0 / 0
        河口乡           h1, h2             h2 only (named)     1 / 1 / 0   (h2 50; h1 not listed)
        新村             n1                 no                  —
        合计                                                    3 / 2 / 1

    The year 2026 covers both exams: every cadre but h1, a and b is due (应考 4 = t1, s1, h2, n1).
    """
    store.upsert_unit("城关镇")
    store.upsert_unit("城关镇司法所", parent="城关镇")
    store.upsert_unit("河口乡")
    store.upsert_unit("新村")
    store.upsert_cadres(
        [
            CadreRecord("t1", "甲", "城关镇"),
            CadreRecord("t2", "乙", "城关镇", exempt=True, exempt_reason="退休"),
            CadreRecord("s1", "丙", "城关镇司法所"),
            CadreRecord("h1", "丁", "河口乡"),
            CadreRecord("h2", "戊", "河口乡"),
            CadreRecord("n1", "己", "新村"),
        ]
    )
    main = store.create_session_row(
        code="2026",
        title="2026年度学法考试",
        kind="exam",
        rules={"year": 2026, "units": ["城关镇"], "cadres": ["h2"]},
    )
    extra = store.create_session_row(
        code="2026b", title="2026年度补充考试", kind="exam", rules={"year": 2026, "units": ["新村"]}
    )
    sit(store, "t1", main.id, 80)
    sit(store, "h2", main.id, 50)
    return {"main": main.id, "extra": extra.id}


def test_expected_are_the_cadres_the_session_admits_minus_exempt(store: Store) -> None:
    sessions = limited_store(store)
    policy = ReportPolicy()
    cadres = cadre_report(load_report_data(store, session_id=sessions["main"]), policy)
    listed = set(cadres["编号"])
    assert listed == {"t1", "t2", "s1", "h2"}
    units = unit_report(cadres, policy).set_index("单位")
    figures = units[["应考人数", "实考人数", "合格人数"]]
    assert figures.loc["城关镇"].tolist() == [1, 1, 1]
    assert figures.loc["城关镇司法所"].tolist() == [1, 0, 0]
    assert figures.loc["河口乡"].tolist() == [1, 1, 0]
    assert figures.loc["合计"].tolist() == [3, 2, 1]
    assert units.loc["合计", "参考率"] == pytest.approx(2 / 3)


def test_a_year_expects_everyone_one_of_its_exams_admits(store: Store, tmp_path: Path) -> None:
    limited_store(store)
    settings = Settings(root=tmp_path, results=tmp_path / "results")
    reports = build_reports(store, settings, ReportScope(year=2026))
    total = reports.units.set_index("单位").loc["合计"]
    assert (total["应考人数"], total["实考人数"]) == (4, 2)
    assert not set(reports.cadres["编号"]) & {"h1", "a", "b"}
    assert sorted(reports.absent["编号"]) == ["n1", "s1"]


def test_a_lower_makeup_result_follows_the_makeup_counting_setting(
    store: Store, tmp_path: Path
) -> None:
    """a fails with 50, then sits the 补考 with 40; b fails with 30, then 80 in the 补考.
    higher (default): a 50 (regular), b 80; replace: a 40 (补考), b 80; the request's value wins."""
    session = store.create_session_row(code="2026", title="2026年度学法考试", kind="exam", rules={})
    sit(store, "a", session.id, 50)
    sit(store, "a", session.id, 40, kind="makeup")
    sit(store, "b", session.id, 30)
    sit(store, "b", session.id, 80, kind="makeup")
    scope = ReportScope(session_id=session.id)

    def figures(settings: Settings, **overrides: str) -> dict[str, object]:
        rows = build_reports(store, settings, scope, **overrides).cadres.set_index("编号")
        return {cadre: (rows.loc[cadre, "成绩"], bool(rows.loc[cadre, "补考"])) for cadre in "ab"}

    default = Settings(root=tmp_path)
    replacing = Settings(root=tmp_path, makeup_counting="replace")
    assert figures(default) == {"a": (50.0, False), "b": (80.0, True)}
    assert figures(replacing) == {"a": (40.0, True), "b": (80.0, True)}
    assert figures(replacing, makeup_counting="higher") == figures(default)
