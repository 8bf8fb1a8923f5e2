"""The learner at this kernel: resolved once, shared by every quiz in the notebook, switchable locally."""

from __future__ import annotations

from collections.abc import Callable

from quizkit.errors import QuizkitError
from quizkit.learner.identity import (
    Identity,
    IdentityMemory,
    Roster,
    by_name,
    by_roster_id,
    hub_identity,
)
from quizkit.records import CadreRecord

Listener = Callable[[Identity | None], None]
Guard = Callable[[], str | None]  # a reason not to switch now (answers still waiting), or None


class CurrentLearner:
    """Who answers in this kernel; quizzes subscribe and follow a switch made in any of them."""

    def __init__(
        self, memory: IdentityMemory, roster: Callable[[], Roster], hub: str | None = None
    ) -> None:
        self.memory = memory
        self.hub = hub
        self._roster = roster
        self._identity: Identity | None = None
        self._resolved = False
        self._listeners: list[Listener] = []
        self._guards: list[Guard] = []
        self._registered: Identity | None = None
        self.problem: str | None = None

    @property
    def identity(self) -> Identity | None:
        if not self._resolved:
            self._identity = self._resolve()
            self._resolved = True
        return self._identity

    def _resolve(self) -> Identity | None:
        if self.hub is None:
            return self.memory.recall()
        try:
            return hub_identity(self._roster(), self.hub)
        except QuizkitError as error:
            self.problem = error.user_message
            return None

    def identify(self, *, name: str = "", unit: str = "", cadre_id: str = "") -> Identity:
        """Take the form's answer: a roster 编号, or 姓名 + 单位. Raises QuizkitError with what to fix."""
        if self.hub is not None and self.identity is not None:
            raise QuizkitError(f"已通过平台账号 {self.hub} 登录，不能切换学员")
        self._check_guards()
        roster = self._roster()
        if cadre_id.strip() and self.hub is None:
            identity = by_roster_id(roster, cadre_id)
        else:
            identity = by_name(roster, name, unit, hub=self.hub)
        if identity.source == "local":
            self.memory.remember(identity)
        self._set(identity)
        return identity

    def ensure_registered(self) -> None:
        """A remembered learner missing from the roster (a new or replaced database) is added again,
        so an answer never points at a cadre the store does not know."""
        identity = self.identity
        if identity is None or identity.source != "local" or self._registered == identity:
            return
        roster = self._roster()
        if roster.get_cadre(identity.cadre_id) is None:
            roster.upsert_cadre(CadreRecord(identity.cadre_id, identity.name, identity.unit))
        self._registered = identity

    def sign_out(self) -> None:
        """切换: forget the remembered learner so the next one can identify."""
        if self.hub is not None:
            raise QuizkitError(f"已通过平台账号 {self.hub} 登录，不能切换学员")
        self._check_guards()
        self.memory.forget()
        self._set(None)

    def subscribe(self, listener: Listener, guard: Guard | None = None) -> None:
        """Follow switches; ``guard`` may refuse a switch (say, while answers wait for 重试)."""
        self._listeners.append(listener)
        if guard is not None:
            self._guards.append(guard)

    def unsubscribe(self, listener: Listener, guard: Guard | None = None) -> None:
        """Stop following (a quiz whose cell was run again is closed)."""
        if listener in self._listeners:
            self._listeners.remove(listener)
        if guard is not None and guard in self._guards:
            self._guards.remove(guard)

    def _check_guards(self) -> None:
        if self._identity is None:
            return
        for guard in self._guards:
            reason = guard()
            if reason:
                raise QuizkitError(reason)

    def _set(self, identity: Identity | None) -> None:
        self._identity, self._resolved, self.problem = identity, True, None
        for listener in list(self._listeners):
            listener(identity)


__all__ = ["CurrentLearner", "Guard", "Listener"]
