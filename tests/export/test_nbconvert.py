"""`jupyter nbconvert --to quizkit-…` from the command line, on request notebooks, in a real project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pypdf
import pytest

from quizkit.errors import QuizkitError
from quizkit.export.exporters import CertificateExporter
from quizkit.export.requests import ExportRequest, read_request, write_request
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


def test_certificates_html_from_the_command_line(project: Project, output_dir: Path) -> None:
    request = ExportRequest(kind="certificates", session="2026-exam", unit="城关镇")
    notebook = write_request(request, output_dir / "证书请求.ipynb")
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
    notebook = write_request(
        ExportRequest(kind="scoresheet", session="2026-exam"), output_dir / "汇总.ipynb"
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

    return request_notebook(ExportRequest(kind=kind))  # type: ignore[arg-type]
