"""The client is tested against the real service of tests/service (same fixtures)."""

from tests.service.conftest import (  # noqa: F401  (fixtures)
    bank,
    db_url,
    fresh_pending_queues,
    pg_server,
    service,
    start_service,
    store,
)
