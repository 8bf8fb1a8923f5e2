"""A small bank for session tests (two laws, every type and difficulty) and roster helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quizkit.bank import Bank, load_bank
from quizkit.store import CadreRecord, Store
from tests.factories import judge_data, multiple_data, question_data, write_bank

LAWS = {
    "administrative-licensing": ("xk", 42, "二十日内"),
    "administrative-penalty": ("cf", 30, "不予行政处罚"),
}
COUNTS = {"single": 8, "multiple": 4, "judge": 5}  # per law


def _question(law: str, kind: str, number: int) -> dict[str, Any]:
    prefix, article, quote = LAWS[law]
    values: dict[str, Any] = {
        "id": f"{prefix}-{kind}-{number:02d}",
        "stem": f"{prefix}{kind}第{number}题：依法应当如何处理？",
        "cite": {"law": law, "article": article, "quote": quote},
        "difficulty": number % 3 + 1,
    }
    factory = {"single": question_data, "multiple": multiple_data, "judge": judge_data}[kind]
    return factory(**values)


def write_session_bank(folder: Path, *, case: bool = True, scale: int = 1) -> Path:
    """Per law: 8 单选 (answer C), 4 多选 (A, C), 5 判断 (对), times ``scale``; licensing also has
    a case group."""
    for law in LAWS:
        questions = [
            _question(law, kind, n)
            for kind, count in COUNTS.items()
            for n in range(1, count * scale + 1)
        ]
        if case and law == "administrative-licensing":
            questions.append(
                {
                    "id": "xk-case",
                    "type": "case",
                    "scenario": "某镇便民服务中心窗口收到村民王某的许可申请。",
                    "questions": [
                        judge_data(
                            id="xk-case-1", stem="窗口可以不予受理且不告知理由。", answer=False
                        ),
                        question_data(id="xk-case-2", stem="应当在多少日内作出决定？"),
                    ],
                }
            )
        write_bank(folder, questions, law=law)
    return folder


def session_bank(tmp_path: Path, *, scale: int = 1) -> Bank:
    return load_bank(write_session_bank(tmp_path / "question_bank", scale=scale))


def add_cadres(store: Store, count: int, *, unit: str = "城关镇") -> list[CadreRecord]:
    cadres = [CadreRecord(id=f"c{i:03d}", name=f"干部{i}", unit=unit) for i in range(1, count + 1)]
    store.upsert_cadres(cadres)
    return cadres
