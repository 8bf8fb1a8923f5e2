"""Export requests: small notebooks holding what to render, for `jupyter nbconvert --to quizkit-…`.

nbconvert converts notebooks, and a certificate is not a notebook; so the notebook is the request.
`quizkit export request` builds the reports, issues the certificates (recorded in the store first),
and writes both the request and the page data it rendered into the notebook's metadata:

    "metadata": {"quizkit": {"export": {"kind": "certificates", "session": "2026-exam",
                                        "unit": "城关镇", "include_failed": false},
                             "content": {"kind": "certificates", "version": 1, …}}}

Request fields: kind (certificates | scoresheet), session (id or code), year, unit, cadres (ids),
include_failed, counting, include_makeup, makeup_counting, denominator, top_units; the settings
(database, issuing body, course title, pass mark) are those of the project `quizkit export request`
ran in. The content is described in :mod:`quizkit.export.contents`. The exporters read only the
metadata: converting a request needs no project and no database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import nbformat
from nbformat import NotebookNode
from pydantic import BaseModel, ConfigDict, ValidationError

from quizkit.atomicfile import write_bytes
from quizkit.errors import QuizkitError
from quizkit.reports.policy import Counting, Denominator, MakeupCounting

METADATA_KEY = "quizkit"
REQUEST_KEY = "export"
CONTENT_KEY = "content"


class ExportRequest(BaseModel):
    """What one export covers; None means "the default" (settings, everything, the session's rules)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["certificates", "scoresheet"]
    session: str | None = None
    year: int | None = None
    unit: str | None = None
    cadres: list[str] | None = None
    include_failed: bool = False
    counting: Counting | None = None
    include_makeup: bool | None = None
    makeup_counting: MakeupCounting | None = None
    denominator: Denominator | None = None
    top_units: bool = False

    def policy_overrides(self) -> dict[str, Any]:
        return {
            "counting": self.counting,
            "include_makeup": self.include_makeup,
            "makeup_counting": self.makeup_counting,
            "denominator": self.denominator,
        }


_INTRO = {
    "certificates": "本笔记本是一份**证书导出请求**：它不含代码，只在元数据中写明要为哪些学员生成培训合格证书。",
    "scoresheet": "本笔记本是一份**成绩汇总表导出请求**：它不含代码，只在元数据中写明要打印哪些单位的成绩汇总表。",
}


def request_notebook(request: ExportRequest, content: dict[str, Any]) -> NotebookNode:
    """A notebook holding ``request`` and its page data (``quizkit.export.contents``) in its metadata,
    with a note in Chinese on how to convert it."""
    target = "quizkit-certificate" if request.kind == "certificates" else "quizkit-scoresheet"
    fields = request.model_dump(mode="json", exclude_none=True)
    text = "\n".join(
        [
            _INTRO[request.kind],
            "",
            f"- 生成网页（HTML）：`jupyter nbconvert --to {target} 本文件.ipynb`",
            f"- 生成 PDF：`jupyter nbconvert --to {target}-pdf 本文件.ipynb`",
            "",
            "请求内容 / request:",
            "",
            "```json",
            json.dumps(fields, ensure_ascii=False, indent=2),
            "```",
        ]
    )
    notebook: NotebookNode = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells.append(nbformat.v4.new_markdown_cell(text))  # type: ignore[no-untyped-call]
    notebook.metadata[METADATA_KEY] = {REQUEST_KEY: fields, CONTENT_KEY: content}
    return notebook


def write_request(request: ExportRequest, path: Path, content: dict[str, Any]) -> Path:
    """Write the request notebook (through a temporary file: never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text: str = nbformat.writes(request_notebook(request, content))  # type: ignore[no-untyped-call]
    return write_bytes(path, (text + "\n").encode("utf-8"))


def read_content(notebook: NotebookNode, *, kind: str, where: str = "notebook") -> dict[str, Any]:
    """The page data a request notebook carries; a request without it (written by hand, or by an
    older quizkit) gets a message saying how to make one that has it."""
    read_request(notebook, kind=kind, where=where)
    found = notebook.get("metadata", {}).get(METADATA_KEY, {}).get(CONTENT_KEY)
    if not isinstance(found, dict):
        raise QuizkitError(
            f"{where} holds an export request but no page data (certificates are issued before "
            "export, never while converting)",
            hint=f"write the request with `quizkit export request --kind {kind} … -o {where}` in "
            "the project: it issues the certificates and embeds what to print",
        )
    return dict(found)


def read_request(notebook: NotebookNode, *, kind: str, where: str = "notebook") -> ExportRequest:
    """The request in a notebook's metadata; a plain notebook gets a message saying what to add."""
    found = notebook.get("metadata", {}).get(METADATA_KEY, {}).get(REQUEST_KEY)
    if found is None:
        raise QuizkitError(
            f"{where} has no quizkit export request in its metadata",
            hint=f"write one with `quizkit export request --kind {kind} -o request.ipynb`, "
            'or add metadata {"quizkit": {"export": {"kind": "' + kind + '", …}}}',
        )
    data = dict(found)
    data.setdefault("kind", kind)
    if data["kind"] != kind:
        raise QuizkitError(
            f"{where} asks for {data['kind']!r}, but this exporter makes {kind}",
            hint=f"convert it with --to quizkit-{'certificate' if data['kind'] == 'certificates' else 'scoresheet'}",
        )
    try:
        return ExportRequest.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise QuizkitError(
            f"{where}: export request field '{field}': {first['msg']}",
            hint="see `quizkit export request --help` for the fields",
        ) from error


__all__ = ["ExportRequest", "read_content", "read_request", "request_notebook", "write_request"]
