"""Voilà over ``courses/`` for cadres: the course home at ``/``, our template, preheated kernels.

``python -m quizkit.app`` (``python3 dev.py lab`` starts it beside JupyterLab) serves every notebook
of the courses folder as a page: no code, no menus, no "运行所有单元格". What is set here, and why:

- the ``quizkit`` template (``share/voila/templates/quizkit``): Chinese loading and error texts,
  ``lang="zh-CN"``, nothing loaded from the internet, light or dark as the device is, sized for phones;
  its Jinja filters (:mod:`quizkit.app.cells`) put the page cell before a notebook's own cells;
- ``/`` and Voilà's file list lead to the course home (``home.ipynb``): cadres never see a file tree;
- preheated kernels (Voilà's kernel pool): one kernel per page a cadre opens (the home, every lesson
  of course.yaml, the 错题本, 今日复习 and the exam page) is started and warmed in advance, so a page
  opens without a cold kernel start. The page cell makes a warm kernel wait for the request before
  anything identity-dependent runs (docs/app-mode.md). Trainer notebooks are never preheated:
  running them creates sessions;
- tracebacks are never sent to the browser (Voilà's default, kept).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from traitlets.config import Config

from quizkit.bank.course import COURSE_FILE, load_course
from quizkit.errors import QuizkitError
from quizkit.settings import load_settings

HOME_NOTEBOOK = "home.ipynb"
TEMPLATE = "quizkit"
SHARE_DIR = Path(__file__).resolve().parent / "share"
STUDY_PAGES = ("exam/mistakes.ipynb", "exam/review.ipynb", "exam/exam.ipynb")
FILTERS = {
    "quizkit_page": "quizkit.app.cells.with_page_cell",
    "quizkit_title": "quizkit.app.cells.page_title",
}
UNUSED_EXTENSIONS = ("jupyterlab_pygments",)
DEFAULT_PORT = 8866
IDLE_KERNEL_SECONDS = 3600  # a page left open without a browser (a phone put away) frees its kernel


def home_url(base_url: str = "/") -> str:
    """Where a cadre lands: the course home page in app mode."""
    return f"{base_url.rstrip('/')}/voila/render/{HOME_NOTEBOOK}"


def preheated_pages(courses_dir: Path) -> list[str]:
    """The pages that get a warm kernel: the home, the lessons of course.yaml, the study pages.

    Only pages that exist; paths relative to ``courses_dir`` with ``/`` (Voilà's keys).
    """
    pages = [HOME_NOTEBOOK]
    if (courses_dir / COURSE_FILE).is_file():
        # a broken catalogue: the home page says so; the lessons open cold
        with contextlib.suppress(QuizkitError):
            pages += [lesson.notebook for lesson in load_course(courses_dir).lessons]
    pages += list(STUDY_PAGES)
    return [page for page in dict.fromkeys(pages) if (courses_dir / page).is_file()]


def template_config(config: Config) -> Config:
    """What every app-mode server needs, standalone or as a Jupyter server extension (the hub):
    the template and its filters; Chinese page language."""
    config.VoilaConfiguration.template = TEMPLATE
    config.VoilaConfiguration.show_tracebacks = False
    config.VoilaConfiguration.strip_sources = True
    config.VoilaExporter.filters = dict(FILTERS)
    config.VoilaExporter.language_code = "zh"
    # no code is shown: the code highlighter would only cost load time
    config.VoilaConfiguration.extension_denylist = list(UNUSED_EXTENSIONS)
    return config


def voila_config(
    courses_dir: Path,
    *,
    port: int = DEFAULT_PORT,
    ip: str = "127.0.0.1",
    token: str = "",
    preheat: bool = True,
    pool_size: int = 1,
    base_url: str = "/",
) -> Config:
    """The standalone server's configuration (see the module notes)."""
    config = template_config(Config())
    config.Voila.root_dir = str(courses_dir)
    config.Voila.port = port
    config.Voila.port_retries = 0  # the URL dev.py prints must be the one served
    config.Voila.ip = ip
    config.Voila.token = token
    config.Voila.open_browser = False
    config.Voila.base_url = base_url
    config.MappingKernelManager.cull_idle_timeout = IDLE_KERNEL_SECONDS
    config.MappingKernelManager.cull_interval = 300
    if preheat and pool_size > 0:
        config.VoilaConfiguration.preheat_kernel = True
        config.VoilaConfiguration.default_pool_size = 0  # only the pages below
        pools: dict[str, Any] = {"default": {"pool_size": 0}}
        for page in preheated_pages(courses_dir):
            pools[page] = {"pool_size": pool_size}
        config.VoilaKernelManager.kernel_pools_config = pools
    return config


def server_extension_config() -> dict[str, Any]:
    """App mode inside a Jupyter server (JupyterHub's single-user servers): the template settings
    for ``jupyter_server_config``; pages at ``/user/<name>/voila/render/home.ipynb``. Voilà's
    kernel pool does not exist in this mode, so pages start their kernel on request."""
    config = template_config(Config())
    return {section: dict(values) for section, values in config.items()}


def template_search_path() -> str:
    """``JUPYTER_PATH`` with our template folder first (Voilà finds templates there)."""
    current = os.environ.get("JUPYTER_PATH", "")
    parts = [str(SHARE_DIR), *[part for part in current.split(os.pathsep) if part]]
    return os.pathsep.join(dict.fromkeys(parts))


def _app_class() -> Any:
    """Voilà's application with ``/`` and the file list redirected to the course home."""
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler
    from voila.app import Voila  # type: ignore[import-untyped]

    class AppServer(Voila):  # type: ignore[misc]
        name = "quizkit-app"

        def init_handlers(self) -> list[Any]:
            home = url_path_join(self.base_url, "voila/render", HOME_NOTEBOOK)
            redirects = [
                (url_path_join(self.server_url, "/?"), RedirectHandler, {"url": home}),
                (url_path_join(self.server_url, r"/voila/tree.*"), RedirectHandler, {"url": home}),
            ]
            handlers: list[Any] = super().init_handlers()
            return redirects + handlers

    return AppServer


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m quizkit.app", description="Serve the courses as pages for cadres (Voilà)."
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--ip", default="127.0.0.1")
    parser.add_argument("--token", default="", help="require this token (default: none)")
    parser.add_argument("--base-url", default="/")
    parser.add_argument("--pool-size", type=int, default=1, help="warm kernels per page")
    parser.add_argument("--no-preheat", action="store_true", help="start each page's kernel cold")
    parser.add_argument("--courses", type=Path, default=None, help="default: the project's courses")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Start the app-mode server and serve until stopped."""
    args = parse_args(argv)
    courses = (args.courses or load_settings().courses_dir).resolve()
    if not (courses / HOME_NOTEBOOK).is_file():
        sys.exit(f"{courses / HOME_NOTEBOOK} is missing: app mode starts at the course home page")
    os.environ["JUPYTER_PATH"] = template_search_path()
    config = voila_config(
        courses,
        port=args.port,
        ip=args.ip,
        token=args.token,
        preheat=not args.no_preheat,
        pool_size=args.pool_size,
        base_url=args.base_url,
    )
    _app_class().launch_instance(argv=[], config=config)


__all__ = [
    "HOME_NOTEBOOK",
    "SHARE_DIR",
    "TEMPLATE",
    "home_url",
    "main",
    "preheated_pages",
    "server_extension_config",
    "template_config",
    "template_search_path",
    "voila_config",
]
