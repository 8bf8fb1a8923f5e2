"""What outside formats share: option lists with right/wrong marks → our single/multiple/judge fields,
and short-answer lists → our fill (填空) fields.

GIFT, Moodle XML and Aiken all describe a choice question as a list of (text, weight, feedback) answers;
this module turns such a list into bank fields once, and gathers per-answer feedback into the one
explanation quizkit shows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from quizkit.interop.citation import split_citation
from quizkit.question_types import OPTION_LABELS
from quizkit.question_types.fill import BLANK, blank_count

#: option texts that make a two-option choice a judge (判断) question: true word, false word
JUDGE_WORDS = (("正确", "错误"), ("对", "错"), ("√", "×"), ("是", "否"), ("true", "false"))
#: categories segments that say nothing (Moodle's context prefixes, "top", default categories)
_CATEGORY_NOISE = re.compile(r"^(\$[a-z0-9]+\$|top|Default for .*|默认.*)$", re.IGNORECASE)


@dataclass
class Choice:
    text: str
    weight: float
    feedback: str = ""


@dataclass
class ChoiceResult:
    fields: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def choice_fields(choices: list[Choice], *, multiple: bool) -> ChoiceResult:
    """Bank fields (type, options, answer) for a list of weighted choices."""
    result = ChoiceResult({})
    if len(choices) > len(OPTION_LABELS):
        result.problems.append(
            f"{len(choices)} answers; quizkit questions have at most {len(OPTION_LABELS)} (A–F)"
        )
        choices = choices[: len(OPTION_LABELS)]
    labels = OPTION_LABELS[: len(choices)]
    options = {label: choice.text for label, choice in zip(labels, choices, strict=True)}
    right = [label for label, choice in zip(labels, choices, strict=True) if choice.weight > 0]
    positive = {round(c.weight, 3) for c in choices if c.weight > 0}
    if multiple:
        result.fields = {"type": "multiple", "options": options, "answer": right}
        if len(positive) > 1:
            result.notes.append("unequal partial-credit weights (quizkit scores by its own rule)")
    else:
        full = [label for label, c in zip(labels, choices, strict=True) if c.weight >= 1]
        answer: Any = full[0] if len(full) == 1 else "".join(full or right)
        if len(full) != 1:
            result.problems.append("a single-choice question needs exactly one fully right answer")
        if any(0 < c.weight < 1 for c in choices):
            result.notes.append("partial credit for a wrong answer (quizkit gives none)")
        result.fields = {"type": "single", "options": options, "answer": answer}
    judge = None if multiple else judge_answer(options, right)
    if judge is not None:
        result.fields = {"type": "judge", "answer": judge}
    return result


def blank_answers(choices: list[Choice], number: int = 1) -> ChoiceResult:
    """The accepted answers of one blank (fields: ``answer``): answers worth 100%; notes on the
    answers a 填空 cannot carry (partial credit, wildcards); wrong answers only lend their feedback."""
    result = ChoiceResult({})
    accepted: list[str] = []
    for choice in choices:
        text = choice.text.strip()
        if choice.weight >= 1 and text and "*" not in text:
            accepted.append(text)
        elif choice.weight >= 1 or (text == "*" and choice.weight > 0):
            result.notes.append(
                f"blank {number}: answer '{text}' dropped (wildcards * are not matched)"
            )
        elif choice.weight > 0:
            result.notes.append(
                f"blank {number}: answer '{text}' ({choice.weight:.0%}) dropped "
                "(a 填空 answer is accepted fully or not at all)"
            )
    if not accepted:
        result.problems.append(f"blank {number} has no answer marked fully right (100%)")
    result.fields = {"answer": accepted}
    return result


def fill_fields(stem: str, blanks: list[list[Choice]]) -> ChoiceResult:
    """Bank fields (type, stem, answer) of a short answer or cloze: one list of choices per blank.

    A stem without a blank marker (a Moodle short answer asks below its text) gets one at its end."""
    result = ChoiceResult({})
    answer: list[list[str]] = []
    for number, choices in enumerate(blanks, 1):
        one = blank_answers(choices, number)
        answer.append(one.fields["answer"])
        result.problems += one.problems
        result.notes += one.notes
    stem = BLANK.sub("____", stem)
    if blank_count(stem) == 0 and len(blanks) == 1:
        stem = stem.rstrip() + "____"
    result.fields = {"type": "fill", "stem": stem, "answer": answer}
    return result


def judge_answer(options: dict[str, str], right: list[str]) -> bool | None:
    """True/False when the two options are a judge pair (正确/错误 …) with one of them right."""
    if len(options) != 2 or len(right) != 1:
        return None
    texts = [text.strip().lower() for text in options.values()]
    for true_word, false_word in JUDGE_WORDS:
        if texts == [true_word, false_word] or texts == [false_word, true_word]:
            return options[right[0]].strip().lower() == true_word
    return None


def explanation_fields(
    general: str, per_answer: list[tuple[str, str]]
) -> tuple[dict[str, Any], bool]:
    """explanation (and cite, when the feedback ends with a 【依据】 line); True if feedback was folded in.

    ``per_answer`` is (label, feedback) for answers that had their own feedback text.
    """
    explanation, cite = split_citation(general)
    extra = [f"{label}：{text.strip()}" for label, text in per_answer if text.strip()]
    if extra:
        explanation = join_text([explanation, *extra] if explanation else extra)
    fields: dict[str, Any] = {"explanation": explanation}
    if cite is not None:
        fields["cite"] = cite
    return fields, bool(extra)


def reader_warnings(
    file: str, skipped: list[str], folded: int, *, folded_note: str = ""
) -> list[str]:
    """The warnings of a GIFT or Moodle XML reader: questions of a type quizkit does not have
    (skipped), and questions whose per-answer feedback went into the explanation (folded)."""
    warnings = []
    if skipped:
        warnings.append(
            f"{file}: skipped {len(skipped)} question(s) of a type quizkit does not have: "
            + "; ".join(skipped)
        )
    if folded:
        warnings.append(
            f"{file}: per-answer feedback of {folded} question(s) added to the explanation"
            + folded_note
        )
    return warnings


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_text(parts: list[str]) -> str:
    """Parts run together: no space next to Chinese (a space there shows as a gap), else one space."""
    text = ""
    for part in parts:
        if text and part and not (_wide(text[-1]) or _wide(part[0])):
            text += " "
        text += part
    return text


def category_parts(path: str) -> list[str]:
    """Meaningful segments of a Moodle category path ('$course$/top/行政许可法/期限' → [行政许可法, 期限])."""
    parts = [part.strip() for part in re.split(r"(?<!/)/(?!/)", path) if part.strip()]
    return [part.replace("//", "/") for part in parts if not _CATEGORY_NOISE.match(part)]
