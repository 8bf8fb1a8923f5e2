"""Issued certificates (合格证书): a unique number and a verification code per certificate."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from quizkit.errors import StoreError
from quizkit.records import CertificateRecord, as_utc, utc_now
from quizkit.store.base import StoreBase
from quizkit.store.schema import cadres, certificates


def certificate_from_row(row: Mapping[Any, Any]) -> CertificateRecord:
    return CertificateRecord(
        id=int(row["id"]),
        number=row["number"],
        cadre_id=row["cadre_id"],
        session_id=row["session_id"],
        course=row["course"],
        issued_at=row["issued_at"],
        verification_code=row["verification_code"],
        payload=dict(row["payload"] or {}),
    )


class CertificatesMixin(StoreBase):
    def record_certificate(
        self,
        *,
        number: str,
        cadre_id: str,
        course: str,
        verification_code: str,
        session_id: str | None = None,
        issued_at: datetime | None = None,
        payload: dict[str, Any] | None = None,
    ) -> CertificateRecord:
        """Store an issued certificate; a number or code that was already issued is refused."""
        values: dict[str, Any] = {
            "number": number,
            "cadre_id": cadre_id,
            "session_id": session_id,
            "course": course,
            "issued_at": utc_now() if issued_at is None else as_utc(issued_at),
            "verification_code": verification_code,
            "payload": payload or {},
        }
        with self._write() as conn:
            if conn.execute(select(cadres.c.id).where(cadres.c.id == cadre_id)).first() is None:
                raise StoreError(f"cadre {cadre_id!r} is not on the roster")
            clash = conn.execute(
                select(certificates.c.number).where(
                    or_(
                        certificates.c.number == number,
                        certificates.c.verification_code == verification_code,
                    )
                )
            ).first()
            if clash is not None:
                raise StoreError(
                    f"certificate number {number!r} or its verification code was already issued",
                    hint="use find_certificate to reuse it, or issue a new number",
                )
            new_id = conn.execute(certificates.insert().values(**values)).inserted_primary_key
        return certificate_from_row({**values, "id": new_id[0] if new_id else 0})

    def find_certificate(self, code: str) -> CertificateRecord | None:
        """The certificate with this verification code (or, failing that, this number)."""
        query = select(certificates).where(
            or_(certificates.c.verification_code == code, certificates.c.number == code)
        )
        with self._read() as conn:
            rows = list(conn.execute(query.order_by(certificates.c.id)).mappings())
        exact = [row for row in rows if row["verification_code"] == code] or rows
        return certificate_from_row(exact[0]) if exact else None

    def certificates_for(self, cadre_id: str) -> list[CertificateRecord]:
        """The cadre's certificates, oldest first."""
        query = (
            select(certificates)
            .where(certificates.c.cadre_id == cadre_id)
            .order_by(certificates.c.issued_at, certificates.c.id)
        )
        with self._read() as conn:
            return [certificate_from_row(row) for row in conn.execute(query).mappings()]
