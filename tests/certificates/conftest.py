"""Certificate fixtures: the small exported project of tests/export, and its PDF helpers."""

from tests.export.conftest import cjk_font, output_dir, project  # noqa: F401  (fixtures)
