"""Every report of one scope (an exam session, a year, or everything) in one call.

    data = load_report_data(store, session_id=…)      # the store's tables as DataFrames
    → cadre_report → unit_report, absent_list, failed_list
    → law_report, tag_report (needs the bank) → year_report (学法档案)

The policy's defaults come from the session's rules (for a year: its latest exam session), then the
settings' pass mark and bands; explicit overrides win. Lessons and 学时 need the course catalogue
and the bank's named quizzes; without them those columns are zero. The year view (学法档案) is built
for a year or for everything, not for a single session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd

from quizkit.bank import Bank, Course, load_course, read_bank
from quizkit.bank.course import COURSE_FILE
from quizkit.bank.lesson_plan import lesson_plan
from quizkit.errors import SessionError
from quizkit.reports.cadres import cadre_report
from quizkit.reports.frames import EXAM_KINDS, ReportData, ReportSource, load_report_data
from quizkit.reports.policy import ReportPolicy
from quizkit.reports.scoring import in_year, session_year
from quizkit.reports.topics import question_index, topic_reports
from quizkit.reports.units import absent_list, failed_list, unit_report
from quizkit.reports.year import YEAR_REPORT_COLUMNS, year_report
from quizkit.settings import Settings


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: one exam session (by id or code), one year, or (neither) everything;
    ``unit``: only that unit (with its sub-units) is read and reported."""

    session_id: str | None = None
    year: int | None = None
    session_title: str | None = None
    unit: str | None = None

    def label(self) -> str:
        whole = f"{self.year}年度" if self.year is not None else "全部记录"
        label = self.session_title or whole
        return label if self.unit is None else f"{label}（{self.unit}）"


@dataclass(frozen=True)
class ReportSet:
    """The DataFrames of one scope, with what a printed sheet needs to say about them.

    ``units``, ``absent`` and ``failed`` come from ``cadres`` alone and are worked out when first
    asked for (one unit's table of cadres needs none of them); ``unit_parents``: roll units up to
    their top unit in ``units``."""

    title: str
    scope: ReportScope
    policy: ReportPolicy
    issuing_body: str
    generated_on: date
    cadres: pd.DataFrame
    laws: pd.DataFrame
    tags: pd.DataFrame
    years: pd.DataFrame
    hours: Mapping[str, float] = field(default_factory=dict)
    unit_parents: Mapping[str, str | None] | None = None

    @cached_property
    def units(self) -> pd.DataFrame:
        return unit_report(self.cadres, self.policy, parents=self.unit_parents)

    @cached_property
    def absent(self) -> pd.DataFrame:
        return absent_list(self.cadres)

    @cached_property
    def failed(self) -> pd.DataFrame:
        return failed_list(self.cadres)

    def unit_names(self) -> list[str]:
        return sorted(str(unit) for unit in self.cadres["单位"].unique())

    def for_unit(self, unit: str) -> pd.DataFrame:
        return self.cadres[self.cadres["单位"] == unit].reset_index(drop=True)


def resolve_scope(store: Any, session: str | None, year: int | None) -> ReportScope:
    """A scope from a session id or code (looked up in the store) and/or a year."""
    if session is None:
        return ReportScope(year=year)
    row = store.get_session_row(session) or store.get_session_row(code=session)
    if row is None:
        raise SessionError(
            f"no session with id or code {session!r}",
            hint="`quizkit session list` shows the sessions and their codes",
        )
    return ReportScope(session_id=row.id, year=year, session_title=row.title)


def _scoped(data: ReportData, scope: ReportScope) -> ReportData:
    return data if scope.year is None else in_year(data, scope.year)


def _rules(data: ReportData, scope: ReportScope) -> Mapping[str, Any]:
    sessions = data.sessions
    if scope.session_id is not None:
        chosen = sessions[sessions["session_id"] == scope.session_id]
    else:
        exams = sessions[sessions["kind"].isin(EXAM_KINDS)]
        years = [session_year(row.to_dict()) for _, row in exams.iterrows()]
        chosen = exams if scope.year is None else exams[[year == scope.year for year in years]]
    if chosen.empty or not isinstance(chosen.iloc[-1]["rules"], Mapping):
        return {}
    rules: Mapping[str, Any] = chosen.iloc[-1]["rules"]
    return rules


def course_and_bank(settings: Settings) -> tuple[Course | None, Bank | None]:
    """The course catalogue and the bank, when the project has them (a bank with problems still
    maps the questions it could read to their laws and tags)."""
    course_file = settings.courses_dir / COURSE_FILE
    course = load_course(settings.courses_dir) if course_file.is_file() else None
    bank = read_bank([settings.bank_dir])[0] if settings.bank_dir.is_dir() else None
    return course, bank


def build_reports(
    store: ReportSource,
    settings: Settings,
    scope: ReportScope,
    *,
    course: Course | None = None,
    bank: Bank | None = None,
    parents_rollup: bool = False,
    data: ReportData | None = None,
    **policy_overrides: Any,
) -> ReportSet:
    """All reports of ``scope``; ``policy_overrides`` are ReportPolicy fields (None = from the rules).

    ``data``: what :func:`load_report_data` read for this scope's session, to build several reports
    (other policies, say) from one read of the store.
    """
    if data is None:
        data = load_report_data(store, session_id=scope.session_id, unit=scope.unit)
    data = _scoped(data, scope)
    policy = ReportPolicy.from_rules(
        _rules(data, scope),
        pass_mark=settings.pass_mark,
        bands=settings.bands,
        default_makeup_counting=settings.makeup_counting,
        **policy_overrides,
    )
    plan = lesson_plan(course, bank) if course is not None else {}
    hours = course.hours if course is not None else {}
    cadres = cadre_report(data, policy, plan=plan, hours=hours, course=course)
    index = (
        question_index(bank)
        if bank is not None
        else pd.DataFrame(columns=["question_id", "law", "tags"])
    )
    laws, tags = topic_reports(data, index)
    years = [scope.year] if scope.year is not None else None
    archive = (
        year_report(
            data,
            policy,
            years=years,
            plan=plan,
            hours=hours,
            certificates=store.certificates_frame(),
            course=course,
        )
        if scope.session_id is None
        else pd.DataFrame(columns=YEAR_REPORT_COLUMNS)
    )
    return ReportSet(
        title=settings.course_title,
        scope=scope,
        policy=policy,
        issuing_body=settings.issuing_body,
        generated_on=date.today(),
        cadres=cadres,
        laws=laws,
        tags=tags,
        years=archive,
        hours=hours,
        unit_parents=data.unit_parents() if parents_rollup else None,
    )


__all__ = ["ReportScope", "ReportSet", "build_reports", "course_and_bank", "resolve_scope"]
