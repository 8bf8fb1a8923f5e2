"""Store.sync_roster: a whole roster in one transaction, on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest

from quizkit.errors import StoreError
from quizkit.store import CadreRecord, Store
from tests.store.factories import make_cadre


def test_inserts_updates_and_sets_unit_parents(store: Store) -> None:
    store.sync_roster([make_cadre(1), make_cadre(2, unit="河西村")], {"河西村": "城关镇"})
    store.sync_roster([make_cadre(2, unit="河西村", position="主任"), make_cadre(3, unit="东风村")])
    assert sorted(c.id for c in store.find_cadres()) == ["c0001", "c0002", "c0003"]
    updated = store.get_cadre("c0002")
    assert updated is not None and updated.position == "主任"
    parents = store.units_frame().set_index("unit")["parent"].to_dict()
    assert parents["河西村"] == "城关镇"
    assert pd.isna(parents["东风村"])
    assert store.unit_parents() == {"城关镇": None, "河西村": "城关镇", "东风村": None}


def test_a_shared_login_writes_nothing(store: Store) -> None:
    records = [make_cadre(1, login="same"), make_cadre(2, login="same")]
    with pytest.raises(StoreError, match="share one login"):
        store.sync_roster(records)
    assert store.find_cadres() == []


def test_unit_loops_and_empty_fields_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="units form a loop"):
        store.sync_roster([make_cadre(1, unit="甲")], {"甲": "乙", "乙": "甲"})
    with pytest.raises(StoreError, match="lacks an id, a name or a unit"):
        store.sync_roster([CadreRecord("c9", "", "城关镇")])
    assert store.find_cadres() == []
