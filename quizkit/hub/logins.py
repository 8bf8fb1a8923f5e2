"""Hub login names and initial passwords.

A cadre signs in with the roster's 登录名, else the 工号 (the same rule the kernel uses to find the
cadre from ``JUPYTERHUB_USER``). The login is also the name of the cadre's OS user, so it must be a
name ``useradd`` accepts on Debian, 统信UOS and 麒麟: lowercase letters, digits, ``_`` and ``-``,
starting with a letter, at most 32 characters.
"""

from __future__ import annotations

import re
import secrets

from quizkit.records import CadreRecord

LOGIN_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,31}")
LOGIN_HINT = "give the cadre a 登录名 of lowercase letters and digits starting with a letter (e.g. zhangsan01)"
# Initial passwords are read off paper and typed: no 0/O, 1/l/I.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 10  # 31**10 ≈ 8e14 guesses
MIN_PASSWORD_LENGTH = 8


def hub_login(cadre: CadreRecord) -> str:
    """The name this cadre signs in with (and runs as): the 登录名, else the 工号."""
    return (cadre.login or cadre.id).strip()


def is_valid_login(login: str) -> bool:
    return LOGIN_PATTERN.fullmatch(login) is not None


def initial_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def password_problem(new: str, confirm: str, old: str) -> str | None:
    """Why a new password is refused (in Chinese, shown on the change-password page), or None."""
    if new != confirm:
        return "两次输入的新密码不一致"
    if len(new) < MIN_PASSWORD_LENGTH:
        return f"新密码至少 {MIN_PASSWORD_LENGTH} 位"
    if new == old:
        return "新密码不能与初始密码相同"
    return None


__all__ = [
    "LOGIN_HINT",
    "MIN_PASSWORD_LENGTH",
    "hub_login",
    "initial_password",
    "is_valid_login",
    "password_problem",
]
