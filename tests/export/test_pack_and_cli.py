"""The CLI: `quizkit report …`, `quizkit export pack|certificates|scoresheet|request`,
`quizkit certificate verify`, run with click's CliRunner in a project."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pypdf
import pytest
from click.testing import CliRunner, Result

from quizkit.cli import main
from tests.export.conftest import Project

CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")


@pytest.fixture
def run(project: Project, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    for name in ("QUIZKIT_DB_URL", "QUIZKIT_RESULTS", "QUIZKIT_BANK", "QUIZKIT_COURSES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUIZKIT_ROOT", str(project.root))
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, ["--db-url", project.db_url, *args])

    return invoke


def test_report_commands(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown = run("report", "units", "--session", "2026-exam", "--denominator", "expected")
    assert shown.exit_code == 0, shown.output
    assert "城关镇司法所" in shown.output and "合格率分母：应考人数" in shown.output
    people = run("report", "cadres", "--session", "2026-exam", "--unit", "河口乡")
    assert "黄敏" in people.output and "张伟" not in people.output
    csv = tmp_path / "absent.csv"
    assert (
        run(
            "report", "absent", "--session", "2026-exam", "--no-makeup", "--csv", str(csv)
        ).exit_code
        == 0
    )
    assert sorted(pd.read_csv(csv, encoding="utf-8-sig")["编号"]) == ["c04", "c10"]
    missing = run("report", "units", "--session", "no-such-exam")
    assert missing.exit_code == 1 and "no session with id or code 'no-such-exam'" in missing.output


@pytest.mark.usefixtures("cjk_font")
def test_pack(run, project: Project, output_dir: Path) -> None:  # type: ignore[no-untyped-def]
    done = run("export", "pack", "--session", "2026-exam", "-o", str(output_dir))
    assert done.exit_code == 0, done.output
    assert "3 unit(s), 6 certificate(s)" in done.output
    index = (output_dir / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"]+)"', index):
        assert (output_dir / href).exists(), href
    for unit, certificates in (("城关镇", 3), ("城关镇司法所", 1), ("河口乡", 2)):
        folder = output_dir / unit
        assert unit in index
        assert len(list((folder / "证书").glob("*.pdf"))) == certificates
        book = openpyxl.load_workbook(folder / "成绩汇总表.xlsx")
        assert book.sheetnames == [unit]
        cells = [c for row in book[unit].iter_rows(values_only=True) for c in row if c]
        assert "单位负责人签字：" in cells
        sheet = pypdf.PdfReader(folder / "成绩汇总表.pdf").pages[0].extract_text()
        assert unit in sheet and "单位负责人签字" in sheet
    assert len(pypdf.PdfReader(output_dir / "成绩汇总表.pdf").pages) == 4
    assert (output_dir / "csv" / "人员成绩.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert openpyxl.load_workbook(output_dir / "汇总.xlsx").sheetnames[0] == "单位汇总"


@pytest.mark.usefixtures("cjk_font")
def test_certificates_and_verify(run, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run(
        "export", "certificates", "--session", "2026-exam", "--combined", "-o", str(tmp_path)
    )
    assert done.exit_code == 0, done.output
    pages = pypdf.PdfReader(tmp_path / "证书.pdf").pages
    assert len(pages) == 6
    code = CODE.search(pages[0].extract_text())
    assert code is not None
    genuine = run("certificate", "verify", code.group(0))
    assert genuine.exit_code == 0 and "证书有效" in genuine.output
    altered = code.group(0)[:-1] + ("B" if code.group(0)[-1] != "B" else "C")
    refused = run("certificate", "verify", altered)
    assert refused.exit_code == 1 and "不存在" in refused.output


@pytest.mark.usefixtures("cjk_font")
def test_scoresheet_and_request(run, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = run(
        "export",
        "scoresheet",
        "--session",
        "2026-exam",
        "--unit",
        "河口乡",
        "--format",
        "html",
        "-o",
        str(tmp_path),
    )
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(tmp_path / "成绩汇总表.xlsx")
    assert "河口乡" in book.sheetnames
    page = (tmp_path / "成绩汇总表.html").read_text(encoding="utf-8")
    assert "周杰" in page and "张伟" not in page and not (tmp_path / "成绩汇总表.pdf").exists()
    notebook = tmp_path / "req.ipynb"
    made = run(
        "export", "request", "--kind", "certificates", "--session", "2026-exam", "-o", str(notebook)
    )
    assert made.exit_code == 0 and "quizkit-certificate-pdf" in made.output
    assert '"session": "2026-exam"' in notebook.read_text(encoding="utf-8")


def test_pack_of_one_unit_and_rolled_up_units(run, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = run(
        "export",
        "pack",
        "--session",
        "2026-exam",
        "--unit",
        "河口乡",
        "--no-pdf",
        "-o",
        str(tmp_path / "one"),
    )
    assert one.exit_code == 0, one.output
    assert (tmp_path / "one" / "河口乡" / "证书.html").is_file()
    assert not (tmp_path / "one" / "城关镇").exists()
    rolled = run(
        "export",
        "pack",
        "--session",
        "2026-exam",
        "--top-units",
        "--no-pdf",
        "-o",
        str(tmp_path / "top"),
    )
    assert rolled.exit_code == 0, rolled.output
    book = openpyxl.load_workbook(tmp_path / "top" / "汇总.xlsx")
    units = [row[0] for row in book["单位汇总"].iter_rows(min_row=4, values_only=True) if row[0]]
    assert units[:3] == ["城关镇", "河口乡", "合计"]
    assert (tmp_path / "top" / "城关镇司法所" / "成绩汇总表.xlsx").is_file()
    archive = run("report", "year", "--session", "2026-exam")
    assert "学法档案 is built for a year" in archive.output


@pytest.mark.usefixtures("cjk_font")
def test_a_relative_output_folder(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # `-o out` as an office types it (it once failed in the PDF step)
    done = run("export", "scoresheet", "--session", "2026-exam", "--unit", "河口乡", "-o", "out")
    assert done.exit_code == 0, done.output
    sheet = pypdf.PdfReader(tmp_path / "out" / "成绩汇总表.pdf").pages[0].extract_text()
    assert "河口乡" in sheet and "周杰" in sheet
