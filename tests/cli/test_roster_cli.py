"""`quizkit roster import|export` through CliRunner on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from quizkit.cli import main
from quizkit.records import CadreRecord
from quizkit.store import open_store


def _run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db-url", url, "roster", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_dry_run_then_import_then_export(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'q.db').as_posix()}"
    source = tmp_path / "roster.csv"
    source.write_bytes(
        "编号,姓名,部门,职务\n001,张三,城关镇,副镇长\n002,李四,河西村,主任\n".encode("gbk")
    )
    code, output = _run(url, "import", str(source), "--map", "部门=单位", "--dry-run")
    assert code == 0, output
    assert "as GBK/GB18030: 2 people" in output
    assert "新增" in output and "张三" in output
    assert "dry run: 2 新增" in output
    with open_store(url) as store:
        assert store.find_cadres() == []
    code, output = _run(url, "import", str(source), "--map", "部门=单位")
    assert code == 0, output
    assert "roster updated" in output
    target = tmp_path / "out.xlsx"
    code, output = _run(url, "export", str(target))
    assert code == 0, output
    code, output = _run(url, "import", str(target), "--dry-run")
    assert "dry run: 0 新增, 0 更新, 0 停用, 0 恢复, 2 不变" in output


def test_bad_rows_stop_the_import_unless_skip_bad(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'q.db').as_posix()}"
    source = _workbook(
        tmp_path / "r.xlsx",
        [
            ["工号", "姓名", "单位"],
            ["1", "张三", "城关镇"],
            ["2", "", "城关镇"],
            ["1", "重复", "城关镇"],
        ],
    )
    code, output = _run(url, "import", str(source))
    assert code == 1
    assert "row 3, column B (姓名): 2: missing 姓名" in output
    assert "row 4, column A (工号): 1: 工号 '1' is also on row 2" in output
    assert "nothing was written" in output
    with open_store(url) as store:
        assert store.find_cadres() == []
    code, output = _run(url, "import", str(source), "--skip-bad")
    assert code == 0, output
    assert "skipped 3 row(s): 2, 3, 4" in output
    with open_store(url) as store:
        assert store.find_cadres() == []  # the duplicate makes both rows with 工号 1 bad


def test_units_fixed_refuses_new_units(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'q.db').as_posix()}"
    with open_store(url) as store:
        store.upsert_unit("城关镇")
    source = tmp_path / "r.csv"
    source.write_text("工号,姓名,单位\n1,张三,城关镇\n2,李四,新设镇\n", encoding="utf-8")
    code, output = _run(url, "import", str(source), "--units-fixed")
    assert code == 1
    assert "row 3, column C (单位): 2: unknown unit '新设镇' (units are fixed)" in output
    code, output = _run(url, "import", str(source), "--units-fixed", "--skip-bad")
    assert code == 0
    with open_store(url) as store:
        assert [c.id for c in store.find_cadres()] == ["1"]


def test_import_summary_shows_sample_names(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'q.db').as_posix()}"
    source = tmp_path / "roster.csv"
    source.write_bytes("id,name,unit\n1,卢伟,x\n2,张三,y\n3,李四,y\n4,王五,y\n".encode("gbk"))
    code, output = _run(url, "import", str(source), "--dry-run")
    assert code == 0, output
    assert "as GBK/GB18030: 4 people (卢伟, 张三, 李四 …)" in output


def test_retire_missing_only_when_asked_and_the_dry_run_says_how_many(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'q.db').as_posix()}"
    full = tmp_path / "full.csv"
    full.write_text("工号,姓名,单位\n001,张三,城关镇\n002,李四,城关镇\n", encoding="utf-8")
    assert _run(url, "import", str(full))[0] == 0
    part = tmp_path / "part.csv"
    part.write_text("工号,姓名,单位\n001,张三,城关镇\n", encoding="utf-8")
    code, output = _run(url, "import", str(part), "--dry-run")
    assert "1 not in the file stay 在册 (pass --retire-missing to mark them 停用)" in output
    code, output = _run(url, "import", str(part), "--retire-missing", "--dry-run")
    assert "dry run: 0 新增, 0 更新, 1 停用" in output and "1 not in the file retired" in output
    header_only = tmp_path / "empty.csv"
    header_only.write_text("工号,姓名,单位\n", encoding="utf-8")
    code, output = _run(url, "import", str(header_only), "--retire-missing")
    assert code == 1 and "the file lists nobody" in output
    code, output = _run(url, "import", str(header_only))
    assert code == 0, output
    with open_store(url) as store:
        assert all(c.active for c in store.find_cadres())


def test_numbers_that_lost_their_zeros_are_refused_unless_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'q.db').as_posix()}"
    source = _workbook(
        tmp_path / "r.xlsx",
        [["工号", "姓名", "单位"], ["0012", "张三", "城关镇"], [13, "李四", "城关镇"]],
    )
    code, output = _run(url, "import", str(source))
    assert code == 1
    assert "row 3: 工号 13 is a number in the workbook with its leading zeros lost" in output
    assert "--numeric-ids" in output
    with open_store(url) as store:
        assert store.find_cadres() == []
    code, output = _run(url, "import", str(source), "--numeric-ids")
    assert code == 0, output
    with open_store(url) as store:
        assert sorted(c.id for c in store.find_cadres()) == ["0012", "13"]


def test_gbk_export_of_a_character_gbk_lacks_names_it_and_keeps_the_old_file(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{(tmp_path / 'q.db').as_posix()}"
    with open_store(url) as store:
        store.upsert_cadre(CadreRecord("001", "张三", "城关镇"))
        store.upsert_cadre(CadreRecord("002", "王𠈌", "城关镇"))
    target = tmp_path / "out.csv"
    target.write_text("the previous export", encoding="utf-8")
    code, output = _run(url, "export", str(target), "--encoding", "gbk")
    assert code == 1
    assert "row 3 (工号 002), 姓名: '𠈌' (U+2020C) cannot be written in gbk" in output
    assert "UTF-8 with BOM" in output
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    code, output = _run(url, "export", str(target))
    assert code == 0, output
    assert "王𠈌" in target.read_text(encoding="utf-8-sig")
