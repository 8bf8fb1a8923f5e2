"""The appraisal pack: everything the office prints, signs and files for a session or a year.

    <out>/index.html              what was written, with each unit's figures and links
    <out>/汇总.xlsx               every report, plus one signed sheet per unit
    <out>/csv/*.csv               the same reports as UTF-8 (BOM) CSV
    <out>/成绩汇总表.html|.pdf     the unit summary and every unit's score sheet
    <out>/<单位>/成绩汇总表.xlsx|.html|.pdf   the unit's sheet with the signature block
    <out>/<单位>/证书.html, 证书/<编号>_<姓名>.pdf   the unit's certificates

PDFs are written last, over a pool of processes (see pdf.py); ``progress`` hears about each stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from quizkit.atomicfile import write_text
from quizkit.certificates.issuing import Certificate
from quizkit.export.csvfiles import write_report_csvs
from quizkit.export.exporters import TEMPLATES, CertificateExporter, ScoreSheetExporter
from quizkit.export.files import (
    batch_text,
    job_files,
    pdf_fonts,
    safe_name,
    write_certificates,
    write_scoresheet,
)
from quizkit.export.formatting import plain_date
from quizkit.export.pdf import PdfJob, write_pdfs
from quizkit.export.sheets import format_cell
from quizkit.export.workbook import unit_sheet, write_workbook
from quizkit.reports import ReportSet

Progress = Callable[[str, int, int], None]  # (stage, done, total)
INDEX_FIGURES = ("应考人数", "实考人数", "参考率", "合格人数", "合格率", "平均分", "排名")


@dataclass
class PackResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    units: int = 0
    certificates: int = 0
    pdfs: int = 0
    seconds: float = 0.0


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def _unit_entry(reports: ReportSet, unit: str, certificates: int, folder: str) -> dict[str, Any]:
    table = reports.units.set_index("单位")
    links = [
        ("成绩汇总表.xlsx", f"{folder}/成绩汇总表.xlsx"),
        ("成绩汇总表.pdf", f"{folder}/成绩汇总表.pdf"),
        ("成绩汇总表.html", f"{folder}/成绩汇总表.html"),
    ]
    if certificates:
        links.append(("证书", f"{folder}/证书.html"))
    figures = (
        [(name, format_cell(name, table.loc[[unit]].iloc[0][name])) for name in INDEX_FIGURES]
        if unit in table.index
        else [(name, "") for name in INDEX_FIGURES]  # a sub-unit when units are rolled up
    )
    return {"name": unit, "figures": figures, "certificates": certificates, "links": links}


def write_index(reports: ReportSet, out: Path, units: list[dict[str, Any]]) -> Path:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "quizkit-pack")), autoescape=True
    )
    page = environment.get_template("index.html.j2").render(
        title=f"{reports.title} 年度考核材料",
        scope=reports.scope.label(),
        issuing_body=reports.issuing_body,
        generated=plain_date(reports.generated_on),
        policy=reports.policy.describe(),
        overall=[
            ("汇总.xlsx（全部报表与各单位工作表）", "汇总.xlsx"),
            ("成绩汇总表（PDF）", "成绩汇总表.pdf"),
            ("成绩汇总表（网页）", "成绩汇总表.html"),
            ("CSV 文件", "csv/"),
        ],
        units=units,
    )
    path = out / "index.html"
    write_text(path, page)
    return path


def build_pack(
    reports: ReportSet,
    certificates: list[Certificate],
    out: Path,
    *,
    pdf: bool = True,
    workers: int | None = None,
    progress: Progress = _quiet,
    units: list[str] | None = None,
) -> PackResult:
    """Write the pack for ``reports`` and the already issued ``certificates`` into ``out``
    (every unit, or only ``units``)."""
    started = time.perf_counter()
    result = PackResult(out)
    units = units if units is not None else reports.unit_names()
    out.mkdir(parents=True, exist_ok=True)
    progress("汇总表", 0, 2)
    result.files.append(write_workbook(reports, out / "汇总.xlsx", units=units))
    result.files.extend(write_report_csvs(reports, out / "csv"))
    progress("汇总表", 2, 2)
    jobs: list[PdfJob] = []
    entries = []
    with pdf_fonts(batch_text(reports, certificates), len(certificates) if pdf else 0) as fonts:
        sheet_exporter, cert_exporter = ScoreSheetExporter(), CertificateExporter()
        files, more = write_scoresheet(
            reports, out / "成绩汇总表", fonts, pdf=pdf, exporter=sheet_exporter
        )
        result.files += files
        jobs += more
        for done, unit in enumerate(units, start=1):
            folder = out / safe_name(unit)
            mine = [cert for cert in certificates if cert.unit == unit]
            result.files.append(
                write_workbook(
                    reports, folder / "成绩汇总表.xlsx", sheets=[unit_sheet(reports, unit)]
                )
            )
            files, more = write_scoresheet(
                reports,
                folder / "成绩汇总表",
                fonts,
                units=[unit],
                pdf=pdf,
                exporter=sheet_exporter,
            )
            result.files += files
            jobs += more
            files, more = write_certificates(
                mine, folder, reports, fonts, pdf=pdf, exporter=cert_exporter
            )
            result.files += files
            jobs += more
            entries.append(_unit_entry(reports, unit, len(mine), safe_name(unit)))
            progress("各单位网页与表格", done, len(units))
        total = len(job_files(jobs))
        progress("PDF", 0, total)
        counter = {"done": 0}

        def advanced(count: int) -> None:
            counter["done"] += count
            progress("PDF", counter["done"], total)

        write_pdfs(jobs, workers=workers, progress=advanced)
    result.files += job_files(jobs)
    result.files.append(write_index(reports, out, entries))
    result.units, result.certificates, result.pdfs = len(units), len(certificates), total
    result.seconds = time.perf_counter() - started
    return result


__all__ = ["PackResult", "Progress", "build_pack", "write_index"]
