"""A notebook the trainer hands out: it carries the join code, so cadres only press 运行全部单元格."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from quizkit.atomicfile import write_text
from quizkit.sessions.manage import Session
from quizkit.sessions.timing import local_text

KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def _cell(kind: str, source: str, **metadata: Any) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": uuid.uuid4().hex[:8],
        "metadata": metadata,
        "source": source,
    }
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def handout_notebook(session: Session) -> dict[str, Any]:
    """The notebook (nbformat 4.5 JSON): what the session is, how to sit it, and the hidden
    ``quizkit.join(code)`` cell."""
    rules = session.rules
    minutes = f"每次限时 {rules.duration_minutes} 分钟；" if rules.duration_minutes else ""
    intro = (
        f"# {session.title}\n\n"
        f"考试码：**{session.code}**　开始：{local_text(session.opens_at)}　"
        f"结束：{local_text(session.closes_at)}\n\n"
        f"{minutes}可作答 {rules.attempts_allowed} 次；合格线 {rules.pass_mark:g} 分。\n\n"
        "点击菜单“运行 → 运行全部单元格”，填写姓名和单位后即可开始。每次选择都会自动保存；"
        "全部答完后点击“交卷”并确认，时间到时系统会自动交卷。"
    )
    join = _cell(
        "code",
        f'import quizkit\n\nquizkit.join("{session.code}")',
        jupyter={"source_hidden": True},
        tags=["quizkit-session"],
    )
    return {
        "cells": [_cell("markdown", intro), join],
        "metadata": {"kernelspec": KERNEL, "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_handout(session: Session, path: Path) -> Path:
    """Write the handout notebook to ``path`` (an .ipynb file, or a folder: ``考试-<code>.ipynb``)."""
    target = path if path.suffix == ".ipynb" else path / f"考试-{session.code}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(handout_notebook(session), ensure_ascii=False, indent=1)
    write_text(target, text + "\n")
    return target


__all__ = ["handout_notebook", "write_handout"]
