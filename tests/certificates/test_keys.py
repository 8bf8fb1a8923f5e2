"""The signing key is never silently replaced while certificates exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.certificates.issuing import issue_certificates, issued_fingerprints
from quizkit.certificates.keys import KEY_FILE, key_fingerprint, load_key, signing_key
from quizkit.errors import StoreError
from tests.export.conftest import Project


def test_no_certificates_yet_makes_a_key_once(tmp_path: Path) -> None:
    key = signing_key(tmp_path, [])
    assert (tmp_path / KEY_FILE).is_file()
    assert signing_key(tmp_path, [key_fingerprint(key)]) == key
    assert oct((tmp_path / KEY_FILE).stat().st_mode & 0o777) in ("0o600", "0o666")  # 666: Windows


def test_a_lost_key_is_refused_naming_the_backup(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is missing, but 3 certificate") as caught:
        signing_key(tmp_path, ["ab12cd34ef56ab12", "ab12cd34ef56ab12", None])
    assert "ab12cd34ef56ab12" in str(caught.value)
    assert "restore results/certificate.key from the backup" in str(caught.value)
    assert not (tmp_path / KEY_FILE).exists()


def test_older_certificates_without_fingerprint_still_block_a_new_key(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="1 certificate"):
        signing_key(tmp_path, [None])


def test_a_different_key_is_refused(tmp_path: Path) -> None:
    load_key(tmp_path)  # a new key, e.g. made on another machine
    with pytest.raises(StoreError, match="is not the key the stored certificates were signed with"):
        signing_key(tmp_path, ["0000000000000000"])


def test_issued_certificates_carry_the_fingerprint_and_guard_the_key(project: Project) -> None:
    results = project.settings.results_dir
    key = signing_key(results, issued_fingerprints(project.store))  # type: ignore[arg-type]
    issued = issue_certificates(project.store, project.reports(), key)  # type: ignore[arg-type]
    assert issued and {c.key_fingerprint for c in issued} == {key_fingerprint(key)}
    stored = issued_fingerprints(project.store)  # type: ignore[arg-type]
    assert stored == [key_fingerprint(key)] * len(issued)
    (results / KEY_FILE).unlink()
    with pytest.raises(StoreError, match="missing"):
        signing_key(results, issued_fingerprints(project.store))  # type: ignore[arg-type]
