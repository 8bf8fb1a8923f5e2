"""Roster import through a real store (SQLite and PostgreSQL): add, update, deactivate, never delete."""

from __future__ import annotations

from pathlib import Path

from quizkit.interop import apply_roster, plan_roster, read_roster
from quizkit.store import CadreRecord, Store
from tests.store.factories import make_answer


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _import(store: Store, path: Path) -> str:
    roster = read_roster(path)
    assert roster.problems == []
    plan = plan_roster(roster, store.find_cadres(), {})
    apply_roster(store, plan)
    return plan.summary()


def test_reimport_updates_adds_and_deactivates(store: Store, tmp_path: Path) -> None:
    first = _csv(
        tmp_path / "v1.csv",
        "工号,姓名,单位,上级单位,职务,手机\n"
        "001,张三,城关镇,,副镇长,13800138000\n"
        "002,李四,河西村,城关镇,主任,13900000000\n"
        "003,王五,城关镇,,科员,\n",
    )
    assert _import(store, first).startswith("3 新增, 0 更新, 0 停用")
    units = store.units_frame().set_index("unit")["parent"].to_dict()
    assert units["河西村"] == "城关镇"

    attempt = store.start_attempt("003", quiz_id="xk-basics")
    store.record_answer(make_answer(attempt.id))

    second = _csv(
        tmp_path / "v2.csv",
        "工号,姓名,单位,职务\n"  # no 手机 column this time: phones are kept
        "001,张三,城关镇,镇长\n"
        "002,李四,河西村,主任\n"
        "004,赵六,城关镇,科员\n",
    )
    roster = read_roster(second)
    plan = plan_roster(roster, store.find_cadres(), {})
    assert {(c.action, c.after.id) for c in plan.changes} == {
        ("update", "001"),
        ("add", "004"),
        ("deactivate", "003"),
    }
    update = next(c for c in plan.changes if c.action == "update")
    assert update.describe() == "position: 副镇长 → 镇长"
    assert plan.unchanged == 1
    apply_roster(store, plan)

    zhang = store.get_cadre("001")
    assert zhang is not None and (zhang.position, zhang.phone) == ("镇长", "13800138000")
    wang = store.get_cadre("003")
    assert wang == CadreRecord("003", "王五", "城关镇", "科员", active=False)
    answers = store.answers_frame()
    assert list(answers["cadre_id"]) == ["003"]  # the answer keeps its person

    back = _csv(tmp_path / "v3.csv", "工号,姓名,单位,职务\n003,王五,城关镇,科员\n")
    plan = plan_roster(read_roster(back), store.find_cadres(), {})
    assert [(c.action, c.after.id) for c in plan.changes if c.after.id == "003"] == [
        ("reactivate", "003")
    ]


def test_a_dry_run_plan_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = _csv(tmp_path / "r.csv", "工号,姓名,单位\n001,张三,城关镇\n")
    plan = plan_roster(read_roster(path), store.find_cadres(), {})
    assert plan.count("add") == 1
    assert store.find_cadres() == []


def test_ids_that_lost_their_leading_zeros_are_warned_about(store: Store, tmp_path: Path) -> None:
    _import(store, _csv(tmp_path / "a.csv", "工号,姓名,单位\n007,张三,城关镇\n"))
    plan = plan_roster(
        read_roster(_csv(tmp_path / "b.csv", "工号,姓名,单位\n7,张三,城关镇\n")),
        store.find_cadres(),
        {},
    )
    assert plan.warnings == [
        "row 2: 工号 7 may be 007 with its leading zeros lost (Excel stores it as a number); "
        "format the column as 文本 (text)"
    ]
