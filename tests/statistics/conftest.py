import pytest
from django.core.cache import cache

from tests.statistics.records import TEST_PROVIDERS


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
