"""The accounts file: argon2 hashes, first-sign-in marks, roles, and writes that are whole or nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from quizkit.errors import QuizkitError
from quizkit.hub.accounts import (
    Issued,
    Person,
    change_password,
    issue,
    read_accounts,
    remove,
    verify,
)

CADRES = [Person("zhangsan01", "张三", "城关镇"), Person("lisi02", "李四", "河口乡")]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "private" / "accounts.json"


def test_new_accounts_get_a_printed_password_that_must_be_changed(path: Path) -> None:
    issued = issue(path, CADRES)
    assert [i.person.login for i in issued] == ["zhangsan01", "lisi02"]
    text = path.read_text(encoding="utf-8")
    for item in issued:
        assert item.password not in text  # only the hash is kept
        account = verify(path, item.person.login, item.password)
        assert account is not None and account.must_change and not account.admin
        assert account.hash.startswith("$argon2id$")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_wrong_password_or_an_unknown_login_is_refused(path: Path) -> None:
    [first, _] = issue(path, CADRES)
    assert verify(path, "zhangsan01", first.password + "x") is None
    assert verify(path, "stranger", first.password) is None


def test_issuing_again_keeps_passwords_unless_reset(path: Path) -> None:
    [first, _] = issue(path, CADRES)
    again = issue(
        path, [Person("zhangsan01", "张三", "新单位"), Person("wangwu", "王五", "城关镇")]
    )
    assert [i.person.login for i in again] == ["wangwu"]
    kept = verify(path, "zhangsan01", first.password)
    assert kept is not None and kept.unit == "新单位"
    [reset] = issue(path, [CADRES[0]], reset=True)
    assert verify(path, "zhangsan01", first.password) is None
    assert verify(path, "zhangsan01", reset.password) is not None


def test_changing_the_password_needs_the_current_one_and_clears_the_mark(path: Path) -> None:
    [first, _] = issue(path, CADRES)
    assert not change_password(path, "zhangsan01", "wrong-one", "新的密码123")
    assert change_password(path, "zhangsan01", first.password, "新的密码123")
    account = verify(path, "zhangsan01", "新的密码123")
    assert account is not None and not account.must_change
    assert verify(path, "zhangsan01", first.password) is None


def test_trainers_are_admins_and_stay_trainers(path: Path) -> None:
    issue(path, [Person("teacher1", "赵老师", "县司法局", "trainer")])
    issue(path, [Person("teacher1", "赵老师", "县司法局")])  # also on the roster as a cadre
    assert read_accounts(path)["teacher1"].admin


def test_nothing_is_saved_when_the_slips_cannot_be_printed(path: Path) -> None:
    def deliver(issued: list[Issued]) -> None:
        raise QuizkitError("no Chinese font is installed")

    with pytest.raises(QuizkitError):
        issue(path, CADRES, deliver=deliver)
    assert read_accounts(path) == {}


@pytest.mark.parametrize(
    ("login", "why"),
    [("Zhang San", "is not usable"), ("001", "is not usable"), ("root;rm", "is not usable")],
)
def test_logins_that_cannot_be_os_users_are_refused_by_name(
    path: Path, login: str, why: str
) -> None:
    with pytest.raises(QuizkitError) as raised:
        issue(path, [Person(login, "张三", "城关镇"), *CADRES])
    assert f"张三 (城关镇): 登录名 {login!r} {why}" in str(raised.value)
    assert not path.exists()


def test_a_login_used_twice_is_refused(path: Path) -> None:
    with pytest.raises(QuizkitError, match="share 登录名 'zhangsan01'"):
        issue(path, [*CADRES, Person("zhangsan01", "张三丰", "河口乡")])


def test_removed_accounts_can_no_longer_sign_in(path: Path) -> None:
    [first, _] = issue(path, CADRES)
    assert remove(path, ["zhangsan01", "nobody"]) == ["zhangsan01"]
    assert verify(path, "zhangsan01", first.password) is None


def test_a_damaged_file_is_named(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(QuizkitError, match="accounts file cannot be read") as raised:
        read_accounts(path)
    assert raised.value.file == str(path)
