"""Aiken: the simplest text format — a stem, lettered options, and an ``ANSWER:`` line.

Aiken carries single-choice questions only: no id, feedback, citation, tags or categories. A judge
(判断) question goes out as two options 正确/错误 and comes back as judge; multiple-choice questions and
case scenarios cannot be written (the exporter lists them). On import we also accept the Chinese forms
trainers type (``A、`` ``A．`` options, ``答案：B``) and several letters (``ANSWER: AC`` → multiple).

| Aiken                                  | quizkit  |
|----------------------------------------|----------|
| options, ``ANSWER: B``                 | single   |
| ``ANSWER: AC`` (not standard Aiken)    | multiple |
| options 正确/错误 (对/错, True/False)   | judge    |
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizkit.bank.models import CaseGroup, Question
from quizkit.interop.choices import Choice, choice_fields
from quizkit.interop.source import Draft, Parsed, SourceProblem, Where, listed

_OPTION = re.compile(r"^([A-Za-z])\s*[.)、．）]\s*(.*)$")
_ANSWER = re.compile(r"^(?:ANSWER|答案)\s*[:：]\s*(.*)$", re.IGNORECASE)
JUDGE_OPTIONS = ("正确", "错误")


class _Question:
    def __init__(self, line: int) -> None:
        self.line = line
        self.stem: list[str] = []
        self.options: list[tuple[str, str]] = []


def _finish(question: _Question, answer: str, file: str, parsed: Parsed) -> None:
    where = Where(file, line=question.line)
    stem = "\n".join(question.stem)
    letters = [c for c in answer.upper() if c.isalpha()]
    labels = [label.upper() for label, _ in question.options]
    expected = [chr(ord("A") + i) for i in range(len(labels))]
    if labels != expected:
        parsed.problems.append(
            SourceProblem(
                where, stem[:20], f"options must be A, B, C… in order, not {''.join(labels)}"
            )
        )
    choices = [Choice(text, 1.0 if label in letters else 0.0) for label, text in question.options]
    result = choice_fields(choices, multiple=len(letters) > 1)
    missing = [letter for letter in letters if letter not in labels]
    if missing or not letters:
        message = f"ANSWER names {''.join(missing)}, which is not an option" if missing else ""
        parsed.problems.append(SourceProblem(where, stem[:20], message or "the ANSWER is empty"))
    else:
        parsed.problems += [SourceProblem(where, stem[:20], m) for m in result.problems]
    parsed.drafts.append(Draft({"id": None, "stem": stem, **result.fields}, where))


def read_aiken(text: str, file: str) -> Parsed:
    """Questions of an Aiken text (already decoded)."""
    parsed = Parsed()
    current: _Question | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if current is None:
            current = _Question(number)
            current.stem.append(line)
        elif answer:
            _finish(current, answer.group(1), file, parsed)
            current = None
        elif option and current.stem:
            current.options.append((option.group(1), option.group(2).strip()))
        elif current.options:
            parsed.problems.append(
                SourceProblem(
                    Where(file, line=number), None, "expected an option (B. …) or 'ANSWER: B'"
                )
            )
        else:
            current.stem.append(line)
    if current is not None:
        parsed.problems.append(
            SourceProblem(
                Where(file, line=current.line), None, "no 'ANSWER:' line ends this question"
            )
        )
    return parsed


def looks_like_aiken(text: str) -> bool:
    """True when the text has Aiken ANSWER lines and either no GIFT answer braces or every question
    ending in its ANSWER line (an option such as "{" is Aiken text, not a GIFT answer block)."""
    lines = [line.strip() for line in text.split("\n")]
    if not any(_ANSWER.match(line) for line in lines):
        return False
    if not any("{" in line for line in lines):
        return True
    blocks = [block.strip().split("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]
    return all(_ANSWER.match(block[-1].strip()) for block in blocks)


def write_aiken(items: Sequence[tuple[str, Question | CaseGroup]]) -> tuple[str, list[str]]:
    """Aiken text for the single and judge questions; warnings name what was left out or changed."""
    out: list[str] = []
    multiple: list[str] = []
    flattened: list[str] = []
    joined: list[str] = []
    for _law, item in items:
        questions = item.questions if isinstance(item, CaseGroup) else [item]
        if isinstance(item, CaseGroup):
            flattened.append(item.id)
        for question in questions:
            if question.type in ("multiple", "fill"):
                multiple.append(question.id)
                continue
            texts = [question.stem, *(question.options or {}).values()]
            if any("\n" in text for text in texts):
                joined.append(question.id)
            out += _aiken_question(question)
    warnings = []
    if multiple:
        warnings.append(
            f"Aiken has no multiple-choice or 填空 questions: left out {len(multiple)}: "
            f"{listed(multiple)}"
        )
    if flattened:
        warnings.append(
            f"Aiken has no case scenarios: the sub-questions of {len(flattened)} case group(s) "
            f"were written without their scenario: {listed(flattened)}"
        )
    if joined:
        warnings.append(
            f"Aiken texts are one line: line breaks became spaces in {len(joined)}: {listed(joined)}"
        )
    return "\n".join(out), warnings


def _aiken_question(question: Question) -> list[str]:
    def one_line(text: str) -> str:
        return " ".join(part.strip() for part in text.split("\n") if part.strip())

    if question.type == "judge":
        options = dict(zip("AB", JUDGE_OPTIONS, strict=True))
        answer = "A" if question.answer is True else "B"
    else:
        options = dict(question.options or {})
        answer = str(question.answer)
    lines = [one_line(question.stem)]
    lines += [f"{label}. {one_line(text)}" for label, text in options.items()]
    return [*lines, f"ANSWER: {answer}", ""]
