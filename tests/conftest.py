import contextlib

import pytest

from django.core.cache import cache

from tests import factories
from tests.clock import frozen_at


@pytest.fixture(autouse=True)
def _clear_cache():
    from search import vocabulary

    cache.clear()
    vocabulary.forget()
    yield
    cache.clear()


@pytest.fixture
def freeze_time():
    """`freeze_time(2026, 11, 16, 10)` pins "now" to that moment in Brussels until the test ends."""
    with contextlib.ExitStack() as stack:
        yield lambda *args, **kwargs: stack.enter_context(frozen_at(*args, **kwargs))


@pytest.fixture
def home(db):
    return factories.build_home()


@pytest.fixture
def index(home):
    return factories.build_index(home)
