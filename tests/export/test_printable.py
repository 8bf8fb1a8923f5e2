"""A PDF is refused, naming who and which characters, when a font would print boxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.errors import QuizkitError
from quizkit.export import printable
from quizkit.export.pdf import write_pdfs
from quizkit.export.printable import ensure_printable, visible_text
from quizkit.fonts import cjk_font_files
from tests.conftest import require_system_part

RARE = "𪚥"  # U+2A6A5: not in Noto CJK (printed as □ before this check)


def test_visible_text_skips_styles_and_scripts() -> None:
    html = "<html><head><title>题</title><style>p{font:x}</style></head><body><p>张三&amp;李四</p>"
    assert visible_text(html + "<script>var a='隐'</script></body></html>") == "张三&李四"


def test_a_rare_character_is_refused_naming_the_cadre() -> None:
    require_system_part(bool(cjk_font_files()), "a CJK font", "fonts-noto-cjk")
    ensure_printable([("王芳（城关镇）", "王芳城关镇司法所")])
    with pytest.raises(QuizkitError) as caught:
        ensure_printable([("王芳（城关镇）", "王芳"), (f"张{RARE}（河西村）", f"张{RARE}河西村")])
    message = str(caught.value)
    assert f"张{RARE}（河西村）: {RARE}" in message and "王芳" not in message
    assert "fonts-noto-cjk-extra" in message


def test_no_chinese_font_refuses_before_weasyprint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(printable, "cjk_font_files", lambda: ())
    with pytest.raises(QuizkitError, match="no Chinese font is installed") as caught:
        write_pdfs([("<p>培训合格证书</p>", [tmp_path / "a.pdf"])])
    assert "fonts-noto-cjk" in str(caught.value)
    assert not (tmp_path / "a.pdf").exists()


def test_nothing_is_written_when_one_job_cannot_be_printed(tmp_path: Path) -> None:
    require_system_part(bool(cjk_font_files()), "a CJK font", "fonts-noto-cjk")
    jobs = [("<p>王芳</p>", [tmp_path / "ok.pdf"]), (f"<p>张{RARE}</p>", [tmp_path / "bad.pdf"])]
    with pytest.raises(QuizkitError, match=r"bad\.pdf"):
        write_pdfs(jobs)
    assert list(tmp_path.iterdir()) == []


def test_no_pdf_needs_no_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printable, "cjk_font_files", lambda: ())
    ensure_printable([])
    assert write_pdfs([]) == 0
