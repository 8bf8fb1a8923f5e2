"""Reports for trainers and the annual appraisal, as pandas DataFrames (no file formats here).

    from quizkit.reports import ReportScope, build_reports
    reports = build_reports(store, load_settings(), ReportScope(session_id=…))
    reports.cadres   # 姓名, 单位, 职务, 完成课程, 学时, 练习正确率, 成绩, 等级, 合格, 排名…
    reports.units    # 应考人数, 实考人数, 参考率, 合格率, 优秀率, 平均分…, 排名, and a 合计 row

Every figure comes from the store's answer log; the counting rules are a :class:`ReportPolicy`.
"""

from quizkit.bank.lesson_plan import lesson_plan
from quizkit.reports.build import (
    ReportScope,
    ReportSet,
    build_reports,
    course_and_bank,
    resolve_scope,
)
from quizkit.reports.cadres import CADRE_REPORT_COLUMNS, cadre_report
from quizkit.reports.frames import ReportData, load_report_data, make_report_data
from quizkit.reports.policy import Counting, Denominator, MakeupCounting, MakeupWindow, ReportPolicy
from quizkit.reports.scoring import attempt_scores, counted_results
from quizkit.reports.topics import law_report, question_index, tag_report
from quizkit.reports.units import UNIT_REPORT_COLUMNS, absent_list, failed_list, unit_report
from quizkit.reports.year import YEAR_REPORT_COLUMNS, year_report

__all__ = [
    "CADRE_REPORT_COLUMNS",
    "UNIT_REPORT_COLUMNS",
    "YEAR_REPORT_COLUMNS",
    "Counting",
    "Denominator",
    "MakeupCounting",
    "MakeupWindow",
    "ReportData",
    "ReportPolicy",
    "ReportScope",
    "ReportSet",
    "absent_list",
    "attempt_scores",
    "build_reports",
    "cadre_report",
    "counted_results",
    "course_and_bank",
    "failed_list",
    "law_report",
    "lesson_plan",
    "load_report_data",
    "make_report_data",
    "question_index",
    "resolve_scope",
    "tag_report",
    "unit_report",
    "year_report",
]
