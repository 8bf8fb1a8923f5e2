"""The service's HTTP face: ``POST {prefix}api/v1/<call>`` with ``{"args": {...}}``, JSON back.

One call per method of the kernel's backend (``quizkit.learner.backend``), each decided by the
:class:`~quizkit.service.desk.Desk` for the caller the hub names. Replies are ``{"result": ...}`` or
``{"error": {"kind", "message"}}`` with 400 (bad request), 401 (no valid token), 403 (not allowed),
404 (unknown), 409 (refused by the session's rules: window, deadline, attempts, paper) or 503 (the
database could not do it now; try again). ``GET {prefix}api/v1/whoami`` says who the hub says you are.

Store calls run on a small thread pool so the event loop keeps accepting; answers go through the
group-commit writer (``quizkit.service.writer``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tornado.web import Application, HTTPError, RequestHandler

from quizkit.errors import QuizkitError, SessionError, StoreError
from quizkit.learner.context import QuizRequest
from quizkit.records import AnswerRecord, CadreRecord
from quizkit.service.callers import Callers
from quizkit.service.desk import BadRequest, Caller, Desk, Forbidden, NotFound
from quizkit.service.writer import AnswerWriter
from quizkit.service_client.wire import (
    API_VERSION,
    decode,
    encode,
    encode_frame,
    encode_review,
    parse_optional_time,
    parse_time,
)

Call = Callable[[Desk, Caller, Mapping[str, Any]], Any]
MAX_BODY = 1_000_000  # bytes: an answer or a session is a few hundred


def _opt(value: Any) -> Any:
    return None if value is None else encode(value)


def _text(args: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
    value = args.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise HTTPError(400, f"{name} must be a non-empty string")
    return value


def _req(args: Mapping[str, Any], name: str) -> str:
    value = _text(args, name)
    assert value is not None
    return value


def _names(args: Mapping[str, Any], name: str) -> list[str] | None:
    value = args.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise HTTPError(400, f"{name} must be a list of strings")
    return value


def _quiz_request(args: Mapping[str, Any]) -> QuizRequest:
    """A lesson quiz's request (``quizkit.quiz()``'s arguments) as the kernel sent it."""
    difficulty = args.get("difficulty")
    if isinstance(difficulty, list):
        difficulty = tuple(int(d) for d in difficulty)
    elif difficulty is not None and not isinstance(difficulty, int):
        raise HTTPError(400, "difficulty must be a number or a list of numbers")
    seed = args.get("seed")
    if seed is not None and not isinstance(seed, int | str):
        raise HTTPError(400, "seed must be a number or a text")
    n = args.get("n")
    if n is not None and not isinstance(n, int):
        raise HTTPError(400, "n must be a number")
    ids, tags, types = (_names(args, name) for name in ("ids", "tags", "types"))
    return QuizRequest(
        quiz_id=_text(args, "quiz_id", required=False),
        ids=None if ids is None else tuple(ids),
        law=_text(args, "law", required=False),
        tags=None if tags is None else tuple(tags),
        types=None if types is None else tuple(types),
        difficulty=difficulty,
        n=n,
        seed=seed,
        title=_text(args, "title", required=False),
        lesson=_text(args, "lesson", required=False),
    )


def _changes(args: Mapping[str, Any]) -> dict[str, Any]:
    changes = dict(args.get("changes") or {})
    for key in ("opens_at", "closes_at"):
        if key in changes:
            changes[key] = parse_optional_time(changes[key])
    return changes


CALLS: dict[str, Call] = {
    "get_cadre": lambda d, c, a: _opt(d.get_cadre(c, _req(a, "cadre_id"))),
    "find_cadres": lambda d, c, a: [
        encode(x)
        for x in d.find_cadres(
            c,
            name=_text(a, "name", required=False),
            unit=_text(a, "unit", required=False),
            login=_text(a, "login", required=False),
        )
    ],
    "upsert_cadre": lambda d, c, a: d.upsert_cadre(c, decode(CadreRecord, a.get("cadre"))),
    "unit_parents": lambda d, c, a: d.store.unit_parents(),
    "get_session_row": lambda d, c, a: _opt(
        d.store.get_session_row(
            _text(a, "session_id", required=False), code=_text(a, "code", required=False)
        )
    ),
    "list_session_rows": lambda d, c, a: [
        encode(x) for x in d.store.list_session_rows(status=_text(a, "status", required=False))
    ],
    "attempts_for": lambda d, c, a: [
        encode(x)
        for x in d.attempts_for(
            c,
            _req(a, "cadre_id"),
            quiz_id=_text(a, "quiz_id", required=False),
            session_id=_text(a, "session_id", required=False),
        )
    ],
    "get_attempt": lambda d, c, a: _opt(d.get_attempt(c, _req(a, "attempt_id"))),
    "attempt_paper": lambda d, c, a: d.attempt_paper(c, _req(a, "attempt_id")),
    "paper_questions": lambda d, c, a: d.paper_questions(c, _req(a, "attempt_id")),
    "paper_feedback": lambda d, c, a: d.paper_feedback(c, _req(a, "attempt_id")),
    "quiz_questions": lambda d, c, a: d.quiz_questions(c, _quiz_request(a)),
    "practice_feedback": lambda d, c, a: d.practice_feedback(
        c, _req(a, "quiz_id"), _names(a, "question_ids")
    ),
    "lesson_questions": lambda d, c, a: d.lesson_questions(c, _names(a, "laws") or []),
    "question_stems": lambda d, c, a: d.question_stems(c, _names(a, "question_ids") or []),
    "answers_for_attempt": lambda d, c, a: [
        encode(x) for x in d.answers_for_attempt(c, _req(a, "attempt_id"))
    ],
    "start_attempt": lambda d, c, a: encode(
        d.start_attempt(
            c,
            _req(a, "cadre_id"),
            quiz_id=_req(a, "quiz_id"),
            lesson=_text(a, "lesson", required=False),
            session_id=_text(a, "session_id", required=False),
            kind=_text(a, "kind", required=False) or "practice",
        )
    ),
    "finish_attempt": lambda d, c, a: encode(
        d.finish_attempt(
            c, _req(a, "attempt_id"), status=_text(a, "status", required=False) or "submitted"
        )
    ),
    "latest_answers": lambda d, c, a: {
        k: encode(v)
        for k, v in d.latest_answers(c, _req(a, "cadre_id"), _req(a, "quiz_id")).items()
    },
    "cadre_answers_frame": lambda d, c, a: encode_frame(
        d.cadre_answers_frame(c, _req(a, "cadre_id"))
    ),
    "review_answers": lambda d, c, a: [
        encode_review(x) for x in d.review_answers(c, _names(a, "cadre_ids"))
    ],
    "expire_overdue_attempts": lambda d, c, a: d.expire_overdue_attempts(
        c, parse_time(a.get("now")), session_id=_text(a, "session_id", required=False)
    ),
    # the trainer's calls
    "create_session_row": lambda d, c, a: encode(
        d.trainer_call(
            c,
            "create_session_row",
            {
                "code": _req(a, "code"),
                "title": _req(a, "title"),
                "kind": _req(a, "kind"),
                "rules": a.get("rules"),
                "opens_at": parse_optional_time(a.get("opens_at")),
                "closes_at": parse_optional_time(a.get("closes_at")),
                "status": _text(a, "status", required=False) or "draft",
                "session_id": _text(a, "session_id", required=False),
            },
        )
    ),
    "update_session_row": lambda d, c, a: encode(
        d.trainer_call(
            c, "update_session_row", {"session_id": _req(a, "session_id"), **_changes(a)}
        )
    ),
    "extend_open_attempts": lambda d, c, a: d.trainer_call(
        c,
        "extend_open_attempts",
        {"session_id": _req(a, "session_id"), "minutes": int(a.get("minutes", 0))},
    ),
    "expire_open_attempts": lambda d, c, a: d.trainer_call(
        c, "expire_open_attempts", {"session_id": _req(a, "session_id")}
    ),
    "session_attempts_frame": lambda d, c, a: encode_frame(
        d.trainer_call(
            c,
            "session_attempts_frame",
            {"session_id": _req(a, "session_id"), "papers": a.get("papers") is not False},
        )
    ),
    "session_item_marks_frame": lambda d, c, a: encode_frame(
        d.trainer_call(c, "session_item_marks_frame", {"session_id": _req(a, "session_id")})
    ),
    # the trainer's reports (quizkit.reports.frames.ReportSource): score sheets on the hub
    "cadres_frame": lambda d, c, a: encode_frame(
        d.trainer_call(c, "cadres_frame", {"units": _names(a, "units")})
    ),
    "units_frame": lambda d, c, a: encode_frame(d.trainer_call(c, "units_frame", {})),
    "report_attempts_frame": lambda d, c, a: encode_frame(
        d.trainer_call(
            c,
            "report_attempts_frame",
            {
                "session_id": _text(a, "session_id", required=False),
                "cadre_ids": _names(a, "cadre_ids"),
            },
        )
    ),
    "report_answers_frame": lambda d, c, a: encode_frame(
        d.trainer_call(
            c,
            "report_answers_frame",
            {
                "session_id": _text(a, "session_id", required=False),
                "kinds": _names(a, "kinds"),
                "cadre_ids": _names(a, "cadre_ids"),
            },
        )
    ),
    "topic_figures": lambda d, c, a: encode_frame(
        d.trainer_call(
            c,
            "topic_figures",
            {
                "attempts_": [tuple(map(str, pair)) for pair in a.get("attempts_", [])],
                "topics": [tuple(map(str, row)) for row in a.get("topics", [])],
            },
        )
    ),
    "sessions_frame": lambda d, c, a: encode_frame(d.trainer_call(c, "sessions_frame", {})),
    "certificates_frame": lambda d, c, a: encode_frame(
        d.trainer_call(
            c, "certificates_frame", {"session_id": _text(a, "session_id", required=False)}
        )
    ),
    "session_answers_frame": lambda d, c, a: encode_frame(
        d.trainer_call(c, "session_answers_frame", {"session_id": _req(a, "session_id")})
    ),
    "session_board_frames": lambda d, c, a: dict(
        zip(
            ("board", "rates"),
            map(
                encode_frame,
                d.trainer_call(c, "session_board_frames", {"session_id": _req(a, "session_id")}),
            ),
            strict=True,
        )
    ),
}


def _answer(args: Mapping[str, Any]) -> AnswerRecord:
    try:
        return decode(AnswerRecord, args.get("answer"))
    except StoreError as error:
        raise BadRequest(error.message) from error


STATUS = (
    (BadRequest, 400),
    (Forbidden, 403),
    (NotFound, 404),
    (SessionError, 409),
    (StoreError, 503),
)


def error_reply(error: QuizkitError) -> tuple[int, dict[str, Any]]:
    status = next((code for kind, code in STATUS if isinstance(error, kind)), 400)
    kind = "SessionError" if isinstance(error, SessionError) else "StoreError"
    return status, {"error": {"kind": kind, "message": error.user_message}}


class ServiceHandler(RequestHandler):
    """Common parts: JSON replies, errors as JSON, the caller from the hub."""

    def initialize(
        self, desk: Desk, callers: Callers, writer: AnswerWriter, pool: ThreadPoolExecutor
    ) -> None:
        self.desk, self.callers, self.writer, self.pool = desk, callers, writer, pool

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = self._reason
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, HTTPError) and error.log_message:
            reason = error.log_message
        self.finish({"error": {"kind": "StoreError", "message": reason}})

    def check_xsrf_cookie(self) -> None:  # token-authenticated API: no cookies, no XSRF
        return

    def reply(self, status: int, body: Mapping[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body, ensure_ascii=False, default=str))


class RootHandler(ServiceHandler):
    """The prefix itself: a sign of life for the hub and for a person checking the deployment."""

    def get(self) -> None:
        self.reply(200, {"service": "quizkit", "api": f"api/{API_VERSION}/"})


class WhoAmIHandler(ServiceHandler):
    async def get(self) -> None:
        caller = await self.callers.identify(self)
        cadre = await asyncio.get_running_loop().run_in_executor(
            self.pool, self.desk.cadre_of, caller
        )
        self.reply(
            200,
            {
                "login": caller.login,
                "trainer": caller.trainer,
                "cadre": None if cadre is None else encode(cadre),
            },
        )


class CallHandler(ServiceHandler):
    async def post(self, method: str) -> None:
        caller = await self.callers.identify(self)  # 401/403 before anything is read
        call = CALLS.get(method)
        if call is None and method != "record_answer":
            raise HTTPError(404, f"no call {method}")
        args = self._arguments()
        try:
            if method == "record_answer":
                checked = await asyncio.get_running_loop().run_in_executor(
                    self.pool, self._checked, caller, _answer(args)
                )
                result: Any = await self.writer.record(checked)
            else:
                assert call is not None
                result = await asyncio.get_running_loop().run_in_executor(
                    self.pool, call, self.desk, caller, args
                )
        except QuizkitError as error:
            status, body = error_reply(error)
            self.reply(status, body)
            return
        except (KeyError, TypeError, ValueError) as error:
            raise HTTPError(400, f"bad arguments for {method}: {error}") from error
        self.reply(200, {"result": result})

    def _checked(self, caller: Caller, answer: AnswerRecord) -> AnswerRecord:
        """Checked and graded by the desk; the writer knows the attempt's stored submissions."""
        checked = self.desk.checked_answer(caller, answer)
        self.writer.prepare(checked)
        return checked

    def _arguments(self) -> Mapping[str, Any]:
        if len(self.request.body) > MAX_BODY:
            raise HTTPError(413, "request too large")
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError as error:
            raise HTTPError(400, "the body is not JSON") from error
        args = body.get("args", {}) if isinstance(body, dict) else None
        if not isinstance(args, dict):
            raise HTTPError(400, 'the body must be {"args": {...}}')
        return args


def make_app(
    desk: Desk,
    callers: Callers,
    *,
    prefix: str = "/",
    extra_handlers: Sequence[tuple[str, type[RequestHandler], dict[str, Any]]] = (),
    workers: int = 4,
) -> Application:
    """The tornado application; ``extra_handlers`` are mounted under ``prefix`` as given (for
    example the public certificate verify page)."""
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    pool = ThreadPoolExecutor(workers, thread_name_prefix="quizkit-store")
    writer = AnswerWriter(desk.store)
    shared = {"desk": desk, "callers": callers, "writer": writer, "pool": pool}
    api = f"{prefix}api/{API_VERSION}/"
    handlers: list[Any] = [
        (prefix, RootHandler, shared),
        (api + "whoami", WhoAmIHandler, shared),
        (api + r"([a-z_]+)", CallHandler, shared),
    ]
    handlers.extend(
        (prefix + path.lstrip("/"), kind, options) for path, kind, options in extra_handlers
    )
    app = Application(handlers)
    app.settings["quizkit_writer"] = writer
    app.settings["quizkit_pool"] = pool
    return app


def close_app(app: Application) -> None:
    """Let the writer and the store threads finish."""
    app.settings["quizkit_writer"].close()
    app.settings["quizkit_pool"].shutdown(wait=True)


__all__ = ["CALLS", "close_app", "error_reply", "make_app"]
