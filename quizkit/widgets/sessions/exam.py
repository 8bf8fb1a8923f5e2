"""The exam view: one question at a time, a countdown, 标记待查, 答题卡, 交卷 with a confirmation.

Every choice is saved as it is made (the sitting stores it); nothing says right or wrong until the
session's review policy allows it. The countdown runs on the kernel's event loop and reads the stored
deadline (so a restarted kernel shows the same time left); every few seconds it reads the attempt
again, so a trainer's 延时 or 结束 reaches the cadre, and at zero the paper is handed in with what was
saved.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import ipywidgets as w

from quizkit.errors import QuizkitError, SessionError
from quizkit.sessions.sitting import ExamResult, ExamSitting
from quizkit.widgets.question import QuestionView, full_width
from quizkit.widgets.quiz_view import close_tree
from quizkit.widgets.render import ShownOnce, status_html, title_html
from quizkit.widgets.sessions.render import (
    clock_html,
    confirm_text,
    counts_html,
    result_html,
    session_stylesheet,
)
from quizkit.widgets.sessions.sheet import AnswerSheet

REFRESH_EVERY = 10  # seconds between re-reading the attempt (延时 / 结束 by the trainer)
SAVED = "已自动保存"
QUEUED = "有 {count} 个答案暂未存入成绩库（已保留在本机），将在下次作答时自动重试"
KIND_NAMES = {"exam": "考试", "practice": "练习", "makeup": "补考"}


def _case_html(text: str) -> str:
    from html import escape

    return f'<div class="qk-case" lang="zh-CN"><b>案例</b>\n{escape(text.strip())}</div>'


class ExamView(ShownOnce, w.VBox):  # type: ignore[misc]
    """What ``quizkit.join()`` shows once the cadre is admitted."""

    def __init__(self, sitting: ExamSitting, *, timer: bool = True) -> None:
        self.sitting = sitting
        self.index = 0
        self.views = [QuestionView(pq.shown, pq.number, pq.item.points) for pq in sitting.questions]
        self.case = w.HTML(layout=full_width())
        self.stage = w.VBox([self.case, *self.views], layout=full_width())
        self.clock, self.counts, self.saved = w.HTML(), w.HTML(), w.HTML(layout=full_width())
        self.confirm_box = self._controls()
        self.result = w.HTML(layout=full_width())
        self.review = w.VBox(layout=full_width())  # questions with answers, if the policy allows
        self.paper = w.VBox(
            [
                self._bar([self.clock, self.counts]),
                self.stage,
                w.HBox([self.previous, self.mark, self.next, self.hand_in]),
                w.HTML('<div class="qk-muted" lang="zh-CN">答题卡（点击题号可跳转）：</div>'),
                self.sheet,
                self.saved,
                self.confirm_box,
            ],
            layout=full_width(),
        )
        super().__init__(
            [w.HTML(self._header()), self.paper, self.result, self.review], layout=full_width()
        )
        self.add_class("quizkit")
        self.add_class("qk-exam")
        self._wire()
        self._task: asyncio.Task[None] | None = None
        self._ticks = 0
        if sitting.finished:
            self._finish(sitting.result())
        else:
            self.go(0)
            if timer:
                self.start_timer()

    def _controls(self) -> w.VBox:
        """The buttons, the answer sheet and the (hidden) 交卷 confirmation, which it returns."""
        self.previous = w.Button(
            description="上一题"
        )  # no icon: Font Awesome is not there offline (⊠)
        self.mark = w.Button(description="标记待查", tooltip="交卷前再看一看这道题")
        self.next = w.Button(description="下一题")
        self.hand_in = w.Button(description="交卷", button_style="primary")
        self.sheet = AnswerSheet(len(self.views), self.go)
        self.confirm_text = w.HTML()
        self.confirm = w.Button(description="确定交卷", button_style="danger")
        self.cancel = w.Button(description="继续作答")
        box = w.VBox(
            [self.confirm_text, w.HBox([self.confirm, self.cancel])],
            layout=w.Layout(display="none"),
        )
        box.add_class("qk-confirm")
        return box

    @staticmethod
    def _bar(children: list[w.Widget]) -> w.HBox:
        bar = w.HBox(children, layout=w.Layout(align_items="center"))
        bar.add_class("qk-bar")
        return bar

    def _header(self) -> str:
        session, sitting = self.sitting.session, self.sitting
        minutes = session.rules.duration_minutes
        parts = [
            KIND_NAMES.get(sitting.attempt.kind, sitting.attempt.kind),
            f"共 {len(self.views)} 题",
            f"满分 {sitting.paper.total_points:g} 分",
            f"限时 {minutes} 分钟" if minutes else "",
            "每次选择都会自动保存",
        ]
        return session_stylesheet() + title_html(session.title, "　".join(p for p in parts if p))

    def _wire(self) -> None:
        for pq, view in zip(self.sitting.questions, self.views, strict=True):
            view.set_response(self.sitting.shown_response(pq.item.question_id))
            view.input.observe(self._saver(pq.item.question_id, view))
        self.previous.on_click(lambda _b: self.go(self.index - 1))
        self.next.on_click(lambda _b: self.go(self.index + 1))
        self.mark.on_click(lambda _b: self.toggle_mark())
        self.hand_in.on_click(lambda _b: self.ask_to_submit())
        self.confirm.on_click(lambda _b: self.submit())
        self.cancel.on_click(lambda _b: self._show_confirm(False))

    def _saver(self, question_id: str, view: QuestionView) -> Callable[[], None]:
        return lambda: self.changed(question_id, view)

    # -- navigation ------------------------------------------------------------------------------
    @property
    def current_id(self) -> str:
        return self.sitting.questions[self.index].item.question_id

    def go(self, index: int) -> None:
        """Show question ``index`` (0-based) alone, with its case scenario when it has one."""
        self.index = max(0, min(index, len(self.views) - 1))
        for number, view in enumerate(self.views):
            view.layout.display = None if number == self.index else "none"
        case = self.sitting.questions[self.index].case_text
        self.case.value = _case_html(case) if case else ""
        self.case.layout.display = None if case else "none"
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.views) - 1
        self._refresh()

    def toggle_mark(self) -> None:
        self.sitting.toggle_mark(self.current_id)
        self._refresh()

    def _refresh(self) -> None:
        sitting = self.sitting
        ids = [pq.item.question_id for pq in sitting.questions]
        states = [
            "marked" if qid in sitting.marked else "answered" if sitting.answered(qid) else "open"
            for qid in ids
        ]
        self.sheet.show(states, self.index)
        answered = sum(1 for qid in ids if sitting.answered(qid))
        self.counts.value = counts_html(answered, len(ids), len(sitting.marked))
        self.mark.description = "取消标记" if self.current_id in sitting.marked else "标记待查"
        self.mark.button_style = "warning" if self.current_id in sitting.marked else ""
        self.clock.value = clock_html(sitting.time_left())

    # -- answering and handing in ----------------------------------------------------------------
    def changed(self, question_id: str, view: QuestionView) -> None:
        """Autosave: the sitting stores the choice at once."""
        if self.sitting.finished:
            return
        try:
            stored = self.sitting.save(question_id, view.response, time_taken_ms=view.elapsed_ms())
        except SessionError as error:
            self._finish(self.sitting.result(), error.user_message)
            return
        pending = self.sitting.pending
        self.saved.value = status_html(
            SAVED if stored else QUEUED.format(count=pending), error=not stored
        )
        self._refresh()

    def ask_to_submit(self) -> None:
        sitting = self.sitting
        answered = sum(1 for pq in sitting.questions if sitting.answered(pq.item.question_id))
        text = confirm_text(answered, len(sitting.questions), len(sitting.marked))
        self.confirm_text.value = f'<div lang="zh-CN">{text}</div>'
        self._show_confirm(True)

    def _show_confirm(self, shown: bool) -> None:
        self.confirm_box.layout.display = None if shown else "none"
        self.hand_in.disabled = shown

    def submit(self) -> None:
        """确定交卷: refused after the deadline (then handed in with what was saved)."""
        try:
            result = self.sitting.submit()
        except SessionError as error:
            if self.sitting.finished:
                self._finish(self.sitting.result(), error.user_message)
            else:  # the store could not take the last answers: keep the paper open
                self.saved.value = status_html(error.user_message, error=True)
                self._show_confirm(False)
            return
        self._finish(result)

    def _finish(self, result: ExamResult, note: str = "") -> None:
        self.stop_timer()
        for view in self.views:
            view.lock()
        self.paper.layout.display = "none"
        self.result.value = (status_html(note, error=True) if note else "") + result_html(result)
        if result.feedback:
            for view, feedback in zip(self.views, result.feedback, strict=True):
                view.show_feedback(feedback)
                view.layout.display = None
            self.review.children = tuple(self.views)

    # -- the clock -------------------------------------------------------------------------------
    def tick(self) -> None:
        """One second passed: show the time left; re-read the attempt now and then; hand in at 0."""
        if self.sitting.finished:
            return
        self._ticks += 1
        if self._ticks % REFRESH_EVERY == 0:
            with contextlib.suppress(QuizkitError):  # the store may be busy; try again later
                self.sitting.refresh()
            if self.sitting.finished:
                self._finish(
                    self.sitting.result(), "培训老师已结束本场考试，答卷已按已保存的答案提交。"
                )
                return
        left = self.sitting.time_left()
        self.clock.value = clock_html(left)
        if left is not None and left.total_seconds() <= 0:
            self._finish(self.sitting.expire())

    def start_timer(self) -> None:
        """Tick every second on the kernel's event loop (no loop, no clock: tests call tick())."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._task = loop.create_task(self._run())

    async def _run(self) -> None:
        while not self.sitting.finished:
            await asyncio.sleep(1)
            try:
                self.tick()
            except Exception as error:  # never let the clock die silently with a traceback
                self.saved.value = status_html(f"计时出错：{error}", error=True)

    def stop_timer(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def close_view(self) -> None:
        """Stop the clock and close every widget (a new view replaces this one)."""
        self.stop_timer()
        close_tree(self)


__all__ = ["ExamView"]
