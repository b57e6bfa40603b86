from tests.portal.conftest import keep_test_connection  # noqa: F401 - shared with the fast-path tests
