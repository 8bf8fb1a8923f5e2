"""The app-mode server's configuration: which pages are preheated, template and filters, no file tree."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizkit.app.server import (
    HOME_NOTEBOOK,
    SHARE_DIR,
    TEMPLATE,
    home_url,
    preheated_pages,
    server_extension_config,
    template_search_path,
    voila_config,
)
from tests.conftest import PROJECT

COURSES = PROJECT / "courses"


def test_home_lessons_and_study_pages_are_preheated_never_trainer_notebooks() -> None:
    pages = preheated_pages(COURSES)
    assert pages[0] == HOME_NOTEBOOK
    assert "01-administrative-licensing.ipynb" in pages and "11-self-test.ipynb" in pages
    assert {"exam/mistakes.ipynb", "exam/review.ipynb", "exam/exam.ipynb"} <= set(pages)
    assert not [page for page in pages if page.startswith("trainer/")]
    assert all((COURSES / page).is_file() for page in pages)


def test_a_broken_catalogue_still_preheats_the_home(tmp_path: Path) -> None:
    (tmp_path / HOME_NOTEBOOK).write_text("{}", encoding="utf-8")
    (tmp_path / "course.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    assert preheated_pages(tmp_path) == [HOME_NOTEBOOK]


def test_the_standalone_configuration() -> None:
    config = voila_config(COURSES, port=8999, token="")
    assert config.VoilaConfiguration.template == TEMPLATE
    assert config.VoilaConfiguration.show_tracebacks is False
    assert config.VoilaConfiguration.preheat_kernel is True
    pools = config.VoilaKernelManager.kernel_pools_config
    assert pools["default"] == {"pool_size": 0}
    assert pools[HOME_NOTEBOOK] == {"pool_size": 1}
    assert "trainer/live.ipynb" not in pools
    assert config.VoilaExporter.filters["quizkit_page"] == "quizkit.app.cells.with_page_cell"
    assert (config.Voila.ip, config.Voila.port, config.Voila.port_retries) == ("127.0.0.1", 8999, 0)
    cold = voila_config(COURSES, preheat=False)
    assert "preheat_kernel" not in cold.VoilaConfiguration


def test_the_hub_gets_the_template_without_a_pool() -> None:
    config = server_extension_config()
    assert config["VoilaConfiguration"]["template"] == TEMPLATE
    assert "preheat_kernel" not in config["VoilaConfiguration"]
    assert "quizkit_title" in config["VoilaExporter"]["filters"]


def test_our_template_is_found_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_PATH", "/elsewhere")
    assert template_search_path().split(os.pathsep)[:2] == [str(SHARE_DIR), "/elsewhere"]
    assert (SHARE_DIR / "voila" / "templates" / TEMPLATE / "index.html.j2").is_file()
    assert home_url() == "/voila/render/home.ipynb"
    assert home_url("/user/zhang/") == "/user/zhang/voila/render/home.ipynb"
