"""The hub's accounts file: who may sign in, with an argon2 hash of each password.

One JSON file, readable by root only (``<hub dir>/private/accounts.json``, 0600 in a 0700 folder):

    {"version": 1, "accounts": {"zhangsan01": {"name": "张三", "unit": "城关镇", "role": "cadre",
                                               "hash": "$argon2id$…", "must_change": true}}}

``quizkit roster passwords`` adds cadres from the roster (a new account gets an initial password that
must be changed at the first sign-in); ``quizkit hub trainer`` adds trainers, who are hub admins. The
hub's authenticator reads the file on every sign-in, so a cadre added while the hub runs can sign in at
once. Every change is a read-modify-write under an OS lock on ``accounts.json.lock`` and lands through
a temporary file and a replace, so the hub and the CLI never lose each other's writes. Plain
passwords are never stored: they exist only on the printed slip.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from quizkit.atomicfile import replacing
from quizkit.errors import QuizkitError
from quizkit.hub.logins import LOGIN_HINT, initial_password, is_valid_login

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the hub itself runs only on Linux
    fcntl = None  # type: ignore[assignment]

Role = Literal["cadre", "trainer"]
VERSION = 1
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


@dataclass(frozen=True)
class Account:
    login: str
    name: str
    unit: str
    role: Role
    hash: str
    must_change: bool = True

    @property
    def admin(self) -> bool:
        return self.role == "trainer"


@dataclass(frozen=True)
class Person:
    """Someone to give an account: a cadre from the roster or a trainer named on the command line."""

    login: str
    name: str
    unit: str
    role: Role = "cadre"


@dataclass(frozen=True)
class Issued:
    """An account just given an initial password: what the sign-in slip prints."""

    person: Person
    password: str


def read_accounts(path: Path) -> dict[str, Account]:
    """Every account in the file (none when it does not exist yet)."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows: dict[str, dict[str, Any]] = data["accounts"]
        return {login: Account(login=login, **row) for login, row in rows.items()}
    except (ValueError, KeyError, TypeError) as error:
        raise QuizkitError(
            f"the accounts file cannot be read: {error}",
            file=path,
            hint="restore it from the backup of the hub folder (docs/deploy-hub.md, Backup)",
        ) from error


def _write(path: Path, accounts: dict[str, Account]) -> None:
    rows = {
        login: {k: v for k, v in asdict(a).items() if k != "login"} for login, a in accounts.items()
    }
    text = json.dumps({"version": VERSION, "accounts": rows}, ensure_ascii=False, indent=1)
    with replacing(path) as temporary:
        os.chmod(temporary, 0o600)  # before a byte of it is written
        temporary.write_text(text + "\n", encoding="utf-8")


@contextmanager
def _locked(path: Path) -> Iterator[dict[str, Account]]:
    """The accounts, held under the file's lock; what the block leaves in the dict is written."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        accounts = read_accounts(path)
        before = dict(accounts)
        yield accounts
        if accounts != before:
            _write(path, accounts)
    finally:
        os.close(descriptor)  # closing releases the lock


def check_logins(people: Iterable[Person]) -> None:
    """Refuse, naming each one, logins that cannot be OS user names or are used twice."""
    seen: dict[str, str] = {}
    problems: list[str] = []
    for person in people:
        if not is_valid_login(person.login):
            problems.append(f"{person.name} ({person.unit}): 登录名 {person.login!r} is not usable")
        elif person.login in seen:
            problems.append(f"{person.name} and {seen[person.login]} share 登录名 {person.login!r}")
        seen.setdefault(person.login, person.name)
    if problems:
        raise QuizkitError(
            f"{len(problems)} login(s) cannot be used on the hub: " + "; ".join(problems),
            hint=LOGIN_HINT + "; fix the roster (quizkit roster import) and run this again",
        )


def issue(
    path: Path,
    people: Iterable[Person],
    *,
    reset: bool = False,
    deliver: Callable[[list[Issued]], None] | None = None,
) -> list[Issued]:
    """Give each person without an account (every person, with ``reset``) a new initial password
    that must be changed at the first sign-in; names and units are brought up to date, and a trainer
    stays a trainer. ``deliver`` (printing the slips) runs before anything is saved: when it fails,
    no account changes, so no password exists that nobody was given."""
    people = list(people)
    check_logins(people)
    issued: list[Issued] = []
    with _locked(path) as accounts:
        for person in people:
            known = accounts.get(person.login)
            role: Role = "trainer" if known and known.role == "trainer" else person.role
            if known is not None and not reset:
                accounts[person.login] = replace(
                    known, name=person.name, unit=person.unit, role=role
                )
                continue
            password = initial_password()
            accounts[person.login] = Account(
                person.login, person.name, person.unit, role, _HASHER.hash(password)
            )
            issued.append(Issued(person, password))
        if issued and deliver is not None:
            deliver(issued)
    return issued


def verify(path: Path, login: str, password: str) -> Account | None:
    """The account when ``password`` is its password, else None (unknown login included)."""
    account = read_accounts(path).get(login)
    if account is None:
        _HASHER.hash(password)  # about the same time as a wrong password: logins are not probed
        return None
    try:
        _HASHER.verify(account.hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return account


def change_password(path: Path, login: str, old: str, new: str) -> bool:
    """Set a new password when ``old`` is the current one; the first-sign-in mark is cleared."""
    with _locked(path) as accounts:
        account = accounts.get(login)
        if account is None:
            return False
        try:
            _HASHER.verify(account.hash, old)
        except (VerificationError, InvalidHashError):
            return False
        accounts[login] = replace(account, hash=_HASHER.hash(new), must_change=False)
    return True


def remove(path: Path, logins: Iterable[str]) -> list[str]:
    """Delete these accounts (a cadre who left); returns the logins that existed."""
    with _locked(path) as accounts:
        return [login for login in logins if accounts.pop(login, None) is not None]


__all__ = [
    "Account",
    "Issued",
    "Person",
    "change_password",
    "check_logins",
    "issue",
    "read_accounts",
    "remove",
    "verify",
]
