"""Loading the bank: YAML files → validated models, with every problem located by file, line and id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from quizkit.bank.models import BankItem, CaseGroup, NamedQuiz, Question
from quizkit.bank.rules import GAP_MESSAGE, check_question, check_quote, chinese_gap
from quizkit.bank.yamlsource import YamlList, YamlMap, load_yaml
from quizkit.errors import BankError, Problem
from quizkit.laws import LAWS
from quizkit.question_types import CASE, QUESTION_TYPES
from quizkit.settings import Settings

TOP_LEVEL_KEYS = {"schema_version", "law", "quizzes", "questions"}
_TAGS = ("question", CASE)  # the bank item union's tags in an error's loc (bank.models.BankItem)
_TYPE_CHOICES = ", ".join([*QUESTION_TYPES, CASE])
_ITEM = TypeAdapter(BankItem)
_QUIZ = TypeAdapter(NamedQuiz)


@dataclass(frozen=True)
class Entry:
    """A question with where it came from: its file's law, file, line and enclosing case group."""

    question: Question
    law: str
    file: str
    line: int | None
    case: CaseGroup | None = None


@dataclass
class Bank:
    """All questions, case groups and named quizzes of the bank, by id."""

    entries: dict[str, Entry] = field(default_factory=dict)
    cases: dict[str, CaseGroup] = field(default_factory=dict)
    case_laws: dict[str, str] = field(default_factory=dict)
    quizzes: dict[str, NamedQuiz] = field(default_factory=dict)
    quiz_laws: dict[str, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def question(self, question_id: str) -> Question:
        return self.entries[question_id].question

    def questions(self) -> list[Question]:
        return [entry.question for entry in self.entries.values()]


@dataclass
class _Context:
    bank: Bank
    problems: list[Problem]
    laws_dir: Path | None
    seen: dict[str, str] = field(default_factory=dict)  # id → "file:line"
    quiz_where: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def add(
        self,
        file: str,
        line: int | None,
        item: str | None,
        message: str,
        field: str | None = None,
    ) -> None:
        self.problems.append(Problem(file, line, item, message, field))


def bank_files(paths: Iterable[Path]) -> list[Path]:
    """YAML files named by ``paths`` (folders are searched for *.yaml / *.yml), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        else:
            found.append(path)
    return found


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest located node along a pydantic error location."""
    line = getattr(data, "line", None)
    node = data
    for part in loc:
        if isinstance(node, YamlMap) and isinstance(part, str) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, YamlList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        elif part in _TAGS:
            continue
        else:
            break
    return line


def _at(file: str, line: int | None) -> str:
    return file if line is None else f"{file}:{line}"


def _field_of(error: Any, data: Any) -> str | None:
    """The dotted field a pydantic error is about (``cite.quote``), None for the item as a whole.

    The path follows the data, so a union's member names (``answer.str``) are left out.
    """
    parts = [part for part in error["loc"] if part not in _TAGS]
    kept: list[str] = []
    node = data
    for position, part in enumerate(parts):
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_list or (isinstance(node, Mapping) and part in node):
            node = node[part]
        elif not (error["type"] == "missing" and position == len(parts) - 1):
            break
        kept.append(str(part))
    return ".".join(kept) or None


def _owner(data: Any, field_path: str | None, item: Any) -> tuple[Any, str | None]:
    """(item, field) for a problem: inside a case group, the sub-question and its own field."""
    parts = (field_path or "").split(".")
    if not isinstance(data, dict) or data.get("type") != "case" or len(parts) < 2:
        return item, field_path
    subs = data.get("questions")
    if parts[0] != "questions" or not parts[1].isdigit() or not isinstance(subs, list):
        return item, field_path
    index = int(parts[1])
    sub = subs[index] if index < len(subs) else None
    if not isinstance(sub, dict) or not isinstance(sub.get("id"), str):
        return item, field_path
    return sub["id"], ".".join(parts[2:]) or None


def _describe(error: Any, field_path: str | None) -> str:
    name = field_path or "item"
    kind = error["type"]
    if kind == "missing":
        return f"missing field '{name}'"
    if kind == "extra_forbidden":
        return f"unknown field '{name}'"
    if kind == "unknown_question_type":
        return str(error["msg"])
    if kind == "union_tag_invalid":
        return f"type must be one of {_TYPE_CHOICES}"
    if kind == "union_tag_not_found" or (kind == "missing" and name == "type"):
        return f"missing field 'type' ({_TYPE_CHOICES})"
    return f"{name}: {error['msg']}"


def _without_unknown_fields(data: Any, details: list[Any]) -> Any:
    """A copy of ``data`` without the unknown top-level fields, when those are its only errors."""
    extras = {
        d["loc"][-1] for d in details if d["type"] == "extra_forbidden" and len(d["loc"]) <= 2
    }
    if not isinstance(data, YamlMap) or len(extras) != len(details):
        return None
    cleaned = YamlMap({k: v for k, v in data.items() if k not in extras})
    cleaned.line, cleaned.key_lines = data.line, data.key_lines
    return cleaned


def _validate(ctx: _Context, file: str, data: Any, label: str, adapter: TypeAdapter[Any]) -> Any:
    try:
        return adapter.validate_python(data)
    except ValidationError as error:
        item = (
            data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else label
        )
        details = error.errors()
        for detail in details:
            owner, field_path = _owner(data, _field_of(detail, data), item)
            message = _describe(detail, field_path)
            loc = detail["loc"]
            if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
                field_path, loc = "type", (*loc, "type")
            ctx.add(file, _line_of(data, loc), owner, message, field_path)
        cleaned = _without_unknown_fields(data, details)
        if cleaned is not None:  # keep checking the rest of the question
            try:
                return adapter.validate_python(cleaned)
            except ValidationError:
                return None
        if isinstance(item, str) and item != label:
            where = _at(file, getattr(data, "line", None))
            if item in ctx.seen:
                ctx.add(
                    file,
                    getattr(data, "line", None),
                    item,
                    f"duplicate id (first used at {ctx.seen[item]})",
                    "id",
                )
            ctx.seen.setdefault(item, where)
        return None


def _register(
    ctx: _Context,
    file: str,
    line: int | None,
    question: Question,
    law: str,
    case: CaseGroup | None,
    data: Any,
) -> None:
    if question.id in ctx.seen:
        where = ctx.seen[question.id]
        ctx.add(file, line, question.id, f"duplicate id (first used at {where})", "id")
        return
    ctx.seen[question.id] = _at(file, line)
    for field_name, message in check_question(question):
        at = _line_of(data, tuple(field_name.split("."))) if data is not None else line
        ctx.add(file, at, question.id, message, field_name)
    if ctx.laws_dir is not None:
        quote_problem = check_quote(question, ctx.laws_dir)
        if quote_problem:
            field_name, message = quote_problem
            at = _line_of(data, tuple(field_name.split("."))) if data is not None else line
            ctx.add(file, at, question.id, message, field_name)
    ctx.bank.entries[question.id] = Entry(question, law, file, line, case)


def _load_item(ctx: _Context, file: str, law: str, data: Any, line: int | None, index: int) -> None:
    item = _validate(ctx, file, data, f"questions[{index}]", _ITEM)
    if isinstance(item, Question):
        _register(ctx, file, line, item, law, None, data)
    elif isinstance(item, CaseGroup):
        if item.id in ctx.seen:
            ctx.add(file, line, item.id, f"duplicate id (first used at {ctx.seen[item.id]})", "id")
            return
        ctx.seen[item.id] = _at(file, line)
        ctx.bank.cases[item.id] = item
        ctx.bank.case_laws[item.id] = law
        if not item.scenario.strip():
            at = _line_of(data, ("scenario",))
            ctx.add(file, at, item.id, "the case scenario is empty", "scenario")
        elif chinese_gap(item.scenario):
            ctx.add(file, _line_of(data, ("scenario",)), item.id, GAP_MESSAGE, "scenario")
        subs = data.get("questions") if isinstance(data, YamlMap) else None
        for position, question in enumerate(item.questions):
            sub_data = subs[position] if isinstance(subs, YamlList) else None
            sub_line = subs.item_lines[position] if isinstance(subs, YamlList) else line
            _register(ctx, file, sub_line, question, law, item, sub_data)


def _with_items(problems: list[Problem], data: Any) -> list[Problem]:
    """Name the question a YAML-level problem sits in (the last question starting above its line)."""
    questions = data.get("questions") if isinstance(data, YamlMap) else None
    if not problems or not isinstance(questions, YamlList):
        return problems
    starts = [
        (line, item.get("id"))
        for line, item in zip(questions.item_lines, questions, strict=True)
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]
    located = []
    for problem in problems:
        owner = [qid for line, qid in starts if problem.line is not None and line <= problem.line]
        located.append(
            replace(problem, item=owner[-1]) if problem.item is None and owner else problem
        )
    return located


def _load_file(ctx: _Context, path: Path) -> None:
    data, problems = load_yaml(path)
    ctx.problems.extend(_with_items(problems, data))
    if data is not None and _load_document(ctx, path.as_posix(), data):
        ctx.bank.files.append(path)


def _load_document(ctx: _Context, file: str, data: Any) -> bool:
    """Check one file's content (parsed YAML or plain data); False when it is not a mapping."""
    if not isinstance(data, Mapping):
        ctx.add(
            file,
            getattr(data, "line", 1),
            None,
            "the file must be a mapping with schema_version, law and questions",
        )
        return False
    key_lines: dict[str, int] = getattr(data, "key_lines", {})
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            message = f"unknown field '{key}' at the top level"
            ctx.add(file, key_lines.get(key), None, message, str(key))
    for key in ("schema_version", "law", "questions"):
        if key not in data:
            ctx.add(file, 1, None, f"missing field '{key}' at the top level", key)
    if data.get("schema_version", 1) != 1:
        ctx.add(
            file,
            key_lines.get("schema_version"),
            None,
            f"schema_version {data['schema_version']!r} is not supported; this quizkit reads 1",
            "schema_version",
        )
    law = data.get("law")
    if "law" in data and law not in LAWS:
        message = f"unknown law '{law}'; use one of: {', '.join(LAWS)}"
        ctx.add(file, key_lines.get("law"), None, message, "law")
    law_slug = law if isinstance(law, str) else "?"
    questions = data.get("questions")
    if not isinstance(questions, list):
        if questions is not None:
            message = "questions must be a list"
            ctx.add(file, key_lines.get("questions"), None, message, "questions")
        questions = []
    item_lines = getattr(questions, "item_lines", [None] * len(questions))
    for index, item in enumerate(questions):
        _load_item(ctx, file, law_slug, item, item_lines[index], index)
    _load_quizzes(ctx, file, law_slug, data.get("quizzes"))
    return True


def _load_quizzes(ctx: _Context, file: str, law: str, quizzes: Any) -> None:
    if not quizzes:
        return
    if not isinstance(quizzes, list):
        ctx.add(file, getattr(quizzes, "line", None), None, "quizzes must be a list", "quizzes")
        return
    item_lines = getattr(quizzes, "item_lines", [None] * len(quizzes))
    for index, data in enumerate(quizzes):
        quiz = _validate(ctx, file, data, f"quizzes[{index}]", _QUIZ)
        if quiz is None:
            continue
        if quiz.id in ctx.bank.quizzes:
            ctx.add(file, item_lines[index], quiz.id, "duplicate quiz id", "id")
            continue
        ctx.bank.quizzes[quiz.id] = quiz
        ctx.bank.quiz_laws[quiz.id] = law
        ctx.quiz_where[quiz.id] = (file, item_lines[index])


def _check_quiz_references(ctx: _Context) -> None:
    known = set(ctx.bank.entries) | set(ctx.bank.cases)
    for quiz in ctx.bank.quizzes.values():
        file, line = ctx.quiz_where[quiz.id]
        for question_id in quiz.questions:
            if question_id not in known:
                message = f"quiz refers to unknown question '{question_id}'"
                ctx.add(file, line, quiz.id, message, "questions")


def read_bank(paths: Iterable[Path], laws_dir: Path | None = None) -> tuple[Bank, list[Problem]]:
    """Load every file and return the bank with all problems found (possibly none)."""
    ctx = _Context(Bank(), [], laws_dir)
    files = bank_files(paths)
    if not files:
        ctx.add(
            ", ".join(str(p) for p in paths) or ".",
            None,
            None,
            "no question-bank files (*.yaml) found here",
        )
    for path in files:
        _load_file(ctx, path)
    _check_quiz_references(ctx)
    return ctx.bank, ctx.problems


def check_bank_data(
    data: Mapping[str, Any], file: str, laws_dir: Path | None = None
) -> tuple[Bank, list[Problem]]:
    """Check one bank file's content given as plain data (as an importer builds it), not read from disk.

    The same rules as :func:`read_bank`; problems name ``file`` and carry item and field but no line.
    """
    ctx = _Context(Bank(), [], laws_dir)
    _load_document(ctx, file, data)
    _check_quiz_references(ctx)
    return ctx.bank, ctx.problems


def load_bank(paths: Path | Iterable[Path], laws_dir: Path | None = None) -> Bank:
    """Load the bank, raising :class:`BankError` with every problem if there is any."""
    bank, problems = read_bank([paths] if isinstance(paths, Path) else paths, laws_dir)
    if problems:
        raise BankError(problems)
    return bank


def load_project_bank(settings: Settings) -> Bank:
    """The project's bank (settings.bank_dir)."""
    return load_bank(settings.bank_dir)
