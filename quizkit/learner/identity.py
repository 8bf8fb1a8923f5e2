"""Who is answering: the JupyterHub login, or the name a learner typed once on this machine.

- In JupyterHub the cadre is ``JUPYTERHUB_USER``: the roster entry whose ``login`` is that name, else the
  entry whose id is that name. The hub decides who is logged in, so a hub learner cannot switch identity
  (不得代考). A login missing from the roster is asked for 姓名 and 单位 once and gets a roster entry
  whose id and login are the hub login, so the trainer sees it and can correct it.
- On a single machine the learner gives 姓名 + 单位, or a roster 编号, once. The choice is remembered in
  ``results/learner.json`` (one entry per OS user and machine) and shown on every quiz with 切换 for a
  shared computer in a training room.
- A name and unit not on the roster get a roster entry at once, with an id derived stably from the
  name and the unit (``local-`` + 10 hex digits), so the same person typing the same name again
  lands on the same entry and no answer is ever stored without a cadre to belong to.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import platform
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, Protocol

from quizkit.errors import QuizkitError
from quizkit.records import CadreRecord

Source = Literal["hub", "local"]
MEMORY_FILE = "learner.json"
HUB_USER_VARIABLE = "JUPYTERHUB_USER"


class Roster(Protocol):
    """The part of the store that identity needs."""

    def get_cadre(self, cadre_id: str) -> CadreRecord | None: ...
    def find_cadres(
        self, *, name: str | None = None, unit: str | None = None, login: str | None = None
    ) -> list[CadreRecord]: ...
    def upsert_cadre(self, cadre: CadreRecord) -> None: ...


@dataclass(frozen=True)
class Identity:
    """The cadre answers are recorded for."""

    cadre_id: str
    name: str
    unit: str
    source: Source = "local"

    @property
    def label(self) -> str:
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    @property
    def can_switch(self) -> bool:
        return self.source == "local"

    @classmethod
    def of(cls, cadre: CadreRecord, source: Source) -> Identity:
        return cls(cadre.id, cadre.name, cadre.unit, source)


def hub_login() -> str | None:
    login = os.environ.get(HUB_USER_VARIABLE, "").strip()
    return login or None


def machine_key() -> str:
    """This OS user on this machine: the key of the remembered identity."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (some containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return f"{user}@{platform.node() or 'localhost'}"


def clean_name(text: str) -> str:
    """Names carry no spaces (张 三 → 张三); full-width spaces count too."""
    return "".join(text.split())


def clean_unit(text: str) -> str:
    return " ".join(text.split())


def stable_cadre_id(name: str, unit: str) -> str:
    """The roster id given to a learner who is not on the roster: the same for the same name and unit."""
    digest = hashlib.sha1(f"{clean_name(name)}\n{clean_unit(unit)}".encode()).hexdigest()
    return f"local-{digest[:10]}"


class IdentityMemory:
    """``results/learner.json``: the identity chosen on this machine, per OS user."""

    def __init__(self, path: Path, key: str | None = None) -> None:
        self.path = path
        self.key = key or machine_key()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def recall(self) -> Identity | None:
        entry = self._read().get(self.key)
        if not isinstance(entry, dict):
            return None
        try:
            return Identity(entry["cadre_id"], entry["name"], entry.get("unit", ""), "local")
        except (KeyError, TypeError):
            return None

    def remember(self, identity: Identity) -> None:
        data = self._read()
        data[self.key] = {k: v for k, v in asdict(identity).items() if k != "source"}
        self._write(data)

    def forget(self) -> None:
        data = self._read()
        if data.pop(self.key, None) is not None:
            self._write(data)

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(temporary, self.path)


def hub_identity(roster: Roster, login: str) -> Identity | None:
    """The roster entry of a hub login (by login, else by id), or None when the roster lacks it."""
    found = roster.find_cadres(login=login)
    cadre = found[0] if len(found) == 1 else roster.get_cadre(login)
    return Identity.of(cadre, "hub") if cadre is not None else None


def by_roster_id(roster: Roster, cadre_id: str) -> Identity:
    cadre = roster.get_cadre(cadre_id.strip())
    if cadre is None or not cadre.active:
        raise QuizkitError(
            f"花名册中没有编号为 {cadre_id.strip()} 的学员",
            hint="请核对编号，或改为填写姓名和单位",
        )
    return Identity.of(cadre, "local")


def by_name(roster: Roster, name: str, unit: str, *, hub: str | None = None) -> Identity:
    """The roster entry for a name and unit; a new one when none matches (see the module notes)."""
    name, unit = clean_name(name), clean_unit(unit)
    if not name or not unit:
        raise QuizkitError("请填写姓名和单位", hint="两项都要填写；也可以只填写花名册编号")
    if hub is not None:
        cadre = CadreRecord(id=hub, name=name, unit=unit, login=hub)
        roster.upsert_cadre(cadre)
        return Identity.of(cadre, "hub")
    matches = [c for c in roster.find_cadres(name=name, unit=unit) if c.active]
    if len(matches) > 1:
        raise QuizkitError(
            f"{unit} 有 {len(matches)} 位名叫 {name} 的学员",
            hint="请改为填写花名册编号（可向培训老师询问）",
        )
    if matches:
        return Identity.of(matches[0], "local")
    cadre = CadreRecord(id=stable_cadre_id(name, unit), name=name, unit=unit)
    existing = roster.get_cadre(cadre.id)
    if existing is None:
        roster.upsert_cadre(cadre)
    return Identity.of(existing or cadre, "local")


__all__ = [
    "HUB_USER_VARIABLE",
    "MEMORY_FILE",
    "Identity",
    "IdentityMemory",
    "Roster",
    "by_name",
    "by_roster_id",
    "clean_name",
    "clean_unit",
    "hub_identity",
    "hub_login",
    "machine_key",
    "stable_cadre_id",
]
