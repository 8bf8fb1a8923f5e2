"""The course catalogue (courses/course.yaml): lessons, their notebooks, study hours and laws."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from quizkit.bank.yamlsource import load_yaml
from quizkit.errors import BankError, Problem

COURSE_FILE = "course.yaml"


class Lesson(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    notebook: str
    hours: float = Field(ge=0)
    law: str | None = None


class Course(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: int = 1
    title: str
    lessons: list[Lesson]

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def lesson_for_law(self, law: str | None) -> Lesson | None:
        """The lesson that teaches ``law`` (named quizzes of that law's file belong to it)."""
        return next((lesson for lesson in self.lessons if law and lesson.law == law), None)

    def lesson_for_notebook(self, notebook: str | Path) -> Lesson | None:
        name = Path(notebook).name
        return next((lesson for lesson in self.lessons if lesson.notebook == name), None)

    @property
    def hours(self) -> dict[str, float]:
        return {lesson.id: lesson.hours for lesson in self.lessons}


def load_course(courses_dir: Path) -> Course:
    """Read courses/course.yaml; problems raise :class:`BankError` with file and line."""
    path = courses_dir / COURSE_FILE
    data, problems = load_yaml(path)
    if problems:
        raise BankError(problems)
    try:
        return Course.model_validate(data)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(p) for p in detail["loc"])
        raise BankError([Problem(path.as_posix(), None, where, detail["msg"])]) from error
