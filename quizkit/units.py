"""The unit tree (镇 → 站所/村) and who a session admits: one rule for sittings and reports.

A session limited by its rules' ``units`` admits the cadres of those units and of every unit under
them; its ``cadres`` admits the cadres named; a session that lists neither admits everyone. Sittings
refuse a cadre the session does not admit (``quizkit.sessions.admission``) and reports count as 应考
only the cadres it admits (``quizkit.reports.cadres``), so both read this module. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence


def unit_admitted(unit: str, allowed: Collection[str], parents: Mapping[str, str | None]) -> bool:
    """Whether ``unit`` or one of its parent units is in ``allowed`` (empty: every unit)."""
    if not allowed:
        return True
    seen: set[str] = set()
    current: str | None = unit
    while current is not None and current not in seen:
        if current in allowed:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def cadre_admitted(
    cadre_id: str,
    unit: str,
    *,
    units: Collection[str],
    cadres: Collection[str],
    parents: Mapping[str, str | None],
) -> bool:
    """Whether a session limited to ``units`` and ``cadres`` admits this cadre (neither: everyone)."""
    return admitted_cadres([cadre_id], [unit], units=units, cadres=cadres, parents=parents)[0]


def admitted_cadres(
    cadre_ids: Sequence[str],
    cadre_units: Sequence[str],
    *,
    units: Collection[str],
    cadres: Collection[str],
    parents: Mapping[str, str | None],
) -> list[bool]:
    """:func:`cadre_admitted` for many cadres (``cadre_units``: each one's unit): the unit rule is
    worked out once per distinct unit, not once per cadre."""
    if not units and not cadres:
        return [True] * len(cadre_ids)
    by_unit = {
        unit: bool(units) and unit_admitted(unit, units, parents) for unit in set(cadre_units)
    }
    named = set(cadres)
    return [
        cadre in named or by_unit[unit] for cadre, unit in zip(cadre_ids, cadre_units, strict=True)
    ]


__all__ = ["admitted_cadres", "cadre_admitted", "unit_admitted"]
