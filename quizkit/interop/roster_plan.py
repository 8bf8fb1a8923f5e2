"""What a roster import changes in the store, and writing it.

Compared by 工号 (id, NFKC: full-width １２ is 12): new people are added; people whose fields differ are
updated (a column the file does not have keeps the stored value, so a roster without 手机 does not erase
phone numbers); people marked inactive earlier and back in the file are made active again. People missing
from the file stay as they are unless asked (``retire_missing``, `--retire-missing`): then they are marked
inactive — nobody is deleted, so every answer keeps its person — but never on a file that lists nobody.
Ids that look like Excel turned them into numbers (001 → 1) are refused unless ``numeric_ids``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

from quizkit.errors import ImportFormatError
from quizkit.interop.roster import RosterFile, same_id
from quizkit.records import CadreRecord

if TYPE_CHECKING:
    from quizkit.store import Store

REFUSED_HINT = (
    "format the 工号 column as 文本 (text) and type the leading zeros back (or pass --numeric-ids "
    "if these ids really have none); nothing was written"
)
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
    missing: int = 0  # active people in the store whom the file does not list
    retire_missing: bool = False
    refused: list[str] = field(default_factory=list)  # reasons the plan must not be written

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(a)} {ACTIONS[a]}" for a in ACTIONS)
        text = f"{counts}, {self.unchanged} 不变 (unchanged)"
        if self.missing and not self.retire_missing:
            text += (
                f"; {self.missing} not in the file stay 在册 "
                "(pass --retire-missing to mark them 停用)"
            )
        elif self.missing:
            text += f"; {self.missing} not in the file retired (停用)"
        return text


def _merged(old: CadreRecord, new: CadreRecord, columns: set[str]) -> CadreRecord:
    """The new record, keeping old values for the columns the file does not have."""
    kept = {name: getattr(old, name) for name in _CADRE_FIELDS if name not in columns}
    if "exempt" in kept and "exempt_reason" in columns and new.exempt_reason:
        kept.pop("exempt")
    kept.pop("active", None)
    return replace(new, id=old.id, **kept)


def plan_roster(
    roster: RosterFile,
    existing: Sequence[CadreRecord],
    parents: dict[str, str | None] | None = None,
    *,
    retire_missing: bool = False,
    numeric_ids: bool = False,
) -> RosterPlan:
    """The changes that make the store's roster match the file.

    ``retire_missing``: mark people the file does not list 停用 (never when it lists nobody; people on
    skipped rows are listed). ``numeric_ids``: accept ids that look like Excel dropped their leading
    zeros (otherwise ``refused`` says which rows, and :func:`apply_roster` writes nothing).
    """
    plan = RosterPlan(retire_missing=retire_missing)
    stored = {same_id(cadre.id): cadre for cadre in existing}
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
    listed = {entry.record.id for entry in roster.entries} | roster.bad_ids
    missing = [c for key, c in stored.items() if key not in listed and c.active]
    plan.missing = len(missing)
    if retire_missing and missing and not roster.entries:
        plan.refused.append(
            f"the file lists nobody: --retire-missing would mark all {len(missing)} people 停用"
        )
    elif retire_missing:
        plan.changes += [Change("deactivate", replace(c, active=False), c) for c in missing]
    if not numeric_ids:
        plan.refused += _lost_zeros(roster, [c.id for c in missing], list(stored))
    known = parents or {}
    wanted = {entry.record.unit: entry.parent for entry in roster.entries if entry.parent}
    plan.units = [(unit, parent) for unit, parent in wanted.items() if known.get(unit) != parent]
    return plan


def _lost_zeros(roster: RosterFile, missing: list[str], stored: list[str]) -> list[str]:
    """Rows whose 工号 looks like Excel turned it into a number: a missing stored id without its
    leading zeros, or a number in the workbook where other ids start with 0."""
    unlisted = {cadre_id.lstrip("0"): cadre_id for cadre_id in missing if cadre_id.startswith("0")}
    padded = any(
        i.startswith("0") and i.isdigit() for i in [*stored, *(e.record.id for e in roster.entries)]
    )
    found = []
    for entry in roster.entries:
        cadre_id = entry.record.id
        if cadre_id in unlisted:
            found.append(f"row {entry.row}: 工号 {cadre_id} may be {unlisted[cadre_id]}")
        elif entry.numeric_id and padded and cadre_id not in stored:
            found.append(f"row {entry.row}: 工号 {cadre_id} is a number in the workbook")
    return [f"{text} with its leading zeros lost (Excel stores it as a number)" for text in found]


def apply_roster(store: Store, plan: RosterPlan) -> None:
    """Write the plan — unit parents and every changed cadre — in one transaction."""
    if plan.refused:
        raise ImportFormatError(
            "the roster was not written:\n" + "\n".join(plan.refused),
            hint=REFUSED_HINT,
        )

    store.sync_roster([change.after for change in plan.changes], dict(plan.units))
