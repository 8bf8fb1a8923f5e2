"""填空 (``type: fill``): a stem with one or more blanks, each with the answers it accepts.

In the bank a blank is a run of three or more underscores in the stem (write ``____``); ``answer``
lists, per blank in order, the accepted answers::

    stem: 当事人要求听证的，应当在行政机关告知后____日内提出。
    answer: [[五]]

A typed answer matches when it equals an accepted one after :func:`match_key`: full-width and
half-width forms are the same (NFKC), white space and sentence punctuation (，。、；：！？ and
quotes) are ignored. Every accepted answer must appear verbatim in the cited article (the checker
verifies it against the law texts), so what counts as right is the law's own wording.

Partial credit follows the same setting as 多选 (``multi_policy``): ``all-or-nothing`` gives full
points only when every blank is right; ``partial`` and ``moodle`` give each right blank its share
(a wrong or empty blank costs nothing). A one-blank question is right or wrong under every policy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from quizkit.question_types.base import (
    Checkable,
    Gradable,
    MultiPolicy,
    QuestionType,
    Response,
)
from quizkit.question_types.choice import NO_ANSWER

BLANK = re.compile(r"_{3,}")
MAX_BLANK_CHARS = 100  # a typed blank longer than this is not an answer (the input refuses more)
_IGNORED = re.compile(r"[\s,.;:!?，。、；：！？\"'“”‘’「」『』]+")
EMPTY_BLANK = "（空）"


def match_key(text: str) -> str:
    """The form two answers are compared in: NFKC, without white space and sentence punctuation."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


def blank_count(stem: str) -> int:
    return len(BLANK.findall(stem))


def stem_parts(stem: str) -> list[str]:
    """The stem's text around its blanks: one more part than there are blanks."""
    return BLANK.split(stem)


def numbered_blanks(stem: str) -> str:
    """The stem as shown: each blank a line ＿＿＿＿, numbered （1）（2）… when there are several."""
    parts = stem_parts(stem)
    if len(parts) == 1:
        return stem
    several = len(parts) > 2
    shown = [parts[0]]
    for number, text in enumerate(parts[1:], 1):
        shown.append(f"（{number}）＿＿＿＿" if several else "＿＿＿＿")
        shown.append(text)
    return "".join(shown)


def accepted(question: Gradable) -> list[list[str]]:
    """Per blank, the accepted answers (empty when the answer is not shaped for 填空)."""
    answer = question.answer
    if not isinstance(answer, list) or not all(isinstance(blank, list) for blank in answer):
        return []
    return [
        [text for text in blank if isinstance(text, str)]
        for blank in answer
        if isinstance(blank, list)
    ]


def blank_right(typed: str, answers: list[str]) -> bool:
    key = match_key(typed)
    return bool(key) and key in {match_key(text) for text in answers}


def _score(question: Gradable, response: Response, policy: MultiPolicy) -> float:
    blanks = accepted(question)
    if not isinstance(response, tuple) or not blanks or len(response) != len(blanks):
        return 0.0
    right = sum(
        1 for typed, answers in zip(response, blanks, strict=True) if blank_right(typed, answers)
    )
    if policy is MultiPolicy.ALL_OR_NOTHING:
        return 1.0 if right == len(blanks) else 0.0
    return right / len(blanks)


def _rules(question: Checkable) -> Iterator[tuple[str, str]]:
    if question.options:
        yield "options", "a fill (填空) question has no options"
    answer = question.answer
    shape = "a fill answer lists the accepted answers of each blank, e.g. answer: [[五日], [听证]]"
    if not isinstance(answer, list) or not answer or not all(isinstance(b, list) for b in answer):
        yield "answer", shape
        return
    blanks = blank_count(question.stem)
    if blanks == 0:
        yield (
            "stem",
            "a fill question needs at least one blank in the stem: write ____ where it goes",
        )
    elif blanks != len(answer):
        yield "answer", f"the stem has {blanks} blank(s) (____) but the answer lists {len(answer)}"
    for number, blank in enumerate(accepted(question), 1):
        if not blank or not all(match_key(text) for text in blank):
            yield (
                f"answer.{number - 1}",
                f"blank {number} needs at least one non-empty accepted answer",
            )
        elif len({match_key(text) for text in blank}) != len(blank):
            yield f"answer.{number - 1}", f"blank {number} lists the same answer twice"


def _numbered(texts: list[str]) -> str:
    if len(texts) == 1:
        return texts[0]
    return "；".join(f"（{number}）{text}" for number, text in enumerate(texts, 1))


def _describe(question: Gradable, response: Response) -> str:
    """ "听证", "（1）五；（2）听证", or 未作答."""
    if not isinstance(response, tuple) or not any(text.strip() for text in response):
        return NO_ANSWER
    return _numbered([text.strip() or EMPTY_BLANK for text in response])


def _answer_text(question: Gradable) -> str:
    """ "五日" or "（1）五日；（2）听证 或 听证会" (every accepted answer of each blank)."""
    return _numbered([" 或 ".join(blank) for blank in accepted(question)]) or NO_ANSWER


def _valid(question: Gradable, response: Response) -> bool:
    if response is None:
        return True
    return (
        isinstance(response, tuple)
        and len(response) == len(accepted(question))
        and all(isinstance(text, str) and len(text) <= MAX_BLANK_CHARS for text in response)
    )


def _phrases(question: Gradable) -> list[str]:
    return [text for blank in accepted(question) for text in blank]


FILL = QuestionType(
    name="fill",
    chinese="填空题",
    short="填空",
    aliases=("shortanswer", "short answer", "填充题"),
    default_points=2.0,
    input="blanks",
    has_options=False,
    score=_score,
    rules=_rules,
    describe=_describe,
    answer_text=_answer_text,
    valid=_valid,
    phrases=_phrases,
)
