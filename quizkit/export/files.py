"""Writing certificates and score sheets to files: HTML at once, PDFs collected as jobs for a pool.

Per-cadre certificate PDFs share one set of subset fonts (see fonts.py), made in a temporary folder
that must outlive the PDF jobs: use :func:`pdf_fonts` as a context manager around the writing.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from quizkit.atomicfile import write_text
from quizkit.certificates.issuing import Certificate
from quizkit.export.contents import (
    certificate_content,
    certificate_context,
    sheet_content,
    sheet_context,
)
from quizkit.export.exporters import CertificateExporter, ScoreSheetExporter
from quizkit.export.fonts import FontFaces
from quizkit.export.pdf import BATCH, PdfJob
from quizkit.export.printable import ensure_printable
from quizkit.reports import ReportSet

SUBSET_FROM = 20  # below this many PDFs, subsetting (about 3 s) costs more than it saves


def safe_name(text: str) -> str:
    """A file or folder name that works on Windows too (no \\/:*?"<>|, no trailing dots)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip().rstrip(".")
    return cleaned or "_"


def job_files(jobs: Sequence[PdfJob]) -> list[Path]:
    return [path for _, targets in jobs for path in targets]


def certificate_file(cert: Certificate) -> str:
    return safe_name(f"{cert.number}_{cert.name}") + ".pdf"


@contextmanager
def pdf_fonts(text: str, pdf_count: int) -> Iterator[FontFaces]:
    """Subset fonts for a big batch (kept until the block ends), the system fonts otherwise."""
    if pdf_count < SUBSET_FROM:
        yield FontFaces.system()
        return
    with tempfile.TemporaryDirectory(prefix="quizkit-fonts-") as folder:
        yield FontFaces.subset(text, Path(folder), styles=("serif",))


def cert_text(cert: Certificate) -> tuple[str, ...]:
    """What one certificate prints besides the fixed wording."""
    return (cert.name, cert.unit, cert.position, cert.band, cert.course, cert.scope)


def batch_text(reports: ReportSet, certificates: Sequence[Certificate]) -> str:
    """Every character the batch may print: names, units, positions, titles and fixed wording."""
    parts = [reports.title, reports.issuing_body, reports.scope.label(), reports.policy.describe()]
    for cert in certificates:
        parts.extend(cert_text(cert))
    parts.extend(
        str(value)
        for value in reports.cadres[["姓名", "单位", "职务", "等级", "免考原因"]].to_numpy().ravel()
    )
    parts.append("培训合格证书同志参加完成学习学时考试成绩分经考核合格特发此证明验证码核验编号")
    parts.append("扫描二维码真伪")  # beside a QR code (certificates/links.py)
    parts.append(
        "成绩汇总表单位负责人签字盖章日期序号姓名职务学时等级是否合格排名备注未参考免考补考是否"
    )
    parts.append("应考实考人数参考率合格率优秀率平均分最高最低计分含不分母线页共第")
    return "".join(parts)


def write_certificates(
    certificates: Sequence[Certificate],
    folder: Path,
    reports: ReportSet,
    fonts: FontFaces,
    *,
    html: bool = True,
    pdf: bool = True,
    combined: bool = False,
    exporter: CertificateExporter | None = None,
) -> tuple[list[Path], list[PdfJob]]:
    """``证书.html`` with every certificate, and PDF jobs: a file per cadre (laid out in batches and
    split by page), or one file for all (``combined``)."""
    exporter = exporter or CertificateExporter()
    if pdf:
        ensure_printable(
            (f"{cert.name}（{cert.unit}）", "".join(cert_text(cert))) for cert in certificates
        )
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    jobs: list[PdfJob] = []
    if html and certificates:
        page = exporter.render(certificate_context(certificate_content(reports, certificates)))
        written.append(folder / "证书.html")
        write_text(written[-1], page)
    if pdf and combined and certificates:
        content = certificate_content(reports, certificates)
        page = exporter.render(certificate_context(content, fonts))
        jobs.append((page, [folder / "证书.pdf"]))
    elif pdf:
        for start in range(0, len(certificates), BATCH):
            batch = list(certificates[start : start + BATCH])
            pages = exporter.render(certificate_context(certificate_content(reports, batch), fonts))
            jobs.append((pages, [folder / "证书" / certificate_file(cert) for cert in batch]))
    return written, jobs


def write_scoresheet(
    reports: ReportSet,
    path: Path,
    fonts: FontFaces,
    *,
    units: list[str] | None = None,
    pdf: bool = True,
    exporter: ScoreSheetExporter | None = None,
) -> tuple[list[Path], list[PdfJob]]:
    """``path``.html now, and a PDF job for ``path``.pdf (all units with a summary, or ``units``)."""
    exporter = exporter or ScoreSheetExporter()
    path.parent.mkdir(parents=True, exist_ok=True)
    if pdf:
        rows = reports.cadres[["姓名", "单位", "职务"]].astype(str).to_numpy()
        ensure_printable(
            (f"{name}（{unit}）", name + unit + position) for name, unit, position in rows
        )
    content = sheet_content(reports, units)
    html_path = path.with_suffix(".html")
    write_text(html_path, exporter.render(sheet_context(content, FontFaces.system())))
    page = exporter.render(sheet_context(content, fonts)) if pdf else ""
    jobs = [(page, [path.with_suffix(".pdf")])] if pdf else []
    return [html_path], jobs


__all__ = [
    "batch_text",
    "certificate_file",
    "job_files",
    "pdf_fonts",
    "safe_name",
    "write_certificates",
    "write_scoresheet",
]
