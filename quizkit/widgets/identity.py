"""当前学员：张三（某某镇）[切换] — or the one-time form asking 姓名 + 单位 (or a roster 编号)."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from quizkit.errors import QuizkitError
from quizkit.learner.current import CurrentLearner
from quizkit.widgets.render import status_html
from quizkit.widgets.shared import button_style, fixed_width, html_style

FIELD_STYLE = {"description_width": "3.5em"}


def field_layout() -> w.Layout:
    return w.Layout(width="22em", max_width="100%")


ASK_LOCAL = "第一次使用请登记：填写姓名和单位（或花名册编号）。本机会记住，下次不必再填。"
ASK_HUB = "平台账号 {login} 尚未登记在学员花名册中，请填写姓名和单位，培训老师会核对。"


class IdentityForm(w.VBox):  # type: ignore[misc]
    """姓名, 单位, 编号, 确定 and 取消: built only when someone has to identify."""

    def __init__(self) -> None:
        self.intro = w.HTML(layout=fixed_width(), style=html_style())
        self.name = w.Text(
            description="姓名", placeholder="如：张三", style=FIELD_STYLE, layout=field_layout()
        )
        self.unit = w.Text(
            description="单位",
            placeholder="如：某某镇人民政府",
            style=FIELD_STYLE,
            layout=field_layout(),
        )
        self.cadre_id = w.Text(
            description="编号",
            placeholder="花名册编号（可不填）",
            style=FIELD_STYLE,
            layout=field_layout(),
        )
        self.confirm = w.Button(description="确定", button_style="primary", style=button_style())
        self.cancel = w.Button(description="取消", style=button_style())
        self.message = w.HTML(layout=fixed_width(), style=html_style())
        buttons = w.HBox([self.confirm, self.cancel])
        super().__init__([self.intro, self.name, self.unit, self.cadre_id, buttons, self.message])
        self.add_class("qk-form")


class IdentityPanel(w.VBox):  # type: ignore[misc]
    """Shows who answers and lets a learner on a shared computer identify or switch."""

    def __init__(self, learner: CurrentLearner) -> None:
        self.learner = learner
        self.label = w.HTML(style=html_style())
        self.switch = w.Button(
            description="切换",
            tooltip="换一位学员答题",
            layout=w.Layout(width="5em"),
            style=button_style(),
        )
        self.bar = w.HBox([self.label, self.switch])
        self.bar.add_class("qk-identity")
        self._form: IdentityForm | None = None
        self.switch.on_click(lambda _b: self.open_form())
        super().__init__([])
        self.refresh()

    @property
    def form(self) -> IdentityForm:
        if self._form is None:
            self._form = IdentityForm()
            self._form.confirm.on_click(lambda _b: self.submit())
            self._form.cancel.on_click(lambda _b: self.refresh())
        return self._form

    # the form's fields, reachable from the panel (tests and the session views fill them in)
    @property
    def name(self) -> w.Text:
        field: w.Text = self.form.name
        return field

    @property
    def unit(self) -> w.Text:
        field: w.Text = self.form.unit
        return field

    @property
    def cadre_id(self) -> w.Text:
        field: w.Text = self.form.cadre_id
        return field

    @property
    def confirm(self) -> w.Button:
        field: w.Button = self.form.confirm
        return field

    @property
    def cancel(self) -> w.Button:
        field: w.Button = self.form.cancel
        return field

    @property
    def message(self) -> w.HTML:
        field: w.HTML = self.form.message
        return field

    @property
    def intro(self) -> w.HTML:
        field: w.HTML = self.form.intro
        return field

    def parts(self) -> list[w.Widget]:
        """Every widget of the panel, shown or not (for closing)."""
        return [self, self.bar, *([self._form] if self._form is not None else [])]

    @property
    def asking(self) -> bool:
        return self._form is not None and self._form in self.children

    def refresh(self) -> None:
        """The bar when someone is identified, else the form."""
        identity = self.learner.identity
        if identity is None:
            self._show_form(cancellable=False)
            return
        self.label.value = f'<span lang="zh-CN">当前学员：<b>{escape(identity.label)}</b></span>'
        self.switch.layout.display = None if identity.can_switch else "none"
        self.children = [self.bar]

    def open_form(self) -> None:
        """切换: the form, with 取消 to keep the current learner."""
        self._show_form(cancellable=True)

    def _show_form(self, *, cancellable: bool) -> None:
        hub = self.learner.hub
        intro = ASK_HUB.format(login=hub) if hub else ASK_LOCAL
        problem = self.learner.problem
        self.intro.value = status_html(intro) + (
            status_html(problem, error=True) if problem else ""
        )
        self.cadre_id.layout.display = "none" if hub else None
        self.cancel.layout.display = None if cancellable else "none"
        for field in (self.name, self.unit, self.cadre_id):
            field.value = ""
        self.message.value = ""
        self.children = [self.form]

    def submit(self) -> None:
        """确定: identify through the learner service (every quiz follows); problems show here."""
        try:
            self.learner.identify(
                name=self.name.value, unit=self.unit.value, cadre_id=self.cadre_id.value
            )
        except QuizkitError as error:
            self.message.value = status_html(error.user_message, error=True)
            return
        except OSError as error:  # results/ not writable: say so instead of a traceback
            self.message.value = status_html(f"无法在本机记住学员：{error.strerror}", error=True)
            return
        self.refresh()


__all__ = ["IdentityForm", "IdentityPanel"]
