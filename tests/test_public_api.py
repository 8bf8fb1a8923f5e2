"""The public API: every name in quizkit.__all__ resolves, and `import quizkit` stays light."""

from __future__ import annotations

import subprocess
import sys

import quizkit


def test_every_exported_name_resolves() -> None:
    assert sorted(quizkit.__all__) == [
        "QuestionView",
        "QuizView",
        "QuizkitError",
        "__version__",
        "course_home",
        "join",
        "live",
        "mistakes",
        "my_lessons",
        "quiz",
        "review",
    ]
    for name in quizkit.__all__:
        assert getattr(quizkit, name) is not None, name
    assert set(quizkit.__all__) <= set(dir(quizkit))


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        quizkit.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("quizkit.no_such_name should not exist")


def test_import_quizkit_does_not_load_widgets_or_the_database_layer() -> None:
    code = (
        "import sys, quizkit\n"
        "heavy = [m for m in ('ipywidgets', 'sqlalchemy', 'pandas', 'quizkit.widgets', 'quizkit.store')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
