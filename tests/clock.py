"""A fixed "now" for tests, as seen through django.utils.timezone.

`timezone.localdate()` and `timezone.localtime()` call `timezone.now()`, so patching that
one function moves every page, schedule and feed to the chosen moment.
"""

import contextlib
import datetime
from unittest import mock
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


@contextlib.contextmanager
def frozen_at(year, month, day, hour=12, minute=0):
    """Freeze "now" at a wall-clock moment in Brussels; yields that moment."""
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment
