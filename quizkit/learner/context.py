"""What every quiz in a kernel shares: settings, the loaded bank, the store and the current learner.

Built once per kernel (and again when the settings point somewhere else), so the second quiz of a lesson
costs no bank load and no database connection.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from quizkit.bank.course import COURSE_FILE, load_course
from quizkit.bank.loader import Bank, bank_files, load_bank
from quizkit.bank.selection import QuizSpec, named_quiz, quiz_from_ids, select_quiz
from quizkit.errors import QuizkitError
from quizkit.learner.backend import KernelBackend
from quizkit.learner.catalogue import BankCatalogue, QuestionCatalogue
from quizkit.learner.controller import Mode, QuizController
from quizkit.learner.current import CurrentLearner
from quizkit.learner.identity import MEMORY_FILE, IdentityMemory, hub_login
from quizkit.learner.keyless import PracticeKeys, keyless_spec
from quizkit.project import Project
from quizkit.settings import Settings, load_settings

SESSION_VARIABLE = "JPY_SESSION_NAME"  # jupyter_server tells the kernel its notebook's path


@dataclass(frozen=True)
class QuizRequest:
    """The arguments of ``quizkit.quiz()``: a named quiz, explicit ids, or a selection."""

    quiz_id: str | None = None
    ids: tuple[str, ...] | None = None
    law: str | None = None
    tags: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    difficulty: int | tuple[int, ...] | None = None
    n: int | None = None
    seed: int | str | None = None
    title: str | None = None
    lesson: str | None = None


def as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass
class LearnerContext:
    settings: Settings
    learner: CurrentLearner
    _bank: tuple[tuple[tuple[str, float], ...], Bank] | None = None
    _store: KernelBackend | None = None

    @property
    def bank(self) -> Bank:
        """The bank, loaded again only when one of its files changed."""
        files = bank_files([self.settings.bank_dir])
        stamp = tuple((str(path), path.stat().st_mtime) for path in files)
        if self._bank is None or self._bank[0] != stamp:
            self._bank = (stamp, load_bank(self.settings.bank_dir))
        return self._bank[1]

    def store(self) -> KernelBackend:
        """The results backend (the project's store), opened on first use; StoreError (retried next
        time) when it cannot be. Views take the narrow protocols of quizkit.learner.backend from it."""
        if self._store is None:
            self._store = Project(self.settings).backend()
        return self._store

    def keys(self) -> PracticeKeys | None:
        """The grading service when it holds the keys (hub); None: the kernel's bank does."""
        store = self.store() if self.settings.service_url else None
        return store if isinstance(store, PracticeKeys) else None

    def catalogue(self) -> QuestionCatalogue:
        """What the pages may know of the bank: the grading service on a hub, else the kernel's bank."""
        store = self.store() if self.settings.service_url else None
        return store if isinstance(store, QuestionCatalogue) else BankCatalogue(self.bank)

    def spec(self, request: QuizRequest) -> QuizSpec:
        """The quiz from the kernel's bank, or on a hub from the grading service, without keys."""
        keys = self.keys()
        if keys is not None:
            return keyless_spec(keys.quiz_questions(**asdict(request)))
        return build_spec(self.bank, request)

    def lesson_for(self, request: QuizRequest, spec: QuizSpec) -> str | None:
        """The explicit lesson, else the lesson of a named quiz's law, else the running notebook's."""
        if request.lesson is not None:
            return request.lesson
        if not (self.settings.courses_dir / COURSE_FILE).is_file():
            return None
        course = load_course(self.settings.courses_dir)
        if request.quiz_id is not None:
            law = spec.law if self.keys() is not None else self.bank.quiz_laws.get(request.quiz_id)
            lesson = course.lesson_for_law(law)
            if lesson is not None:
                return lesson.id
        notebook = os.environ.get(SESSION_VARIABLE)
        found = course.lesson_for_notebook(notebook) if notebook else None
        return found.id if found is not None else None

    def controller(
        self, request: QuizRequest, mode: Mode = "practice", *, restore: bool = True
    ) -> QuizController:
        spec = self.spec(request)
        titled = QuizSpec(spec.id, request.title, spec.law, spec.blocks) if request.title else spec
        return QuizController(
            titled,
            rules=self.settings.scoring,
            store=self.store,
            learner=self.learner,
            lesson=self.lesson_for(request, spec),
            mode=mode,
            spool=self.settings.results_dir / "pending",
            restore=restore,
            keyed=self.keys() is None,
        )


def build_spec(bank: Bank, request: QuizRequest) -> QuizSpec:
    """The quiz a request names, drawn from ``bank`` (the kernel's, or the grading service's)."""
    if request.quiz_id is not None:
        return named_quiz(bank, request.quiz_id)
    if request.ids is not None:
        return quiz_from_ids(bank, request.ids, request.title)
    if request.law is None and not (request.tags or request.types or request.difficulty):
        raise QuizkitError(
            "没有指定要显示哪些题目",
            hint='写 quizkit.quiz("测验编号")，或给出 ids=、law=、tags= 等条件',
        )
    return select_quiz(
        bank,
        law=request.law,
        tags=request.tags,
        types=request.types,
        difficulty=request.difficulty,
        n=request.n,
        seed=request.seed,
        title=request.title,
    )


_CONTEXTS: dict[tuple[str, ...], LearnerContext] = {}


def learner_context(settings: Settings | None = None) -> LearnerContext:
    """The kernel's context for these settings (read from the project when not given)."""
    settings = settings or load_settings()
    login = hub_login()
    key = (str(settings.root), str(settings.bank_dir), settings.database_url, str(login))
    if key not in _CONTEXTS:
        memory = IdentityMemory(Path(settings.results_dir) / MEMORY_FILE)
        holder: list[LearnerContext] = []
        learner = CurrentLearner(memory, lambda: holder[0].store(), hub=login)
        holder.append(LearnerContext(settings, learner))
        _CONTEXTS[key] = holder[0]
    return _CONTEXTS[key]


def forget_contexts() -> None:
    """Drop every cached context and close its store (tests, or after changing settings)."""
    for context in _CONTEXTS.values():
        close = getattr(context._store, "close", None)
        if callable(close):
            close()
    _CONTEXTS.clear()


__all__ = [
    "SESSION_VARIABLE",
    "LearnerContext",
    "QuizRequest",
    "as_tuple",
    "build_spec",
    "forget_contexts",
    "learner_context",
]
