"""The hub's sign-in: cadres on the roster and trainers, from the accounts file (argon2 hashes).

Why not an existing authenticator: NativeAuthenticator is built around self sign-up and an admin who
approves each account, with no "change the password at first sign-in"; PAM would make every cadre's
password a system password. This one is small: a login form, an argon2 check against
:mod:`quizkit.hub.accounts`, and a change-password page.

First sign-in: a cadre whose account still has its printed initial password is signed in, sent to
``/hub/change-password`` and cannot start a server (``pre_spawn_start`` refuses) until the password
is changed. Trainers are hub admins; everyone else is not (admin rights follow the file at each
sign-in). Loaded only inside the hub process.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from jupyterhub.auth import Authenticator  # type: ignore[import-untyped]
from jupyterhub.handlers import BaseHandler  # type: ignore[import-untyped]
from jupyterhub.handlers.login import LoginHandler  # type: ignore[import-untyped]
from jupyterhub.utils import url_path_join  # type: ignore[import-untyped]
from tornado import web
from traitlets import Unicode

from quizkit.hub.accounts import Account, change_password, read_accounts, verify
from quizkit.hub.logins import password_problem

CHANGE_PAGE = "change-password"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # JupyterHub.template_paths


class RosterAuthenticator(Authenticator):  # type: ignore[misc]
    """Cadres and trainers listed in the accounts file, with their own passwords."""

    accounts_file = Unicode(
        help="The accounts file written by `quizkit roster passwords` and `quizkit hub trainer`."
    ).tag(config=True)

    def account(self, login: str) -> Account | None:
        return read_accounts(Path(self.accounts_file)).get(login)

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
        login = self.normalize_username(data.get("username", "").strip())
        password = data.get("password", "")
        if not login or not password:
            return None
        found = await asyncio.to_thread(verify, Path(self.accounts_file), login, password)
        if found is None:
            return None
        return {"name": found.login, "admin": found.admin}

    def check_allowed(self, username: str, authentication: Any = None) -> bool:
        return self.account(username) is not None

    def pre_spawn_start(self, user: Any, spawner: Any) -> None:
        account = self.account(user.name)
        if account is None:
            raise _refusal(f"{user.name} 不在学员名单上，不能启动服务器")
        if account.must_change:
            raise _refusal("请先修改初始密码（/hub/change-password），再开始学习")

    def get_handlers(self, app: Any) -> list[tuple[str, type[BaseHandler]]]:
        return [("/login", RosterLoginHandler), (f"/{CHANGE_PAGE}", ChangePasswordHandler)]


def _refusal(message: str) -> web.HTTPError:
    """A 403 whose message the hub's error page shows as it is (a failed spawn otherwise gets
    the generic "Failed to start your server")."""
    error = web.HTTPError(403, message)
    error.jupyterhub_message = message  # type: ignore[attr-defined]  # read by the error page
    return error


def _must_change(handler: BaseHandler, login: str) -> bool:
    account = handler.authenticator.account(login)
    return account is not None and account.must_change


class RosterLoginHandler(LoginHandler):  # type: ignore[misc]
    """The hub's login page; a first sign-in goes to the change-password page instead of the server."""

    def get_next_url(self, user: Any = None, default: str | None = None) -> str:
        if user is not None and _must_change(self, user.name):
            return str(url_path_join(self.hub.base_url, CHANGE_PAGE))
        return str(super().get_next_url(user, default))


class ChangePasswordHandler(BaseHandler):  # type: ignore[misc]
    """修改密码: the current password, the new one twice."""

    async def _page(self, message: str = "", status: int = 200) -> None:
        self.set_status(status)
        first = _must_change(self, self.current_user.name)
        html = await self.render_template(
            "quizkit-change-password.html", message=message, first_login=first
        )
        self.finish(html)

    @web.authenticated
    async def get(self) -> None:
        await self._page()

    @web.authenticated
    async def post(self) -> None:
        old = self.get_body_argument("current_password", default="", strip=False)
        new = self.get_body_argument("new_password", default="", strip=False)
        confirm = self.get_body_argument("confirm_password", default="", strip=False)
        problem = password_problem(new, confirm, old)
        if problem is not None:
            await self._page(problem, 400)
            return
        path = Path(self.authenticator.accounts_file)
        name = self.current_user.name
        if not await asyncio.to_thread(change_password, path, name, old, new):
            await self._page("当前密码不正确", 403)
            return
        self.log.info("quizkit: %s changed their password", name)
        self.redirect(url_path_join(self.hub.base_url, "spawn"))


__all__ = ["TEMPLATES", "ChangePasswordHandler", "RosterAuthenticator", "RosterLoginHandler"]
