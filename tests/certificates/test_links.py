"""The certificate's QR code: its link, and the link read back from the printed page (PDF rendered by
WeasyPrint, rasterised by pdftoppm, decoded by zxing-cpp)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from click.testing import CliRunner
from PIL import Image

from quizkit.certificates.issuing import Certificate, issue_certificates
from quizkit.certificates.keys import load_key
from quizkit.certificates.links import check_public_url, verify_url, with_verify_links
from quizkit.cli import main
from quizkit.errors import SettingsError
from quizkit.export.files import batch_text, write_certificates
from quizkit.export.fonts import FontFaces
from quizkit.export.pdf import write_pdfs
from tests.conftest import require_system_part
from tests.export.conftest import Project

PUBLIC = "https://xuefa.example.gov.cn/services/quizkit/"


def issued(project: Project) -> list[Certificate]:
    key = load_key(project.settings.results_dir)
    return issue_certificates(project.store, project.reports(), key)  # type: ignore[arg-type]


def test_the_link_names_the_verify_page_of_the_certificate() -> None:
    assert (
        verify_url(PUBLIC, "XF202600001", "ABCD-EFGH-JKLM-NPQR")
        == "https://xuefa.example.gov.cn/services/quizkit/verify/XF202600001/ABCD-EFGH-JKLM-NPQR"
    )
    assert verify_url("http://10.0.0.5:8000", "X/1", "A B").endswith("/verify/X%2F1/A%20B")


@pytest.mark.parametrize(
    "bad", ["xuefa.example.gov.cn", "ftp://host/x", "https://", "https://h/?a=1", "javascript:x"]
)
def test_a_public_url_that_is_no_web_address_is_refused(bad: str) -> None:
    with pytest.raises(SettingsError, match="not a web address") as caught:
        check_public_url(bad)
    assert caught.value.field == "public_url" and "QUIZKIT_PUBLIC_URL" in str(caught.value)


def test_links_only_when_a_public_url_is_set(project: Project) -> None:
    certs = issued(project)
    assert with_verify_links(certs, None) == certs
    assert all(cert.verify_url is None and cert.verify_qr is None for cert in certs)
    linked = with_verify_links(certs, PUBLIC)
    assert [cert.verify_url for cert in linked] == [
        f"{PUBLIC}verify/{cert.number}/{cert.code}" for cert in certs
    ]
    assert all((c.verify_qr or "").startswith("data:image/svg+xml") for c in linked)
    # the link is not stored: the certificates found again carry none
    assert all(cert.verify_url is None for cert in issued(project))


def printed_codes(pdf: Path, folder: Path) -> list[str]:
    """Every QR code on the PDF's first page, as a phone would read the printed sheet (150 dpi)."""
    require_system_part(bool(shutil.which("pdftoppm")), "pdftoppm", "poppler-utils")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(folder / "page"),
        ],
        check=True,
        timeout=120,
    )
    with Image.open(folder / "page.png") as image:
        return [found.text for found in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.mark.usefixtures("cjk_font")
def test_the_printed_qr_code_reads_back_as_the_verify_link(
    project: Project, output_dir: Path
) -> None:
    reports = project.reports()
    plain, *_ = (c for c in issued(project) if c.cadre_id == "c01")
    (cert,) = with_verify_links([plain], PUBLIC)
    _, jobs = write_certificates([cert], output_dir, reports, FontFaces.system(), html=False)
    write_pdfs(jobs, workers=1)
    pdf = output_dir / "证书" / f"{cert.number}_张伟.pdf"
    assert printed_codes(pdf, output_dir) == [f"{PUBLIC}verify/{cert.number}/{cert.code}"]
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages)
    assert "扫描二维码核验真伪" in text and cert.code in text
    assert "quizkit certificate verify" not in text


@pytest.mark.usefixtures("cjk_font")
def test_without_a_public_url_no_qr_code_is_printed(project: Project, tmp_path: Path) -> None:
    plain, *_ = (c for c in issued(project) if c.cadre_id == "c01")
    _, jobs = write_certificates(
        [plain], tmp_path, project.reports(), FontFaces.system(), html=False
    )
    write_pdfs(jobs, workers=1)
    pdf = tmp_path / "证书" / f"{plain.number}_张伟.pdf"
    assert printed_codes(pdf, tmp_path) == []
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages)
    assert f"quizkit certificate verify {plain.code}" in text


def test_big_batches_subset_the_wording_beside_the_qr_code(project: Project) -> None:
    """Twenty or more PDFs print with fonts cut to the batch's characters: these must be in."""
    assert set("扫描二维码核验真伪") <= set(batch_text(project.reports(), issued(project)))


@pytest.mark.usefixtures("cjk_font")
def test_export_prints_the_qr_code_when_the_public_url_is_set(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("QUIZKIT_DB_URL", "QUIZKIT_RESULTS", "QUIZKIT_BANK", "QUIZKIT_COURSES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUIZKIT_ROOT", str(project.root))
    monkeypatch.setenv("QUIZKIT_PUBLIC_URL", PUBLIC)
    out = tmp_path / "out"
    export = ["export", "certificates", "--session", "2026-exam", "--cadre", "c02"]
    done = CliRunner().invoke(
        main, ["--db-url", project.db_url, *export, "--format", "pdf", "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    (pdf,) = (out / "证书").glob("*.pdf")
    (cert,) = (c for c in issued(project) if c.cadre_id == "c02")
    assert printed_codes(pdf, tmp_path) == [f"{PUBLIC}verify/{cert.number}/{cert.code}"]
