"""Lessons completed and study hours (学时), from study answers and the course catalogue.

When a lesson counts as completed is stated once, in :mod:`quizkit.bank.lesson_plan`; this module
applies that rule to every cadre at once (vectorised). Hours per lesson come from courses/course.yaml.

Tracks (学习路径): a cadre's track is resolved by :meth:`Course.track_for` (roster, unit, default);
必修应修学时 is the hours of the track's required lessons, 必修已修学时 the hours of those the cadre
completed in the period. A cadre without a track has neither (NaN), not zero.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from quizkit.bank import Course
from quizkit.bank.lesson_plan import LessonPlan
from quizkit.records import FINISHED_STATUSES, STUDY_KINDS
from quizkit.reports.frames import ReportData


def completed_lessons(data: ReportData, plan: LessonPlan) -> pd.DataFrame:
    """Long frame (cadre_id, lesson): one row per lesson each cadre has completed."""
    study = data.attempts[data.attempts["kind"].isin(STUDY_KINDS)]
    studied = data.answers[data.answers["kind"].isin(STUDY_KINDS)]
    answered = studied[["cadre_id", "question_id"]].drop_duplicates()
    quizless = [lesson for lesson, ids in plan.items() if not ids]
    finished = study[study["status"].isin(FINISHED_STATUSES) & study["lesson"].isin(quizless)]
    by_attempt = finished[["cadre_id", "lesson"]].drop_duplicates()
    if answered.empty:  # no study answers (an exam session's report): nothing to match
        return by_attempt.reset_index(drop=True).drop_duplicates()
    required = pd.DataFrame(
        [(lesson, qid) for lesson, ids in plan.items() for qid in ids],
        columns=["lesson", "question_id"],
    )
    sizes = required.groupby("lesson").size()
    hits = answered.merge(required, on="question_id").groupby(["cadre_id", "lesson"]).size()
    by_questions = hits[hits == sizes.reindex(hits.index.get_level_values("lesson")).to_numpy()]
    done = by_questions.reset_index()[["cadre_id", "lesson"]]
    return pd.concat([done, by_attempt], ignore_index=True).drop_duplicates()


def study_summary(
    data: ReportData,
    plan: LessonPlan,
    hours: Mapping[str, float],
    *,
    done: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per cadre: lessons completed and study hours (index cadre_id); ``done``: what
    :func:`completed_lessons` gives for ``data`` and ``plan``, when the caller has it."""
    done = completed_lessons(data, plan) if done is None else done
    done = done.assign(hours=done["lesson"].map(hours).fillna(0.0).astype(float))
    grouped = done.groupby("cadre_id")
    return pd.DataFrame({"lessons": grouped.size(), "hours": grouped["hours"].sum()})


def track_summary(
    data: ReportData,
    plan: LessonPlan,
    course: Course | None,
    *,
    done: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per cadre (index cadre_id): track name ("" without one), required hours done and due;
    ``done`` as in :func:`study_summary`.

    A track is resolved once per (roster track, unit), not once per cadre, and each cadre's
    completed lessons are looked up in one grouping, not by filtering the lessons per cadre."""
    people = data.cadres.set_index("cadre_id")
    columns = ["track", "required_done", "required_due"]
    if course is None or not course.tracks:
        return pd.DataFrame(
            {"track": "", "required_done": float("nan"), "required_due": float("nan")},
            index=people.index,
        )[columns]
    parents = data.unit_parents()
    stored = people["track"] if "track" in people else pd.Series(None, index=people.index)
    missing = stored.isna().tolist()
    keys = [
        (None if absent else str(track), str(unit))
        for track, absent, unit in zip(
            stored.tolist(), missing, people["unit"].tolist(), strict=True
        )
    ]
    resolved = {key: course.track_for(key[0], key[1], parents) for key in dict.fromkeys(keys)}
    done = completed_lessons(data, plan) if done is None else done
    lessons: dict[str, set[str]] = {}
    for cadre, lesson in zip(done["cadre_id"].tolist(), done["lesson"].tolist(), strict=True):
        lessons.setdefault(cadre, set()).add(lesson)
    hours = course.hours
    due: dict[int, float] = {}  # by track (id): its required 学时
    rows = []
    for cadre, key in zip(people.index.tolist(), keys, strict=True):
        track = resolved[key]
        if track is None:
            rows.append(("", float("nan"), float("nan")))
            continue
        if id(track) not in due:
            due[id(track)] = course.required_hours(track)
        mine = lessons.get(cadre, set())
        finished = sum(hours.get(lesson, 0.0) for lesson in track.required if lesson in mine)
        rows.append((track.name, float(finished), due[id(track)]))
    return pd.DataFrame(rows, columns=columns, index=people.index.tolist())


__all__ = ["completed_lessons", "study_summary", "track_summary"]
