"""Issuing certificates (合格证书) from a report, and verifying a code against the store.

Numbers run per year (XF2026xxxxx) and are recorded in the store with their verification code before
any file is written, so every printed certificate can be checked. Issuing again for the same cadre and
scope (session or year) returns the certificate already issued, with its number and code unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Protocol

import pandas as pd

from quizkit.certificates.codes import (
    NUMBER_PREFIX,
    codes_match,
    next_numbers,
    normalise_code,
    verification_code,
)
from quizkit.certificates.keys import key_fingerprint
from quizkit.reports import ReportSet
from quizkit.reports.cadres import STATUS_TAKEN
from quizkit.store import CertificateRecord


class CertificateStore(Protocol):
    def certificates_frame(self, *, session_id: str | None = None) -> pd.DataFrame: ...
    def certificate_numbers(self, prefix: str) -> list[str]: ...
    def record_certificates(self, rows: list[dict[str, Any]]) -> int: ...
    def find_certificate(self, code: str) -> CertificateRecord | None: ...


@dataclass(frozen=True)
class Certificate:
    """Everything printed on one certificate; ``fields()`` is what the code signs."""

    number: str
    code: str
    cadre_id: str
    name: str
    unit: str
    position: str
    course: str
    hours: float
    score: float
    band: str
    passed: bool
    issued_on: str  # ISO date
    issuing_body: str
    session_id: str | None
    scope: str
    key_fingerprint: str | None = None  # which key signed it (not itself signed); None: older rows
    # the public verify page its QR code links to (certificates/links.py); set when printed, not
    # signed, not stored; None: no public_url configured, no QR code
    verify_url: str | None = None

    def fields(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def verify_qr(self) -> str | None:
        """The QR code of ``verify_url`` as an SVG data URI, for the certificate template."""
        from quizkit.certificates.links import qr_data_uri  # segno only when printing with a QR

        return None if self.verify_url is None else qr_data_uri(self.verify_url)

    @property
    def title(self) -> str:
        return "培训合格证书" if self.passed else "培训证书"

    @property
    def issued_date(self) -> date:
        return date.fromisoformat(self.issued_on)


def _candidates(
    reports: ReportSet, include_failed: bool, cadre_ids: Iterable[str] | None, unit: str | None
) -> pd.DataFrame:
    rows = reports.cadres[reports.cadres["考试状态"] == STATUS_TAKEN]
    if not include_failed:
        rows = rows[rows["合格"].fillna(False).astype(bool)]
    if cadre_ids is not None:
        rows = rows[rows["编号"].isin(list(cadre_ids))]
    if unit is not None:
        rows = rows[rows["单位"] == unit]
    return rows


def issued_fingerprints(store: CertificateStore) -> list[str | None]:
    """The signing-key fingerprint of every stored certificate (None where none was recorded)."""
    frame = store.certificates_frame()
    payloads: list[Any] = list(frame["payload"]) if not frame.empty else []
    return [p.get("key_fingerprint") if isinstance(p, dict) else None for p in payloads]


def _existing(store: CertificateStore, reports: ReportSet) -> dict[str, Certificate]:
    frame = store.certificates_frame(session_id=reports.scope.session_id)
    found: dict[str, Certificate] = {}
    for payload in frame["payload"] if not frame.empty else []:
        if isinstance(payload, dict) and payload.get("scope") == reports.scope.label():
            found[str(payload["cadre_id"])] = Certificate(**payload)
    return found


def issue_certificates(
    store: CertificateStore,
    reports: ReportSet,
    key: bytes,
    *,
    include_failed: bool = False,
    cadre_ids: Iterable[str] | None = None,
    unit: str | None = None,
    issued_on: date | None = None,
) -> list[Certificate]:
    """Certificates for the cadres who passed (or all who sat), in the report's order."""
    rows = _candidates(reports, include_failed, cadre_ids, unit)
    existing = _existing(store, reports)
    day = issued_on or date.today()
    fresh = [row for _, row in rows.iterrows() if row["编号"] not in existing]
    prefix = f"{NUMBER_PREFIX}{day.year}"
    numbers = next_numbers(store.certificate_numbers(prefix), day.year, len(fresh))
    made: dict[str, Certificate] = {}
    for number, row in zip(numbers, fresh, strict=True):
        made[str(row["编号"])] = _certificate(reports, row, number, day, key)
    store.record_certificates([_record(cert) for cert in made.values()])
    return [existing.get(cadre_id) or made[cadre_id] for cadre_id in rows["编号"]]


def _certificate(
    reports: ReportSet, row: pd.Series, number: str, day: date, key: bytes
) -> Certificate:
    fields: dict[str, Any] = {
        "number": number,
        "code": "",
        "cadre_id": str(row["编号"]),
        "name": str(row["姓名"]),
        "unit": str(row["单位"]),
        "position": str(row["职务"]),
        "course": reports.title,
        "hours": float(row["学时"]),
        "score": float(row["成绩"]),
        "band": str(row["等级"]),
        "passed": bool(row["合格"]),
        "issued_on": day.isoformat(),
        "issuing_body": reports.issuing_body,
        "session_id": reports.scope.session_id,
        "scope": reports.scope.label(),
    }
    fields["code"] = verification_code(key, fields)
    return Certificate(**fields, key_fingerprint=key_fingerprint(key))


def _record(cert: Certificate) -> dict[str, Any]:
    return {
        "number": cert.number,
        "cadre_id": cert.cadre_id,
        "session_id": cert.session_id,
        "course": cert.course,
        "verification_code": cert.code,
        "payload": {name: value for name, value in cert.fields().items() if name != "verify_url"},
    }


@dataclass(frozen=True)
class Verification:
    valid: bool
    message: str
    certificate: Certificate | None = None


def verify_certificate(store: CertificateStore, key: bytes, typed: str) -> Verification:
    """Check a typed code: it must name a stored certificate whose fields it still signs."""
    code = normalise_code(typed)
    if code is None:
        return Verification(
            False, f"{typed!r} 不是有效的验证码格式（16 位字母数字，如 ABCD-EFGH-JKLM-NPQR）"
        )
    record = store.find_certificate(code)
    if record is None or record.verification_code != code:
        return Verification(False, f"验证码 {code} 不存在：该证书不是本系统颁发的，或验证码有误")
    try:
        cert = Certificate(**record.payload)
    except TypeError:
        return Verification(False, f"验证码 {code} 对应的证书记录不完整，无法核验")
    if cert.number != record.number or not codes_match(key, cert.fields(), code):
        return Verification(False, f"证书 {record.number} 的记录与验证码不符，记录可能被改动")
    return Verification(True, f"证书有效：{cert.number}，{cert.name}（{cert.unit}）", cert)


__all__ = [
    "Certificate",
    "Verification",
    "issue_certificates",
    "issued_fingerprints",
    "verify_certificate",
]
