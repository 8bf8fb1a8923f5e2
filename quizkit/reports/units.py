"""The per-unit table (成绩汇总), its ranking, and the 未参考 / 不合格 lists, from the per-cadre table.

应考人数 = roster − 免考; 实考人数 = those with a counted result; 参考率 = 实考 / 应考;
合格率 and 优秀率 = 合格 (优秀) / 实考, or / 应考 when the policy says so; 平均分, 最高分 and 最低分 over 实考.
Units rank by 合格率, then 参考率, then 平均分 (ties share a rank).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from quizkit.reports.cadres import STATUS_ABSENT, STATUS_EXEMPT, STATUS_TAKEN
from quizkit.reports.policy import Denominator, ReportPolicy

UNIT_REPORT_COLUMNS = [
    "单位",
    "在册人数",
    "免考人数",
    "应考人数",
    "实考人数",
    "参考率",
    "合格人数",
    "合格率",
    "优秀人数",
    "优秀率",
    "平均分",
    "最高分",
    "最低分",
    "排名",
]
TOTAL_LABEL = "合计"
RANK_KEYS = ["合格率", "参考率", "平均分"]
LIST_COLUMNS = ["编号", "姓名", "单位", "职务"]


def top_unit(unit: str, parents: Mapping[str, str | None]) -> str:
    """The outermost ancestor of ``unit`` (镇 for 镇 → 站所), guarding against cycles."""
    seen = {unit}
    while (parent := parents.get(unit)) and parent not in seen:
        seen.add(parent)
        unit = parent
    return unit


def _figures(group: pd.DataFrame, policy: ReportPolicy) -> dict[str, float | int]:
    status = group["考试状态"]
    taken = group[status == STATUS_TAKEN]
    scores = taken["成绩"].astype(float)
    expected = int((status != STATUS_EXEMPT).sum())
    sat = len(taken)
    passed = int(taken["合格"].fillna(False).astype(bool).sum())
    excellent = int((scores >= policy.excellent_mark).sum())
    base = sat if policy.denominator is Denominator.TAKEN else expected
    return {
        "在册人数": len(group),
        "免考人数": int((status == STATUS_EXEMPT).sum()),
        "应考人数": expected,
        "实考人数": sat,
        "参考率": sat / expected if expected else float("nan"),
        "合格人数": passed,
        "合格率": passed / base if base else float("nan"),
        "优秀人数": excellent,
        "优秀率": excellent / base if base else float("nan"),
        "平均分": round(float(scores.mean()), 2) if sat else float("nan"),
        "最高分": float(scores.max()) if sat else float("nan"),
        "最低分": float(scores.min()) if sat else float("nan"),
    }


def _rank(table: pd.DataFrame) -> pd.Series:
    keys = table[RANK_KEYS].fillna(-1.0).round(10)
    ordered = keys.sort_values(RANK_KEYS, ascending=False)
    ranks: dict[object, int] = {}
    previous: tuple[float, ...] | None = None
    for position, (index, row) in enumerate(ordered.iterrows(), start=1):
        key = tuple(row)
        if key != previous:
            rank, previous = position, key
        ranks[index] = rank
    return pd.Series(ranks, dtype="Int64").reindex(table.index)


def unit_report(
    cadres: pd.DataFrame,
    policy: ReportPolicy,
    *,
    parents: Mapping[str, str | None] | None = None,
    total: bool = True,
) -> pd.DataFrame:
    """One row per unit (per top-level unit when ``parents`` is given), ranked, with a 合计 row."""
    units = cadres["单位"]
    if parents is not None:
        units = units.map(lambda unit: top_unit(str(unit), parents))
    rows = {name: _figures(group, policy) for name, group in cadres.groupby(units, sort=True)}
    table = pd.DataFrame.from_dict(rows, orient="index")
    if table.empty:
        return pd.DataFrame(columns=UNIT_REPORT_COLUMNS)
    table["排名"] = _rank(table)
    table = table.sort_values(["排名"], kind="stable")
    if total:
        table.loc[TOTAL_LABEL] = {**_figures(cadres, policy), "排名": pd.NA}
    table["排名"] = table["排名"].astype("Int64")
    table.index.name = "单位"
    return table.reset_index()[UNIT_REPORT_COLUMNS]


def absent_list(cadres: pd.DataFrame) -> pd.DataFrame:
    """未参考: cadres due to sit (not exempt) without a counted result."""
    rows = cadres[cadres["考试状态"] == STATUS_ABSENT]
    return rows[LIST_COLUMNS].reset_index(drop=True)


def failed_list(cadres: pd.DataFrame) -> pd.DataFrame:
    """不合格: cadres who sat and did not reach the pass mark, lowest score first."""
    rows = cadres[(cadres["考试状态"] == STATUS_TAKEN) & ~cadres["合格"].fillna(False)]
    rows = rows.sort_values(["单位", "成绩"], kind="stable")
    return rows[[*LIST_COLUMNS, "成绩", "补考"]].reset_index(drop=True)


__all__ = [
    "LIST_COLUMNS",
    "TOTAL_LABEL",
    "UNIT_REPORT_COLUMNS",
    "absent_list",
    "failed_list",
    "top_unit",
    "unit_report",
]
