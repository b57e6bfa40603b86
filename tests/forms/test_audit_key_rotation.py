"""Rotating the audit key (manage.py rotate_audit_key): the chain still verifies, the history before
the rotation is sealed under the new key, and an old key can no longer append."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from forms import audit
from forms.models import AuditLogEntry

pytestmark = pytest.mark.django_db

OLD = "test-old-audit-key-0123456789abcdef0123"
NEW = "test-new-audit-key-fedcba9876543210fedc"


def rotate(settings) -> str:
    settings.PORTAL_AUDIT_KEY, settings.PORTAL_AUDIT_PREVIOUS_KEYS = NEW, [OLD]
    out = StringIO()
    call_command("rotate_audit_key", stdout=out)
    return out.getvalue()


def test_after_rotation_old_and_new_entries_verify(settings):
    settings.PORTAL_AUDIT_KEY = OLD
    before = [audit.record("bekeken", detail={"i": i}) for i in range(3)]
    assert "sealed under key" in rotate(settings)
    audit.record("bekeken", detail={"i": 3})
    check = audit.verify()
    assert check.intact and check.entries == 5
    rotation = AuditLogEntry.objects.get(action="auditsleutel gewisseld")
    assert rotation.detail["sealed_up_to"] == before[-1].sequence
    assert rotation.detail["key"] == audit.key_id(NEW.encode()) != audit.key_id(OLD.encode())
    # Purging the old part still leaves a verifiable chain.
    call_command("purge_expired", "--rule", "forms.audit_log", stdout=StringIO(), stderr=StringIO())
    assert audit.verify().intact


def test_control_without_the_previous_key_the_old_entries_do_not_verify(settings):
    settings.PORTAL_AUDIT_KEY = OLD
    audit.record("bekeken")
    rotate(settings)
    settings.PORTAL_AUDIT_PREVIOUS_KEYS = []
    check = audit.verify()
    assert not check.intact and "does not match its MAC" in check.problem


def test_an_old_key_cannot_append_after_the_rotation(settings):
    settings.PORTAL_AUDIT_KEY = OLD
    audit.record("bekeken")
    rotate(settings)
    settings.PORTAL_AUDIT_KEY = OLD  # someone with the leaked old key and database access
    forged = audit.record("bekeken", detail={"vervalst": True})
    settings.PORTAL_AUDIT_KEY = NEW
    check = audit.verify()
    assert not check.intact and check.problem_sequence == forged.sequence


def test_rotation_refuses_without_a_previous_key_or_on_a_broken_chain(settings):
    settings.PORTAL_AUDIT_KEY, settings.PORTAL_AUDIT_PREVIOUS_KEYS = NEW, []
    with pytest.raises(CommandError, match="PORTAL_AUDIT_PREVIOUS_KEYS"):
        call_command("rotate_audit_key", stdout=StringIO())
    settings.PORTAL_AUDIT_KEY = "test-unrelated-key-00000000000000000000"
    audit.record("bekeken")  # signed with a key that is not configured below
    settings.PORTAL_AUDIT_KEY, settings.PORTAL_AUDIT_PREVIOUS_KEYS = NEW, [OLD]
    with pytest.raises(CommandError, match="does not verify"):
        call_command("rotate_audit_key", stdout=StringIO())
    assert not AuditLogEntry.objects.filter(action="auditsleutel gewisseld").exists()
