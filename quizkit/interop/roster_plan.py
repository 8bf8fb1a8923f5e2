"""What a roster import changes in the store, and writing it.

Compared by 工号 (id): new people are added; people whose fields differ are updated (a column the file
does not have keeps the stored value, so a roster without 手机 does not erase phone numbers); people
missing from the file are marked inactive — nobody is deleted, so every answer keeps its person; people
marked inactive earlier and back in the file are made active again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

from quizkit.interop.roster import RosterFile
from quizkit.records import CadreRecord

if TYPE_CHECKING:
    from quizkit.store import Store

ACTIONS = {"add": "新增", "update": "更新", "deactivate": "停用", "reactivate": "恢复"}
_CADRE_FIELDS = [f.name for f in fields(CadreRecord) if f.name != "id"]


@dataclass(frozen=True)
class Change:
    action: str  # add | update | deactivate | reactivate
    after: CadreRecord
    before: CadreRecord | None = None

    @property
    def changed(self) -> list[str]:
        """Names of the fields that differ (all of them for a new person)."""
        if self.before is None:
            return []
        return [
            name
            for name in _CADRE_FIELDS
            if getattr(self.before, name) != getattr(self.after, name)
        ]

    def describe(self) -> str:
        """'单位: 城关镇 → 河西镇; 职务: 科员 → 副镇长' (empty for a new person)."""
        parts = []
        for name in self.changed:
            old, new = getattr(self.before, name), getattr(self.after, name)
            parts.append(
                f"{name}: {old if old not in ('', None) else '—'} → {new if new not in ('', None) else '—'}"
            )
        return "; ".join(parts)


@dataclass
class RosterPlan:
    changes: list[Change] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)  # (unit, parent) to set
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(a)} {ACTIONS[a]}" for a in ACTIONS)
        return f"{counts}, {self.unchanged} 不变 (unchanged)"


def _merged(old: CadreRecord, new: CadreRecord, columns: set[str]) -> CadreRecord:
    """The new record, keeping old values for the columns the file does not have."""
    kept = {name: getattr(old, name) for name in _CADRE_FIELDS if name not in columns}
    if "exempt" in kept and "exempt_reason" in columns and new.exempt_reason:
        kept.pop("exempt")
    kept.pop("active", None)
    return replace(new, **kept)


def plan_roster(
    roster: RosterFile,
    existing: Sequence[CadreRecord],
    parents: dict[str, str | None] | None = None,
) -> RosterPlan:
    """The changes that make the store's roster match the file."""
    plan = RosterPlan()
    stored = {cadre.id: cadre for cadre in existing}
    for entry in roster.entries:
        old = stored.get(entry.record.id)
        if old is None:
            plan.changes.append(Change("add", entry.record))
            continue
        new = _merged(old, entry.record, roster.columns)
        if new == old:
            plan.unchanged += 1
        elif new.active and not old.active:
            plan.changes.append(Change("reactivate", new, old))
        else:
            plan.changes.append(
                Change("update" if new.active or not old.active else "deactivate", new, old)
            )
    listed = {entry.record.id for entry in roster.entries}
    for cadre in existing:
        if cadre.id not in listed and cadre.active:
            plan.changes.append(Change("deactivate", replace(cadre, active=False), cadre))
    plan.warnings = _lost_zeros(plan, roster)
    known = parents or {}
    wanted = {entry.record.unit: entry.parent for entry in roster.entries if entry.parent}
    plan.units = [(unit, parent) for unit, parent in wanted.items() if known.get(unit) != parent]
    return plan


def _lost_zeros(plan: RosterPlan, roster: RosterFile) -> list[str]:
    """New ids that are stored ids without their leading zeros (Excel turned 001 into 1)."""
    gone = {
        c.before.id.lstrip("0"): c.before.id
        for c in plan.changes
        if c.before and c.action == "deactivate"
    }
    rows = {entry.record.id: entry.row for entry in roster.entries}
    return [
        f"row {rows[c.after.id]}: 工号 {c.after.id} may be {gone[c.after.id.lstrip('0')]} with its "
        "leading zeros lost (Excel stores it as a number); format the column as 文本 (text)"
        for c in plan.changes
        if c.action == "add" and c.after.id.lstrip("0") in gone
    ]


def apply_roster(store: Store, plan: RosterPlan) -> None:
    """Write the plan — unit parents and every changed cadre — in one transaction."""
    from quizkit.store.roster_sync import sync_roster

    sync_roster(store, [change.after for change in plan.changes], dict(plan.units))
