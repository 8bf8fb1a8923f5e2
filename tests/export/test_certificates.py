"""Issuing, verifying and printing certificates: numbers, HMAC codes, PDF text and a PNG preview."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from quizkit.certificates.codes import normalise_code
from quizkit.certificates.issuing import Certificate, issue_certificates, verify_certificate
from quizkit.certificates.keys import load_key
from quizkit.export.files import batch_text, write_certificates
from quizkit.export.fonts import FontFaces
from quizkit.export.pdf import write_pdfs
from tests.export.conftest import COURSE_TITLE, ISSUER, Project

PASSED = {"c01", "c02", "c03", "c06", "c08", "c10"}  # c07 passed but was exempt
CODE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")


def _issue(project: Project, **options: object) -> list[Certificate]:
    key = load_key(project.settings.results_dir)
    return issue_certificates(project.store, project.reports(), key, **options)  # type: ignore[arg-type]


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def test_only_those_who_passed_get_one_and_again_the_same(project: Project) -> None:
    first = _issue(project)
    assert {cert.cadre_id for cert in first} == PASSED
    assert len({cert.number for cert in first}) == len(first)
    assert all(CODE.match(cert.code) for cert in first)
    assert all(re.fullmatch(r"XF\d{4}\d{5}", cert.number) for cert in first)
    one = next(cert for cert in first if cert.cadre_id == "c01")
    assert (one.name, one.unit, one.score, one.band, one.hours) == (
        "张伟",
        "城关镇",
        95.0,
        "优秀",
        4.0,
    )
    assert (one.course, one.issuing_body, one.title) == (COURSE_TITLE, ISSUER, "培训合格证书")
    again = _issue(project)
    assert [(c.number, c.code) for c in again] == [(c.number, c.code) for c in first]


def test_failed_cadres_only_when_asked(project: Project) -> None:
    certs = _issue(project, include_failed=True, unit="河口乡")
    by_cadre = {cert.cadre_id: cert for cert in certs}
    assert set(by_cadre) == {"c08", "c09", "c10"}
    assert not by_cadre["c09"].passed and by_cadre["c09"].title == "培训证书"


def test_genuine_code_verifies_and_altered_code_does_not(project: Project) -> None:
    cert = next(c for c in _issue(project) if c.cadre_id == "c02")
    key = load_key(project.settings.results_dir, create=False)
    genuine = verify_certificate(project.store, key, cert.code)
    assert genuine.valid and genuine.certificate == cert
    typed = cert.code.replace("-", " ").lower().replace("o", "0")
    assert verify_certificate(project.store, key, typed).valid  # as a person might type it
    last = cert.code[-1]
    altered = cert.code[:-1] + ("A" if last != "A" else "B")
    result = verify_certificate(project.store, key, altered)
    assert not result.valid and "不存在" in result.message
    assert not verify_certificate(project.store, key, "12345").valid
    assert normalise_code("abcd efgh ijkl mnop") == "ABCD-EFGH-IJKL-MNOP"


def test_a_record_altered_in_the_database_fails(project: Project) -> None:
    cert = next(c for c in _issue(project) if c.cadre_id == "c06")
    database = project.root / "results" / "quizkit.db"
    with sqlite3.connect(database) as conn:
        (payload,) = conn.execute(
            "SELECT payload FROM certificates WHERE number = ?", (cert.number,)
        ).fetchone()
        forged = {**json.loads(payload), "score": 99.0}
        conn.execute(
            "UPDATE certificates SET payload = ? WHERE number = ?",
            (json.dumps(forged, ensure_ascii=False), cert.number),
        )
    key = load_key(project.settings.results_dir, create=False)
    result = verify_certificate(project.store, key, cert.code)
    assert not result.valid and "被改动" in result.message
    other_key = bytes(32)
    assert not verify_certificate(project.store, other_key, _issue(project)[0].code).valid


@pytest.mark.usefixtures("cjk_font")
def test_certificate_pdf_text_and_preview(project: Project, output_dir: Path) -> None:
    reports = project.reports()
    cert = next(c for c in _issue(project) if c.cadre_id == "c01")
    html, jobs = write_certificates([cert], output_dir, reports, FontFaces.system())
    write_pdfs(jobs, workers=1)
    pdf = output_dir / "证书" / f"{cert.number}_张伟.pdf"
    assert pdf.is_file() and html[0].read_text(encoding="utf-8").count('class="page"') == 1
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    text = pdf_text(pdf)
    for expected in ("张伟", "城关镇", cert.number, cert.code, ISSUER, "95分（优秀）"):
        assert expected in text, expected
    assert "培训合格证书" in text.replace(" ", "")  # the title is letter-spaced
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=1.5).to_pil()
    image.save(output_dir / "certificate-page1.png")
    assert image.width > image.height  # landscape
    assert len(image.convert("L").getcolors(maxcolors=256 * 256) or []) > 16  # not a blank page


@pytest.mark.usefixtures("cjk_font")
def test_batch_with_subset_fonts_over_a_pool(project: Project, tmp_path: Path) -> None:
    reports = project.reports()
    certs = _issue(project)
    fonts = FontFaces.subset(batch_text(reports, certs), tmp_path / "fonts")
    assert "QK Serif" in fonts.serif and fonts.css.count("@font-face") == 2
    half = len(certs) // 2
    jobs = [
        job
        for batch in (certs[:half], certs[half:])  # two jobs of several pages, one per worker
        for job in write_certificates(batch, tmp_path / "out", reports, fonts, html=False)[1]
    ]
    assert len(jobs) == 2 and write_pdfs(jobs, workers=2) == len(certs)
    for cert in certs:
        path = tmp_path / "out" / "证书" / f"{cert.number}_{cert.name}.pdf"
        reader = pypdf.PdfReader(path)
        assert len(reader.pages) == 1
        assert cert.name in pdf_text(path) and cert.number in pdf_text(path)
        fonts_used = {
            str(font["/BaseFont"])
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert fonts_used and all("QK-Serif" in name for name in fonts_used), fonts_used
