"""`jupyter nbconvert --to quizkit-…` from the command line, on request notebooks written by
`quizkit export request` in a real project; the exporters render the notebook's data and never open a
store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pypdf
import pytest
from click.testing import CliRunner

from quizkit.cli import main
from quizkit.errors import QuizkitError
from quizkit.export.exporters import CertificateExporter
from quizkit.export.requests import ExportRequest, read_request
from tests.export.conftest import ISSUER, Project

JUPYTER = Path(sys.executable).with_name("jupyter")
pytestmark = pytest.mark.slow


def nbconvert(project: Project, target: str, notebook: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(JUPYTER), "nbconvert", "--to", target, str(notebook)],
        cwd=notebook.parent,
        env=project.env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def export_request(project: Project, out: Path, *args: str) -> Path:
    """`quizkit export request … -o out` in the project (issues the certificates first)."""
    env = {"QUIZKIT_ROOT": str(project.root), "QUIZKIT_DB_URL": "", "QUIZKIT_RESULTS": ""}
    runner = CliRunner(env={k: v or None for k, v in env.items()})
    done = runner.invoke(
        main, ["--db-url", project.db_url, "export", "request", *args, "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    return out


def test_certificates_html_from_the_command_line(project: Project, output_dir: Path) -> None:
    notebook = export_request(
        project,
        output_dir / "证书请求.ipynb",
        *("--kind", "certificates", "--session", "2026-exam", "--unit", "城关镇"),
    )
    done = nbconvert(project, "quizkit-certificate", notebook)
    assert done.returncode == 0, done.stderr
    html = (output_dir / "证书请求.html").read_text(encoding="utf-8")
    assert html.count('class="page"') == 3  # c01, c02, c03 passed in 城关镇
    numbers = set(project.store.certificates_frame()["number"])
    shown = {line.split("证书编号：")[1][:11] for line in html.splitlines() if "证书编号：" in line}
    assert shown and shown <= numbers
    for text in ("张伟", "王芳", "李娜", ISSUER, 'lang="zh-CN"'):
        assert text in html


@pytest.mark.usefixtures("cjk_font")
def test_scoresheet_pdf_from_the_command_line(project: Project, output_dir: Path) -> None:
    notebook = export_request(
        project, output_dir / "汇总.ipynb", "--kind", "scoresheet", "--session", "2026-exam"
    )
    done = nbconvert(project, "quizkit-scoresheet-pdf", notebook)
    assert done.returncode == 0, done.stderr
    reader = pypdf.PdfReader(output_dir / "汇总.pdf")
    assert len(reader.pages) == 4  # the summary, then 城关镇, 城关镇司法所, 河口乡
    first, town = (reader.pages[i].extract_text() for i in (0, 1))
    assert "各单位汇总" in first and "河口乡" in first and "85.7%" in first  # 合计 合格率 6/7
    assert "城关镇" in town and "张伟" in town and "单位负责人签字" in town and "未参考" in town


def test_a_plain_notebook_is_refused_with_a_hint(project: Project, tmp_path: Path) -> None:
    plain = tmp_path / "lesson.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), str(plain))
    done = nbconvert(project, "quizkit-certificate", plain)
    assert done.returncode != 0
    assert "no quizkit export request" in done.stderr and "quizkit export request" in done.stderr
    with pytest.raises(QuizkitError, match="asks for 'scoresheet'"):
        read_request(
            nbformat.reads(nbformat.writes(_request_nb("scoresheet")), as_version=4),
            kind="certificates",
        )
    assert CertificateExporter().file_extension == ".html"


def _request_nb(kind: str) -> nbformat.NotebookNode:
    from quizkit.export.requests import request_notebook

    return request_notebook(ExportRequest(kind=kind), {})  # type: ignore[arg-type]


def test_a_request_renders_with_no_project_and_no_database(
    project: Project, tmp_path: Path
) -> None:
    """Copied out of the project, converted where no settings and no database can be found: the
    same certificates, and nothing written next to it but the page."""
    made = export_request(
        project, tmp_path / "made.ipynb", "--kind", "certificates", "--session", "2026-exam"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    notebook = Path(shutil.copy(made, elsewhere / "证书.ipynb"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZKIT_")}
    done = subprocess.run(
        [str(JUPYTER), "nbconvert", "--to", "quizkit-certificate", str(notebook)],
        cwd=elsewhere,
        env={**env, "QUIZKIT_DB_URL": f"sqlite:///{(elsewhere / 'absent' / 'x.db').as_posix()}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["证书.html", "证书.ipynb"]
    html = (elsewhere / "证书.html").read_text(encoding="utf-8")
    issued = project.store.certificates_frame(session_id=project.sessions["2026-exam"])
    assert html.count('class="page"') == len(issued) == 6
    for number, code in zip(issued["number"], issued["verification_code"], strict=True):
        assert f"证书编号：{number}" in html and code in html


def test_the_exporter_opens_no_store_even_inside_a_project(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = export_request(
        project, tmp_path / "r.ipynb", "--kind", "scoresheet", "--session", "2026-exam"
    )
    monkeypatch.setenv("QUIZKIT_ROOT", str(project.root))

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an exporter opened the store")

    monkeypatch.setattr("quizkit.store.store.open_store", refuse)
    monkeypatch.setattr("quizkit.project.open_store", refuse, raising=False)
    monkeypatch.setattr("quizkit.project.Project.store", refuse)
    from quizkit.export.exporters import ScoreSheetExporter

    nb = nbformat.read(str(notebook), as_version=4)
    html, _ = ScoreSheetExporter().from_notebook_node(
        nb, resources={"metadata": {"name": "r", "path": str(project.root)}}
    )
    assert "各单位汇总" in html and "河口乡" in html and "周杰" in html


def test_a_request_without_page_data_is_refused_with_a_hint(
    project: Project, tmp_path: Path
) -> None:
    """A hand-written request (or one from an older quizkit) holds no issued certificates."""
    bare = nbformat.v4.new_notebook()
    bare.metadata["quizkit"] = {"export": {"kind": "certificates", "session": "2026-exam"}}
    notebook = tmp_path / "hand.ipynb"
    nbformat.write(bare, str(notebook))
    before = len(project.store.certificates_frame())
    done = nbconvert(project, "quizkit-certificate", notebook)
    assert done.returncode != 0
    assert "no page data" in done.stderr and "quizkit export request" in done.stderr
    assert len(project.store.certificates_frame()) == before  # nothing issued while converting
