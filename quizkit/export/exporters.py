"""nbconvert exporters, registered as entry points (see pyproject.toml):

    jupyter nbconvert --to quizkit-certificate      request.ipynb   → request.html
    jupyter nbconvert --to quizkit-certificate-pdf  request.ipynb   → request.pdf
    jupyter nbconvert --to quizkit-scoresheet       request.ipynb
    jupyter nbconvert --to quizkit-scoresheet-pdf   request.ipynb

The input is an export request notebook written by `quizkit export request` (see
:mod:`quizkit.export.requests`): it carries the page data, made after the certificates were issued.
The exporters render only that data (:mod:`quizkit.export.contents`): they open no project and no
store, so converting needs no database. The templates ship with quizkit
(``quizkit/export/templates/quizkit-*/``). `quizkit export …` uses the same classes in process through
:meth:`QuizkitExporter.render`, with template data made by the same functions, so both routes print the
same pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import nbformat
from nbconvert.exporters import TemplateExporter
from nbformat import NotebookNode
from traitlets import default

from quizkit.export.contents import certificate_context, sheet_context
from quizkit.export.formatting import TEMPLATE_FILTERS
from quizkit.export.pdf import html_to_pdf
from quizkit.export.requests import read_content

TEMPLATES = Path(__file__).resolve().with_name("templates")


class QuizkitExporter(TemplateExporter):
    """Renders a quizkit template from the page data a request notebook carries."""

    request_kind: ClassVar[str] = ""
    output_mimetype = "text/html"

    def __init__(self, config: Any = None, **kw: Any) -> None:
        super().__init__(config=config, **kw)  # type: ignore[no-untyped-call]

    @default("extra_template_basedirs")
    def _quizkit_template_dirs(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("file_extension")
    def _quizkit_file_extension(self) -> str:
        return ".html"

    @default("template_extension")
    def _quizkit_template_extension(self) -> str:
        return ".html.j2"

    def default_filters(self) -> Any:
        yield from super().default_filters()  # type: ignore[no-untyped-call]
        yield from TEMPLATE_FILTERS.items()

    def context_for(self, content: dict[str, Any], where: str) -> dict[str, Any]:
        """The template data from the request's page data."""
        raise NotImplementedError

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        resources = self._init_resources(resources)  # type: ignore[no-untyped-call]
        name = resources["metadata"].get("name") or "notebook"
        where = f"{name}.ipynb"
        content = read_content(nb, kind=self.request_kind, where=where)
        resources["quizkit"] = self.context_for(content, where)
        output: str
        output, resources = super().from_notebook_node(nb, resources, **kw)
        return output, resources

    def render(self, context: dict[str, Any]) -> str:
        """The page for ``context`` without a request notebook (the bulk route of `quizkit export`)."""
        output: str = self.template.render(
            nb=nbformat.v4.new_notebook(),  # type: ignore[no-untyped-call]
            resources={"quizkit": context},
        )
        return output.lstrip("\r\n")


class CertificateExporter(QuizkitExporter):
    """培训合格证书, one A4 landscape page per cadre (HTML)."""

    export_from_notebook = "quizkit 合格证书 (HTML)"
    request_kind = "certificates"

    @default("template_name")
    def _quizkit_template_name(self) -> str:
        return "quizkit-certificate"

    def context_for(self, content: dict[str, Any], where: str) -> dict[str, Any]:
        return certificate_context(content, where=where)


class ScoreSheetExporter(QuizkitExporter):
    """成绩汇总表: a unit summary page and one printable sheet per unit (HTML)."""

    export_from_notebook = "quizkit 成绩汇总表 (HTML)"
    request_kind = "scoresheet"

    @default("template_name")
    def _quizkit_template_name(self) -> str:
        return "quizkit-scoresheet"

    def context_for(self, content: dict[str, Any], where: str) -> dict[str, Any]:
        return sheet_context(content, where=where)


class _PDFMixin(QuizkitExporter):
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _quizkit_file_extension(self) -> str:
        return ".pdf"

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        html, resources = super().from_notebook_node(nb, resources, **kw)
        return html_to_pdf(html, base_url=str(resources["metadata"].get("path") or ".")), resources


class CertificatePDFExporter(_PDFMixin, CertificateExporter):
    """培训合格证书 as PDF with embedded Chinese fonts (WeasyPrint)."""

    export_from_notebook = "quizkit 合格证书 (PDF)"


class ScoreSheetPDFExporter(_PDFMixin, ScoreSheetExporter):
    """成绩汇总表 as PDF with embedded Chinese fonts (WeasyPrint)."""

    export_from_notebook = "quizkit 成绩汇总表 (PDF)"


__all__ = [
    "CertificateExporter",
    "CertificatePDFExporter",
    "QuizkitExporter",
    "ScoreSheetExporter",
    "ScoreSheetPDFExporter",
]
