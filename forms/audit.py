"""The audit log's one way in: every entry, about a case or about the portal's roles, is written here."""

from forms.models import AuditLogEntry


def record(action: str, *, user=None, report=None, detail: dict | None = None) -> AuditLogEntry:
    """Append an entry. `detail` holds what changed (e.g. a role membership before and after)."""
    return AuditLogEntry.objects.create(
        report=report,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        detail=detail or {},
    )
