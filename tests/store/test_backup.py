"""Online backup of the SQLite file while a writer keeps writing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quizkit.errors import StoreError
from quizkit.store import CadreRecord, Store, open_store

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_backup_while_another_process_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    with open_store(url) as store:
        store.upsert_cadre(CadreRecord(id="c001", name="张三", unit="甲镇"))
        attempt = store.start_attempt("c001", quiz_id="q")
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.store.writer", url, attempt.id, "1200", "--ack"],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        for _ in range(200):
            writer.stdout.readline()
        copies = [store.backup(tmp_path / f"copy{i}.db") for i in range(3)]
        lines = writer.communicate(timeout=300)[0].splitlines()
        assert json.loads(lines[-1])["error_count"] == 0
        final = store.counts()["answers"]
    assert final == 1200
    seen = []
    for copy in copies:
        assert not copy.with_name(copy.name + ".partial").exists()
        with open_store(f"sqlite:///{copy.as_posix()}", create=False) as backup:
            assert backup.integrity_check() == []
            seen.append(backup.counts()["answers"])
    assert 200 <= seen[0] <= seen[1] <= seen[2] <= final


def test_backup_into_a_folder_and_refusals(
    store: Store, cadre: CadreRecord, tmp_path: Path
) -> None:
    if store.dialect != "sqlite":
        with pytest.raises(StoreError, match="pg_dump"):
            store.backup(tmp_path / "x.db")
        return
    folder = tmp_path / "backups"
    folder.mkdir()
    written = store.backup(folder)
    assert written.parent == folder and written.name.startswith("quizkit-")
    with open_store(f"sqlite:///{written.as_posix()}", create=False) as copy:
        assert copy.get_cadre(cadre.id) == cadre
    with pytest.raises(StoreError, match="does not exist"):
        store.backup(tmp_path / "missing" / "x.db")
