"""HTML → PDF with WeasyPrint, in process; many files at once over a pool of worker processes.

WeasyPrint embeds real CID fonts (text stays searchable and copyable) and needs no browser. A job is an
HTML document and its targets: one path gets the whole document; several paths get one page each, so a
chunk of certificates is laid out once and split into per-cadre files (half the cost of one document per
certificate). Batches are spread over the machine's cores. Workers are forked where that is safe (Linux,
no other thread running: forking a threaded process can hang), else spawned; a spawned worker imports
the main program again, which costs seconds when that is the whole CLI.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from quizkit.atomicfile import replacing
from quizkit.errors import QuizkitError
from quizkit.export.printable import ensure_printable, visible_text

PdfJob = tuple[str, list[Path]]
BATCH = 25  # pages per job when splitting; also the unit of progress


def _weasyprint() -> Any:
    try:
        import weasyprint
    except OSError as error:  # Pango missing: WeasyPrint cannot load its libraries
        raise QuizkitError(
            f"PDF output needs the Pango library: {error}",
            hint="install libpango-1.0-0 and libpangoft2-1.0-0 (Debian) or see WeasyPrint's "
            "installation notes; HTML output works without it",
        ) from error
    return weasyprint


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """The PDF of one HTML document (fonts embedded and subset); refused if a character
    cannot be printed."""
    ensure_printable([("the document", visible_text(html))])
    pdf: bytes = _weasyprint().HTML(string=html, base_url=base_url).write_pdf()
    return pdf


def write_job(html: str, targets: list[Path]) -> int:
    """Write one document, or one page per target; returns the number of files written."""
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
    base = targets[0].parent.resolve().as_uri()  # a relative output folder (-o out) too
    document = _weasyprint().HTML(string=html, base_url=base).render()
    if len(targets) == 1:
        with replacing(targets[0]) as temporary:
            document.write_pdf(temporary)
        return 1
    if len(document.pages) != len(targets):
        raise QuizkitError(
            f"{len(targets)} certificates laid out as {len(document.pages)} pages",
            hint="a certificate overflows its page: shorten the course title or issuing body",
        )
    for page, target in zip(document.pages, targets, strict=True):
        with replacing(target) as temporary:
            document.copy([page]).write_pdf(temporary)
    return len(targets)


def pool_context() -> multiprocessing.context.BaseContext:
    """``fork`` on Linux when this process runs no other thread, else ``spawn``."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run(jobs: list[PdfJob]) -> int:
    return sum(write_job(html, targets) for html, targets in jobs)


def _warm_up() -> None:
    _weasyprint()  # import once per worker, before the first job arrives


def default_workers(files: int) -> int:
    """One worker per core; none for small batches (spawning a worker costs about half a second)."""
    cores = os.cpu_count() or 1
    return 1 if files < 2 * BATCH else min(cores, files // BATCH)


def write_pdfs(
    jobs: Sequence[PdfJob],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every job; ``progress`` is called with the number of files each finished job wrote.
    Nothing is written when a character of any job cannot be printed."""
    ensure_printable((str(targets[0].name), visible_text(html)) for html, targets in jobs)
    files = sum(len(targets) for _, targets in jobs)
    count = workers if workers is not None else default_workers(files)
    if count <= 1:
        for job in jobs:
            done = write_job(*job)
            if progress:
                progress(done)
        return files
    with ProcessPoolExecutor(count, mp_context=pool_context(), initializer=_warm_up) as pool:
        futures = [pool.submit(_run, [job]) for job in jobs]
        for future in as_completed(futures):
            done = future.result()
            if progress:
                progress(done)
    return files


def write_pdf(html: str, path: Path) -> Path:
    write_job(html, [path])
    return path


__all__ = [
    "BATCH",
    "PdfJob",
    "default_workers",
    "html_to_pdf",
    "pool_context",
    "write_job",
    "write_pdf",
    "write_pdfs",
]
