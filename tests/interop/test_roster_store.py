"""Roster import through a real store (SQLite and PostgreSQL): add, update, deactivate, never delete."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.errors import ImportFormatError
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
    kept = plan_roster(roster, store.find_cadres(), {})
    assert ("deactivate", "003") not in {(c.action, c.after.id) for c in kept.changes}
    assert kept.missing == 1 and "1 not in the file stay 在册" in kept.summary()
    plan = plan_roster(roster, store.find_cadres(), {}, retire_missing=True)
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


def test_ids_that_lost_their_leading_zeros_are_refused(store: Store, tmp_path: Path) -> None:
    _import(store, _csv(tmp_path / "a.csv", "工号,姓名,单位\n007,张三,城关镇\n"))
    roster = read_roster(_csv(tmp_path / "b.csv", "工号,姓名,单位\n7,张三,城关镇\n"))
    plan = plan_roster(roster, store.find_cadres(), {})
    assert plan.refused == [
        "row 2: 工号 7 may be 007 with its leading zeros lost (Excel stores it as a number)"
    ]
    with pytest.raises(ImportFormatError, match="type the leading zeros back"):
        apply_roster(store, plan)
    assert [c.id for c in store.find_cadres()] == ["007"]
    asked = plan_roster(roster, store.find_cadres(), {}, numeric_ids=True)
    assert asked.refused == []


def test_full_width_and_half_width_digits_are_one_id(store: Store, tmp_path: Path) -> None:
    store.upsert_cadre(CadreRecord("００７", "张三", "城关镇"))
    roster = read_roster(
        _csv(tmp_path / "b.csv", "工号,姓名,单位\n007,张三,城关镇\n１２,李四,城关镇\n")
    )
    assert [e.record.id for e in roster.entries] == ["007", "12"]
    plan = plan_roster(roster, store.find_cadres(), {}, retire_missing=True)
    assert (plan.unchanged, [(c.action, c.after.id) for c in plan.changes]) == (1, [("add", "12")])


def test_a_file_with_nobody_retires_nobody(store: Store, tmp_path: Path) -> None:
    _import(store, _csv(tmp_path / "a.csv", "工号,姓名,单位\n001,张三,城关镇\n002,李四,城关镇\n"))
    empty = read_roster(_csv(tmp_path / "b.csv", "工号,姓名,单位\n"))
    assert plan_roster(empty, store.find_cadres(), {}).changes == []
    plan = plan_roster(empty, store.find_cadres(), {}, retire_missing=True)
    assert plan.refused == ["the file lists nobody: --retire-missing would mark all 2 people 停用"]
    with pytest.raises(ImportFormatError):
        apply_roster(store, plan)
    assert all(c.active for c in store.find_cadres())


def test_people_on_skipped_rows_are_not_retired(store: Store, tmp_path: Path) -> None:
    _import(store, _csv(tmp_path / "a.csv", "工号,姓名,单位\n001,张三,城关镇\n002,李四,城关镇\n"))
    bad = read_roster(
        _csv(tmp_path / "b.csv", "工号,姓名,单位,状态\n001,张三,城关镇,\n002,李四,城关镇,休假\n")
    )
    assert bad.bad_rows == [3]
    plan = plan_roster(bad, store.find_cadres(), {}, retire_missing=True)
    assert plan.changes == [] and plan.missing == 0
