"""答题卡: one numbered button per question — answered, marked for review, current — to jump to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

STYLES = {"marked": "warning", "answered": "success", "open": ""}
TIPS = {"marked": "已标记待查", "answered": "已作答", "open": "未作答"}


class AnswerSheet(w.Box):  # type: ignore[misc]
    """Buttons 1…N; ``on_jump(index)`` is called with the 0-based question index."""

    def __init__(self, count: int, on_jump: Callable[[int], None]) -> None:
        self.buttons = [w.Button(description=str(number)) for number in range(1, count + 1)]
        for index, button in enumerate(self.buttons):
            button.on_click(lambda _button, index=index: on_jump(index))
        super().__init__(self.buttons)
        self.add_class("qk-sheet")

    def show(self, states: Sequence[str], current: int) -> None:
        """``states[i]`` is marked | answered | open; ``current`` is highlighted."""
        for index, (button, state) in enumerate(zip(self.buttons, states, strict=True)):
            button.button_style = STYLES[state]
            button.tooltip = f"第 {index + 1} 题：{TIPS[state]}"
            if index == current:
                button.add_class("qk-current")
            else:
                button.remove_class("qk-current")


__all__ = ["AnswerSheet"]
