"""One OS user per hub login, so each cadre's server and kernels run under their own uid.

Made on the first start of a server (the hub runs as root): ``useradd`` with a home of its own, mode
0700 (Debian's ``useradd -m`` makes 0755 homes, which would let cadres read each other's notebooks),
no login shell, and membership of one group (``quizkit-users``) that marks the accounts quizkit made.
A login that names an existing OS user outside that group (``root``, ``postgres``…) is refused:
starting a server for it would hand a cadre that account.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from quizkit.errors import QuizkitError

DEFAULT_GROUP = "quizkit-users"
NO_SHELL = "/usr/sbin/nologin"


def _run(command: list[str]) -> None:
    tool = shutil.which(command[0], path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if tool is None:
        raise QuizkitError(
            f"{command[0]} is not installed", hint="install the passwd package (useradd, groupadd)"
        )
    done = subprocess.run([tool, *command[1:]], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise QuizkitError(
            f"{' '.join(command)} failed: {done.stderr.strip()}",
            hint="run the hub as root (quizkit hub start) so it can create the cadres' OS users",
        )


def ensure_group(group: str = DEFAULT_GROUP) -> None:
    try:
        grp.getgrnam(group)
    except KeyError:
        _run(["groupadd", "--system", group])


def is_ours(login: str, group: str = DEFAULT_GROUP) -> bool:
    """Whether this OS user exists and was made by quizkit (is in the group)."""
    try:
        entry = pwd.getpwnam(login)
        members = grp.getgrnam(group)
    except KeyError:
        return False
    return login in members.gr_mem or entry.pw_gid == members.gr_gid


def ensure_os_user(login: str, home_root: Path, group: str = DEFAULT_GROUP) -> Path:
    """The OS user for ``login``, made if missing; returns its home (made 0700, owned by it)."""
    ensure_group(group)
    try:
        entry = pwd.getpwnam(login)
    except KeyError:
        home = home_root / login
        home_root.mkdir(mode=0o755, parents=True, exist_ok=True)
        _run(["useradd", "--create-home", "--home-dir", str(home), "--shell", NO_SHELL,
              "--groups", group, "--comment", "quizkit", "-K", "HOME_MODE=0700", login])  # fmt: skip
        entry = pwd.getpwnam(login)
    else:
        if not is_ours(login, group):
            raise QuizkitError(
                f"登录名 {login} is already an OS user that quizkit did not create",
                hint="give the cadre another 登录名 in the roster (it must not name a system account)",
            )
    home = Path(entry.pw_dir)
    home.mkdir(mode=0o700, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o700)
    return home


__all__ = ["DEFAULT_GROUP", "ensure_group", "ensure_os_user", "is_ours"]
