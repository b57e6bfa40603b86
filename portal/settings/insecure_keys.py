"""The fixed keys of development and tests. They are public (in this repository), so production
refuses every one of them (`portal/settings/production.py`)."""

DEV_ENCRYPTION_KEY = "Ec8_lJOpT6xMKATbvZT5n3nZwRr58hP3Y5_lNRHZoZQ="
TEST_ENCRYPTION_KEY = "r5omqcSw-Q7i5QY2mIpIQTO9xqHEnFvvfRk7d4w6LP4="
# HMAC key of the audit log chain (forms/audit.py); documented in docs/integrity-reports.md.
DEV_AUDIT_KEY = "dev-audit-key-not-for-production-0123456789abcdef"
TEST_AUDIT_KEY = "test-audit-key-not-for-production-0123456789abcdef"

ENCRYPTION_KEYS = frozenset({DEV_ENCRYPTION_KEY, TEST_ENCRYPTION_KEY})
AUDIT_KEYS = frozenset({DEV_AUDIT_KEY, TEST_AUDIT_KEY})
