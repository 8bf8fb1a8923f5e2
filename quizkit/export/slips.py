"""Sign-in slips (登录凭条): one per cadre, eight to an A4 page, for the trainer to cut and hand out.

Each slip shows 姓名, 单位, 登录名, 初始密码 and the hub's address, and says the password must be
changed at the first sign-in. The PDF holds passwords, so it is written readable by its owner only
(0600); the passwords exist nowhere else (the hub keeps only their hashes).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import NamedTuple

from quizkit.atomicfile import replacing
from quizkit.export.fonts import FontFaces
from quizkit.export.pdf import html_to_pdf


class SignInSlip(NamedTuple):
    name: str
    unit: str
    login: str
    password: str


CSS = """
@page { size: A4; margin: 10mm; }
body { margin: 0; font-family: %(sans)s; font-size: 11pt; }
.slips { display: flex; flex-wrap: wrap; }
.slip { box-sizing: border-box; width: 50%%; height: 68mm; padding: 5mm 7mm;
        border: 1px dashed #888; page-break-inside: avoid; }
.slip h2 { font-size: 13pt; margin: 0 0 3mm 0; }
.slip table { border-collapse: collapse; }
.slip td { padding: 1mm 2mm 1mm 0; vertical-align: top; }
.secret { font-size: 14pt; letter-spacing: 1pt; font-weight: bold; }
.note { font-size: 9pt; color: #333; margin-top: 2mm; }
"""


def _slip_html(slip: SignInSlip, url: str, title: str) -> str:
    rows = [("姓名", slip.name), ("单位", slip.unit), ("登录名", slip.login)]
    cells = "".join(f"<tr><td>{k}：</td><td>{escape(v)}</td></tr>" for k, v in rows)
    cells += f'<tr><td>初始密码：</td><td class="secret">{escape(slip.password)}</td></tr>'
    address = f'<p class="note">登录地址：{escape(url)}</p>' if url else ""
    return (
        f'<div class="slip"><h2>{escape(title)} 登录凭条</h2><table>{cells}</table>{address}'
        '<p class="note">首次登录后须修改密码；新密码请勿告诉他人。本凭条请妥善保管或销毁。</p></div>'
    )


def slips_html(slips: Sequence[SignInSlip], *, url: str = "", title: str = "学法考试") -> str:
    faces = FontFaces.system()
    body = "".join(_slip_html(slip, url, title) for slip in slips)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        f"{faces.css}{CSS % {'sans': faces.sans}}</style></head>"
        f'<body><div class="slips">{body}</div></body></html>'
    )


def write_slips(
    slips: Sequence[SignInSlip], target: Path, *, url: str = "", title: str = "学法考试"
) -> Path:
    """Write the slips PDF (0600); refused, writing nothing, if a name cannot be printed."""
    pdf = html_to_pdf(slips_html(slips, url=url, title=title))
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as temporary:
        os.chmod(temporary, 0o600)
        temporary.write_bytes(pdf)
    return target


__all__ = ["SignInSlip", "slips_html", "write_slips"]
