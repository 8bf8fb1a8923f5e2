"""`quizkit roster passwords`: accounts for the roster's cadres and the slips that carry the only
copy of each initial password (read back from the PDF and checked against the accounts file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from quizkit.cli import main
from quizkit.hub.accounts import read_accounts, verify
from quizkit.hub.config import write_hub
from quizkit.hub.layout import HubPlan
from quizkit.project import Project
from quizkit.records import CadreRecord
from tests.conftest import require_system_part


@pytest.fixture
def hub_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from quizkit.fonts import cjk_font_files

    require_system_part(bool(cjk_font_files()), "a CJK font for PDFs", "fonts-noto-cjk")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    monkeypatch.chdir(project)
    for name in ("QUIZKIT_ROOT", "QUIZKIT_DB_URL"):
        monkeypatch.delenv(name, raising=False)
    store = Project.open(project).store()
    store.upsert_cadres(
        [
            CadreRecord(id="001", name="张三", unit="城关镇", login="zhangsan01"),
            CadreRecord(id="002", name="李四", unit="河口乡", login="lisi02"),
            CadreRecord(id="003", name="王五", unit="河口乡", login="wangwu03", active=False),
        ]
    )
    store.close()
    hub = tmp_path / "hub"
    write_hub(HubPlan(hub_dir=str(hub), project_root=str(project), private_paths=()))
    return hub


def slip_passwords(pdf: Path) -> dict[str, str]:
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    found = re.findall(r"登录名：\s*(\S+)\s*初始密码：\s*(\S+)", text)
    return dict(found)


def test_active_cadres_get_accounts_and_slips_with_working_passwords(
    hub_dir: Path, tmp_path: Path
) -> None:
    slips = tmp_path / "slips.pdf"
    result = CliRunner().invoke(main, ["roster", "passwords", str(hub_dir), "-o", str(slips)])
    assert result.exit_code == 0, result.output
    passwords = slip_passwords(slips)
    assert set(passwords) == {"zhangsan01", "lisi02"}  # 王五 is 停用
    accounts = hub_dir / "private" / "accounts.json"
    for login, password in passwords.items():
        account = verify(accounts, login, password)
        assert account is not None and account.must_change and account.role == "cadre"
    assert read_accounts(accounts)["zhangsan01"].name == "张三"


def test_a_second_run_gives_nobody_a_new_password_unless_reset(
    hub_dir: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    first = tmp_path / "first.pdf"
    runner.invoke(main, ["roster", "passwords", str(hub_dir), "-o", str(first)])
    again = runner.invoke(
        main, ["roster", "passwords", str(hub_dir), "-o", str(tmp_path / "x.pdf")]
    )
    assert again.exit_code == 0 and "no new accounts" in again.output
    assert not (tmp_path / "x.pdf").exists()
    reset = tmp_path / "reset.pdf"
    args = ["roster", "passwords", str(hub_dir), "-o", str(reset), "--reset", "--login", "lisi02"]
    assert runner.invoke(main, args).exit_code == 0
    [(login, password)] = slip_passwords(reset).items()
    accounts = hub_dir / "private" / "accounts.json"
    assert login == "lisi02" and verify(accounts, login, password) is not None
    assert verify(accounts, login, slip_passwords(first)["lisi02"]) is None


def test_reset_needs_someone_named(hub_dir: Path, tmp_path: Path) -> None:
    args = ["roster", "passwords", str(hub_dir), "-o", str(tmp_path / "s.pdf"), "--reset"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "--reset needs --login or --unit" in result.output


def test_a_trainer_is_added_as_an_admin_with_a_password_shown_once(hub_dir: Path) -> None:
    runner = CliRunner()
    args = ["hub", "trainer", str(hub_dir), "teacher1", "--name", "赵老师", "--unit", "县司法局"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    password = re.search(r"初始密码: (\S+)", result.output)
    assert password is not None
    account = verify(hub_dir / "private" / "accounts.json", "teacher1", password.group(1))
    assert account is not None and account.admin and account.must_change
    assert "already has an account" in runner.invoke(main, args).output


def test_a_removed_cadre_can_no_longer_sign_in(hub_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    slips = tmp_path / "slips.pdf"
    runner.invoke(main, ["roster", "passwords", str(hub_dir), "-o", str(slips)])
    password = slip_passwords(slips)["lisi02"]
    result = runner.invoke(main, ["hub", "remove", str(hub_dir), "lisi02", "nobody"])
    assert result.exit_code == 0 and "removed 1 account(s); no account: nobody" in result.output
    assert verify(hub_dir / "private" / "accounts.json", "lisi02", password) is None
