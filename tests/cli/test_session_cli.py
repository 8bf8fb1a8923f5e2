"""`quizkit session create|list|show|close|extend|stats` through click's CliRunner, on a real SQLite file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizkit.bank import load_bank
from quizkit.cli import main
from quizkit.learner.pending import PendingQueue
from quizkit.project import Project
from quizkit.sessions import ExamSitting, find_session
from tests.sessions.factories import add_cadres, write_session_bank
from tests.sessions.helpers import right, wrong


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_session_bank(tmp_path / "question_bank")
    (tmp_path / "results").mkdir()
    for name, value in {
        "QUIZKIT_ROOT": str(tmp_path),
        "QUIZKIT_BANK": str(tmp_path / "question_bank"),
        "QUIZKIT_RESULTS": str(tmp_path / "results"),
        "QUIZKIT_DB_URL": f"sqlite:///{(tmp_path / 'results' / 'quizkit.db').as_posix()}",
    }.items():
        monkeypatch.setenv(name, value)
    PendingQueue._shared.clear()
    return tmp_path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def test_create_list_show_extend_close(project: Path) -> None:
    output = run(
        "session",
        "create",
        "--title",
        "2026年度学法考试",
        "--code",
        "k7q2",
        "--blueprint",
        "single:10x2,multiple:4x5,judge:6x5",
        "--opens",
        "2099-12-01 09:00",
        "--closes",
        "2099-12-01 17:00",
        "--duration",
        "90",
        "--attempts",
        "3",
        "--counting",
        "highest",
        "--pass-mark",
        "80",
        "--bands",
        "优秀=90,合格=80,不合格=0",
        "--shuffle-options",
        "--unit",
        "城关镇",
        "--makeup-opens",
        "2099-12-08 09:00",
        "--makeup-closes",
        "2099-12-08 17:00",
        "--review",
        "answers",
        "--year",
        "2026",
    )
    assert "join code: K7Q2" in output and "= 70 分" in output
    with Project.open().store() as store:
        session = find_session(store, "K7Q2")
    rules = session.rules
    assert (rules.duration_minutes, rules.attempts_allowed, rules.pass_mark, rules.year) == (
        90,
        3,
        80,
        2026,
    )
    assert [b.name for b in rules.bands] == ["优秀", "合格", "不合格"] and rules.shuffle_options
    assert rules.units == ("城关镇",) and rules.makeup is not None and rules.review == "answers"
    assert session.opens_at is not None and session.opens_at.astimezone().hour == 9
    assert "K7Q2" in run("session", "list")
    shown = run("session", "show", "K7Q2")
    assert "duration 90 min · attempts 3 (highest counts) · pass 80" in shown and "补考" in shown
    assert "17:10" in run("session", "extend", "K7Q2", "--minutes", "10")
    assert "延时 +10 min" in run("session", "show", "k7q2")
    assert "closed K7Q2" in run("session", "close", "K7Q2")
    assert "closed" in run("session", "list", "--status", "closed")


def test_refusals_are_one_clear_message(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["session", "create", "--title", "考试", "--blueprint", "行政处罚法/多选:6x2"]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        "第 1 格（行政处罚法 · 多选题（6 × 2 分））需要 6 题" in result.output
        and "差 2 题" in result.output
    )
    result = CliRunner().invoke(main, ["session", "show", "NOPE"])
    assert result.exit_code == 1 and "没有找到考试码" in result.output
    result = CliRunner().invoke(main, ["session", "create", "--title", "考试"])
    assert result.exit_code == 1 and "只能用一种方式" in result.output


def test_stats_prints_the_tables_and_writes_chart_and_csv(project: Path) -> None:
    run(
        "session",
        "create",
        "--title",
        "练习",
        "--kind",
        "practice",
        "--code",
        "P1",
        "--questions",
        "xk-single-01,xk-multiple-01,xk-judge-01,cf-single-01",
    )
    bank = load_bank(project / "question_bank")
    with Project.open().store() as store:
        session = find_session(store, "P1")
        add_cadres(store, 6)
        for index in range(1, 7):
            sitting = ExamSitting.join(store, bank, session, f"c{index:03d}")
            for number, pq in enumerate(sitting.questions):
                good = number < index % 4 + 1
                pick = right if good else wrong
                sitting.save(pq.item.question_id, pick(sitting, pq.item.question_id))
            sitting.submit()
    chart, table = project / "out" / "items.png", project / "out" / "items.csv"
    output = run("session", "stats", "P1", "--chart", str(chart), "--csv", str(table))
    assert "attempts 6 · slots 4" in output and "Cronbach's alpha (KR-20)" in output
    assert "xk-single-01" in output
    assert "flagged only when n ≥ 20" in output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 10_000
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["question_id"] for row in rows} == {
        "xk-single-01",
        "xk-multiple-01",
        "xk-judge-01",
        "cf-single-01",
    }
    assert float(next(r for r in rows if r["question_id"] == "xk-single-01")["facility"]) == 1.0
    default = run("session", "stats", "P1", "--attempts", "all")
    assert (project / "results" / "P1-items.png").is_file() and "全部已交答卷" in default


def test_handout_writes_a_notebook_that_joins_the_session(project: Path) -> None:
    import nbformat

    run(
        "session",
        "create",
        "--title",
        "学法考试",
        "--code",
        "H1",
        "--questions",
        "xk-single-01",
        "--duration",
        "60",
    )
    output = run("session", "handout", "H1", "-o", str(project / "courses"))
    path = project / "courses" / "考试-H1.ipynb"
    assert str(path) in output
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.cells[1].source == 'import quizkit\n\nquizkit.join("H1")'
    assert notebook.cells[1].metadata["jupyter"]["source_hidden"] is True
    assert "每次限时 60 分钟" in notebook.cells[0].source


def test_stats_without_enough_data_says_so(project: Path) -> None:
    run("session", "create", "--title", "练习", "--code", "P2", "--questions", "xk-single-01")
    output = run("session", "stats", "P2")
    assert "数据不足" in output and "还没有已交的答卷" in output
    assert not (project / "results" / "P2-items.png").exists()
