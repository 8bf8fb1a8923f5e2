"""What the public verify page may say: six facts for a genuine certificate, nothing for a number alone,
and plain Chinese for an unknown or altered code or record."""

from __future__ import annotations

import json
import sqlite3

from quizkit.certificates.issuing import Certificate, issue_certificates
from quizkit.certificates.keys import load_key
from quizkit.certificates.public import check_public
from tests.export.conftest import COURSE_TITLE, Project


def issued(project: Project) -> tuple[bytes, dict[str, Certificate]]:
    key = load_key(project.settings.results_dir)
    certs = issue_certificates(project.store, project.reports(), key)  # type: ignore[arg-type]
    return key, {cert.cadre_id: cert for cert in certs}


def altered(code: str) -> str:
    return code[:-1] + ("A" if code[-1] != "A" else "B")


def test_a_genuine_certificate_shows_six_facts_and_nothing_else(project: Project) -> None:
    key, certs = issued(project)
    cert = certs["c01"]
    for number in (None, cert.number):
        check = check_public(project.store, key, cert.code.lower().replace("-", " "), number)
        assert (check.outcome, check.headline) == ("valid", "证书有效")
        day = cert.issued_date
        assert check.facts == (
            ("证书编号", cert.number),
            ("姓名", "张伟"),
            ("单位", "城关镇"),
            ("课程", COURSE_TITLE),
            ("结果", "优秀"),
            ("发证日期", f"{day.year}年{day.month}月{day.day}日"),
        )
    shown = json.dumps([check.headline, check.detail, check.facts], ensure_ascii=False)
    for private in (cert.cadre_id, cert.position, "95", cert.scope, cert.issuing_body):
        assert private not in shown, private


def test_an_unknown_code_is_said_plainly(project: Project) -> None:
    key, certs = issued(project)
    check = check_public(project.store, key, altered(certs["c01"].code))
    assert (check.outcome, check.headline, check.facts) == ("unknown", "查无此证", ())
    assert "不是本系统颁发的，或验证码有误" in check.detail
    malformed = check_public(project.store, key, "12345")
    assert (malformed.outcome, malformed.facts) == ("unknown", ())
    assert "不是证书验证码的格式" in malformed.detail


def test_a_number_alone_shows_nothing(project: Project) -> None:
    key, certs = issued(project)
    check = check_public(project.store, key, certs["c01"].number)
    assert (check.outcome, check.facts) == ("unknown", ())


def test_a_code_altered_beside_its_number_is_said_to_be_altered(project: Project) -> None:
    key, certs = issued(project)
    first, second = certs["c01"], certs["c02"]
    for code in (altered(first.code), second.code):  # a changed code; another certificate's code
        check = check_public(project.store, key, code, first.number)
        assert (check.outcome, check.headline, check.facts) == ("altered", "验证码被改动", ())
        assert f"证书 {first.number} 的验证码不是" in check.detail
    unknown_number = check_public(project.store, key, altered(first.code), "XF209900001")
    assert unknown_number.outcome == "unknown"


def test_a_record_altered_in_the_database_is_said_to_be_altered(project: Project) -> None:
    key, certs = issued(project)
    cert = certs["c03"]
    with sqlite3.connect(project.root / "results" / "quizkit.db") as conn:
        (payload,) = conn.execute(
            "SELECT payload FROM certificates WHERE number = ?", (cert.number,)
        ).fetchone()
        conn.execute(
            "UPDATE certificates SET payload = ? WHERE number = ?",
            (json.dumps({**json.loads(payload), "name": "王五"}, ensure_ascii=False), cert.number),
        )
    check = check_public(project.store, key, cert.code, cert.number)
    assert (check.outcome, check.headline, check.facts) == ("altered", "证书记录已被改动", ())
    assert "记录可能被改动" in check.detail
