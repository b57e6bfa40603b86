import pytest
from django.core.cache import cache
from django.db import connection

from tests.statistics.records import TEST_PROVIDERS, TallyRecord


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test-only records table (an unmanaged model) in the test database."""
    with django_db_blocker.unblock():
        if TallyRecord._meta.db_table not in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.create_model(TallyRecord)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (the database is rolled back between tests)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def test_providers(settings):
    """The registry with the test sources next to the survey provider."""
    settings.STATISTICS_PROVIDERS = TEST_PROVIDERS
    return TEST_PROVIDERS
