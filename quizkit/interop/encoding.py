"""Which encoding a text file is in: decided from its bytes and said out loud, never guessed silently.

Chinese Windows saves CSV and TXT in GBK (code page 936) unless told otherwise; newer Excel offers
"CSV UTF-8", which starts with a byte-order mark; "Unicode text" is UTF-16 with a mark. We read, in
order: a byte-order mark; else whichever of strict UTF-8 and strict GB18030 (a superset of GBK and
GB2312) decodes the bytes. Short GBK text is often valid UTF-8 too (卢伟 is C2 AC CE B0, UTF-8 for
"¬ΰ"): when both decode, charset-normalizer, limited to those two, picks the one that reads as
language. The name of the encoding used is returned so the caller can print it, beside sample values.
"""

from __future__ import annotations

import codecs

from quizkit.errors import ImportFormatError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (with BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE (with BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE (with BOM)"),
)

#: names users type for --encoding → Python codec
ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "ansi": "gb18030"}


def decode_bytes(raw: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name as shown to the user). Raises ImportFormatError naming the bad byte."""
    if encoding:
        codec = ALIASES.get(encoding.lower(), encoding)
        try:
            return raw.decode(codec), encoding
        except LookupError as error:
            raise ImportFormatError(
                f"unknown encoding '{encoding}'",
                file=file,
                hint="use utf-8, gbk or gb18030",
            ) from error
        except UnicodeDecodeError as error:
            raise _undecodable(file, raw, encoding, error) from error
    for mark, codec, name in _BOMS:
        if raw.startswith(mark):
            return raw.decode(codec), name
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030"), "GBK/GB18030"
        except UnicodeDecodeError as error:
            raise _undecodable(file, raw, "UTF-8 or GBK/GB18030", error) from error
    if raw.isascii() or not _reads_as_gbk(raw):
        return text, "UTF-8"
    return raw.decode("gb18030"), "GBK/GB18030"


def _reads_as_gbk(raw: bytes) -> bool:
    """For bytes valid as both UTF-8 and GB18030: does GB18030 read more like language?"""
    from charset_normalizer import from_bytes

    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    best = from_bytes(raw, cp_isolation=["utf_8", "gb18030"]).best()
    return best is not None and best.encoding == "gb18030"


def _undecodable(file: str, raw: bytes, tried: str, error: UnicodeDecodeError) -> ImportFormatError:
    line = raw.count(b"\n", 0, error.start) + 1
    return ImportFormatError(
        f"cannot read the file as {tried}: byte 0x{raw[error.start]:02x} at offset {error.start} "
        "is not valid there",
        file=file,
        line=line,
        hint="save it again as UTF-8 (Excel: 另存为 → CSV UTF-8), or name the encoding with --encoding",
    )


def read_text(path: str, raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``raw`` and normalise line ends to \\n."""
    text, name = decode_bytes(raw, path, encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n"), name
