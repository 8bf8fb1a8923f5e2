"""The trainer's live view: who joined, how far each is, scores, correct rates; 延时 and 结束.

It refreshes itself every few seconds on the kernel's event loop (the trainer's own notebook), reading
the session in two queries; the correct-rate chart is HTML bars, so redrawing it costs nothing.
"""

from __future__ import annotations

import asyncio
import contextlib

import ipywidgets as w

from quizkit.errors import QuizkitError
from quizkit.learner.backend import SessionBoard
from quizkit.sessions.live import LiveData, live_data
from quizkit.sessions.manage import Session, close_session, extend_session, find_session
from quizkit.sessions.timing import SYSTEM_CLOCK, Clock, local_text
from quizkit.widgets.question import full_width
from quizkit.widgets.quiz_view import close_tree
from quizkit.widgets.render import ShownOnce, display, status_html, title_html
from quizkit.widgets.sessions.render import (
    overview_html,
    rates_html,
    session_stylesheet,
    table_html,
)
from quizkit.widgets.sessions.shown import replace_earlier

BOARD_SHOWN = ["姓名", "单位", "类别", "次数", "状态", "已答", "题数", "得分", "百分制", "剩余分钟"]


class LiveView(ShownOnce, w.VBox):  # type: ignore[misc]
    """``quizkit.live("K7Q2")``: the dashboard; ``refresh()`` reads the store once."""

    def __init__(
        self,
        store: SessionBoard,
        session: Session,
        *,
        every: float = 5.0,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.store, self.session, self.every, self.clock = store, session, every, clock
        self.header = w.HTML()
        self.figures = w.HTML(layout=full_width())
        self.board = w.HTML(layout=full_width())
        self.chart = w.HTML(layout=full_width())
        self.message = w.HTML(layout=full_width())
        controls = self._controls()
        super().__init__(
            [self.header, self.figures, controls, self.message, self.board, self.chart],
            layout=full_width(),
        )
        self.add_class("quizkit")
        self.add_class("qk-live")
        self.extend_button.on_click(lambda _b: self.extend())
        self.close_button.on_click(lambda _b: self._ask_close())
        self.confirm_close.on_click(lambda _b: self.close_now())
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.data: LiveData | None = None
        self._task: asyncio.Task[None] | None = None
        self.refresh()

    def _controls(self) -> w.HBox:
        """延时 (minutes), 结束考试 with its confirmation, 立即刷新."""
        self.minutes = w.BoundedIntText(
            value=10,
            min=1,
            max=600,
            description="延时（分钟）",
            style={"description_width": "6em"},
            layout=w.Layout(width="13em"),
        )
        self.extend_button = w.Button(description="延时", button_style="info")
        self.close_button = w.Button(description="结束考试", button_style="danger")
        self.confirm_close = w.Button(
            description="确定结束", button_style="danger", layout=w.Layout(display="none")
        )
        self.refresh_button = w.Button(description="立即刷新")
        buttons = [self.extend_button, self.close_button, self.confirm_close, self.refresh_button]
        return w.HBox([self.minutes, *buttons], layout=w.Layout(flex_flow="row wrap"))

    def _title(self) -> str:
        session = self.session
        state = "已结束" if session.is_closed(self.clock()) else "进行中"
        subtitle = (
            f"考试码 {session.code}　{state}　开始 {local_text(session.opens_at)}"
            f"　结束 {local_text(session.closes_at)}　每 {self.every:g} 秒自动刷新"
        )
        return session_stylesheet() + title_html(f"实时看板：{session.title}", subtitle)

    def refresh(self) -> None:
        """Read the session again and redraw what changed."""
        try:
            row = self.store.get_session_row(self.session.id)
            self.session = Session.of(row) if row is not None else self.session
            data = live_data(self.store, self.session, self.clock())
        except QuizkitError as error:
            self.message.value = status_html(error.user_message, error=True)
            return
        self.data = data
        self.header.value = self._title()
        self.figures.value = overview_html(data.overview, local_text(self.clock()).split(" ")[-1])
        self.board.value = table_html(data.board[BOARD_SHOWN], "还没有学员加入。")
        self.chart.value = rates_html(data.rates)

    def extend(self) -> None:
        try:
            self.session, moved = extend_session(self.store, self.session, int(self.minutes.value))
        except QuizkitError as error:
            self.message.value = status_html(error.user_message, error=True)
            return
        self.message.value = status_html(f"已延时 {self.minutes.value} 分钟（{moved} 人正在作答）")
        self.refresh()

    def _ask_close(self) -> None:
        self.confirm_close.layout.display = None
        self.message.value = status_html(
            "结束后未交卷的答卷将按已保存的答案提交。确定结束吗？", error=True
        )

    def close_now(self) -> None:
        self.confirm_close.layout.display = "none"
        try:
            self.session = close_session(self.store, self.session)
        except QuizkitError as error:
            self.message.value = status_html(error.user_message, error=True)
            return
        self.message.value = status_html("考试已结束。")
        self.refresh()

    # -- refreshing on its own ---------------------------------------------------------------------
    def start(self) -> None:
        with contextlib.suppress(RuntimeError):  # no running loop (tests, scripts): refresh by hand
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            self.refresh()

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def close_view(self) -> None:
        self.stop()
        close_tree(self)


def live(code: str, *, every: float = 5.0) -> LiveView | w.HTML:
    """Show the live view of the session with this code, refreshing every ``every`` seconds."""
    from quizkit.learner.context import learner_context

    try:
        store = learner_context().store()
        view = LiveView(store, find_session(store, code), every=every)
    except QuizkitError as error:
        problem = w.HTML(session_stylesheet() + status_html(error.user_message, error=True))
        problem.add_class("quizkit")
        display(problem)
        return problem
    replace_earlier(f"live:{view.session.id}", view)
    view.start()
    display(view)
    return view


__all__ = ["LiveView", "live"]
