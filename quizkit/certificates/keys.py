"""The certificate signing key, and the guard that keeps earlier certificates verifiable.

The key lives beside the results (``results/certificate.key``, 32 random bytes as hex, readable only
by its owner) and must be backed up with the database. Each issued certificate records the key's
fingerprint (the first 16 hex digits of its SHA-256) in its stored payload. Issuing never makes a new
key while certificates exist, and refuses a key whose fingerprint is not the one they were signed
with: a new key would make every earlier certificate fail verification.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from quizkit.errors import StoreError

KEY_FILE = "certificate.key"
RESTORE_HINT = (
    "restore results/certificate.key from the backup made with the database "
    "(see docs/reports-and-certificates.md, 'The certificate key'); never make a new one"
)


def key_fingerprint(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


def load_key(results_dir: Path, *, create: bool = True) -> bytes:
    """The key in ``results_dir``; made (32 random bytes) when missing and ``create``.
    Issuing goes through :func:`signing_key`, which refuses to create one while certificates exist."""
    path = results_dir / KEY_FILE
    if path.is_file():
        text = path.read_text(encoding="utf-8").strip()
        try:
            return bytes.fromhex(text)
        except ValueError as error:
            raise StoreError(f"{path} is not a certificate key", hint=RESTORE_HINT) from error
    if not create:
        raise StoreError(
            f"no certificate key at {path}",
            hint="certificates are verified where they were issued: run this in the same project, "
            "or " + RESTORE_HINT,
        )
    results_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return load_key(results_dir, create=False)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key.hex() + "\n")
    return key


def signing_key(results_dir: Path, issued_fingerprints: Iterable[str | None]) -> bytes:
    """The key to issue with, given the fingerprints of the certificates already in the store
    (None for one issued before fingerprints were recorded)."""
    issued = list(issued_fingerprints)
    path = results_dir / KEY_FILE
    if not path.is_file():
        if issued:
            known = sorted({fp for fp in issued if fp})
            signed = f" (signed with key {', '.join(known)})" if known else ""
            raise StoreError(
                f"the certificate key {path} is missing, but {len(issued)} certificate(s) were "
                f"already issued{signed}: a new key would make all of them fail verification",
                hint=RESTORE_HINT,
            )
        return load_key(results_dir, create=True)
    key = load_key(results_dir, create=False)
    mine = key_fingerprint(key)
    others = sorted({fp for fp in issued if fp and fp != mine})
    if others:
        raise StoreError(
            f"{path} (fingerprint {mine}) is not the key the stored certificates were signed with "
            f"({', '.join(others)})",
            hint=RESTORE_HINT,
        )
    return key


__all__ = ["KEY_FILE", "key_fingerprint", "load_key", "signing_key"]
