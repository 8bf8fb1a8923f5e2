"""Accuracy per law and per tag across the cohort: where more training is needed.

Counts the latest answer per attempt and question (see ``ReportData``), over the attempt kinds asked
for (practice and exams by default; 错题重练 retries would flatter the figures). Questions no longer in
the bank are grouped under 未知.

Data read from a store is added up in the database (``ReportData.aggregates``: one pass over the
answers of the attempts in scope for laws and tags together, ``Store.topic_figures``); data built by
hand is added up here, first per question, then per topic. Both give the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from quizkit.bank import Bank
from quizkit.laws import LAWS
from quizkit.reports.frames import ReportData

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


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a sort and a comparison: several times faster than np.unique's
    hash table on a million integers)."""
    ordered = np.sort(keys)
    if ordered.size == 0:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _topic_table(answers: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """Counts per topic (``_COUNTS``); ``topics`` pairs question_id with topic (a question may
    have several)."""
    codes, questions = pd.factorize(answers["question_id"])
    cadres = pd.factorize(answers["cadre_id"])[0]
    size = len(questions)
    per_question = pd.DataFrame(
        {
            "作答次数": np.bincount(codes, minlength=size),
            "答对次数": np.bincount(
                codes, weights=answers["correct"].to_numpy(float), minlength=size
            ),
            "score": np.bincount(codes, weights=answers["score"].to_numpy(float), minlength=size),
            "points": np.bincount(codes, weights=answers["points"].to_numpy(float), minlength=size),
        }
    )
    pairs = pd.DataFrame({"question_id": questions}).reset_index(names="code")
    pairs = pairs.merge(topics, on="question_id", how="left").fillna({"topic": UNKNOWN})
    table = per_question.join(pairs.set_index("code")["topic"], how="inner").groupby("topic").sum()
    table["题数"] = pairs.groupby("topic").size()
    seen = _distinct(cadres.astype(np.int64) * max(size, 1) + codes)
    people = pd.DataFrame({"cadre": seen // max(size, 1), "code": seen % max(size, 1)})
    people = people.merge(pairs[["code", "topic"]], on="code").drop_duplicates(["cadre", "topic"])
    table["作答人数"] = people.groupby("topic").size()
    return table[_COUNTS]


_COUNTS = ["题数", "作答人数", "作答次数", "答对次数", "score", "points"]


def _rated(table: pd.DataFrame) -> pd.DataFrame:
    """Rates from the counts, weakest topic first (``TOPIC_COLUMNS``)."""
    table = table.astype({name: "int64" for name in _COUNTS[:4]})
    table["正确率"] = table["答对次数"] / table["作答次数"]
    table["得分率"] = table["score"] / table["points"].where(table["points"] > 0)
    table = table.sort_values(["正确率", "作答次数"], ascending=[True, False], kind="stable")
    return table[TOPIC_COLUMNS]


def _law_topics(index: pd.DataFrame) -> pd.DataFrame:
    return index[["question_id", "law"]].rename(columns={"law": "topic"})


def _tag_topics(index: pd.DataFrame) -> pd.DataFrame:
    topics = index[["question_id", "tags"]].explode("tags").dropna(subset=["tags"])
    return topics.rename(columns={"tags": "topic"})


def _chosen(data: ReportData, kinds: Iterable[str]) -> pd.DataFrame:
    return data.answers[data.answers["kind"].isin(list(kinds))]


def _counted_in_database(
    data: ReportData, index: pd.DataFrame, kinds: Iterable[str]
) -> dict[str, pd.DataFrame]:
    """Counts per law and per tag (``_COUNTS``, index topic) from ``data.aggregates``, one query."""
    assert data.aggregates is not None
    scope = data.attempts[data.attempts["kind"].isin(list(kinds))]
    attempt_ids = scope["attempt_id"].astype(str).tolist()  # lists: not one element at a time
    pairs = list(zip(attempt_ids, scope["cadre_id"].astype(str).tolist(), strict=True))
    triples = [
        (str(question), group, str(topic))
        for group, topics in (("law", _law_topics(index)), ("tag", _tag_topics(index)))
        for question, topic in zip(
            topics["question_id"].tolist(), topics["topic"].tolist(), strict=True
        )
    ]
    figures = data.aggregates.topic_figures(pairs, triples)
    names = {
        "questions": "题数",
        "people": "作答人数",
        "answers": "作答次数",
        "correct": "答对次数",
    }
    figures = figures.rename(columns=names)
    unknown = figures[figures["group"].isna()].assign(topic=UNKNOWN)
    return {
        group: pd.concat([figures[figures["group"] == group], unknown if group == "law" else None])
        .set_index("topic")[_COUNTS]
        .sort_index()
        for group in ("law", "tag")
    }


def _counts(
    data: ReportData, index: pd.DataFrame, kinds: Iterable[str], group: str
) -> pd.DataFrame:
    if data.aggregates is not None:
        return _counted_in_database(data, index, kinds)[group]
    topics = _law_topics(index) if group == "law" else _tag_topics(index)
    return _topic_table(_chosen(data, kinds), topics)


def _law_table(counts: pd.DataFrame) -> pd.DataFrame:
    table = _rated(counts)
    names = [LAWS[slug].short_title if slug in LAWS else str(slug) for slug in table.index]
    table.insert(0, "法律", names)
    return table.reset_index(drop=True)


def _tag_table(counts: pd.DataFrame) -> pd.DataFrame:
    table = _rated(counts.drop(index=UNKNOWN, errors="ignore"))
    table.index.name = "标签"
    return table.reset_index()


def law_report(
    data: ReportData, index: pd.DataFrame, *, kinds: Iterable[str] = DEFAULT_KINDS
) -> pd.DataFrame:
    """One row per law, weakest first: 法律, 题数, 作答人数, 作答次数, 答对次数, 正确率, 得分率."""
    return _law_table(_counts(data, index, kinds, "law"))


def tag_report(
    data: ReportData, index: pd.DataFrame, *, kinds: Iterable[str] = DEFAULT_KINDS
) -> pd.DataFrame:
    """One row per tag, weakest first (an answer counts once for each tag of its question)."""
    return _tag_table(_counts(data, index, kinds, "tag"))


def topic_reports(
    data: ReportData, index: pd.DataFrame, *, kinds: Iterable[str] = DEFAULT_KINDS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``law_report`` and ``tag_report`` together (from a store: in one pass over the answers)."""
    if data.aggregates is None:
        return law_report(data, index, kinds=kinds), tag_report(data, index, kinds=kinds)
    counted = _counted_in_database(data, index, kinds)
    return _law_table(counted["law"]), _tag_table(counted["tag"])


__all__ = [
    "DEFAULT_KINDS",
    "UNKNOWN",
    "law_report",
    "question_index",
    "tag_report",
    "topic_reports",
]
