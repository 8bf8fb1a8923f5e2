"""Sign-in slips: the PDF read back shows each cadre's 姓名, 单位, 登录名 and 初始密码, and only its
owner can read the file."""

from __future__ import annotations

import stat
from pathlib import Path

from pypdf import PdfReader

from quizkit.export.slips import SignInSlip, slips_html, write_slips

SLIPS = [
    SignInSlip(
        f"学员{i:02d}", "城关镇" if i % 2 else "河口乡", f"cadre{i:02d}", f"pw{i:02d}abcdefg"
    )
    for i in range(1, 11)
]


def test_slips_pdf_shows_every_field_and_is_private(tmp_path: Path, cjk_font: None) -> None:
    target = write_slips(SLIPS, tmp_path / "slips.pdf", url="https://xuefa.example.gov.cn")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    reader = PdfReader(target)
    assert len(reader.pages) == 2  # eight to a page
    text = "".join(page.extract_text() for page in reader.pages)
    for slip in SLIPS:
        for value in slip:
            assert value in text
    assert "首次登录后须修改密码" in text
    assert "https://xuefa.example.gov.cn" in text


def test_names_are_escaped_in_the_html() -> None:
    html = slips_html([SignInSlip("<b>张三</b>", "城关镇", "zs", "x&y")])
    assert "&lt;b&gt;张三&lt;/b&gt;" in html and "x&amp;y" in html
