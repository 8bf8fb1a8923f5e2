"""Loading the bank: YAML files → validated models, with every problem located by file, line and id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from quizkit.bank.models import BankItem, CaseGroup, NamedQuiz, Question
from quizkit.bank.rules import GAP_MESSAGE, check_question, check_quote, chinese_gap
from quizkit.bank.yamlsource import YamlList, YamlMap, load_yaml
from quizkit.errors import BankError, Problem
from quizkit.laws import LAWS
from quizkit.settings import Settings

TOP_LEVEL_KEYS = {"schema_version", "law", "quizzes", "questions"}
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
    cache_dir: Path | None = None
    seen: dict[str, str] = field(default_factory=dict)  # id → "file:line"
    quiz_where: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def add(self, file: str, line: int | None, item: str | None, message: str) -> None:
        self.problems.append(Problem(file, line, item, message))


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
        elif part in ("single", "multiple", "judge", "case"):
            continue
        else:
            break
    return line


def _describe(error: Any) -> str:
    loc = [str(p) for p in error["loc"] if p not in ("single", "multiple", "judge", "case")]
    name = ".".join(loc) or "item"
    kind = error["type"]
    if kind == "missing":
        return f"missing field '{name}'"
    if kind == "extra_forbidden":
        return f"unknown field '{name}'"
    if kind == "union_tag_invalid":
        return "type must be one of single, multiple, judge, case"
    if kind == "union_tag_not_found":
        return "missing field 'type' (single, multiple, judge or case)"
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
            ctx.add(file, _line_of(data, detail["loc"]), item, _describe(detail))
        cleaned = _without_unknown_fields(data, details)
        if cleaned is not None:  # keep checking the rest of the question
            try:
                return adapter.validate_python(cleaned)
            except ValidationError:
                return None
        if isinstance(item, str) and item != label:
            where = f"{file}:{getattr(data, 'line', '?')}"
            if item in ctx.seen:
                ctx.add(
                    file,
                    getattr(data, "line", None),
                    item,
                    f"duplicate id (first used at {ctx.seen[item]})",
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
        ctx.add(file, line, question.id, f"duplicate id (first used at {ctx.seen[question.id]})")
        return
    ctx.seen[question.id] = f"{file}:{line}"
    for field_name, message in check_question(question):
        ctx.add(
            file, _line_of(data, (field_name,)) if data is not None else line, question.id, message
        )
    if ctx.laws_dir is not None:
        quote_problem = check_quote(question, ctx.laws_dir)
        if quote_problem:
            ctx.add(file, _line_of(data, ("cite", "quote")), question.id, quote_problem)
    ctx.bank.entries[question.id] = Entry(question, law, file, line, case)


def _load_item(ctx: _Context, file: str, law: str, data: Any, line: int | None, index: int) -> None:
    item = _validate(ctx, file, data, f"questions[{index}]", _ITEM)
    if isinstance(item, Question):
        _register(ctx, file, line, item, law, None, data)
    elif isinstance(item, CaseGroup):
        if item.id in ctx.seen:
            ctx.add(file, line, item.id, f"duplicate id (first used at {ctx.seen[item.id]})")
            return
        ctx.seen[item.id] = f"{file}:{line}"
        ctx.bank.cases[item.id] = item
        ctx.bank.case_laws[item.id] = law
        if not item.scenario.strip():
            ctx.add(file, line, item.id, "the case scenario is empty")
        elif chinese_gap(item.scenario):
            ctx.add(file, _line_of(data, ("scenario",)), item.id, GAP_MESSAGE)
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
            Problem(problem.file, problem.line, owner[-1] if owner else None, problem.message)
            if problem.item is None and owner
            else problem
        )
    return located


def _load_file(ctx: _Context, path: Path) -> None:
    file = path.as_posix()
    data, problems = load_yaml(path, ctx.cache_dir)
    ctx.problems.extend(_with_items(problems, data))
    if data is None:
        return
    if not isinstance(data, YamlMap):
        ctx.add(
            file,
            getattr(data, "line", 1),
            None,
            "the file must be a mapping with schema_version, law and questions",
        )
        return
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            ctx.add(file, data.key_lines[key], None, f"unknown field '{key}' at the top level")
    for key in ("schema_version", "law", "questions"):
        if key not in data:
            ctx.add(file, 1, None, f"missing field '{key}' at the top level")
    if data.get("schema_version", 1) != 1:
        ctx.add(
            file,
            data.key_lines.get("schema_version"),
            None,
            f"schema_version {data['schema_version']!r} is not supported; this quizkit reads 1",
        )
    law = data.get("law")
    if "law" in data and law not in LAWS:
        ctx.add(
            file, data.key_lines["law"], None, f"unknown law '{law}'; use one of: {', '.join(LAWS)}"
        )
    law_slug = law if isinstance(law, str) else "?"
    questions = data.get("questions")
    if not isinstance(questions, YamlList):
        if questions is not None:
            ctx.add(file, data.key_lines.get("questions"), None, "questions must be a list")
        questions = YamlList()
        questions.item_lines = []
    for index, item in enumerate(questions):
        _load_item(ctx, file, law_slug, item, questions.item_lines[index], index)
    _load_quizzes(ctx, file, law_slug, data.get("quizzes"))
    ctx.bank.files.append(path)


def _load_quizzes(ctx: _Context, file: str, law: str, quizzes: Any) -> None:
    if not quizzes:
        return
    if not isinstance(quizzes, YamlList):
        ctx.add(file, getattr(quizzes, "line", None), None, "quizzes must be a list")
        return
    for index, data in enumerate(quizzes):
        quiz = _validate(ctx, file, data, f"quizzes[{index}]", _QUIZ)
        if quiz is None:
            continue
        if quiz.id in ctx.bank.quizzes:
            ctx.add(file, quizzes.item_lines[index], quiz.id, "duplicate quiz id")
            continue
        ctx.bank.quizzes[quiz.id] = quiz
        ctx.bank.quiz_laws[quiz.id] = law
        ctx.quiz_where[quiz.id] = (file, quizzes.item_lines[index])


def _check_quiz_references(ctx: _Context) -> None:
    known = set(ctx.bank.entries) | set(ctx.bank.cases)
    for quiz in ctx.bank.quizzes.values():
        file, line = ctx.quiz_where[quiz.id]
        for question_id in quiz.questions:
            if question_id not in known:
                ctx.add(file, line, quiz.id, f"quiz refers to unknown question '{question_id}'")


def read_bank(
    paths: Iterable[Path], laws_dir: Path | None = None, cache_dir: Path | None = None
) -> tuple[Bank, list[Problem]]:
    """Load every file and return the bank with all problems found (possibly none).

    ``cache_dir`` keeps parsed YAML keyed by file content (see :func:`load_yaml`).
    """
    ctx = _Context(Bank(), [], laws_dir, cache_dir)
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


def load_bank(
    paths: Path | Iterable[Path], laws_dir: Path | None = None, cache_dir: Path | None = None
) -> Bank:
    """Load the bank, raising :class:`BankError` with every problem if there is any."""
    bank, problems = read_bank([paths] if isinstance(paths, Path) else paths, laws_dir, cache_dir)
    if problems:
        raise BankError(problems)
    return bank


def load_project_bank(settings: Settings) -> Bank:
    """The project's bank (settings.bank_dir), with the parse cache in results/.cache/bank."""
    return load_bank(settings.bank_dir, cache_dir=settings.results_dir / ".cache" / "bank")
