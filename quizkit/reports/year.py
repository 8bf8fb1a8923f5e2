"""The year view (学法档案): one row per cadre per year, for the annual appraisal.

Each year is reported on its own: lessons and 学时 studied that year, that year's practice accuracy,
and the best counted result over that year's exam sessions (a session's year is its rules' ``year`` or
the year it opens). Every cadre on the roster gets a row for every year asked for, so a cadre who did
nothing shows up as 未参考 rather than disappearing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from quizkit.bank import Course
from quizkit.bank.lesson_plan import LessonPlan
from quizkit.reports.cadres import cadre_report
from quizkit.reports.frames import ReportData, local_times
from quizkit.reports.policy import ReportPolicy
from quizkit.reports.scoring import attempt_years, in_year, session_year

YEAR_REPORT_COLUMNS = [
    "年度",
    "编号",
    "姓名",
    "单位",
    "职务",
    "完成课程",
    "学时",
    "学习路径",
    "必修已修学时",
    "必修应修学时",
    "练习正确率",
    "考试次数",
    "成绩",
    "等级",
    "合格",
    "补考",
    "考试状态",
    "免考原因",
    "证书编号",
]


def report_years(data: ReportData) -> list[int]:
    """The years that have any attempt, oldest first."""
    if data.attempts.empty:
        return []
    return sorted({int(year) for year in attempt_years(data, data.attempts)})


def year_report(
    data: ReportData,
    policy: ReportPolicy,
    *,
    years: Iterable[int] | None = None,
    plan: LessonPlan | None = None,
    hours: Mapping[str, float] | None = None,
    certificates: pd.DataFrame | None = None,
    course: Course | None = None,
) -> pd.DataFrame:
    """Rows (年度, cadre) with the per-cadre figures of that year and any certificate numbers issued;
    with ``course``, each cadre's track and its required 学时 done that year / due."""
    wanted = sorted(years) if years is not None else report_years(data)
    frames = []
    for year in wanted:
        table = cadre_report(in_year(data, year), policy, plan=plan, hours=hours, course=course)
        table.insert(0, "年度", year)
        frames.append(table)
    if not frames:
        return pd.DataFrame(columns=YEAR_REPORT_COLUMNS)
    combined = pd.concat(frames, ignore_index=True)
    combined["证书编号"] = _certificate_numbers(data, combined, certificates)
    return combined[YEAR_REPORT_COLUMNS]


def _certificate_numbers(
    data: ReportData, table: pd.DataFrame, certificates: pd.DataFrame | None
) -> pd.Series:
    """The numbers issued to each cadre for each year (the session's year, else the issue year)."""
    if certificates is None or certificates.empty:
        return pd.Series("", index=table.index)
    years = {
        str(row["session_id"]): session_year(row.to_dict()) for _, row in data.sessions.iterrows()
    }
    issued_year = local_times(certificates["issued_at"]).dt.year
    by_session = certificates["session_id"].map(lambda value: years.get(str(value)))
    issued = certificates.assign(year=by_session.fillna(issued_year).astype(int))
    joined = issued.groupby(["cadre_id", "year"])["number"].agg(lambda s: "、".join(sorted(s)))
    keys = zip(table["编号"], table["年度"], strict=True)
    return pd.Series([joined.get(key, "") for key in keys], index=table.index)


__all__ = ["YEAR_REPORT_COLUMNS", "report_years", "year_report"]
