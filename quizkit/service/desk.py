"""The service's desk: every call of the kernel's backend, decided on the service's side.

The kernel is not trusted. It says nothing about who is calling (the hub does, see
``quizkit.service.callers``), and whatever it sends is checked here against the service's own store,
bank and clock:

- a cadre reads and writes only their own roster entry, attempts and answers;
- a session attempt is opened only as the session's rules admit (window, attempts, 补考, units),
  with the paper drawn and the deadline set here — the paper and deadline a kernel proposes are ignored;
- an answer is stored only into the caller's own open attempt, before its deadline (this clock), for a
  question on that attempt's paper and one of its choices; it is graded here with the grading core
  (the score, points and correctness a kernel sends are ignored), then committed;
- answer rows go back to a cadre *sealed* (score 0, not correct) while they could give away a key: rows
  of an open session attempt, of a session whose review policy shows nothing yet, and practice rows of
  questions on a paper the cadre is sitting now;
- the trainer's calls (live board, item analysis, 延时, 结束, sessions) need a trainer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from quizkit.bank.lesson_plan import law_questions
from quizkit.bank.loader import Bank
from quizkit.bank.models import Question
from quizkit.errors import QuizkitError, SessionError
from quizkit.grading import ScoringRules
from quizkit.learner.catalogue import shown_stems
from quizkit.learner.context import QuizRequest, build_spec
from quizkit.learner.feedback import feedback_for
from quizkit.learner.keyless import shown_spec
from quizkit.question_types import QUESTION_TYPES, Response, response_from_json
from quizkit.records import (
    AnswerRecord,
    Attempt,
    CadreRecord,
    ReviewAnswer,
    StoredAnswer,
    utc_now,
)
from quizkit.sessions.admission import admit
from quizkit.sessions.manage import Session
from quizkit.sessions.papers import Paper, PaperItem, displayed, draw_paper, to_display_labels
from quizkit.sessions.scoring import latest_by_question
from quizkit.sessions.sitting import TIME_UP, PaperQuestion, check_choice
from quizkit.sessions.sources import feedback_to_json
from quizkit.sessions.timing import deadline_for, is_overdue
from quizkit.store import Store

if TYPE_CHECKING:
    import pandas as pd

Clock = Callable[[], datetime]
PRACTICE_KINDS = ("practice", "retry", "exam")  # attempts a lesson quiz may open (no session)
NOT_YOURS = "这不是你的作答记录"
NO_CADRE = "花名册中没有你的登录名，请先填写姓名和单位，或联系培训老师"


class Forbidden(QuizkitError):
    """The caller may not make this call (answered with HTTP 403)."""


class NotFound(QuizkitError):
    """What the call names does not exist for this caller (answered with HTTP 404)."""


class BadRequest(QuizkitError):
    """The call itself is malformed (answered with HTTP 400)."""


@dataclass(frozen=True)
class Caller:
    """Who is calling, as the hub says: the hub login, and whether they are a trainer."""

    login: str
    trainer: bool = False


@dataclass(frozen=True)
class AttemptFacts:
    """What never changes about an attempt: owner, session, paper (cached per attempt)."""

    cadre_id: str
    session_id: str | None
    paper: Paper | None


class Desk:
    """The service's side of every backend call (thread-safe; one per service process)."""

    def __init__(
        self, store: Store, bank: Bank, scoring: ScoringRules, *, clock: Clock = utc_now
    ) -> None:
        self.store, self.bank, self.scoring, self.clock = store, bank, scoring, clock
        self._facts: dict[str, AttemptFacts] = {}
        self._sessions: dict[str, Session] = {}
        self._cadres: dict[str, CadreRecord] = {}
        self._lock = threading.Lock()
        self._starting: dict[str, threading.Lock] = {}

    # -- who ---------------------------------------------------------------------------------
    def cadre_of(self, caller: Caller) -> CadreRecord | None:
        """The roster entry of the caller's hub login (by login, else by id)."""
        found = self._cadres.get(caller.login)
        if found is not None:
            return found
        matches = self.store.find_cadres(login=caller.login)
        cadre = matches[0] if len(matches) == 1 else self.store.get_cadre(caller.login)
        if cadre is not None:
            self._cadres[caller.login] = cadre
        return cadre

    def own_cadre(self, caller: Caller, cadre_id: str | None = None) -> CadreRecord:
        cadre = self.cadre_of(caller)
        if cadre is None:
            raise Forbidden(NO_CADRE)
        if cadre_id is not None and cadre_id != cadre.id:
            raise Forbidden(NOT_YOURS)
        return cadre

    @staticmethod
    def require_trainer(caller: Caller) -> None:
        if not caller.trainer:
            raise Forbidden("只有培训老师可以查看或管理考试", hint="ask the hub admin to add you")

    def facts(self, attempt_id: str) -> tuple[Attempt, AttemptFacts]:
        attempt = self.store.get_attempt(attempt_id)
        if attempt is None:
            raise NotFound(f"没有编号为 {attempt_id} 的作答记录")
        facts = self._facts.get(attempt_id)
        if facts is None:
            stored = self.store.attempt_paper(attempt_id)
            paper = Paper.from_json(stored) if stored else None
            facts = AttemptFacts(attempt.cadre_id, attempt.session_id, paper)
            self._facts[attempt_id] = facts
        return attempt, facts

    def own_attempt(self, caller: Caller, attempt_id: str) -> tuple[Attempt, AttemptFacts]:
        attempt, facts = self.facts(attempt_id)
        if facts.cadre_id != self.own_cadre(caller).id:
            raise Forbidden(NOT_YOURS)
        return attempt, facts

    def session(self, session_id: str, *, fresh: bool = False) -> Session:
        found = None if fresh else self._sessions.get(session_id)
        if found is None:
            row = self.store.get_session_row(session_id)
            if row is None:
                raise NotFound(f"没有编号为 {session_id} 的考试")
            found = Session.of(row)
            self._sessions[session_id] = found
        return found

    # -- roster ------------------------------------------------------------------------------
    def get_cadre(self, caller: Caller, cadre_id: str) -> CadreRecord | None:
        if caller.trainer:
            return self.store.get_cadre(cadre_id)
        own = self.cadre_of(caller)
        return own if own is not None and own.id == cadre_id else None

    def find_cadres(
        self,
        caller: Caller,
        *,
        name: str | None = None,
        unit: str | None = None,
        login: str | None = None,
    ) -> list[CadreRecord]:
        found = self.store.find_cadres(name=name, unit=unit, login=login)
        if caller.trainer:
            return found
        own = self.cadre_of(caller)
        return [c for c in found if own is not None and c.id == own.id]

    def upsert_cadre(self, caller: Caller, cadre: CadreRecord) -> None:
        """A hub login missing from the roster registers itself once (id and login = the login)."""
        if caller.trainer:
            self.store.upsert_cadre(cadre)
            return
        if self.cadre_of(caller) is not None:
            raise Forbidden("你已在花名册中；姓名和单位请联系培训老师修改")
        if cadre.id != caller.login or cadre.login != caller.login:
            raise Forbidden("只能以自己的平台账号登记")
        self.store.upsert_cadre(
            CadreRecord(id=caller.login, name=cadre.name, unit=cadre.unit, login=caller.login)
        )

    # -- attempts ----------------------------------------------------------------------------
    def attempts_for(
        self,
        caller: Caller,
        cadre_id: str,
        *,
        quiz_id: str | None = None,
        session_id: str | None = None,
    ) -> list[Attempt]:
        if not caller.trainer:
            self.own_cadre(caller, cadre_id)
        return self.store.attempts_for(cadre_id, quiz_id=quiz_id, session_id=session_id)

    def get_attempt(self, caller: Caller, attempt_id: str) -> Attempt | None:
        try:
            attempt, _facts = self._readable(caller, attempt_id)
        except (NotFound, Forbidden):  # another cadre's attempt does not exist for this caller
            return None
        return attempt

    def attempt_paper(self, caller: Caller, attempt_id: str) -> dict[str, Any] | None:
        self._readable(caller, attempt_id)
        return self.store.attempt_paper(attempt_id)

    def paper_questions(self, caller: Caller, attempt_id: str) -> list[dict[str, Any]]:
        """The caller's paper as it is shown (display labels, the paper's points), without keys:
        no answer, explanation or citation leaves the service this way."""
        _attempt, facts = self.own_attempt(caller, attempt_id)
        if facts.paper is None:
            raise NotFound("这次作答没有试卷")
        shown = []
        for number, item in enumerate(facts.paper.items, 1):
            question = displayed(self.bank.question(item.question_id), item.options)
            case = self.bank.cases.get(item.case) if item.case else None
            shown.append(
                {
                    "number": number,
                    "question_id": item.question_id,
                    "type": question.type,
                    "stem": question.stem,
                    "options": question.options,
                    "points": item.points,
                    "case_text": case.scenario if case is not None else None,
                }
            )
        return shown

    def paper_feedback(self, caller: Caller, attempt_id: str) -> list[dict[str, Any]]:
        """解析 of the caller's own handed-in paper, per question in paper order (verdict, the right
        answer, explanation, citation) — only when the session's review policy shows answers now
        (``review: answers``; after 交卷, or after the close with ``review_from: close``)."""
        attempt, facts = self.own_attempt(caller, attempt_id)
        if facts.session_id is None or facts.paper is None:
            raise NotFound("这次作答没有试卷")
        session = self.session(facts.session_id, fresh=True)
        if attempt.status == "open":
            raise Forbidden("交卷后才能查看答案与解析")
        if session.rules.review != "answers" or self.session_hidden(session.id):
            raise Forbidden("本场考试暂不公布答案与解析")
        latest = latest_by_question(self.store.answers_for_attempt(attempt_id))
        found = []
        for item in facts.paper.items:
            question = displayed(self.bank.question(item.question_id), item.options)
            shown = question.model_copy(update={"points": item.points})
            row = latest.get(item.question_id)
            response = to_display_labels(row.response if row else None, item.options)
            found.append(feedback_to_json(feedback_for(shown, response, session.rules.scoring)))
        return found

    def _readable(self, caller: Caller, attempt_id: str) -> tuple[Attempt, AttemptFacts]:
        return self.facts(attempt_id) if caller.trainer else self.own_attempt(caller, attempt_id)

    def start_attempt(
        self,
        caller: Caller,
        cadre_id: str,
        *,
        quiz_id: str,
        lesson: str | None = None,
        session_id: str | None = None,
        kind: str = "practice",
        deadline_at: datetime | None = None,
        paper: dict[str, Any] | None = None,
    ) -> Attempt:
        """A session attempt as the rules admit (paper and deadline from here); else a practice one."""
        cadre = self.own_cadre(caller, cadre_id)
        if session_id is None:
            if kind not in PRACTICE_KINDS or quiz_id.startswith("session-"):
                raise Forbidden(f"练习不能以 {kind} 方式开始")
            return self.store.start_attempt(cadre.id, quiz_id=quiz_id, lesson=lesson, kind=kind)
        with self._lock:
            lock = self._starting.setdefault(cadre.id, threading.Lock())
        with lock:  # two windows of one cadre cannot both pass admission
            session = self.session(session_id, fresh=True)
            now = self.clock()
            admission = admit(self.store, session, cadre, now)
            if admission.attempt is not None:
                return admission.attempt
            drawn = draw_paper(self.bank, session.rules, cadre.id, admission.number)
            return self.store.start_attempt(
                cadre.id,
                quiz_id=session.quiz_id,
                session_id=session.id,
                kind=admission.kind,
                deadline_at=deadline_for(session, now, makeup=admission.kind == "makeup"),
                paper=drawn.to_json(),
            )

    def finish_attempt(
        self, caller: Caller, attempt_id: str, *, status: str = "submitted"
    ) -> Attempt:
        attempt, facts = self.own_attempt(caller, attempt_id)
        if status not in ("submitted", "expired"):
            raise Forbidden(f"作答不能以 {status} 结束")
        session_attempt = attempt.status == "open" and facts.session_id is not None
        if session_attempt and is_overdue(attempt, self.clock()):
            status = "expired"
        return self.store.finish_attempt(attempt_id, status=status)

    # -- answers -----------------------------------------------------------------------------
    def checked_answer(self, caller: Caller, answer: AnswerRecord) -> AnswerRecord:
        """The answer as this service grades and stamps it; raises when it may not be stored."""
        for name in ("submission_id", "attempt_id", "question_id"):
            value = getattr(answer, name)
            if not isinstance(value, str) or not value or len(value) > 200:
                raise BadRequest(f"answer {name} must be a short non-empty string")
        attempt, facts = self.own_attempt(caller, answer.attempt_id)
        now = self.clock()
        if facts.session_id is None:
            question = self._practice_question(caller, answer.question_id)
            rules, points = self.scoring, None
            response = _bank_response(answer.response)
            if not QUESTION_TYPES[question.type].valid(question, response):
                raise BadRequest(f"{response!r} 不是题目 {question.id} 的有效答案")
        else:
            if attempt.status != "open":
                raise SessionError("本次作答已经结束，答卷已提交")
            if is_overdue(attempt, now):
                self.store.finish_attempt(attempt.id, status="expired")
                raise SessionError(TIME_UP)
            session = self.session(facts.session_id)
            assert facts.paper is not None
            item = _paper_item(facts.paper, answer.question_id)
            question = self.bank.question(item.question_id)
            rules, points = session.rules.scoring, item.points
            response = _bank_response(answer.response)
            shown = displayed(question, item.options)
            check_choice(
                PaperQuestion(1, item, question, shown), to_display_labels(response, item.options)
            )
        graded_question = (
            question if points is None else question.model_copy(update={"points": points})
        )
        graded = feedback_for(graded_question, response, rules)
        return replace(
            answer,
            question_hash=question.content_hash(),
            response=response,
            score=graded.score,
            points=graded.points,
            correct=graded.correct,
            time_taken_ms=_duration(answer.time_taken_ms),
            answered_at=now,
        )

    def _practice_question(self, caller: Caller, question_id: str) -> Question:
        if question_id not in self.bank.entries:
            raise NotFound(f"题库中没有题目 {question_id}")
        if question_id in self.live_questions(caller):
            raise Forbidden("考试进行中，试卷上的题目不能在练习中作答", hint="交卷后再练习")
        return self.bank.question(question_id)

    def quiz_questions(self, caller: Caller, request: QuizRequest) -> dict[str, Any]:
        """A lesson quiz drawn from the service's bank, as shown: no answer, explanation or
        citation (those come with ``practice_feedback``, after an answer is committed)."""
        self.own_cadre(caller)
        if request.quiz_id is not None and request.quiz_id.startswith("session-"):
            raise Forbidden("考试的试卷请用考试码进入")
        return shown_spec(build_spec(self.bank, request))

    def practice_feedback(
        self, caller: Caller, quiz_id: str, question_ids: Iterable[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        """Feedback on the caller's own latest practice answer per question of a lesson quiz: a
        question's key leaves the service only after this cadre's answer to it is committed, never
        while the question is on a paper the cadre is sitting, and never for an exam's questions
        (a session's answers are reviewed per its policy, ``paper_feedback``)."""
        cadre = self.own_cadre(caller)
        if quiz_id.startswith("session-"):
            raise Forbidden("考试的答案按考试的公布规则查看")
        rows = self.store.latest_answers(cadre.id, quiz_id)
        wanted = set(rows) if question_ids is None else set(question_ids) & set(rows)
        live = self.live_questions(caller)
        if question_ids is not None and wanted & live:
            raise Forbidden("考试进行中，试卷上的题目不给出解析", hint="交卷后再练习")
        found: dict[str, dict[str, Any]] = {}
        for question_id in sorted(wanted - live):
            row = rows[question_id]
            _attempt, facts = self.facts(row.attempt_id)
            if facts.session_id is not None or question_id not in self.bank.entries:
                continue
            question = self.bank.question(question_id)
            if row.question_hash != question.content_hash():
                continue  # answered before the question changed: that answer is not explained
            graded = feedback_for(question, row.response, self.scoring)
            found[question_id] = feedback_to_json(
                replace(graded, score=row.score, points=row.points, correct=row.correct)
            )
        return found

    def lesson_questions(self, caller: Caller, laws: Iterable[str]) -> dict[str, list[str]]:
        """Which questions make up each law's named quizzes (ids only: the course home's lesson
        plan). Anyone signed in may ask, also before registering: ids give nothing away."""
        return law_questions(self.bank, list(laws))

    def question_stems(self, caller: Caller, question_ids: Iterable[str]) -> dict[str, Any]:
        """Stem, type, law and whether still active, never a key; a cadre only of questions they
        have answered themselves (their 错题本 and 今日复习), others are left out."""
        wanted = list(dict.fromkeys(question_ids))
        if not caller.trainer:
            own = self.own_cadre(caller)
            answered = {row.question_id for row in self.store.review_answers([own.id])}
            wanted = [question_id for question_id in wanted if question_id in answered]
        return shown_stems(self.bank, wanted)

    def record_answer(self, caller: Caller, answer: AnswerRecord) -> bool:
        return self.store.record_answer(self.checked_answer(caller, answer))

    def live_questions(self, caller: Caller) -> set[str]:
        """Questions on papers the caller is sitting now (open session attempts)."""
        cadre = self.cadre_of(caller)
        if cadre is None:
            return set()
        found: set[str] = set()
        for attempt in self.store.attempts_for(cadre.id):
            if attempt.status == "open" and attempt.session_id is not None:
                _attempt, facts = self.facts(attempt.id)
                if facts.paper is not None:
                    found.update(facts.paper.question_ids)
        return found

    def answers_for_attempt(self, caller: Caller, attempt_id: str) -> list[StoredAnswer]:
        self._readable(caller, attempt_id)
        rows = self.store.answers_for_attempt(attempt_id)
        if caller.trainer:
            return rows
        sealer = Sealer(self, caller)
        return [_sealed(r) if sealer.row(r.attempt_id, r.question_id) else r for r in rows]

    def latest_answers(
        self, caller: Caller, cadre_id: str, quiz_id: str
    ) -> dict[str, StoredAnswer]:
        if not caller.trainer:
            self.own_cadre(caller, cadre_id)
        rows = self.store.latest_answers(cadre_id, quiz_id)
        if caller.trainer:
            return rows
        sealer = Sealer(self, caller)
        return {
            question_id: _sealed(row) if sealer.row(row.attempt_id, question_id) else row
            for question_id, row in rows.items()
        }

    def session_hidden(self, session_id: str) -> bool:
        """Whether the session's review policy shows nothing to its cadres yet."""
        session = self.session(session_id, fresh=True)
        rules = session.rules
        if rules.review == "none":
            return True
        return rules.review_from == "close" and not session.is_closed(self.clock())

    def cadre_answers_frame(self, caller: Caller, cadre_id: str) -> pd.DataFrame:
        if not caller.trainer:
            self.own_cadre(caller, cadre_id)
        frame = self.store.cadre_answers_frame(cadre_id)
        if caller.trainer or frame.empty:
            return frame
        sealer = Sealer(self, caller)
        sealed = [
            sealer.row(str(attempt_id), str(question_id))
            for attempt_id, question_id in zip(
                frame["attempt_id"], frame["question_id"], strict=True
            )
        ]
        frame = frame.copy()
        mask = frame.index[sealed]
        frame.loc[mask, "score"] = 0.0
        frame.loc[mask, "correct"] = False
        return frame

    def review_answers(self, caller: Caller, cadre_ids: Iterable[str] | None) -> list[ReviewAnswer]:
        if caller.trainer:
            return self.store.review_answers(None if cadre_ids is None else list(cadre_ids))
        own = self.own_cadre(caller)
        if cadre_ids is not None and set(cadre_ids) - {own.id}:
            raise Forbidden(NOT_YOURS)
        sealer = Sealer(self, caller)
        open_sessions = {
            a.session_id
            for a in self.store.attempts_for(own.id)
            if a.status == "open" and a.session_id is not None
        }
        found = []
        for row in self.store.review_answers([own.id]):
            hidden = (
                row.question_id in sealer.live
                if row.session_id is None
                else (row.session_id in open_sessions or sealer.session_hidden(row.session_id))
            )
            found.append(row._replace(correct=False) if hidden else row)
        return found

    # -- sessions ----------------------------------------------------------------------------
    def trainer_call(self, caller: Caller, method: str, arguments: Mapping[str, Any]) -> Any:
        """A store call only a trainer may make, passed on as it is."""
        self.require_trainer(caller)
        result = getattr(self.store, method)(**arguments)
        if method in ("update_session_row", "extend_open_attempts", "expire_open_attempts"):
            self._sessions.clear()
        return result

    def expire_overdue_attempts(
        self, caller: Caller, now: datetime, *, session_id: str | None = None
    ) -> int:
        """Closes overdue attempts by this service's clock (a kernel's ``now`` is not trusted)."""
        self.require_trainer(caller)
        return self.store.expire_overdue_attempts(min(now, self.clock()), session_id=session_id)


class Sealer:
    """For one call: which answer rows go back sealed (score 0, not correct). Each attempt and
    session is read once per call, however many rows it has."""

    def __init__(self, desk: Desk, caller: Caller) -> None:
        self.desk = desk
        self.live = desk.live_questions(caller)
        self._attempts: dict[str, bool | None] = {}
        self._sessions: dict[str, bool] = {}

    def session_hidden(self, session_id: str) -> bool:
        if session_id not in self._sessions:
            self._sessions[session_id] = self.desk.session_hidden(session_id)
        return self._sessions[session_id]

    def _attempt(self, attempt_id: str) -> bool | None:
        """True/False for a session attempt; None for practice (decided per question)."""
        if attempt_id not in self._attempts:
            attempt, facts = self.desk.facts(attempt_id)
            self._attempts[attempt_id] = (
                None
                if facts.session_id is None
                else attempt.status == "open" or self.session_hidden(facts.session_id)
            )
        return self._attempts[attempt_id]

    def row(self, attempt_id: str, question_id: str) -> bool:
        verdict = self._attempt(attempt_id)
        return question_id in self.live if verdict is None else verdict


def _paper_item(paper: Paper, question_id: str) -> PaperItem:
    for item in paper.items:
        if item.question_id == question_id:
            return item
    raise SessionError(
        f"题目 {question_id} 不在你的试卷上，答案没有保存", hint="请刷新页面后重新作答"
    )


def _bank_response(raw: object) -> Response:
    """A response in its one form (quizkit.question_types); BadRequest when it is not one."""
    try:
        return response_from_json(raw)
    except ValueError as error:
        raise BadRequest(f"答案 {raw!r} 的格式不正确") from error


def _duration(value: int | None) -> int | None:
    if value is None or not isinstance(value, int) or value < 0:
        return None
    return min(value, 24 * 3600 * 1000)


def _sealed(row: StoredAnswer) -> StoredAnswer:
    return replace(row, score=0.0, correct=False)


__all__ = ["BadRequest", "Caller", "Desk", "Forbidden", "NotFound"]
