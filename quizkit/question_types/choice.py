"""单选, 多选 and 判断: questions answered by choosing."""

from __future__ import annotations

from collections.abc import Iterator

from quizkit.question_types.base import (
    Checkable,
    Gradable,
    MultiPolicy,
    QuestionType,
    Response,
)

OPTION_LABELS = ("A", "B", "C", "D", "E", "F")
JUDGE_LABELS: dict[bool, str] = {True: "对", False: "错"}
NO_ANSWER = "未作答"


def correct_labels(question: Gradable) -> frozenset[str]:
    answer = question.answer
    if isinstance(answer, bool):
        return frozenset()
    if isinstance(answer, str):
        return frozenset([answer])
    return frozenset(label for label in answer if isinstance(label, str))


def option_text(question: Gradable, label: str) -> str:
    text = (question.options or {}).get(label, "")
    return f"{label}．{text}" if text else label


# -- scorers ---------------------------------------------------------------------------------------
def _score_single(question: Gradable, response: Response, policy: MultiPolicy) -> float:
    return 1.0 if isinstance(response, str) and response == question.answer else 0.0


def _score_judge(question: Gradable, response: Response, policy: MultiPolicy) -> float:
    return 1.0 if isinstance(response, bool) and response is question.answer else 0.0


def _score_multiple(question: Gradable, response: Response, policy: MultiPolicy) -> float:
    if not isinstance(response, tuple) or not response:
        return 0.0
    ticked, right = frozenset(response), correct_labels(question)
    ticked_right = len(ticked & right)
    ticked_wrong = len(ticked - right)
    if policy is MultiPolicy.ALL_OR_NOTHING:
        return 1.0 if ticked == right else 0.0
    if policy is MultiPolicy.PARTIAL:
        return 0.0 if ticked_wrong else ticked_right / len(right)
    wrong_total = max(len(question.options or {}) - len(right), 1)
    fraction = ticked_right / len(right) - ticked_wrong / wrong_total
    return min(1.0, max(0.0, fraction))


# -- checker rules ---------------------------------------------------------------------------------
def _option_rules(question: Checkable) -> Iterator[tuple[str, str]]:
    options = question.options or {}
    if len(options) < 2:
        yield "options", "needs at least two options (A, B, …)"
        return
    expected = list(OPTION_LABELS[: len(options)])
    if list(options) != expected:
        yield (
            "options",
            f"options must be labelled {', '.join(expected)} in order, not {', '.join(options)}",
        )
    for label, text in options.items():
        if not str(text).strip():
            yield f"options.{label}", f"option {label} is empty"


def _single_rules(question: Checkable) -> Iterator[tuple[str, str]]:
    yield from _option_rules(question)
    answer = question.answer
    if not isinstance(answer, str):
        yield "answer", "a single-choice answer is one option label, e.g. answer: B"
    elif answer not in (question.options or {}):
        yield (
            "answer",
            f"answer '{answer}' is not among the options ({', '.join(question.options or {})})",
        )


def _multiple_rules(question: Checkable) -> Iterator[tuple[str, str]]:
    yield from _option_rules(question)
    answer = question.answer
    if not isinstance(answer, list) or not all(isinstance(label, str) for label in answer):
        yield "answer", "a multiple-choice answer is a list of labels, e.g. answer: [A, C]"
        return
    labels = [label for label in answer if isinstance(label, str)]
    missing = [label for label in labels if label not in (question.options or {})]
    if missing:
        yield (
            "answer",
            f"answer {', '.join(missing)} is not among the options ({', '.join(question.options or {})})",
        )
    if len(set(labels)) != len(labels):
        yield "answer", "the answer lists a label twice"
    if len(set(labels)) < 2:
        yield "answer", "a multiple-choice question needs at least two correct options"


def _judge_rules(question: Checkable) -> Iterator[tuple[str, str]]:
    if question.options:
        yield "options", "a judge (判断) question has no options"
    if not isinstance(question.answer, bool):
        yield "answer", f"a judge answer is true or false, not '{question.answer}'"


# -- how a response reads --------------------------------------------------------------------------
def _describe_labels(question: Gradable, response: Response) -> str:
    """ "C．二十日", "A．甲；C．丙", or 未作答."""
    if not response or isinstance(response, bool):
        return NO_ANSWER
    labels = [response] if isinstance(response, str) else sorted(response)
    return "；".join(option_text(question, label) for label in labels)


def _describe_judge(question: Gradable, response: Response) -> str:
    return JUDGE_LABELS[response] if isinstance(response, bool) else NO_ANSWER


def _answer_labels(question: Gradable) -> str:
    return _describe_labels(question, tuple(sorted(correct_labels(question))) or None)


def _answer_judge(question: Gradable) -> str:
    answer = question.answer
    return JUDGE_LABELS[answer] if isinstance(answer, bool) else NO_ANSWER


# -- well-formed responses -------------------------------------------------------------------------
def _valid_single(question: Gradable, response: Response) -> bool:
    return response is None or (isinstance(response, str) and response in (question.options or {}))


def _valid_multiple(question: Gradable, response: Response) -> bool:
    if response is None:
        return True
    options = question.options or {}
    return (
        isinstance(response, tuple)
        and list(response) == sorted(set(response))
        and all(label in options for label in response)
    )


def _valid_judge(question: Gradable, response: Response) -> bool:
    return response is None or isinstance(response, bool)


SINGLE = QuestionType(
    name="single",
    chinese="单选题",
    short="单选",
    aliases=("单项选择", "单项选择题"),
    default_points=2.0,
    input="radio",
    has_options=True,
    score=_score_single,
    rules=_single_rules,
    describe=_describe_labels,
    answer_text=_answer_labels,
    valid=_valid_single,
)
MULTIPLE = QuestionType(
    name="multiple",
    chinese="多选题",
    short="多选",
    aliases=("多项选择", "多项选择题"),
    default_points=2.0,
    input="checkboxes",
    has_options=True,
    score=_score_multiple,
    rules=_multiple_rules,
    describe=_describe_labels,
    answer_text=_answer_labels,
    valid=_valid_multiple,
)
JUDGE = QuestionType(
    name="judge",
    chinese="判断题",
    short="判断",
    aliases=("是非题",),
    default_points=2.0,
    input="judge",
    has_options=False,
    score=_score_judge,
    rules=_judge_rules,
    describe=_describe_judge,
    answer_text=_answer_judge,
    valid=_valid_judge,
)
