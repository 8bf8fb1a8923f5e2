"""The kernel's side of the grading service: the backend protocols of ``quizkit.learner.backend``
(``KernelBackend``, which includes the quizzes' ``AnswerLog``) as calls over HTTP.

The token is the kernel's ``JUPYTERHUB_API_TOKEN``; the service asks the hub whose it is, so nothing
the kernel claims about itself is believed. Every failure comes back as a QuizkitError whose
``user_message`` a cadre can read (``SessionError`` for a refusal by the session's rules, ``StoreError``
otherwise) — never a transport exception — so the views behave as they do with the local store: an
answer the service could not take stays in the pending queue for 重试.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import requests

from quizkit.errors import SessionError, StoreError
from quizkit.records import (
    AnswerRecord,
    Attempt,
    CadreRecord,
    ReviewAnswer,
    SessionRow,
    StoredAnswer,
    as_utc,
)
from quizkit.service_client.wire import (
    API_VERSION,
    checked_law_questions,
    checked_stems,
    decode,
    decode_frame,
    decode_list,
    decode_optional,
    decode_review,
    encode,
)

if TYPE_CHECKING:
    import pandas as pd

TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"
UNREACHABLE = "成绩服务暂时无法连接，答案已保留在本机，请稍后点击“重试”"
TIMEOUT = (5.0, 30.0)  # seconds: connect, read


def _iso(value: datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat()


class ServiceBackend:
    """The results backend of a kernel on the hub: every call goes to the grading service."""

    def __init__(self, url: str, token: str, *, timeout: tuple[float, float] = TIMEOUT) -> None:
        self.url = url.rstrip("/") + f"/api/{API_VERSION}/"
        self._token = token
        self.timeout = timeout
        self._local = threading.local()

    @classmethod
    def from_environment(cls, url: str) -> ServiceBackend:
        token = os.environ.get(TOKEN_VARIABLE, "")
        if not token:
            raise StoreError(
                f"{TOKEN_VARIABLE} is not set, so the grading service cannot know who is answering",
                hint="run this notebook from the JupyterHub, or unset QUIZKIT_SERVICE_URL",
            )
        return cls(url, token)

    # -- transport -----------------------------------------------------------------------------
    @property
    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["Authorization"] = f"token {self._token}"
            self._local.session = session
        return session

    def call(self, method: str, **args: Any) -> Any:
        """POST one call; the reply's result, or the service's refusal as a QuizkitError."""
        try:
            reply = self._session.post(self.url + method, json={"args": args}, timeout=self.timeout)
        except requests.RequestException as error:
            raise StoreError(UNREACHABLE, hint=type(error).__name__) from error
        try:
            body = reply.json()
        except ValueError:
            body = None
        if reply.status_code == 200 and isinstance(body, dict) and "result" in body:
            return body["result"]
        raise _refusal(reply.status_code, body)

    def whoami(self) -> dict[str, Any]:
        try:
            reply = self._session.get(self.url + "whoami", timeout=self.timeout)
        except requests.RequestException as error:
            raise StoreError(UNREACHABLE, hint=type(error).__name__) from error
        body = (
            reply.json()
            if reply.headers.get("Content-Type", "").startswith("application/json")
            else None
        )
        if reply.status_code != 200 or not isinstance(body, dict):
            raise _refusal(reply.status_code, body)
        return body

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None

    # -- roster (the identity flow) --------------------------------------------------------------
    def get_cadre(self, cadre_id: str) -> CadreRecord | None:
        return decode_optional(CadreRecord, self.call("get_cadre", cadre_id=cadre_id))

    def find_cadres(
        self, *, name: str | None = None, unit: str | None = None, login: str | None = None
    ) -> list[CadreRecord]:
        found = self.call("find_cadres", name=name, unit=unit, login=login)
        return decode_list(CadreRecord, found)

    def upsert_cadre(self, cadre: CadreRecord) -> None:
        self.call("upsert_cadre", cadre=encode(cadre))

    def unit_parents(self) -> dict[str, str | None]:
        found = self.call("unit_parents")
        if not isinstance(found, dict):
            raise StoreError("the grading service sent a unit tree that does not fit")
        return {str(k): (None if v is None else str(v)) for k, v in found.items()}

    # -- sessions --------------------------------------------------------------------------------
    def get_session_row(
        self, session_id: str | None = None, *, code: str | None = None
    ) -> SessionRow | None:
        if (session_id is None) == (code is None):
            raise ValueError("give exactly one of session_id and code")
        found = self.call("get_session_row", session_id=session_id, code=code)
        return decode_optional(SessionRow, found)

    def list_session_rows(self, *, status: str | None = None) -> list[SessionRow]:
        return decode_list(SessionRow, self.call("list_session_rows", status=status))

    # -- attempts and answers --------------------------------------------------------------------
    def attempts_for(
        self, cadre_id: str, *, quiz_id: str | None = None, session_id: str | None = None
    ) -> list[Attempt]:
        found = self.call("attempts_for", cadre_id=cadre_id, quiz_id=quiz_id, session_id=session_id)
        return decode_list(Attempt, found)

    def get_attempt(self, attempt_id: str) -> Attempt | None:
        return decode_optional(Attempt, self.call("get_attempt", attempt_id=attempt_id))

    def attempt_paper(self, attempt_id: str) -> dict[str, Any] | None:
        found = self.call("attempt_paper", attempt_id=attempt_id)
        if found is not None and not isinstance(found, dict):
            raise StoreError("the grading service sent a paper that does not fit")
        return found

    def paper_questions(self, attempt_id: str) -> list[dict[str, Any]]:
        """The paper as shown, without keys: number, question_id, type, stem, options (display
        labels), points, case_text — what an exam view needs where the kernel holds no bank."""
        found = self.call("paper_questions", attempt_id=attempt_id)
        if not isinstance(found, list) or not all(isinstance(q, dict) for q in found):
            raise StoreError("the grading service sent a paper that does not fit")
        return found

    def paper_feedback(self, attempt_id: str) -> list[dict[str, Any]]:
        """解析 of one's own handed-in paper, per question (as ``quizkit.learner.feedback.Feedback``
        fields), when the session's review policy shows answers; refused otherwise."""
        found = self.call("paper_feedback", attempt_id=attempt_id)
        if not isinstance(found, list) or not all(isinstance(q, dict) for q in found):
            raise StoreError("the grading service sent feedback that does not fit")
        return found

    def quiz_questions(self, **request: Any) -> dict[str, Any]:
        """A lesson quiz (``quizkit.quiz()``'s arguments) as shown, without keys."""
        found = self.call("quiz_questions", **request)
        if not isinstance(found, dict):
            raise StoreError("the grading service sent a quiz that does not fit")
        return found

    def practice_feedback(
        self, quiz_id: str, question_ids: list[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        """Feedback on one's own latest committed practice answers (all of the quiz, or these)."""
        found = self.call("practice_feedback", quiz_id=quiz_id, question_ids=question_ids)
        if not isinstance(found, dict) or not all(isinstance(v, dict) for v in found.values()):
            raise StoreError("the grading service sent feedback that does not fit")
        return {str(k): v for k, v in found.items()}

    def lesson_questions(self, laws: Sequence[str]) -> dict[str, list[str]]:
        """Each law's question ids (the course home's lesson plan), from the service's bank."""
        return checked_law_questions(self.call("lesson_questions", laws=list(laws)))

    def question_stems(self, question_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Stems of one's own answered questions (错题本, 今日复习), without keys."""
        return checked_stems(self.call("question_stems", question_ids=list(question_ids)))

    def answers_for_attempt(self, attempt_id: str) -> list[StoredAnswer]:
        return decode_list(StoredAnswer, self.call("answers_for_attempt", attempt_id=attempt_id))

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
        """The service decides a session attempt's paper and deadline; those given are not sent."""
        found = self.call(
            "start_attempt",
            cadre_id=cadre_id,
            quiz_id=quiz_id,
            lesson=lesson,
            session_id=session_id,
            kind=kind,
        )
        return decode(Attempt, found)

    def record_answer(self, answer: AnswerRecord) -> bool:
        """Returns after the service committed it (graded there; the score sent is not used)."""
        return bool(self.call("record_answer", answer=encode(answer)))

    def finish_attempt(self, attempt_id: str, *, status: str = "submitted") -> Attempt:
        return decode(Attempt, self.call("finish_attempt", attempt_id=attempt_id, status=status))

    def latest_answers(self, cadre_id: str, quiz_id: str) -> dict[str, StoredAnswer]:
        found = self.call("latest_answers", cadre_id=cadre_id, quiz_id=quiz_id)
        if not isinstance(found, dict):
            raise StoreError("the grading service sent answers that do not fit")
        return {str(k): decode(StoredAnswer, v) for k, v in found.items()}

    def cadre_answers_frame(self, cadre_id: str) -> pd.DataFrame:
        return decode_frame(self.call("cadre_answers_frame", cadre_id=cadre_id))

    def review_answers(self, cadre_ids: Sequence[str] | None = None) -> list[ReviewAnswer]:
        ids = None if cadre_ids is None else list(cadre_ids)
        found = self.call("review_answers", cadre_ids=ids)
        if not isinstance(found, list):
            raise StoreError("the grading service sent review answers that do not fit")
        return [decode_review(item) for item in found]

    # -- the trainer's calls ---------------------------------------------------------------------
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
        found = self.call(
            "create_session_row",
            code=code,
            title=title,
            kind=kind,
            rules=rules,
            opens_at=_iso(opens_at),
            closes_at=_iso(closes_at),
            status=status,
            session_id=session_id,
        )
        return decode(SessionRow, found)

    def update_session_row(self, session_id: str, **changes: Any) -> SessionRow:
        sent = {k: (_iso(v) if isinstance(v, datetime) else v) for k, v in changes.items()}
        found = self.call("update_session_row", session_id=session_id, changes=sent)
        return decode(SessionRow, found)

    def extend_open_attempts(self, session_id: str, minutes: int) -> int:
        return int(self.call("extend_open_attempts", session_id=session_id, minutes=minutes))

    def expire_open_attempts(self, session_id: str) -> int:
        return int(self.call("expire_open_attempts", session_id=session_id))

    def expire_overdue_attempts(self, now: datetime, *, session_id: str | None = None) -> int:
        found = self.call("expire_overdue_attempts", now=_iso(now), session_id=session_id)
        return int(found)

    def session_attempts_frame(self, session_id: str, *, papers: bool = True) -> pd.DataFrame:
        return decode_frame(
            self.call("session_attempts_frame", session_id=session_id, papers=papers)
        )

    def session_item_marks_frame(self, session_id: str) -> pd.DataFrame:
        return decode_frame(self.call("session_item_marks_frame", session_id=session_id))

    # -- the trainer's reports (quizkit.reports.frames.ReportSource) ------------------------------
    def cadres_frame(self, *, units: Sequence[str] | None = None) -> pd.DataFrame:
        return decode_frame(self.call("cadres_frame", units=None if units is None else list(units)))

    def units_frame(self) -> pd.DataFrame:
        return decode_frame(self.call("units_frame"))

    def report_attempts_frame(
        self, *, session_id: str | None = None, cadre_ids: Sequence[str] | None = None
    ) -> pd.DataFrame:
        ids = None if cadre_ids is None else list(cadre_ids)
        return decode_frame(
            self.call("report_attempts_frame", session_id=session_id, cadre_ids=ids)
        )

    def report_answers_frame(
        self,
        *,
        session_id: str | None = None,
        kinds: Sequence[str] | None = None,
        cadre_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        found = self.call(
            "report_answers_frame",
            session_id=session_id,
            kinds=None if kinds is None else list(kinds),
            cadre_ids=None if cadre_ids is None else list(cadre_ids),
        )
        return decode_frame(found)

    def topic_figures(
        self, attempts_: Sequence[tuple[str, str]], topics: Sequence[tuple[str, str, str]]
    ) -> pd.DataFrame:
        found = self.call(
            "topic_figures",
            attempts_=[list(p) for p in attempts_],
            topics=[list(t) for t in topics],
        )
        return decode_frame(found)

    def sessions_frame(self) -> pd.DataFrame:
        return decode_frame(self.call("sessions_frame"))

    def certificates_frame(self, *, session_id: str | None = None) -> pd.DataFrame:
        return decode_frame(self.call("certificates_frame", session_id=session_id))

    def session_answers_frame(self, session_id: str) -> pd.DataFrame:
        return decode_frame(self.call("session_answers_frame", session_id=session_id))

    def session_board_frames(self, session_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        found = self.call("session_board_frames", session_id=session_id)
        if not isinstance(found, dict):
            raise StoreError("the grading service sent a board that does not fit")
        return _board_frame(found.get("board")), _rates_frame(found.get("rates"))


def _typed(data: Any, ints: Sequence[str], floats: Sequence[str]) -> pd.DataFrame:
    """A decoded frame with its counts as int64 and its sums as float64 (JSON keeps neither)."""
    frame = decode_frame(data)
    kinds = {name: "int64" for name in ints} | {name: "float64" for name in floats}
    return frame.astype({name: kind for name, kind in kinds.items() if name in frame.columns})


def _board_frame(data: Any) -> pd.DataFrame:
    return _typed(data, ("answered", "items"), ("earned", "possible"))


def _rates_frame(data: Any) -> pd.DataFrame:
    return _typed(data, ("answered_by", "correct_by"), ())


def _refusal(status: int, body: Any) -> SessionError | StoreError:
    error = body.get("error") if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    if not isinstance(message, str) or not message:
        message = f"成绩服务拒绝了请求（HTTP {status}）"
    if status == 401:
        return StoreError("平台登录已失效，请重新登录 JupyterHub 后再试", hint=f"HTTP {status}")
    if isinstance(error, dict) and error.get("kind") == "SessionError":
        return SessionError(message)
    return StoreError(message)


__all__ = ["TOKEN_VARIABLE", "UNREACHABLE", "ServiceBackend"]
