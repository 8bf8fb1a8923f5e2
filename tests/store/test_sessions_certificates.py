"""Session rows (rules as JSON) and certificates, for the sessions and exports modules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from quizkit.errors import StoreError
from quizkit.store import CadreRecord, SessionRow, Store

BEIJING = timezone(timedelta(hours=8))


def test_session_row_round_trip_and_update(store: Store) -> None:
    rules = {"attempts": 3, "minutes": 90, "count": "highest", "paper": {"单选": 40, "判断": 20}}
    opens = datetime(2026, 12, 1, 9, 0, tzinfo=BEIJING)
    row = store.create_session_row(
        code="2026-exam", title="2026年度学法考试", kind="exam", rules=rules, opens_at=opens
    )
    assert isinstance(row, SessionRow) and row.status == "draft"
    assert store.get_session_row(row.id) == row
    assert store.get_session_row(code="2026-exam") == row
    assert row.opens_at == opens and row.opens_at.tzinfo == UTC
    closes = opens + timedelta(days=7)
    updated = store.update_session_row(row.id, status="open", closes_at=closes, rules={"a": 1})
    assert updated.status == "open" and updated.closes_at == closes and updated.rules == {"a": 1}
    assert updated.code == row.code and updated.created_at == row.created_at
    assert store.get_session_row(row.id) == updated
    assert store.list_session_rows(status="open") == [updated]
    assert store.list_session_rows(status="closed") == []


def test_session_rows_refuse_bad_requests(store: Store) -> None:
    store.create_session_row(code="dup", title="t", kind="practice")
    with pytest.raises(StoreError, match="already used"):
        store.create_session_row(code="dup", title="t2", kind="exam")
    with pytest.raises(StoreError, match="does not exist"):
        store.update_session_row("ghost", status="open")
    with pytest.raises(ValueError, match="cannot update code"):
        store.update_session_row("ghost", code="x")
    assert store.get_session_row(code="ghost") is None
    assert store.counts()["sessions"] == 1


def test_certificates(store: Store, cadre: CadreRecord) -> None:
    session = store.create_session_row(code="s", title="t", kind="exam")
    issued = datetime(2026, 12, 20, 10, 0, tzinfo=UTC)
    cert = store.record_certificate(
        number="2026-0001",
        cadre_id=cadre.id,
        session_id=session.id,
        course="乡镇干部学法用法培训",
        verification_code="K7Q2-9XZA",
        issued_at=issued,
        payload={"score": 92.5, "band": "优秀"},
    )
    assert cert.id > 0 and cert.issued_at == issued
    assert store.find_certificate("K7Q2-9XZA") == cert
    assert store.find_certificate("2026-0001") == cert
    assert store.find_certificate("nope") is None
    assert store.certificates_for(cadre.id) == [cert]
    with pytest.raises(StoreError, match="already issued"):
        store.record_certificate(
            number="2026-0001", cadre_id=cadre.id, course="c", verification_code="OTHER"
        )
    with pytest.raises(StoreError, match="not on the roster"):
        store.record_certificate(number="x", cadre_id="ghost", course="c", verification_code="y")
    assert store.counts()["certificates"] == 1
