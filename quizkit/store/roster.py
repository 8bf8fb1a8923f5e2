"""Units (单位) and the roster of cadres."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from quizkit.errors import StoreError
from quizkit.records import CadreRecord
from quizkit.store.base import StoreBase
from quizkit.store.schema import cadres, units


@contextmanager
def unique_logins() -> Iterator[None]:
    """Around a roster write: the database refusing a login used twice becomes an error that says so."""
    try:
        yield
    except StoreError as error:
        if isinstance(error.__cause__, IntegrityError):
            raise StoreError(
                "two cadres share one login",
                hint="give each cadre a different login, or leave it empty",
            ) from error
        raise


def cadre_from_row(row: Mapping[Any, Any]) -> CadreRecord:
    return CadreRecord(
        id=row["id"],
        name=row["name"],
        unit=row["unit"],
        position=row["position"],
        phone=row["phone"],
        exempt=bool(row["exempt"]),
        exempt_reason=row["exempt_reason"],
        login=row["login"],
        active=bool(row["active"]),
        track=row["track"],
    )


def ensure_unit(conn: Connection, name: str, parent: str | None = None) -> None:
    """Insert the unit (and its parent) when missing; an existing unit keeps its parent unless given."""
    if parent is not None:
        ensure_unit(conn, parent)
    found = conn.execute(select(units.c.parent).where(units.c.name == name)).first()
    if found is None:
        conn.execute(units.insert().values(name=name, parent=parent))
    elif parent is not None and found.parent != parent:
        conn.execute(units.update().where(units.c.name == name).values(parent=parent))


def _check_cadre(cadre: CadreRecord) -> None:
    for field in ("id", "name", "unit"):
        if not str(getattr(cadre, field)).strip():
            raise StoreError(
                f"cadre {cadre.id or cadre.name!r}: '{field}' is empty",
                item=cadre.id or None,
                hint="every cadre needs an id, a name and a unit (单位)",
            )


def _put_cadre(conn: Connection, cadre: CadreRecord) -> None:
    _check_cadre(cadre)
    ensure_unit(conn, cadre.unit)
    values = asdict(cadre)
    values["login"] = cadre.login or None
    values["track"] = cadre.track or None
    exists = conn.execute(select(cadres.c.id).where(cadres.c.id == cadre.id)).first()
    if exists is None:
        conn.execute(cadres.insert().values(**values))
    else:
        conn.execute(cadres.update().where(cadres.c.id == cadre.id).values(**values))


class RosterMixin(StoreBase):
    def upsert_unit(self, name: str, parent: str | None = None) -> None:
        """Add a unit, or set its parent (镇 → 站所/村); parents are created as needed."""
        if not name.strip():
            raise StoreError("a unit needs a name", hint="give the 单位 name")
        if parent == name:
            raise StoreError(f"unit {name!r} cannot be its own parent")
        with self._write() as conn:
            ensure_unit(conn, name, parent)

    def upsert_cadre(self, cadre: CadreRecord) -> None:
        """Add the cadre or replace every field of the cadre with this id."""
        self.upsert_cadres([cadre])

    def upsert_cadres(self, cadres_: Iterable[CadreRecord]) -> None:
        """Add or replace many cadres in one transaction: all are stored, or none."""
        with unique_logins(), self._write() as conn:
            for cadre in cadres_:
                _put_cadre(conn, cadre)

    def unit_parents(self) -> dict[str, str | None]:
        """The unit tree: each unit (单位) and the unit above it (None for a top unit)."""
        with self._read() as conn:
            rows = conn.execute(select(units.c.name, units.c.parent)).all()
        return {str(name): (str(parent) if parent else None) for name, parent in rows}

    def get_cadre(self, cadre_id: str) -> CadreRecord | None:
        with self._read() as conn:
            row = conn.execute(select(cadres).where(cadres.c.id == cadre_id)).mappings().first()
        return None if row is None else cadre_from_row(row)

    def find_cadres(
        self, *, name: str | None = None, unit: str | None = None, login: str | None = None
    ) -> list[CadreRecord]:
        """Cadres matching every given field exactly, ordered by unit, name, id (code points, the
        same on every database whatever its collation)."""
        query = select(cadres)
        if name is not None:
            query = query.where(cadres.c.name == name)
        if unit is not None:
            query = query.where(cadres.c.unit == unit)
        if login is not None:
            query = query.where(cadres.c.login == login)
        with self._read() as conn:
            found = [cadre_from_row(row) for row in conn.execute(query).mappings()]
        return sorted(found, key=lambda c: (c.unit, c.name, c.id))
