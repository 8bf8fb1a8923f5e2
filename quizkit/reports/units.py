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


def _figures(cadres: pd.DataFrame, groups: pd.Series, policy: ReportPolicy) -> pd.DataFrame:
    """The unit figures for each group label (vectorised: one groupby, not a loop over units)."""
    status = cadres["考试状态"]
    taken = status == STATUS_TAKEN
    scores = cadres["成绩"].astype(float).where(taken)
    flags = pd.DataFrame(
        {
            "在册人数": 1,
            "免考人数": status == STATUS_EXEMPT,
            "应考人数": status != STATUS_EXEMPT,
            "实考人数": taken,
            "合格人数": taken & cadres["合格"].fillna(False).astype(bool),
            "优秀人数": taken & (scores >= policy.excellent_mark),
            "成绩": scores,
        },
        index=cadres.index,
    )
    grouped = flags.groupby(groups.to_numpy(), sort=True)
    table = grouped[["在册人数", "免考人数", "应考人数", "实考人数", "合格人数", "优秀人数"]].sum()
    table = table.astype(int)
    sat, expected = table["实考人数"], table["应考人数"]
    base = sat if policy.denominator is Denominator.TAKEN else expected
    table["参考率"] = sat / expected.where(expected > 0)
    table["合格率"] = table["合格人数"] / base.where(base > 0)
    table["优秀率"] = table["优秀人数"] / base.where(base > 0)
    table["平均分"] = grouped["成绩"].mean().round(2)
    table["最高分"] = grouped["成绩"].max()
    table["最低分"] = grouped["成绩"].min()
    return table


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
    table = _figures(cadres, units, policy)
    if table.empty:
        return pd.DataFrame(columns=UNIT_REPORT_COLUMNS)
    table["排名"] = _rank(table)
    table = table.sort_values(["排名"], kind="stable")
    if total:
        whole = _figures(cadres, pd.Series(TOTAL_LABEL, index=cadres.index), policy)
        whole["排名"] = pd.Series(pd.NA, index=whole.index, dtype="Int64")
        table = pd.concat([table, whole])
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
