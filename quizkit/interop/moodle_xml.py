"""Moodle XML: read and write single, multiple and true/false questions, categories and case scenarios.

| Moodle XML                              | quizkit                                      |
|-----------------------------------------|----------------------------------------------|
| multichoice, ``<single>true``           | single                                       |
| multichoice, ``<single>false``          | multiple (answers with fraction > 0 right)   |
| truefalse                               | judge                                        |
| shortanswer                             | fill with one blank (answers at 100%; others dropped with a warning) |
| multianswer (cloze) of SHORTANSWER gaps | fill with one blank per gap                  |
| description                             | the scenario of a case group                 |
| ``<idnumber>`` / ``<tags>``             | id / tags                                    |
| ``<generalfeedback>``                   | explanation (+ the 【依据】 citation line)   |
| ``<defaultgrade>``                      | points (1, Moodle's default, means "not set")|
| ``<hidden>1``                           | status: retired                              |
| category ``$course$/行政许可法/…``       | law; other segments become tags              |

Texts in HTML (CDATA or escaped) become plain text; other question types are listed in a warning.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from quizkit.bank.models import CaseGroup, Question
from quizkit.errors import ImportFormatError
from quizkit.interop.choices import (
    Choice,
    choice_fields,
    explanation_fields,
    fill_fields,
    reader_warnings,
)
from quizkit.interop.citation import with_citation
from quizkit.interop.cloze import cloze_blanks, cloze_gap
from quizkit.interop.grouping import Grouper
from quizkit.interop.markup import html_to_text, looks_like_html, text_to_html
from quizkit.interop.source import Draft, Parsed, SourceProblem, Where
from quizkit.interop.xmltree import Node, parse_xml
from quizkit.laws import LAWS
from quizkit.question_types.fill import accepted, stem_parts

UNSUPPORTED = {
    "numerical": "numerical",
    "essay": "essay",
    "match": "matching",
    "multianswer": "cloze",
    "calculated": "calculated",
    "ddwtos": "drag and drop",
    "gapselect": "select missing words",
}


def _rich(node: Node | None) -> tuple[str, list[str]]:
    """Plain text of a Moodle text element (questiontext, feedback, answer…) and what was dropped."""
    if node is None:
        return "", []
    raw = node.value("text")
    fmt = node.attrs.get("format", "html")
    if fmt == "html" or (fmt == "moodle_auto_format" and looks_like_html(raw)):
        if fmt == "moodle_auto_format":
            raw = raw.replace("\n", "<br>")
        return html_to_text(raw)
    return raw.strip(), []


def _common(node: Node) -> tuple[dict[str, Any], list[str]]:
    """id, stem, tags, status, points of a question element; plus dropped elements."""
    stem, lost = _rich(node.find("questiontext"))
    tags_node = node.find("tags")
    tags = [tag.value("text").strip() for tag in tags_node.findall("tag")] if tags_node else []
    data: dict[str, Any] = {
        "id": node.value("idnumber").strip() or None,
        "stem": stem,
        "tags": [tag for tag in tags if tag],
    }
    if node.value("hidden").strip() == "1":
        data["status"] = "retired"
    try:
        grade = float(node.value("defaultgrade", "1") or 1)
    except ValueError:
        grade = 1.0
    if grade != 1.0:
        data["points"] = int(grade) if grade.is_integer() else grade
    return data, lost + (["file"] if node.find("questiontext/file") else [])


def _fraction(node: Node) -> float:
    try:
        return float(node.attrs.get("fraction", "0")) / 100
    except ValueError:
        return 0.0


def _answers(node: Node, kind: str) -> tuple[dict[str, Any], list[tuple[str, str]], list[str]]:
    """Type, options and answer; per-answer feedback; problems."""
    answers = node.findall("answer")
    if kind == "truefalse":
        right = [a for a in answers if _fraction(a) > 0]
        if len(right) != 1:
            return {"type": "judge", "answer": None}, [], ["no answer is marked right"]
        value = right[0].value("text").strip().lower() in ("true", "1", "正确", "对")
        feedback = [(f"选“{_rich(a)[0]}”时", _rich(a.find("feedback"))[0]) for a in answers]
        return {"type": "judge", "answer": value}, feedback, []
    choices = [Choice(_rich(a)[0], _fraction(a), _rich(a.find("feedback"))[0]) for a in answers]
    single = node.value("single", "true").strip().lower() in ("true", "1")
    result = choice_fields(choices, multiple=not single)
    feedback = [(f"{label}项", c.feedback) for label, c in zip("ABCDEF", choices, strict=False)]
    return result.fields, feedback, result.problems + result.notes


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.parsed = Parsed()
        self.group = Grouper(self.parsed)
        self.skipped: list[str] = []
        self.folded = 0

    def question(self, node: Node) -> None:
        kind = node.attrs.get("type", "")
        where = Where(self.file, line=node.line)
        name = node.value("name/text").strip()
        if kind == "category":
            self.group.category(node.value("category/text"))
        elif kind == "description":
            common, _ = _common(node)
            data = {"id": common["id"], "type": "case", "scenario": common["stem"]}
            data |= {"tags": common["tags"], "status": common.get("status", "active")}
            if name and name != common["id"]:
                data["title"] = name
            self.group.description(Draft(data, where), name)
        elif kind in ("multichoice", "truefalse"):
            self.choice(node, kind, where, name)
        elif not (kind in ("shortanswer", "multianswer") and self.fill(node, where, name)):
            self.skipped.append(f"{name or '?'} ({UNSUPPORTED.get(kind, kind)}, line {node.line})")

    def fill(self, node: Node, where: Where, name: str) -> bool:
        """A short answer, or a cloze whose gaps are all short answers (False: another cloze)."""
        data, lost = _common(node)
        if node.attrs.get("type") == "multianswer":
            found = cloze_blanks(data["stem"])
            if found is None:
                return False
            stem, blanks = found
        else:
            stem = data["stem"]
            answers = node.findall("answer")
            blanks = [
                [Choice(_rich(a)[0], _fraction(a), _rich(a.find("feedback"))[0]) for a in answers]
            ]
        result = fill_fields(stem, blanks)
        per_answer = [(f"填“{c.text}”时", c.feedback) for choices in blanks for c in choices]
        problems = result.problems + result.notes
        self.finish(where, name, {**data, **result.fields}, lost, node, per_answer, problems)
        return True

    def choice(self, node: Node, kind: str, where: Where, name: str) -> None:
        data, lost = _common(node)
        fields, per_answer, problems = _answers(node, kind)
        self.finish(where, name, {**data, **fields}, lost, node, per_answer, problems)

    def finish(
        self,
        where: Where,
        name: str,
        data: dict[str, Any],
        lost: list[str],
        node: Node,
        per_answer: list[tuple[str, str]],
        problems: list[str],
    ) -> None:
        """Explanation, warnings and problems of a question, then its draft."""
        general, general_lost = _rich(node.find("generalfeedback"))
        explained, folded = explanation_fields(general, per_answer)
        self.folded += folded
        data = {**data, **explained}
        label = name or data["stem"][:20]
        for message in problems:
            if message.startswith(("unequal", "partial", "blank ")) and "no answer" not in message:
                self.parsed.warnings.append(f"{where}: {label}: {message}")
            else:
                self.parsed.problems.append(SourceProblem(where, label, message))
        if lost or general_lost:
            dropped = ", ".join(sorted(set(lost + general_lost)))
            self.parsed.warnings.append(f"{where}: {label}: {dropped} dropped")
        self.group.question(Draft(data, where))


def read_moodle_xml(raw: bytes, file: str) -> Parsed:
    """Questions of a Moodle XML export."""
    root = parse_xml(raw, file)
    if root.tag != "quiz":
        raise ImportFormatError(
            f"the document element is <{root.tag}>, not <quiz>",
            file=file,
            line=root.line,
            hint="export the questions from Moodle's question bank in 'Moodle XML format'",
        )
    reader = _Reader(file)
    for node in root.findall("question"):
        reader.question(node)
    reader.parsed.warnings += reader_warnings(file, reader.skipped, reader.folded)
    return reader.parsed


def _text_element(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"})
    ET.SubElement(element, "text").text = text_to_html(text)
    return element


def _head(quiz: ET.Element, kind: str, name: str, text: str) -> ET.Element:
    question = ET.SubElement(quiz, "question", {"type": kind})
    ET.SubElement(ET.SubElement(question, "name"), "text").text = name
    _text_element(question, "questiontext", text)
    return question


def _tail(question: ET.Element, tags: Sequence[str], idnumber: str) -> None:
    ET.SubElement(question, "idnumber").text = idnumber
    if tags:
        holder = ET.SubElement(question, "tags")
        for tag in tags:
            ET.SubElement(ET.SubElement(holder, "tag"), "text").text = tag


def _answer(question: ET.Element, fraction: str, text: str) -> None:
    answer = ET.SubElement(question, "answer", {"fraction": fraction, "format": "html"})
    ET.SubElement(answer, "text").text = text_to_html(text)
    ET.SubElement(ET.SubElement(answer, "feedback", {"format": "html"}), "text").text = ""


def _fill_head(quiz: ET.Element, item: Question) -> ET.Element:
    """A one-blank 填空 as a shortanswer (its stem as written); several blanks as a cloze."""
    blanks = accepted(item)
    if len(blanks) == 1:
        question = _head(quiz, "shortanswer", item.id, item.stem)
        ET.SubElement(question, "usecase").text = "0"
        for text in blanks[0]:
            _answer(question, "100", text)
        return question
    parts = stem_parts(item.stem)
    html = text_to_html(parts[0]) + "".join(
        cloze_gap(answers) + text_to_html(text)
        for answers, text in zip(blanks, parts[1:], strict=True)
    )
    question = ET.SubElement(quiz, "question", {"type": "multianswer"})
    ET.SubElement(ET.SubElement(question, "name"), "text").text = item.id
    holder = ET.SubElement(question, "questiontext", {"format": "html"})
    ET.SubElement(holder, "text").text = html
    return question


def _xml_question(quiz: ET.Element, item: Question) -> None:
    if item.type == "fill":
        question = _fill_head(quiz, item)
    else:
        kind = "truefalse" if item.type == "judge" else "multichoice"
        question = _head(quiz, kind, item.id, item.stem)
    feedback = with_citation(item.explanation, item.cite.model_dump())
    _text_element(question, "generalfeedback", feedback)
    ET.SubElement(question, "defaultgrade").text = f"{item.points or 1:g}"
    ET.SubElement(question, "hidden").text = "0" if item.active else "1"
    if item.type == "judge":
        _answer(question, "100" if item.answer is True else "0", "true")
        _answer(question, "0" if item.answer is True else "100", "false")
    elif item.type != "fill":
        right = item.answer if isinstance(item.answer, list) else [item.answer]
        ET.SubElement(question, "single").text = "true" if item.type == "single" else "false"
        ET.SubElement(question, "shuffleanswers").text = "false"
        ET.SubElement(question, "answernumbering").text = "ABCD"
        share = f"{100 / len(right):.5f}".rstrip("0").rstrip(".")
        wrong = "0" if item.type == "single" else "-100"
        for label, text in (item.options or {}).items():
            _answer(question, (share if label in right else wrong), text)
    _tail(question, item.tags, item.id)


def _category(quiz: ET.Element, path: str) -> None:
    question = ET.SubElement(quiz, "question", {"type": "category"})
    ET.SubElement(ET.SubElement(question, "category"), "text").text = path


def write_moodle_xml(items: Sequence[tuple[str, Question | CaseGroup]]) -> bytes:
    """A Moodle XML document for bank items: a category per law, a sub-category per case group."""
    quiz = ET.Element("quiz")
    current = None
    for law, item in items:
        category = f"$course$/{LAWS[law].short_title if law in LAWS else law}"
        if isinstance(item, CaseGroup):
            _category(quiz, f"{category}/{item.id}")
            scenario = _head(quiz, "description", item.title or item.id, item.scenario)
            ET.SubElement(scenario, "hidden").text = "0" if item.status == "active" else "1"
            _tail(scenario, item.tags, item.id)
            for question in item.questions:
                _xml_question(quiz, question)
            current = None
            continue
        if category != current:
            _category(quiz, category)
            current = category
        _xml_question(quiz, item)
    ET.indent(quiz)
    document: bytes = ET.tostring(quiz, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
