"""Writing a file whole or not at all.

Every file quizkit writes goes to a temporary file in the target's own folder (same disk, so the last
step is a rename) and replaces the target only when it is complete. A failure half way — an unencodable
character, a full disk, a crash — leaves the previous file as it was and no temporary behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path | str) -> Iterator[Path]:
    """A fresh temporary path beside ``target``; when the block ends normally it becomes ``target``.

    For libraries that write to a path themselves (openpyxl, XlsxWriter, pandas, WeasyPrint).
    """
    target = Path(target)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # created here with the usual permissions (umask), so the replaced file keeps them too
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes(target: Path | str, data: bytes) -> Path:
    with replacing(target) as temporary:
        temporary.write_bytes(data)
    return Path(target)


def write_text(
    target: Path | str, text: str, *, encoding: str = "utf-8", newline: str | None = None
) -> Path:
    """``Path.write_text``, but whole or not at all (an unencodable character leaves no trace)."""
    with (
        replacing(target) as temporary,
        temporary.open("w", encoding=encoding, newline=newline) as out,
    ):
        out.write(text)
    return Path(target)


__all__ = ["replacing", "write_bytes", "write_text"]
