"""What a kernel asks of its results backend: small protocols, each named for the caller that needs it.

Two backends satisfy them. On a single machine it is the in-process ``quizkit.store.Store`` (SQLite or
PostgreSQL); on a JupyterHub it is the grading service's client, which makes the same calls over HTTP.
Nothing on the learner and session path names the concrete ``Store`` and nothing downcasts to it:

==================  ==================================================================================
protocol            who calls it
==================  ==================================================================================
``AnswerLog``       the lesson quiz controller (``quizkit.learner.state``; includes ``Roster``)
``SessionDirectory`` anything that turns a join code or a session id into the stored session row
``SittingLog``      one cadre's exam or practice sitting: admission, the paper, autosave, 交卷
                    (``quizkit.sessions.sitting`` / ``admission``; the exam view through them)
``SessionControl``  the trainer's create, 延时 and 结束 (``quizkit.sessions.manage``, the live view)
``SessionReadings`` item analysis (``quizkit.sessions.stats``)
``LiveReadings``    the live board (``quizkit.sessions.live``): figures the store adds up
``SessionBoard``    the trainer's live view: ``SessionControl`` and ``SessionReadings`` together
``MistakeSource``   the 错题本 (``quizkit.sessions.mistakes``)
``ReviewSource``    今日复习 and the trainer's keep-up figures (``quizkit.spaced_review.queue``)
``StudySource``     the course home's lesson list (``quizkit.widgets.my_lessons``)
``KernelBackend``   all of the above: what ``LearnerContext.store()`` returns to the views
==================  ==================================================================================

Contract for an implementation (the service client included): values cross as the plain records of
``quizkit.records`` (times timezone-aware UTC) and the pandas frames whose columns are listed on each
method; every refusal is a ``quizkit.errors.QuizkitError`` (``StoreError`` / ``SessionError``) whose
``user_message`` can be shown to a cadre — never a transport exception. ``record_answer`` returns only
after the answer is committed (the view shows feedback after it returns); resending the same
``submission_id`` stores it once and returns False.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from quizkit.learner.state import AnswerLog

if TYPE_CHECKING:  # pandas is imported on use: `import quizkit` stays light
    import pandas as pd

    from quizkit.records import (
        AnswerRecord,
        Attempt,
        CadreRecord,
        ReviewAnswer,
        SessionRow,
        StoredAnswer,
    )


class SessionDirectory(Protocol):
    """Find a stored session by its id or by the join code a cadre types."""

    def get_session_row(
        self, session_id: str | None = None, *, code: str | None = None
    ) -> SessionRow | None:
        """The session with this id, or with this (normalised) code; exactly one is given."""
        ...

    def list_session_rows(self, *, status: str | None = None) -> list[SessionRow]:
        """Every session (optionally only those with ``status``), newest first."""
        ...


class SittingLog(SessionDirectory, Protocol):
    """One cadre's sitting of a session: who may sit, the paper, every choice as it is made, 交卷."""

    def get_cadre(self, cadre_id: str) -> CadreRecord | None: ...

    def unit_parents(self) -> dict[str, str | None]:
        """The unit tree (单位 → the unit above it, None at the top): who a session admits."""
        ...

    def attempts_for(
        self, cadre_id: str, *, quiz_id: str | None = None, session_id: str | None = None
    ) -> list[Attempt]:
        """The cadre's attempts, oldest first."""
        ...

    def get_attempt(self, attempt_id: str) -> Attempt | None:
        """The attempt as stored now (a trainer's 延时 or 结束 shows here at once)."""
        ...

    def attempt_paper(self, attempt_id: str) -> dict[str, Any] | None:
        """The paper stored with the attempt (``quizkit.sessions.papers.Paper.to_json``)."""
        ...

    def answers_for_attempt(self, attempt_id: str) -> list[StoredAnswer]:
        """Every stored answer row of the attempt, oldest first (the latest per question counts)."""
        ...

    def start_attempt(
        self,
        cadre_id: str,
        *,
        quiz_id: str,
        lesson: str | None = None,
        session_id: str | None = None,
        kind: str = "practice",
        deadline_at: datetime | None = None,
        paper: dict[str, Any] | None = None,
    ) -> Attempt:
        """Open a new attempt with its deadline and paper (StoreError for an unknown cadre or session).

        The deadline and paper are proposals: a backend that decides them itself (the grading service
        admits, draws the paper and sets the deadline on its side) returns its attempt, and the
        sitting reads the paper back with ``attempt_paper``."""
        ...

    def record_answer(self, answer: AnswerRecord) -> bool:
        """Commit one answer before returning; False when this ``submission_id`` was already stored."""
        ...

    def finish_attempt(self, attempt_id: str, *, status: str = "submitted") -> Attempt:
        """Close an open attempt as ``submitted`` or ``expired``; again: no change."""
        ...


class SessionControl(SessionDirectory, Protocol):
    """The trainer's hand on a session: create it, change it, 延时 and 结束 for every open attempt."""

    def create_session_row(
        self,
        *,
        code: str,
        title: str,
        kind: str,
        rules: dict[str, Any] | None = None,
        opens_at: datetime | None = None,
        closes_at: datetime | None = None,
        status: str = "draft",
        session_id: str | None = None,
    ) -> SessionRow:
        """Store a new session; StoreError when ``code`` is taken."""
        ...

    def update_session_row(self, session_id: str, **changes: Any) -> SessionRow:
        """Change title, kind, rules, opens_at, closes_at or status; the stored row after it."""
        ...

    def extend_open_attempts(self, session_id: str, minutes: int) -> int:
        """Move every open attempt's deadline by ``minutes``; how many moved."""
        ...

    def expire_open_attempts(self, session_id: str) -> int:
        """Close every open attempt of the session as ``expired``; how many."""
        ...


class SessionReadings(Protocol):
    """A whole session read at once, for the item analysis (the live board reads ``LiveReadings``)."""

    def expire_overdue_attempts(self, now: datetime, *, session_id: str | None = None) -> int:
        """Close attempts open past their deadline (finished at it, with what was saved); how many."""
        ...

    def session_attempts_frame(self, session_id: str, *, papers: bool = True) -> pd.DataFrame:
        """One row per attempt, oldest first: attempt_id, cadre_id, kind, status, started_at,
        deadline_at, finished_at, paper (the stored dict or None; None for all with
        ``papers=False``), name, unit."""
        ...

    def session_item_marks_frame(self, session_id: str) -> pd.DataFrame:
        """One row per paper question of the session's closed attempts, as stored at closing
        (oldest attempt first, paper order): attempt_id, question_id, slot, max_mark, mark."""
        ...

    def session_answers_frame(self, session_id: str) -> pd.DataFrame:
        """The answer that counts (the latest row) per attempt and question of the session, in
        stored order: answer_id (int), attempt_id, question_id, answered (bool: a response was
        given), score (float), correct (bool)."""
        ...


class LiveReadings(Protocol):
    """What the live board reads every few seconds: figures summed by the store, not answer rows."""

    def expire_overdue_attempts(self, now: datetime, *, session_id: str | None = None) -> int:
        """Close attempts open past their deadline (finished at it, with what was saved); how many."""
        ...

    def session_board_frames(self, session_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The board and the rates, read together. Board: one row per attempt, oldest first:
        attempt_id, cadre_id, kind, status, started_at, deadline_at, finished_at, name, unit,
        answered (int: answers that count with a response), items (int: questions on the paper),
        earned (float: the sum of the scores of the answers that count), possible (float: what the
        paper is worth, ``quizkit.counting.paper_points``). Rates: one row per question with an
        answer that counts: question_id, answered_by (int: attempts whose answer that counts has a
        response), correct_by (int: those marked correct)."""
        ...


class SessionBoard(SessionControl, SessionReadings, LiveReadings, Protocol):
    """The trainer's live view: read the whole session every few seconds, 延时 and 结束 from it."""


class MistakeSource(SessionDirectory, Protocol):
    """What the 错题本 reads: one cadre's answers everywhere (sessions and lessons), and session
    codes to show."""

    def cadre_answers_frame(self, cadre_id: str) -> pd.DataFrame:
        """Every answer row of the cadre, in answered order: answer_id, attempt_id, question_id,
        response, score, points, correct, answered_at, quiz_id, session_id, kind, lesson (the
        attempt's lesson id or None), counts (bool: the row is the answer that counts in its
        attempt)."""
        ...


class ReviewSource(Protocol):
    """What 今日复习 and the keep-up figures read: the answer log, lean, and which sessions feed it."""

    def review_answers(self, cadre_ids: Sequence[str] | None = None) -> list[ReviewAnswer]:
        """Every answer of these cadres (all when None), in answered order."""
        ...

    def list_session_rows(self, *, status: str | None = None) -> list[SessionRow]: ...

    def find_cadres(
        self, *, name: str | None = None, unit: str | None = None, login: str | None = None
    ) -> list[CadreRecord]: ...


class StudySource(Protocol):
    """What the course home reads for one cadre: the track, the unit tree, attempts and answers."""

    def get_cadre(self, cadre_id: str) -> CadreRecord | None: ...
    def unit_parents(self) -> dict[str, str | None]: ...
    def attempts_for(
        self, cadre_id: str, *, quiz_id: str | None = None, session_id: str | None = None
    ) -> list[Attempt]: ...
    def review_answers(self, cadre_ids: Sequence[str] | None = None) -> list[ReviewAnswer]: ...


class KernelBackend(
    SittingLog,
    AnswerLog,
    SessionBoard,
    MistakeSource,
    ReviewSource,
    StudySource,
    Protocol,
):
    """Everything a kernel's views call: the in-process Store, or the grading service's client."""


__all__ = [
    "AnswerLog",
    "KernelBackend",
    "LiveReadings",
    "MistakeSource",
    "ReviewSource",
    "SessionBoard",
    "SessionControl",
    "SessionDirectory",
    "SessionReadings",
    "SittingLog",
    "StudySource",
]
