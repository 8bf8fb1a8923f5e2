"""Settings, declared once and read in one order: CLI flag > QUIZKIT_* environment > [tool.quizkit] > default.

Relative paths are resolved against the project root: the nearest folder (from the working directory up)
whose pyproject.toml has a ``[tool.quizkit]`` table, or ``QUIZKIT_ROOT`` when set, or the working directory.
A lesson's kernel runs in ``courses/``, so walking up finds the same project the CLI uses.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from quizkit.errors import SettingsError
from quizkit.grading import GradeBand, MultiPolicy, ScoringRules
from quizkit.question_types import QUESTION_TYPES, default_points

ENV_PREFIX = "QUIZKIT_"
SQLITE_PREFIX = "sqlite:///"


class Settings(BaseModel):
    """Where things live and how quizzes are scored, for one project."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    root: Path
    bank: Path = Path("question_bank")
    results: Path = Path("results")
    courses: Path = Path("courses")
    laws: Path | None = None
    db_url: str | None = None
    # the grading service a kernel on a JupyterHub talks to (quizkit.service_client); None: the store
    service_url: str | None = None
    multi_policy: MultiPolicy = MultiPolicy.ALL_OR_NOTHING
    pass_mark: float = 60.0
    # a 补考 result against a failed regular one: the higher counts, or the 补考 result replaces it
    makeup_counting: Literal["higher", "replace"] = "higher"
    bands: tuple[GradeBand, ...] = ScoringRules().bands
    # default points per question type (quizkit.question_types); also written points_<type>, e.g.
    # points-fill = 3 in [tool.quizkit] or QUIZKIT_POINTS_FILL=3
    points: dict[str, float] = Field(default_factory=default_points)
    # item analysis: below this many attempts a question's 负区分 / 区分度低 are not flagged (mostly chance)
    item_flag_min_attempts: int = Field(default=20, ge=2)
    issuing_body: str = "县司法局普法办公室"
    course_title: str = "乡镇干部学法用法培训"
    # the grading service's address as the public reaches it (https://…/services/quizkit/): printed
    # certificates then carry a QR code to its verify page (quizkit/certificates/links.py)
    public_url: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _points_per_type(cls, data: Any) -> Any:
        """Fold ``points_<type>`` values into ``points``, over the table's defaults."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        points = {**default_points(), **dict(data.pop("points", None) or {})}
        for name in QUESTION_TYPES:
            value = data.pop(f"points_{name}", None)
            if value is not None:
                points[name] = value
        return {**data, "points": points}

    @field_validator("points")
    @classmethod
    def _known_types(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(QUESTION_TYPES))
        if unknown:
            raise ValueError(
                f"no question type {', '.join(unknown)}; known: {', '.join(QUESTION_TYPES)}"
            )
        if any(points <= 0 for points in value.values()):
            raise ValueError("points must be greater than 0")
        return value

    @field_validator("bank", "results", "courses", "laws")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    def path(self, value: Path) -> Path:
        """An absolute path for a setting that may be relative to the project root."""
        return value if value.is_absolute() else self.root / value

    @property
    def bank_dir(self) -> Path:
        return self.path(self.bank)

    @property
    def results_dir(self) -> Path:
        return self.path(self.results)

    @property
    def courses_dir(self) -> Path:
        return self.path(self.courses)

    @property
    def laws_dir(self) -> Path | None:
        if self.laws is not None:
            return self.path(self.laws)
        default = self.root.parent / "shared" / "laws"
        return default if (default / "index.yaml").is_file() else None

    @property
    def database_url(self) -> str:
        """The configured URL, or SQLite at results/quizkit.db; a relative SQLite path is taken
        from this project's root (never the working directory's)."""
        if not self.db_url:
            return SQLITE_PREFIX + (self.results_dir / "quizkit.db").as_posix()
        url = self.db_url.strip()
        scheme, separator, rest = url.partition(":///")
        if separator and scheme.split("+")[0] == "sqlite" and rest and rest != ":memory:":
            database, query_mark, query = rest.partition("?")
            path = Path(database)
            if not path.is_absolute() and not database.startswith("/"):
                return f"{scheme}:///{(self.root / path).as_posix()}{query_mark}{query}"
        return url

    @property
    def scoring(self) -> ScoringRules:
        return ScoringRules(
            points=dict(self.points),
            multi_policy=self.multi_policy,
            pass_mark=self.pass_mark,
            bands=self.bands,
        )


def find_root(start: Path | None = None) -> Path:
    """The project root: QUIZKIT_ROOT, else the nearest pyproject.toml with [tool.quizkit]."""
    env_root = os.environ.get(ENV_PREFIX + "ROOT")
    if env_root:
        return Path(env_root).expanduser().resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if (
            candidate.is_file()
            and "tool" in (table := _read_toml(candidate))
            and "quizkit" in table["tool"]
        ):
            return folder
    return here


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            f"pyproject.toml is not valid TOML: {error}",
            file=path,
            hint="fix the file or remove the [tool.quizkit] table",
        ) from error


def _from_environment() -> dict[str, Any]:
    names = set(Settings.model_fields) - {"root", "bands", "points"}
    names |= {f"points_{name}" for name in QUESTION_TYPES}
    found: dict[str, Any] = {}
    for name in names:
        value = os.environ.get(ENV_PREFIX + name.upper())
        if value is not None and value != "":
            found[name] = value
    return found


def load_settings(start: Path | None = None, **overrides: Any) -> Settings:
    """Read the settings; ``overrides`` are CLI flags (None means "not given")."""
    root = find_root(start)
    pyproject = root / "pyproject.toml"
    from_file: dict[str, Any] = {}
    if pyproject.is_file():
        from_file = dict(_read_toml(pyproject).get("tool", {}).get("quizkit", {}))
    from_file = {key.replace("-", "_"): value for key, value in from_file.items()}
    merged: dict[str, Any] = {**from_file, **_from_environment()}
    merged.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return Settings(root=root, **merged)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise SettingsError(
            f"setting '{field}' is not valid: {first['msg']}",
            file=pyproject if field in from_file else None,
            hint=f"check {ENV_PREFIX}{field.upper()}, [tool.quizkit] {field}, or the CLI flag",
        ) from error


__all__ = ["Settings", "find_root", "load_settings"]
