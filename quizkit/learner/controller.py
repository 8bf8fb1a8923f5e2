"""One quiz for one learner: grade with the grading core, store through the store, never lose an answer.

The views call this and nothing else; it holds no widgets and no SQL, so grading and persistence can
later move behind a service without touching them. Every answer is queued *before* the store is asked,
and leaves the queue only when the store has committed it, so a failure leaves it waiting for 重试.
Feedback is reported as saved only after the commit.

``keyed=False`` (a kernel on a hub): the questions came without keys, so nothing here can grade them;
after the grading service committed an answer, the feedback shown is the one it sends back for that
answer (``PracticeKeys.practice_feedback``), and reopened answers are explained the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from quizkit.bank.models import Question
from quizkit.bank.selection import QuizSpec
from quizkit.errors import QuizkitError
from quizkit.grading import ScoringRules, grade_band, passed, percentage
from quizkit.learner.current import CurrentLearner
from quizkit.learner.feedback import Feedback, feedback_for
from quizkit.learner.identity import Identity
from quizkit.learner.keyless import PracticeKeys, feedback_from_json
from quizkit.learner.pending import PendingAnswer, PendingQueue
from quizkit.learner.state import AnswerLog, Outcome, Progress, Summary, failure_text
from quizkit.question_types import Response

Mode = Literal["practice", "exam"]
MODES: tuple[Mode, ...] = ("practice", "exam")


class QuizController:
    """The state of one rendered quiz: latest answers, the current round, pending answers."""

    def __init__(
        self,
        spec: QuizSpec,
        *,
        rules: ScoringRules,
        store: Callable[[], AnswerLog],
        learner: CurrentLearner,
        lesson: str | None = None,
        mode: Mode = "practice",
        spool: Path | None = None,
        restore: bool = True,
        keyed: bool = True,
    ) -> None:
        """``restore=False``: start without reading the store; call :meth:`load` once shown.
        ``keyed=False``: the feedback comes from the store (it must be ``PracticeKeys``)."""
        if mode not in MODES:
            raise QuizkitError(f"mode 只能是 practice 或 exam，而不是 {mode!r}")
        self.spec, self.rules, self.lesson, self.mode = spec, rules, lesson, mode
        self.keyed = keyed
        self.questions: dict[str, Question] = {q.id: q for q in spec.questions}
        self.learner = learner
        self._store, self._spool = store, spool
        self._listeners: list[Callable[[], None]] = []
        self.notice: str | None = None
        self._follow: Callable[[Identity | None], None] = lambda _identity: self._reload()
        learner.subscribe(self._follow, self._switch_guard)
        self.load(restore=restore)

    # -- state -------------------------------------------------------------------------------
    @property
    def identity(self) -> Identity | None:
        return self.learner.identity

    @property
    def pending(self) -> list[PendingAnswer]:
        return list(self._queue) if self._queue is not None else []

    def answer(self, question_id: str) -> Outcome | None:
        return self._latest.get(question_id)

    @property
    def round(self) -> tuple[str, ...]:
        return tuple(self._round)

    def load(self, *, restore: bool = True) -> None:
        """Start from what the pending queue and (``restore``) the store hold for the learner."""
        self._latest: dict[str, Outcome] = {}
        self._round: list[str] = list(self.questions)
        self._kind = "exam" if self.mode == "exam" else "practice"
        self._attempts: dict[str, str] = {}
        self._queue: PendingQueue | None = None
        self._done: set[str] = set()
        self.submitted = False
        identity = self.identity
        if identity is None:
            return
        self._queue = PendingQueue.shared(self._spool, identity.cadre_id, self.spec.id)
        if self.mode == "practice" and restore:
            self._restore(identity)
        for item in self._queue:
            question = self.questions.get(item.question_id)
            if question is not None:
                feedback = feedback_for(question, item.response, self.rules)
                self._latest[question.id] = Outcome(question.id, item.response, feedback, False)
        self._done = set(self._latest)

    def _restore(self, identity: Identity) -> None:
        try:
            stored = self._store().latest_answers(identity.cadre_id, self.spec.id)
            explained = None if self.keyed else self._keys().practice_feedback(self.spec.id)
        except (
            Exception
        ) as error:  # the quiz still opens; answers will queue until the store is back
            self.notice = failure_text(error)
            return
        if explained is not None:  # keyless: what the service explains, it has checked
            for question_id, sent in explained.items():
                row = stored.get(question_id)
                if question_id in self.questions and row is not None:
                    feedback = feedback_from_json(sent)
                    self._latest[question_id] = Outcome(question_id, row.response, feedback, True)
            return
        for question in self.questions.values():
            row = stored.get(question.id)
            if row is None or row.question_hash != question.content_hash():
                continue  # never answered, or the question changed since
            graded = feedback_for(question, row.response, self.rules)
            feedback = replace(graded, score=row.score, points=row.points, correct=row.correct)
            self._latest[question.id] = Outcome(question.id, row.response, feedback, True)

    def _switch_guard(self) -> str | None:
        if self._queue is None or not len(self._queue):
            return None
        count = len(self._queue)
        return f"《{self.spec.title}》还有 {count} 个答案尚未保存，请先点击“重试”，保存后再切换学员"

    def close(self) -> None:
        """Stop following the learner (the view is gone); pending answers stay queued and spooled."""
        self.learner.unsubscribe(self._follow, self._switch_guard)
        self._listeners.clear()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Called after a switch of learner reloaded the quiz."""
        self._listeners.append(listener)

    def _reload(self) -> None:
        self.notice = None
        self.load()
        for listener in list(self._listeners):
            listener()

    # -- answering ---------------------------------------------------------------------------
    def submit(
        self, question_id: str, response: Response, *, time_taken_ms: int | None = None
    ) -> Outcome:
        """Grade, queue, store; the outcome says whether the store committed it.

        ``response`` is already in its one form (the inputs build it); it is stored as given."""
        identity = self.identity
        if identity is None or self._queue is None:
            raise QuizkitError("请先填写姓名和单位，再提交答案")
        question = self.questions[question_id]
        feedback = feedback_for(question, response, self.rules)
        item = PendingAnswer(
            submission_id=uuid.uuid4().hex,
            cadre_id=identity.cadre_id,
            quiz_id=self.spec.id,
            kind=self._kind,
            question_id=question.id,
            question_hash=question.content_hash(),
            response=response,
            score=feedback.score,
            points=feedback.points,
            correct=feedback.correct,
            time_taken_ms=time_taken_ms,
            answered_at=datetime.now(UTC),
        )
        self._queue.add(item)
        saved = self._flush(self._queue, item)
        if saved and not self.keyed:
            feedback = self._sent_feedback(question.id, feedback)
        outcome = Outcome(question.id, item.response, feedback, saved)
        self._latest[question.id] = outcome
        self._done.add(question.id)
        self._finish_round()
        return outcome

    def submit_all(self, responses: Mapping[str, Response]) -> list[Outcome]:
        """Exam mode: grade and store every question of the round at once (unanswered ones too)."""
        outcomes = [self.submit(qid, responses.get(qid)) for qid in self._round]
        self.submitted = True
        self._finish_round()
        return outcomes

    def retry_pending(self) -> list[Outcome]:
        """重试: store the queued answers in click order; stop at the first failure."""
        self.notice = None
        saved: list[Outcome] = []
        if self._queue is None:
            return saved
        for item in list(self._queue):
            if not self._flush(self._queue, item):
                break
            previous = self._latest.get(item.question_id)
            if previous is not None:
                feedback = previous.feedback
                if not self.keyed:
                    feedback = self._sent_feedback(item.question_id, feedback)
                self._latest[item.question_id] = replace(previous, feedback=feedback, saved=True)
                saved.append(self._latest[item.question_id])
        self._finish_round()
        return saved

    def _flush(self, queue: PendingQueue, item: PendingAnswer) -> bool:
        try:
            store = self._store()
            store.record_answer(item.to_record(self._attempt(store, item)))
        except Exception as error:  # whatever failed, the answer stays queued for 重试
            self.notice = failure_text(error)
            return False
        queue.remove(item.submission_id)
        return True

    def _keys(self) -> PracticeKeys:
        store = self._store()
        if not isinstance(store, PracticeKeys):
            raise QuizkitError(
                "这份测验没有答案，成绩库也不能给出解析", hint="check QUIZKIT_SERVICE_URL"
            )
        return store

    def _sent_feedback(self, question_id: str, placeholder: Feedback) -> Feedback:
        """The service's feedback on the answer it just committed (keyless quizzes)."""
        try:
            sent = self._keys().practice_feedback(self.spec.id, [question_id])
            return feedback_from_json(sent[question_id])
        except Exception as error:  # the answer is stored; only its explanation is missing
            self.notice = f"答案已保存，但暂时取不到解析（{failure_text(error)}）"
            return replace(placeholder, answer_text="（暂时取不到）", explanation="", citation="")

    def _attempt(self, store: AnswerLog, item: PendingAnswer) -> str:
        if item.kind not in self._attempts:
            self.learner.ensure_registered()
            attempt = store.start_attempt(
                item.cadre_id, quiz_id=self.spec.id, lesson=self.lesson, kind=item.kind
            )
            self._attempts[item.kind] = attempt.id
        return self._attempts[item.kind]

    def _finish_round(self) -> None:
        """Close the round's attempt once every question of it is answered and stored."""
        attempt_id = self._attempts.get(self._kind)
        done = all(q in self._done and self._latest[q].saved for q in self._round)
        if attempt_id is None or not done or (self.mode == "exam" and not self.submitted):
            return
        try:
            self._store().finish_attempt(attempt_id)
        except Exception:  # an unfinished attempt loses nothing: its answers are stored
            return
        del self._attempts[self._kind]

    # -- rounds and figures ------------------------------------------------------------------
    def start_retry(self) -> tuple[str, ...]:
        """错题重练: a new round (and attempt) over the questions whose latest answer is wrong."""
        wrong = self.summary().wrong
        if wrong:
            self._round, self._kind, self._done = list(wrong), "retry", set()
            self._attempts.pop("retry", None)
        return wrong

    def answered_in_round(self, question_id: str) -> bool:
        """Whether the question has its answer for the current round (a retry starts unanswered)."""
        return question_id in self._done

    def progress(self) -> Progress:
        done = [qid for qid in self._round if qid in self._done]
        correct = sum(1 for qid in done if self._latest[qid].feedback.correct)
        unanswered = [i for i, qid in enumerate(self._round, 1) if qid not in self._done]
        current = unanswered[0] if unanswered else len(self._round)
        return Progress(len(self._round), len(done), correct, current)

    def summary(self) -> Summary:
        """Score over every question of the quiz, from the latest answers."""
        outcomes = [self._latest.get(qid) for qid in self.questions]
        given = [o for o in outcomes if o is not None]
        earned = sum(o.feedback.score for o in given)
        possible = sum(self.rules.points_for(q) for q in self.questions.values())
        percent = percentage(earned, possible)
        wrong = tuple(o.question_id for o in given if not o.feedback.correct)
        return Summary(
            total=len(self.questions),
            answered=len(given),
            correct=sum(1 for o in given if o.feedback.correct),
            earned=round(earned, 2),
            possible=possible,
            percent=percent,
            band=grade_band(percent, self.rules.bands),
            passed=passed(percent, self.rules),
            wrong=wrong,
        )


__all__ = ["MODES", "AnswerLog", "Mode", "Outcome", "Progress", "QuizController", "Summary"]
