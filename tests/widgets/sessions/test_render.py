"""The exam result line after 交卷: the grade band and the pass verdict, each said once."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from quizkit.grading import GradeBand, ScoringRules, grade_band, passed
from quizkit.sessions.scoring import AttemptScore
from quizkit.sessions.sitting import ExamResult
from quizkit.widgets.sessions.render import result_html


def result(earned: float, rules: ScoringRules) -> ExamResult:
    score = AttemptScore(earned=earned, possible=10, answered=5, total=5, correct=int(earned // 2))
    return ExamResult(
        status="submitted",
        score=score,
        band=grade_band(score.percent, rules.bands),
        passed=passed(score.percent, rules),
        visible="score",
        message="答卷已提交。",
    )


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize(
    ("earned", "shown"),
    [
        (2, "等级：不合格"),  # the band says it: no second 不合格
        (6, "等级：合格"),  # the band says it: no second 合格
        (8, "等级：良好　合格"),
        (10, "等级：优秀　合格"),
    ],
)
def test_default_bands_say_the_verdict_once(earned: float, shown: str) -> None:
    text = visible_text(result_html(result(earned, ScoringRules())))
    assert text.endswith(shown + "作答 5 / 5 题，答对 " + f"{int(earned // 2)} 题。")
    assert text.count("合格") == 1


def test_a_pass_mark_above_the_band_still_says_not_passed() -> None:
    rules = ScoringRules(
        pass_mark=70, bands=(GradeBand(name="及格", minimum=60), GradeBand(name="差", minimum=0))
    )
    text = visible_text(result_html(result(6.5, rules)))
    assert "等级：及格　不合格" in text and text.count("不合格") == 1


def test_nothing_of_the_score_when_the_policy_hides_it() -> None:
    hidden = replace(result(2, ScoringRules()), visible="none")
    assert "合格" not in visible_text(result_html(hidden))
