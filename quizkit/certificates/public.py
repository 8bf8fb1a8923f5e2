"""What the public verify page may say about a certificate (its QR code leads there).

Anyone can open the page, so it shows only what the printed certificate already shows to whoever holds
it — number, name, unit, course, result band and date — and nothing else (no cadre id, position, score,
hours or phone). It answers one of three ways, in plain Chinese:

- valid:   the code names a stored certificate whose fields it still signs (and, from a QR code, the
           number beside it is that certificate's number);
- unknown: no certificate has this code (or the code is not in the printed form at all);
- altered: the number is known but the code is not its code (the QR code or the typed code was
           changed), or the stored record no longer matches its code (the record was changed).

A number alone never shows anything: numbers run in sequence and could be enumerated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quizkit.certificates.codes import codes_match, normalise_code
from quizkit.certificates.issuing import Certificate, CertificateStore

Outcome = Literal["valid", "unknown", "altered"]
CODE_SHAPE = "16 位字母或数字，如 ABCD-EFGH-JKLM-NPQR"
ASK_ISSUER = "如有疑问，请向发证机关核实。"


@dataclass(frozen=True)
class PublicCheck:
    """The page's answer: ``facts`` are (label, value) pairs, shown only for a valid certificate."""

    outcome: Outcome
    headline: str
    detail: str
    facts: tuple[tuple[str, str], ...] = ()


def public_facts(cert: Certificate) -> tuple[tuple[str, str], ...]:
    """The six things the page may show, as the certificate prints them."""
    day = cert.issued_date
    return (
        ("证书编号", cert.number),
        ("姓名", cert.name),
        ("单位", cert.unit),
        ("课程", cert.course),
        ("结果", cert.band),
        ("发证日期", f"{day.year}年{day.month}月{day.day}日"),
    )


def check_public(
    store: CertificateStore, key: bytes, typed_code: str, number: str | None = None
) -> PublicCheck:
    """Check a code (and the number printed beside it in the QR link, when given)."""
    code = normalise_code(typed_code)
    if code is None:
        return _unknown(
            f"“{typed_code[:40]}”不是证书验证码的格式（{CODE_SHAPE}）。请核对后重新输入。"
        )
    record = store.find_certificate(code)
    found = record if record is not None and record.verification_code == code else None
    if found is None:
        if number and _known_number(store, number):
            return _altered_code(number, code)
        return _unknown(f"验证码 {code} 没有对应的证书：该证书不是本系统颁发的，或验证码有误。")
    if number and found.number != number:
        return _altered_code(number, code)
    try:
        cert = Certificate(**found.payload)
    except TypeError:
        cert = None
    if cert is None or cert.number != found.number or not codes_match(key, cert.fields(), code):
        return PublicCheck(
            "altered",
            "证书记录已被改动",
            f"证书 {found.number} 的记录与验证码不符，记录可能被改动。{ASK_ISSUER}",
        )
    return PublicCheck(
        "valid", "证书有效", "以下为发证记录中的信息，请与证书原件核对。", public_facts(cert)
    )


def _known_number(store: CertificateStore, number: str) -> bool:
    record = store.find_certificate(number)
    return record is not None and record.number == number


def _unknown(detail: str) -> PublicCheck:
    return PublicCheck("unknown", "查无此证", f"{detail}{ASK_ISSUER}")


def _altered_code(number: str, code: str) -> PublicCheck:
    return PublicCheck(
        "altered",
        "验证码被改动",
        f"证书 {number} 的验证码不是 {code}：二维码或验证码被改动或抄错。{ASK_ISSUER}",
    )


__all__ = ["Outcome", "PublicCheck", "check_public", "public_facts"]
