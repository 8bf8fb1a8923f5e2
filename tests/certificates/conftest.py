"""Certificate fixtures: the small exported project of tests/export."""

from tests.export.conftest import project  # noqa: F401  (fixture)
