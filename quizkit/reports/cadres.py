"""The per-cadre table: study, practice and the counted exam result, with ranks in the unit and overall.

The cadres are those an exam session in scope admits (its ``units`` and named ``cadres``; see
``quizkit.units``), so 应考 = admitted − exempt. 考试状态 is 免考 for exempt cadres (left out of 应考 and of unit statistics even if they sat the exam),
已参考 for those with a counted result and 未参考 for the rest. Ranks are competition ranks (1, 2, 2, 4)
by score, among those who sat the exam.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from quizkit.bank import Course
from quizkit.bank.lesson_plan import LessonPlan
from quizkit.reports.frames import PRACTICE_KINDS, ReportData
from quizkit.reports.lessons import completed_lessons, study_summary, track_summary
from quizkit.reports.policy import ReportPolicy
from quizkit.reports.scoring import (
    attempt_scores,
    best_per_cadre,
    counted_results,
    exam_attempts,
)
from quizkit.units import admitted_cadres

STATUS_TAKEN = "已参考"
STATUS_ABSENT = "未参考"
STATUS_EXEMPT = "免考"

CADRE_REPORT_COLUMNS = [
    "编号",
    "姓名",
    "单位",
    "职务",
    "完成课程",
    "学时",
    "学习路径",
    "必修已修学时",
    "必修应修学时",
    "练习题数",
    "练习正确率",
    "考试次数",
    "成绩",
    "等级",
    "合格",
    "补考",
    "考试状态",
    "免考原因",
    "单位排名",
    "总排名",
]


def practice_accuracy(data: ReportData) -> pd.DataFrame:
    """Per cadre: practice questions answered and the share correct (a correction replaces the
    earlier answer; 错题重练 retries are left out, they would flatter the figure)."""
    rows = data.answers[data.answers["kind"].isin(PRACTICE_KINDS)]
    grouped = rows.groupby("cadre_id")["correct"]
    return pd.DataFrame({"answered": grouped.size(), "accuracy": grouped.mean()})


def admitted(data: ReportData) -> pd.Series:
    """Per cadre (aligned with ``data.cadres``): whether an exam session in scope admits them
    (its ``units`` with their sub-units, or its named ``cadres``); no exam session: everyone."""
    people = data.cadres
    sessions = data.exam_sessions_in_scope()
    if sessions.empty:
        return pd.Series(True, index=people.index)
    parents = data.unit_parents()
    found = np.zeros(len(people), dtype=bool)
    cadres = [str(cadre) for cadre in people["cadre_id"].tolist()]
    units = [str(unit) for unit in people["unit"].tolist()]
    for rules in sessions["rules"]:
        rules = rules if isinstance(rules, Mapping) else {}
        found |= admitted_cadres(
            cadres,
            units,
            units=tuple(rules.get("units") or ()),
            cadres=tuple(rules.get("cadres") or ()),
            parents=parents,
        )
    return pd.Series(found, index=people.index, dtype=bool)


def roster(data: ReportData) -> pd.DataFrame:
    """The cadres the report is about: active cadres that an exam session in scope admits, plus any
    cadre who sat an exam in scope (their result still stands: inactive since, or admitted before
    the session's units were narrowed)."""
    examined = exam_attempts(data.attempts)["cadre_id"]
    keep = (data.cadres["active"] & admitted(data)) | data.cadres["cadre_id"].isin(examined)
    return data.cadres[keep].set_index("cadre_id")


def _per_score(score: pd.Series, rule: Callable[[float], object]) -> pd.Series:
    """``rule`` of each score, None where there is none (as ``score.map`` gives it, dtype too),
    worked out once per distinct score rather than once per cadre."""
    if score.empty:
        return score.map(lambda value: None if pd.isna(value) else rule(value))
    codes, values = pd.factorize(score, use_na_sentinel=True)
    found = np.array([rule(value) for value in values] + [None], dtype=object)
    return pd.Series(found[codes], index=score.index).infer_objects()


def cadre_report(
    data: ReportData,
    policy: ReportPolicy,
    *,
    plan: LessonPlan | None = None,
    hours: Mapping[str, float] | None = None,
    course: Course | None = None,
) -> pd.DataFrame:
    """One row per cadre with Chinese headers (``CADRE_REPORT_COLUMNS``), ordered by unit then rank.

    With ``course``, 学习路径 and the required 学时 done / due by track (see ``track_summary``)."""
    people = roster(data)
    done = completed_lessons(data, plan or {})
    study = study_summary(data, plan or {}, hours or {}, done=done).reindex(people.index)
    tracks = track_summary(data, plan or {}, course, done=done).reindex(people.index)
    practice = practice_accuracy(data).reindex(people.index)
    best = best_per_cadre(counted_results(attempt_scores(data, policy), policy))
    best = best.reindex(people.index)
    score = best["score"].astype(float)
    exempt = people["exempt"].astype(bool)
    taken = score.notna() & ~exempt
    table = pd.DataFrame(
        {
            "编号": people.index.astype(str),
            "姓名": people["name"],
            "单位": people["unit"],
            "职务": people["position"],
            "完成课程": study["lessons"].fillna(0).astype(int),
            "学时": study["hours"].fillna(0.0).astype(float),
            "学习路径": tracks["track"].fillna("").astype(str),
            "必修已修学时": tracks["required_done"].astype(float),
            "必修应修学时": tracks["required_due"].astype(float),
            "练习题数": practice["answered"].fillna(0).astype(int),
            "练习正确率": practice["accuracy"].astype(float),
            "考试次数": best["attempts"].fillna(0).astype(int),
            "成绩": score,
            "等级": _per_score(score, policy.band),
            "合格": _per_score(score, policy.passed),
            "补考": best["makeup"].fillna(False).astype(bool),
            "考试状态": STATUS_ABSENT,
            "免考原因": people["exempt_reason"].where(exempt, ""),
        },
        index=people.index,
    )
    table.loc[taken, "考试状态"] = STATUS_TAKEN
    table.loc[exempt, "考试状态"] = STATUS_EXEMPT
    table["合格"] = table["合格"].astype("boolean")
    ranked = table["成绩"].where(taken)
    table["单位排名"] = ranked.groupby(table["单位"]).rank(method="min", ascending=False)
    table["总排名"] = ranked.rank(method="min", ascending=False)
    for column in ("单位排名", "总排名"):
        table[column] = table[column].astype("Int64")
    table = table.sort_values(["单位", "单位排名", "姓名"], na_position="last", kind="stable")
    return table[CADRE_REPORT_COLUMNS].reset_index(drop=True)


__all__ = [
    "CADRE_REPORT_COLUMNS",
    "STATUS_ABSENT",
    "STATUS_EXEMPT",
    "STATUS_TAKEN",
    "admitted",
    "cadre_report",
    "practice_accuracy",
    "roster",
]
