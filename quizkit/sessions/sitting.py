"""One cadre's sitting of a session, without any screen: the paper, autosave, the clock and 交卷.

Every choice is graded and stored as it is made (a new answer row; the latest row per question counts),
after being queued, so an answer the database could not take waits in the queue (and in
``results/pending``) and goes in with the next save. Before anything is stored the attempt is read again
from the store, so a trainer's 延时 or 结束 takes effect at once, and the clock is compared with the
stored deadline: after it, nothing more is stored and the attempt is closed as ``expired`` with what
was saved. Nothing tells the cadre whether an answer was right until the review policy allows it.

The question texts come from a ``QuestionSource`` (``quizkit.sessions.sources``): the kernel's bank on
a single machine, the grading service's ``paper_questions`` on a hub (no keys in the kernel). The paper
is always the backend's (``attempt_paper`` after the attempt starts); the score comes back from the
backend's stored rows, and the explanations from the source, as far as the review policy allows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from quizkit.bank.loader import Bank
from quizkit.errors import QuizkitError, SessionError
from quizkit.grading import grade_band
from quizkit.learner.backend import SittingLog
from quizkit.learner.feedback import Feedback, feedback_for
from quizkit.learner.pending import PendingAnswer, PendingQueue
from quizkit.question_types import QUESTION_TYPES, Response
from quizkit.records import Attempt
from quizkit.sessions.admission import admit
from quizkit.sessions.manage import Session
from quizkit.sessions.papers import Paper, to_bank_labels, to_display_labels
from quizkit.sessions.scoring import AttemptScore, latest_by_question, score_attempt
from quizkit.sessions.sources import PaperQuestion, QuestionSource, as_source
from quizkit.sessions.timing import SYSTEM_CLOCK, Clock, deadline_for, is_overdue, time_left

TIME_UP = "考试时间已到，系统已按已保存的答案自动交卷"
NOT_SAVED = "有答案暂未存入成绩库（已保留在本机），请稍后再试"


@dataclass(frozen=True)
class ExamResult:
    """What the cadre may be told after 交卷 (``visible`` none | score | answers)."""

    status: str
    score: AttemptScore
    band: str
    passed: bool
    visible: str
    message: str
    feedback: tuple[Feedback, ...] = ()


def check_choice(pq: PaperQuestion, raw: object) -> None:
    """Refuse a response not in the one Response form of the question's type (labels as displayed;
    判断: True/False; 多选: the sorted labels; 填空: one text per blank; None: no answer)."""
    kind = QUESTION_TYPES[pq.shown.type]
    if (raw is None or isinstance(raw, str | bool | tuple)) and kind.valid(pq.shown, raw):
        return
    options = pq.shown.options
    if kind.input == "blanks":
        what, hint = "有效答案", "每个空填写一段文字"
    else:
        what, hint = "选项", "可选：" + ("、".join(options) if options is not None else "对、错")
    raise SessionError(f"第 {pq.number} 题：{raw!r} 不是本题的{what}，答案没有保存", hint=hint)


class ExamSitting:
    """The state of one attempt; the exam view calls this and nothing else.

    ``bank``: the kernel's Bank, or any ``QuestionSource`` (the grading service's on a hub)."""

    def __init__(
        self,
        store: SittingLog,
        bank: Bank | QuestionSource,
        session: Session,
        attempt: Attempt,
        paper: Paper,
        *,
        clock: Clock = SYSTEM_CLOCK,
        spool: Path | None = None,
    ) -> None:
        self.store, self.session, self.attempt, self.paper = store, session, attempt, paper
        self.clock = clock
        self.source = as_source(bank)
        self.questions = self.source.questions(attempt.id, paper)
        self._by_id = {pq.item.question_id: pq for pq in self.questions}
        self.marked: set[str] = set()
        self._queue = PendingQueue.shared(
            spool, attempt.cadre_id, f"{session.quiz_id}:{attempt.id}"
        )
        latest = latest_by_question(store.answers_for_attempt(attempt.id))
        self.responses: dict[str, Response] = {q: a.response for q, a in latest.items()}
        for pending in self._queue:
            self.responses[pending.question_id] = pending.response

    @classmethod
    def join(
        cls,
        store: SittingLog,
        bank: Bank | QuestionSource,
        session: Session,
        cadre_id: str,
        *,
        clock: Clock = SYSTEM_CLOCK,
        spool: Path | None = None,
    ) -> ExamSitting:
        """Resume the cadre's open attempt or start the one the rules allow (SessionError if none)."""
        cadre = store.get_cadre(cadre_id)
        if cadre is None:
            raise SessionError(f"花名册中没有编号为 {cadre_id} 的学员")
        now = clock()
        source = as_source(bank)
        admission = admit(store, session, cadre, now)
        if admission.attempt is not None:
            attempt = admission.attempt
            paper = Paper.from_json(store.attempt_paper(attempt.id) or {})
        else:
            proposed = source.draw(session.rules, cadre.id, admission.number)
            attempt = store.start_attempt(
                cadre.id,
                quiz_id=session.quiz_id,
                session_id=session.id,
                kind=admission.kind,
                deadline_at=deadline_for(session, now, makeup=admission.kind == "makeup"),
                paper=None if proposed is None else proposed.to_json(),
            )
            stored = store.attempt_paper(attempt.id)  # the backend's paper counts: a grading
            if stored:  # service draws its own
                paper = Paper.from_json(stored)
            elif proposed is not None:
                paper = proposed
            else:
                raise SessionError("没有取到本次考试的试卷，请刷新页面后重试")
        return cls(store, source, session, attempt, paper, clock=clock, spool=spool)

    @classmethod
    def last_finished(
        cls,
        store: SittingLog,
        bank: Bank | QuestionSource,
        session: Session,
        cadre_id: str,
        *,
        clock: Clock = SYSTEM_CLOCK,
    ) -> ExamSitting | None:
        """The cadre's latest handed-in attempt (to show its result when no new one is allowed)."""
        done = [
            a for a in store.attempts_for(cadre_id, session_id=session.id) if a.status != "open"
        ]
        if not done:
            return None
        paper = Paper.from_json(store.attempt_paper(done[-1].id) or {})
        return cls(store, bank, session, done[-1], paper, clock=clock)

    # -- state ---------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.attempt.status != "open"

    @property
    def pending(self) -> int:
        return len(self._queue)

    def refresh(self) -> Attempt:
        """Read the attempt again (a trainer may have extended or closed the session)."""
        found = self.store.get_attempt(self.attempt.id)
        if found is not None:
            self.attempt = found
        return self.attempt

    def time_left(self) -> timedelta | None:
        return time_left(self.attempt, self.clock())

    def shown_response(self, question_id: str) -> Response:
        """The saved choice in the labels the cadre sees."""
        item = self._by_id[question_id].item
        return to_display_labels(self.responses.get(question_id), item.options)

    def answered(self, question_id: str) -> bool:
        return self.responses.get(question_id) is not None

    def toggle_mark(self, question_id: str) -> bool:
        """标记: flag a question to look at again before 交卷; returns the new state."""
        self.marked ^= {question_id}
        return question_id in self.marked

    # -- answering -----------------------------------------------------------------------------
    def _check_open(self, now: datetime) -> None:
        self.refresh()
        if self.finished:
            raise SessionError("本次作答已经结束，答卷已提交")
        if is_overdue(self.attempt, now):
            self.expire()
            raise SessionError(TIME_UP)

    def _paper_question(self, question_id: str) -> PaperQuestion:
        found = self._by_id.get(question_id)
        if found is None:
            raise SessionError(
                f"题目 {question_id} 不在你的试卷上，答案没有保存", hint="请刷新页面后重新作答"
            )
        return found

    def save(self, question_id: str, raw: Response, *, time_taken_ms: int | None = None) -> bool:
        """Autosave one choice (display labels). True: stored; False: queued for the next save."""
        now = self.clock()
        pq = self._paper_question(question_id)
        check_choice(pq, raw)
        self._check_open(now)
        if pq.keyed:  # a proposal: a grading service grades again and keeps its own
            graded = feedback_for(pq.shown, raw, self.session.rules.scoring)
            score, points, correct = graded.score, graded.points, graded.correct
        else:  # no key in this kernel: the service's grade is the only one
            score, points, correct = 0.0, pq.item.points, False
        response = to_bank_labels(raw, pq.item.options)
        self._queue.add(
            PendingAnswer(
                submission_id=uuid.uuid4().hex,
                cadre_id=self.attempt.cadre_id,
                quiz_id=self.session.quiz_id,
                kind=self.attempt.kind,
                question_id=question_id,
                question_hash=pq.question.content_hash(),
                response=response,
                score=score,
                points=points,
                correct=correct,
                time_taken_ms=time_taken_ms,
                answered_at=now,
            )
        )
        self.responses[question_id] = response
        return self.flush()

    def flush(self) -> bool:
        """Store the queued answers in order; False when the store refused (they stay queued)."""
        for item in self._queue:
            try:
                self.store.record_answer(item.to_record(self.attempt.id))
            except QuizkitError:
                return False
            self._queue.remove(item.submission_id)
        return True

    def submit(self) -> ExamResult:
        """交卷. After the deadline it is refused: the attempt is closed with what was saved."""
        self._check_open(self.clock())
        if not self.flush():
            raise SessionError(NOT_SAVED, hint="答案没有丢失；成绩库恢复后再点“交卷”即可")
        self.attempt = self.store.finish_attempt(self.attempt.id, status="submitted")
        return self.result()

    def expire(self) -> ExamResult:
        """Time is up (or the trainer ended the session): close with what was saved."""
        self.flush()
        self.attempt = self.store.finish_attempt(self.attempt.id, status="expired")
        return self.result()

    # -- after ---------------------------------------------------------------------------------
    def score(self) -> AttemptScore:
        return score_attempt(self.store.answers_for_attempt(self.attempt.id), self.paper)

    def result(self) -> ExamResult:
        """The score and, as far as the review policy allows now, the answers."""
        row = self.store.get_session_row(self.session.id)  # the trainer may have closed it
        self.session = Session.of(row) if row is not None else self.session
        rules, now = self.session.rules, self.clock()
        score = self.score()
        status = self.attempt.status
        visible = rules.review
        message = "答卷已提交。" if status == "submitted" else TIME_UP + "。"
        if visible != "none" and rules.review_from == "close" and not self.session.is_closed(now):
            visible, message = "none", message + "成绩将在考试结束后公布。"
        elif visible == "none":
            message += "成绩由培训老师公布。"
        feedback: tuple[Feedback, ...] = ()
        if visible == "answers":
            ids = [pq.item.question_id for pq in self.questions]
            shown = {question_id: self.shown_response(question_id) for question_id in ids}
            feedback = self.source.review(self.attempt.id, self.questions, shown, rules.scoring)
        return ExamResult(
            status=status,
            score=score,
            band=grade_band(score.percent, rules.bands),
            passed=score.percent >= rules.pass_mark,
            visible=visible,
            message=message,
            feedback=feedback,
        )


__all__ = ["NOT_SAVED", "TIME_UP", "ExamResult", "ExamSitting", "PaperQuestion"]
