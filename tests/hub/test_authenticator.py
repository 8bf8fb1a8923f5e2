"""Signing in to a real hub through its login page (headless Chromium): roster accounts only,
the printed password changed at the first sign-in, trainers are admins."""

from __future__ import annotations

import pwd
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.hub.conftest import RunningHub, SignIn

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]


def test_first_sign_in_must_change_the_password_then_the_server_starts(
    running_hub: RunningHub, signed_in: dict[str, SignIn]
) -> None:
    assert set(signed_in) == {*running_hub.cadres, running_hub.trainer}
    for login, seen in signed_in.items():
        assert seen.after_login.endswith("/hub/change-password"), seen
        assert seen.refused_change == "两次输入的新密码不一致"
        assert f"/user/{login}/" in seen.final, seen


def test_only_the_new_password_signs_in_afterwards(
    running_hub: RunningHub, signed_in: dict[str, SignIn]
) -> None:
    for login, seen in signed_in.items():
        running_hub.token(login, seen.password)
        old = running_hub.api(
            "POST",
            f"/hub/api/users/{login}/tokens",
            json={"auth": {"username": login, "password": running_hub.initial[login]}},
        )
        assert old.status_code == 403, login


@pytest.mark.parametrize("who", ["stranger", "wrong password"])
def test_a_name_not_on_the_roster_or_a_wrong_password_is_refused(
    running_hub: RunningHub, hub_browser: Any, who: str
) -> None:
    login = "qkstranger1" if who == "stranger" else running_hub.waiting
    context = hub_browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(running_hub.url + "/hub/login")
        page.fill("#username_input", login)
        page.fill("#password_input", "not-the-password-123")
        page.click("#login_submit")
        page.locator(".login_error").wait_for(timeout=30_000)
        assert page.locator(".login_error").inner_text() == "登录名或密码不正确"
        assert urlparse(page.url).path == "/hub/login"
    finally:
        context.close()
    refused = running_hub.api(
        "POST",
        f"/hub/api/users/{login}/tokens",
        json={"auth": {"username": login, "password": "not-the-password-123"}},
    )
    assert refused.status_code == 403


def test_trainers_are_hub_admins_and_cadres_are_not(
    running_hub: RunningHub, signed_in: dict[str, SignIn]
) -> None:
    for login, seen in signed_in.items():
        model = running_hub.api("GET", "/hub/api/user", running_hub.token(login, seen.password))
        assert model.json()["admin"] is (login == running_hub.trainer), login


def test_no_server_and_no_os_user_before_the_printed_password_is_changed(
    running_hub: RunningHub, hub_browser: Any
) -> None:
    login = running_hub.waiting
    context = hub_browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(running_hub.url + "/hub/login")
        page.fill("#username_input", login)
        page.fill("#password_input", running_hub.initial[login])
        page.click("#login_submit")
        page.wait_for_url("**/hub/change-password", timeout=30_000)
        spawn = page.goto(running_hub.url + "/hub/spawn")  # skipping the change
        assert spawn is not None
        assert spawn.status == 403
        assert "请先修改初始密码" in page.inner_text("body")
    finally:
        context.close()
    token = running_hub.token(login, running_hub.initial[login])
    answer = running_hub.api("POST", f"/hub/api/users/{login}/server", token)
    assert answer.status_code == 403, (answer.status_code, answer.text)
    assert "请先修改初始密码" in answer.json()["message"]
    with pytest.raises(KeyError):
        pwd.getpwnam(login)
