"""Item analysis of a real session: which attempts feed it, and what is shown when the data cannot
give a discrimination figure (nobody sat, one cadre, only 补考 attempts, every total equal)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from quizkit.bank import Bank, load_bank
from quizkit.errors import SettingsError
from quizkit.sessions import ExamSitting, Session, analyse_session
from quizkit.sessions.charts import item_chart, png_bytes
from quizkit.sessions.stats import thresholds
from quizkit.settings import load_settings
from quizkit.store import Store
from quizkit.widgets.sessions.analysis import figures_html
from tests.factories import fill_data, write_bank
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres, write_session_bank
from tests.sessions.helpers import exam, right, wrong


def sit(
    store: Store, bank: Bank, session: Session, cadre: str, clock: FakeClock, good: int
) -> None:
    """The cadre answers the first ``good`` questions right and the rest wrong, then 交卷."""
    sitting = ExamSitting.join(store, bank, session, cadre, clock=clock)
    for number, pq in enumerate(sitting.questions):
        pick = right if number < good else wrong
        sitting.save(pq.item.question_id, pick(sitting, pq.item.question_id))
    sitting.submit()


def nobody(store: Store, bank: Bank, clock: FakeClock) -> Session:
    return exam(store, bank)


def one_cadre(store: Store, bank: Bank, clock: FakeClock) -> Session:
    session = exam(store, bank)
    sit(store, bank, session, "c001", clock, 2)
    return session


def equal_totals(store: Store, bank: Bank, clock: FakeClock) -> Session:
    session = exam(store, bank)
    for cadre in ("c001", "c002", "c003"):
        sit(store, bank, session, cadre, clock, 2)
    return session


def only_makeup(store: Store, bank: Bank, clock: FakeClock) -> Session:
    now = clock()
    makeup = {"opens_at": now + timedelta(days=1), "closes_at": now + timedelta(days=1, hours=8)}
    session = exam(store, bank, closes_at=now + timedelta(hours=1), makeup=makeup)
    clock.advance(days=1, minutes=1)
    for cadre, good in (("c001", 1), ("c002", 3), ("c003", 4)):
        sit(store, bank, session, cadre, clock, good)
    return session


CASES: dict[str, tuple[Callable[[Store, Bank, FakeClock], Session], str]] = {
    "nobody sat": (nobody, "还没有已交的答卷"),
    "one cadre": (one_cadre, "只有 1 份答卷"),
    "all totals equal": (equal_totals, "总分全部相同"),
    "only 补考": (only_makeup, "补考答卷不计入"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_too_little_data_says_so_instead_of_failing(
    sqlite_store: Store, bank: Bank, clock: FakeClock, case: str
) -> None:
    build, reason = CASES[case]
    add_cadres(sqlite_store, 3)
    analysis = analyse_session(sqlite_store, build(sqlite_store, bank, clock), bank=bank)
    assert analysis.shortage is not None
    assert analysis.shortage.startswith("数据不足") and reason in analysis.shortage
    assert analysis.items["discrimination_index"].isna().all()
    assert analysis.shortage in figures_html(analysis)
    assert png_bytes(item_chart(analysis.items, "题目分析"))[:4] == b"\x89PNG"


def test_enough_data_has_no_shortage(sqlite_store: Store, bank: Bank, clock: FakeClock) -> None:
    add_cadres(sqlite_store, 4)
    session = exam(sqlite_store, bank)
    for index, good in enumerate((1, 2, 3, 4), start=1):
        sit(sqlite_store, bank, session, f"c{index:03d}", clock, good)
    analysis = analyse_session(sqlite_store, session, bank=bank)
    assert analysis.shortage is None
    assert analysis.items["discrimination_index"].notna().any()


def test_the_flag_minimum_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZKIT_ROOT", str(tmp_path))
    monkeypatch.delenv("QUIZKIT_ITEM_FLAG_MIN_ATTEMPTS", raising=False)
    assert thresholds(load_settings()).min_flag_attempts == 20
    monkeypatch.setenv("QUIZKIT_ITEM_FLAG_MIN_ATTEMPTS", "30")
    assert thresholds(load_settings()).min_flag_attempts == 30
    monkeypatch.setenv("QUIZKIT_ITEM_FLAG_MIN_ATTEMPTS", "1")
    with pytest.raises(SettingsError, match="item_flag_min_attempts"):
        load_settings()


def test_fill_questions_are_analysed_by_their_share_of_points(
    sqlite_store: Store, tmp_path: Path, clock: FakeClock
) -> None:
    """填空 under the partial policy: facility is the mean share of points (1, 0.5, 0, 1 → 0.625)."""
    folder = write_session_bank(tmp_path / "fill_bank")
    write_bank(
        folder, [fill_data(id="xk-fill-01")], law="administrative-licensing", name="fill.yaml"
    )
    bank = load_bank(folder)
    add_cadres(sqlite_store, 4)
    paper = {"questions": ["xk-single-01", "xk-fill-01"]}
    session = exam(sqlite_store, bank, paper=paper, multi_policy="partial")
    answers = [
        ("C", ("二十", "十")),
        ("C", ("二十", "五")),
        ("A", ("三十", "五")),
        ("A", ("二十", "十日")),
    ]
    for index, (single, blanks) in enumerate(answers, start=1):
        sitting = ExamSitting.join(sqlite_store, bank, session, f"c{index:03d}", clock=clock)
        sitting.save("xk-single-01", single)
        sitting.save("xk-fill-01", blanks)
        sitting.submit()
    analysis = analyse_session(sqlite_store, session, bank=bank)
    fill = analysis.items.set_index("question_id").loc["xk-fill-01"]
    assert fill["type"] == "填空题"
    assert fill["n"] == 4
    assert fill["facility"] == pytest.approx(0.625)
    assert analysis.test.attempts == 4
