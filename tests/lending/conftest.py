from tests.lending.desk_world import desk  # noqa: F401 - the desk tests' fixture
