"""Accuracy per law and per tag across the cohort: where more training is needed.

Counts the latest answer per attempt and question (a correction replaces the earlier row), over the
attempt kinds asked for (practice and exams by default; 错题重练 retries would flatter the figures).
Questions no longer in the bank are grouped under 未知.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from quizkit.bank import Bank
from quizkit.laws import LAWS
from quizkit.reports.frames import ReportData
from quizkit.reports.scoring import latest_answers

UNKNOWN = "未知"
DEFAULT_KINDS = ("practice", "exam", "makeup")
TOPIC_COLUMNS = ["题数", "作答人数", "作答次数", "答对次数", "正确率", "得分率"]


def question_index(bank: Bank) -> pd.DataFrame:
    """question_id → law slug and tags (a case's tags are added to its sub-questions')."""
    rows = []
    for question_id, entry in bank.entries.items():
        tags = list(entry.question.tags) + (list(entry.case.tags) if entry.case else [])
        rows.append((question_id, entry.law, sorted(set(tags))))
    return pd.DataFrame(rows, columns=["question_id", "law", "tags"])


def _answers(data: ReportData, index: pd.DataFrame, kinds: Iterable[str]) -> pd.DataFrame:
    attempts = data.attempts[data.attempts["kind"].isin(list(kinds))]
    answers = latest_answers(data.answers[data.answers["attempt_id"].isin(attempts["attempt_id"])])
    answers = answers.merge(attempts[["attempt_id", "cadre_id"]], on="attempt_id")
    return answers.merge(index, on="question_id", how="left")


def _summarise(answers: pd.DataFrame, key: str) -> pd.DataFrame:
    grouped = answers.groupby(key, sort=False)
    table = pd.DataFrame(
        {
            "题数": grouped["question_id"].nunique(),
            "作答人数": grouped["cadre_id"].nunique(),
            "作答次数": grouped.size(),
            "答对次数": grouped["correct"].sum().astype(int),
        }
    )
    table["正确率"] = table["答对次数"] / table["作答次数"]
    table["得分率"] = grouped["score"].sum() / grouped["points"].sum()
    return table.sort_values(["正确率", "作答次数"], ascending=[True, False], kind="stable")


def law_report(
    data: ReportData, index: pd.DataFrame, *, kinds: Iterable[str] = DEFAULT_KINDS
) -> pd.DataFrame:
    """One row per law, weakest first: 法律, 题数, 作答人数, 作答次数, 答对次数, 正确率, 得分率."""
    answers = _answers(data, index, kinds)
    answers["law"] = answers["law"].fillna(UNKNOWN)
    table = _summarise(answers, "law")
    names = [LAWS[slug].short_title if slug in LAWS else str(slug) for slug in table.index]
    table.insert(0, "法律", names)
    return table.reset_index(drop=True)[["法律", *TOPIC_COLUMNS]]


def tag_report(
    data: ReportData, index: pd.DataFrame, *, kinds: Iterable[str] = DEFAULT_KINDS
) -> pd.DataFrame:
    """One row per tag, weakest first (an answer counts once for each tag of its question)."""
    answers = _answers(data, index, kinds)
    answers["tags"] = answers["tags"].map(lambda tags: tags if isinstance(tags, list) else [])
    answers = answers.explode("tags").dropna(subset=["tags"])
    table = _summarise(answers, "tags")
    table.index.name = "标签"
    return table.reset_index()[["标签", *TOPIC_COLUMNS]]


__all__ = ["DEFAULT_KINDS", "UNKNOWN", "law_report", "question_index", "tag_report"]
