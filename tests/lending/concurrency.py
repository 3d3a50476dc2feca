"""Helpers for the tests that race fifty connections against one another on PostgreSQL."""

import time

from django.db import OperationalError, connections


def with_a_connection(fetch, attempts=40, pause=0.25):
    """``fetch()`` once this thread has its database connection.

    PostgreSQL refuses connections above ``max_connections``; the other test worker may hold
    a few more for a moment, so a refused first connection is tried again, before the race
    starts (the race itself is not retried)."""
    for attempt in range(attempts):
        try:
            return fetch()
        except OperationalError:
            connections.close_all()
            if attempt == attempts - 1:
                raise
            time.sleep(pause)
    return None
