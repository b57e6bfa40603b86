"""Error reports (Django's technical reports of an error, as sent to administrators or an error
tracker) show no connection string with its password (portal/error_reports.py)."""

from django.test import override_settings
from django.views.debug import SafeExceptionReporterFilter, get_default_exception_reporter_filter

from portal.error_reports import PortalExceptionReporterFilter

REDIS_WITH_PASSWORD = "redis://:redis-password-canary@cache.internal:6379/0"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": REDIS_WITH_PASSWORD}
}


@override_settings(CACHES=CACHES)
def test_a_caches_location_is_hidden():
    assert isinstance(get_default_exception_reporter_filter(), PortalExceptionReporterFilter)
    settings = get_default_exception_reporter_filter().get_safe_settings()
    assert REDIS_WITH_PASSWORD not in str(settings)


@override_settings(CACHES=CACHES)
def test_control_djangos_own_filter_shows_it():
    assert REDIS_WITH_PASSWORD in str(SafeExceptionReporterFilter().get_safe_settings())
