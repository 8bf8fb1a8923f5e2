"""GIFT (Moodle's plain-text question format): read and write single, multiple and true/false questions.

Follows Moodle's own reader (question/format/gift/format.php): questions are separated by blank lines;
``//`` lines are comments, where ``[id:…]`` and ``[tag:…]`` give the id and tags; ``::name::`` names a
question; ``\\~ \\= \\# \\{ \\} \\: \\\\`` escape the special characters and ``\\n`` is a line break;
``####`` starts the general feedback; ``$CATEGORY:`` switches category. Essay, matching and numerical
questions are listed in a warning and skipped.

| GIFT                       | quizkit                   |
|----------------------------|---------------------------|
| ``{=right ~wrong}``        | single                    |
| ``{~%50%right ~%-100%x}``  | multiple                  |
| ``{T}`` ``{FALSE}``        | judge                     |
| ``{=a =b}`` (short answer) | fill, one blank (where the ``{}`` stand, else at the end); answers below 100% or with ``*`` dropped |
| text without ``{}``        | the scenario of a case    |
| ``[id:…]`` / ``[tag:…]``   | id / tags                 |
| ``####`` general feedback  | explanation (+ 【依据】)  |
| ``$CATEGORY: $course$/法`` | law, other segments: tags |
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from quizkit.bank.models import CaseGroup, Question
from quizkit.interop.choices import (
    Choice,
    choice_fields,
    explanation_fields,
    fill_fields,
    reader_warnings,
)
from quizkit.interop.citation import with_citation
from quizkit.interop.grouping import Grouper
from quizkit.interop.markup import html_to_text, text_to_html
from quizkit.interop.source import Draft, Parsed, SourceProblem, Where
from quizkit.laws import LAWS
from quizkit.question_types.fill import accepted, stem_parts

_PROTECT = (
    ("\\\\", "\ue000"),
    ("\\:", "\ue001"),
    ("\\#", "\ue002"),
    ("\\=", "\ue003"),
    ("\\{", "\ue004"),
    ("\\}", "\ue005"),
    ("\\~", "\ue006"),
    ("\\n", "\ue007"),
)
_RESTORE = {"\ue000": "\\", "\ue001": ":", "\ue002": "#", "\ue003": "=", "\ue004": "{"}
_RESTORE |= {"\ue005": "}", "\ue006": "~", "\ue007": "\n"}
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_ID = re.compile(r"\[id:((?:\\]|[^\]\x00-\x1f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\]|[^\]\x00-\x1f])+)\]")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
UNSUPPORTED = {"essay": "essay", "numerical": "numerical", "match": "matching"}


def _protect(text: str) -> str:
    for escaped, placeholder in _PROTECT:
        text = text.replace(escaped, placeholder)
    return text


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in text)


def _text(raw: str, default: str = "moodle") -> tuple[str, str, list[str]]:
    """(text, format, dropped elements) of a GIFT text with an optional [format] prefix."""
    raw = raw.strip()
    fmt = default
    match = _FORMAT.match(raw)
    if match:
        fmt, raw = match.group(1), raw[match.end() :]
    text = _restore(raw).strip()
    if fmt == "html":
        text, lost = html_to_text(text)
        return text, fmt, lost
    return text, fmt, []


def _blocks(text: str) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines with their 1-based line numbers."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _meta(comments: list[str]) -> tuple[str | None, list[str]]:
    joined = "\n".join(comments)
    found = _ID.search(joined)
    idnumber = found.group(1).replace("\\]", "]").strip() if found else None
    tags = [tag.replace("\\]", "]").strip() for tag in _TAG.findall(joined)]
    return idnumber or None, [tag for tag in tags if tag]


def _kind(answer: str) -> str:
    if not answer:
        return "essay"
    if answer.startswith("#"):
        return "numerical"
    if "~" in answer:
        return "multichoice"
    if "=" in answer and "->" in answer:
        return "match"
    if answer.split("#", 1)[0].strip().upper() in _TRUE_FALSE:
        return "truefalse"
    return "short answer"


def _choices(answer: str, fmt: str) -> tuple[list[Choice], list[str]]:
    parts = answer.replace("=", "~=").split("~")
    if parts and not parts[0].strip():
        parts = parts[1:]
    choices, lost = [], []
    for part in parts:
        part = part.strip()
        weight = 0.0
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        elif match := _WEIGHT.match(part):
            weight, part = float(match.group(1)) / 100, part[match.end() :]
        body, _, feedback = part.partition("#")
        text, _, dropped = _text(body, fmt)
        note, _, _ = _text(feedback, fmt)
        choices.append(Choice(text, weight, note))
        lost += dropped
    return choices, lost


def _short_answers(answer: str, fmt: str) -> tuple[list[Choice], list[str]]:
    """``=Frog#Good! =%50%Cat#…`` → choices (weight 1 unless a %weight% says otherwise)."""
    choices, lost = [], []
    for part in answer.split("=")[1:]:
        part, weight = part.strip(), 1.0
        if match := _WEIGHT.match(part):
            weight, part = float(match.group(1)) / 100, part[match.end() :]
        body, _, feedback = part.partition("#")
        text, _, dropped = _text(body, fmt)
        choices.append(Choice(text, weight, _text(feedback, fmt)[0]))
        lost += dropped
    return choices, lost


def _fill_fields(answer: str, fmt: str, stem: str) -> tuple[dict[str, Any], list[str], list[str]]:
    choices, lost = _short_answers(answer, fmt)
    result = fill_fields(stem, [choices])
    feedback = [(f"填“{c.text}”时", c.feedback) for c in choices]
    notes = result.notes + ([f"{', '.join(sorted(set(lost)))} dropped"] if lost else [])
    return {**result.fields, "_feedback": feedback}, result.problems, notes


def _answer_fields(kind: str, answer: str, fmt: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """(fields incl. per-answer feedback under '_feedback', problems, notes) for a supported kind."""
    if kind == "truefalse":
        value, wrong, right = ([*answer.split("#", 2), "", ""])[:3]
        feedback = [("答对时", _text(right, fmt)[0]), ("答错时", _text(wrong, fmt)[0])]
        fields = {"type": "judge", "answer": _TRUE_FALSE[value.strip().upper()]}
        return {**fields, "_feedback": feedback}, [], []
    choices, lost = _choices(answer, fmt)
    result = choice_fields(choices, multiple="=" not in answer)
    if len(choices) < 2:
        result.problems.append("a choice question needs at least two answers")
    feedback = [(f"{label}项", c.feedback) for label, c in zip("ABCDEF", choices, strict=False)]
    notes = result.notes + ([f"{', '.join(sorted(set(lost)))} dropped"] if lost else [])
    return {**result.fields, "_feedback": feedback}, result.problems, notes


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.parsed = Parsed()
        self.group = Grouper(self.parsed)
        self.skipped: list[str] = []
        self.folded = 0

    def block(self, lines: list[tuple[int, str]]) -> None:
        comments = [line.strip() for _, line in lines if line.strip().startswith("//")]
        body = [(number, line) for number, line in lines if not line.strip().startswith("//")]
        if not body:
            return
        where = Where(self.file, line=body[0][0])
        text = _protect("\n".join(line for _, line in body).strip())
        if text.startswith("$CATEGORY:"):
            self.group.category(_restore(text[len("$CATEGORY:") :]).strip())
            return
        name = None
        if text.startswith("::") and (end := text.find("::", 2)) >= 0:
            name, text = _restore(text[2:end]).strip(), text[end + 2 :].strip()
        idnumber, tags = _meta(comments)
        start, finish = text.find("{"), text.find("}")
        if start < 0 and finish < 0:
            scenario, _, _ = _text(text)
            data = {"id": idnumber, "type": "case", "scenario": scenario, "tags": tags}
            if name and name != idnumber:
                data["title"] = name
            self.group.description(Draft(data, where), name or "")
            return
        if start < 0 or finish < start:
            self.problem(where, name, "unbalanced { } around the answers")
            return
        self.question(where, name, idnumber, tags, text, (start, finish))

    def question(
        self,
        where: Where,
        name: str | None,
        idnumber: str | None,
        tags: list[str],
        text: str,
        span: tuple[int, int],
    ) -> None:
        start, finish = span
        answer = text[start + 1 : finish].strip()
        after = text[finish + 1 :].strip()
        stem_raw = text[:start] + (f"_____{after}" if after else "")
        general = ""
        if (cut := answer.rfind("####")) >= 0:
            answer, general = answer[:cut].strip(), answer[cut + 4 :]
        stem, fmt, lost = _text(stem_raw)
        kind = _kind(answer)
        label = name or stem[:20]
        if kind not in ("multichoice", "truefalse", "short answer"):
            self.skipped.append(f"{label} ({UNSUPPORTED.get(kind, kind)}, line {where.line})")
            return
        if kind == "short answer":
            fields, problems, notes = _fill_fields(answer, fmt, stem)
        else:
            fields, problems, notes = _answer_fields(kind, answer, fmt)
        explained, folded = explanation_fields(_text(general, fmt)[0], fields.pop("_feedback"))
        self.folded += folded
        # a fill's fields carry its stem (a blank marked where the answers stood)
        data = {"id": idnumber, "stem": stem, **fields, **explained, "tags": tags}
        for message in problems:
            self.problem(where, label, message)
        for note in notes + ([f"{', '.join(sorted(set(lost)))} dropped"] if lost else []):
            self.parsed.warnings.append(f"{where}: {label}: {note}")
        self.group.question(Draft(data, where))

    def problem(self, where: Where, item: str | None, message: str) -> None:
        self.parsed.problems.append(SourceProblem(where, item, message))


def read_gift(text: str, file: str) -> Parsed:
    """Questions of a GIFT text (already decoded)."""
    reader = _Reader(file)
    for block in _blocks(text):
        reader.block(block)
    reader.parsed.warnings += reader_warnings(
        file, reader.skipped, reader.folded, folded_note=" (quizkit shows one explanation)"
    )
    return reader.parsed


def _html(text: str) -> str:
    """Moodle shows GIFT text as HTML: write it as HTML (marked [html]) so "<b>" stays text."""
    return _escape(text_to_html(text))


def _escape(text: str) -> str:
    for char in "\\#=~{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def _meta_comment(item_id: str, tags: Sequence[str]) -> str:
    escaped = [tag.replace("]", "\\]") for tag in tags]
    marks = [f"[id:{item_id}]", *(f"[tag:{tag}]" for tag in escaped)]
    return "// " + " ".join(marks)


def _weight(count: int) -> str:
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def _gift_fill(question: Question, feedback: str) -> str:
    """A one-blank 填空 as a short answer, its answers where the blank stands (missing-word form)."""
    before, after = stem_parts(question.stem)
    answers = " ".join(f"={_html(text)}" for text in accepted(question)[0])
    return (
        f"::{_escape(question.id)}::[html]{_html(before)}{{{answers}####{feedback}}}{_html(after)}"
    )


def gift_cannot_write(items: Sequence[tuple[str, Question | CaseGroup]]) -> list[str]:
    """Questions GIFT has no form for (填空 with several blanks): left out, named in a warning."""
    questions = [q for _law, item in items for q in _questions_of(item)]
    return [q.id for q in questions if q.type == "fill" and len(accepted(q)) != 1]


def _questions_of(item: Question | CaseGroup) -> list[Question]:
    return item.questions if isinstance(item, CaseGroup) else [item]


def _gift_question(question: Question) -> str:
    head = f"::{_escape(question.id)}::[html]{_html(question.stem)}"
    feedback = _html(with_citation(question.explanation, question.cite.model_dump()))
    if question.type == "fill":
        return _gift_fill(question, feedback)
    if question.type == "judge":
        return f"{head}{{{'TRUE' if question.answer is True else 'FALSE'}####{feedback}}}"
    right = question.answer if isinstance(question.answer, list) else [question.answer]
    lines = [head + "{"]
    for label, text in (question.options or {}).items():
        if question.type == "single":
            mark = "=" if label in right else "~"
        else:
            mark = f"~%{_weight(len(right))}%" if label in right else "~%-100%"
        lines.append(f"\t{mark}{_html(text)}")
    lines += [f"\t####{feedback}", "}"]
    return "\n".join(lines)


def write_gift(items: Sequence[tuple[str, Question | CaseGroup]]) -> str:
    """GIFT text for bank items: a category per law, a sub-category per case group (the questions
    of :func:`gift_cannot_write` are left out)."""
    out = ["// quizkit question bank (GIFT); 【依据】 lines carry the legal citation", ""]
    current = None
    left_out = set(gift_cannot_write(items))
    for law, item in items:
        if isinstance(item, Question) and item.id in left_out:
            continue
        category = f"$course$/{LAWS[law].short_title if law in LAWS else law}"
        if isinstance(item, CaseGroup):
            out += [f"$CATEGORY: {category}/{item.id}", ""]
            name = _escape(item.title or item.id)
            scenario = f"::{name}::[html]{_html(item.scenario)}"
            out += [_meta_comment(item.id, item.tags), scenario, ""]
            for question in item.questions:
                if question.id in left_out:
                    continue
                out += [_meta_comment(question.id, question.tags), _gift_question(question), ""]
            current = None
            continue
        if category != current:
            out += [f"$CATEGORY: {category}", ""]
            current = category
        out += [_meta_comment(item.id, item.tags), _gift_question(item), ""]
    return "\n".join(out)
