"""The audit log's one way in, and its tamper-evident chain.

Every entry, about a case or about the portal's roles, is written by `record`. Each entry stores
HMAC-SHA256(PORTAL_AUDIT_KEY, canonical content + previous entry's MAC), so someone who can write to
the database but does not hold the key cannot change, insert or remove an entry without
`verify_audit_log` (`verify`) noticing; removing entries at the end is caught by comparing with a
chain head exported earlier (`manage.py log_audit_chain_head`). Appends take a lock on the one
`AuditChainHead` row (SQLite: the IMMEDIATE transaction's write lock), so concurrent workers never
fork the chain. `purge_before` is the one path that removes old entries; it appends a signed
checkpoint so the rest still verifies.
"""

import datetime
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from forms.models import AuditChainHead, AuditLogEntry

logger = logging.getLogger("forms.audit")

CHECKPOINT_ACTION = "auditlog ingekort"
FORMAT_VERSION = 1
# A PostgreSQL setting the append-only trigger checks (forms/migrations/0005_…): only
# `purge_before` turns it on, inside its own transaction.
PURGE_SETTING = "portal.audit_purge"


def record(
    action: str, *, user=None, report=None, detail: dict | None = None, date_only: bool = False
) -> AuditLogEntry:
    """Append an entry. `detail` holds what changed (e.g. a role membership before and after).

    `date_only` for events the reporter causes (a report arriving, a reporter's message): the entry
    keeps the day, like the report, and no time.
    """
    entry = AuditLogEntry(
        report=report,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        detail=detail or {},
    )
    chain_and_insert(entry, date_only=date_only)
    from portal.security_log import from_audit  # the SIEM's copy, after the commit (never date_only)

    from_audit(entry, date_only=date_only)
    return entry


def _key() -> bytes:
    key = getattr(settings, "PORTAL_AUDIT_KEY", "")
    if not key:
        raise ImproperlyConfigured("PORTAL_AUDIT_KEY must be set: the audit log is signed with it.")
    return key.encode()


def canonical(*, sequence: int, action: str, user_id, report_id, detail, at, on, previous_mac: str) -> bytes:
    """The exact bytes the MAC covers: sorted JSON, times in UTC to the microsecond."""
    content = {
        "v": FORMAT_VERSION,
        "sequence": sequence,
        "action": action,
        "user": user_id,
        "report": report_id,
        "detail": detail,
        "at": at.astimezone(datetime.UTC).isoformat(timespec="microseconds") if at else None,
        "on": on.isoformat(),
        "previous": previous_mac,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_mac(previous_mac: str, *, key: bytes | None = None, **content) -> str:
    return hmac.new(
        key or _key(), canonical(previous_mac=previous_mac, **content), hashlib.sha256
    ).hexdigest()


def keys() -> list[bytes]:
    """The current key first, then earlier keys (`PORTAL_AUDIT_PREVIOUS_KEYS`, newest first).

    After a rotation the older entries stay signed with the key of their time; `verify` accepts a
    newer key from some entry on, never an older one after a newer (so a leaked old key cannot
    append), and the first entry under the newer key seals everything before it through its link.
    """
    return [_key(), *(key.encode() for key in getattr(settings, "PORTAL_AUDIT_PREVIOUS_KEYS", ()) if key)]


def key_id(key: bytes) -> str:
    """A short public name of a key for the rotation entry (a hash prefix: reveals nothing usable)."""
    return hashlib.sha256(b"portal-audit-key-id:" + key).hexdigest()[:12]


def _mac_of(entry: AuditLogEntry, previous_mac: str) -> str:
    return compute_mac(
        previous_mac,
        sequence=entry.sequence,
        action=entry.action,
        user_id=entry.user_id,
        report_id=entry.report_id,
        detail=entry.detail,
        at=entry.at,
        on=entry.on,
    )


def _locked_head(using: str) -> AuditChainHead:
    head = AuditChainHead.objects.using(using).select_for_update().filter(pk=1).first()
    if head is None:
        # Only after the table was emptied (tests that flush the database); the migration made it.
        last = AuditLogEntry.objects.using(using).order_by("-sequence").values("sequence", "mac").first()
        AuditChainHead.objects.using(using).get_or_create(pk=1, defaults=last or {})
        head = AuditChainHead.objects.using(using).select_for_update().get(pk=1)
    return head


def chain_and_insert(entry: AuditLogEntry, *, date_only: bool, using: str | None = None) -> AuditLogEntry:
    """Give a new entry its place in the chain and insert it (with the head, in one transaction)."""
    using = using or DEFAULT_DB_ALIAS
    # The stored JSON is what verification reads back: MAC exactly that (string keys, plain types).
    entry.detail = json.loads(json.dumps(entry.detail or {}))
    with transaction.atomic(using=using):
        head = _locked_head(using)
        now = timezone.now()
        entry.on = timezone.localdate(now)
        entry.at = None if date_only else now
        entry.sequence = head.sequence + 1
        entry.mac = _mac_of(entry, head.mac)
        entry._insert(using=using)
        AuditChainHead.objects.using(using).filter(pk=1).update(sequence=entry.sequence, mac=entry.mac)
    return entry


# --- verification


@dataclass
class Verification:
    entries: int = 0
    first_sequence: int | None = None
    last_sequence: int = 0
    last_mac: str = ""
    problem: str | None = None
    problem_sequence: int | None = None
    checked_heads: list[int] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.problem is None


def chain_head(using: str | None = None) -> tuple[int, str]:
    """(sequence, MAC) of the last entry: what `log_audit_chain_head` exports."""
    last = (
        AuditLogEntry.objects.using(using or DEFAULT_DB_ALIAS)
        .order_by("-sequence")
        .values_list("sequence", "mac")
        .first()
    )
    return last or (0, "")


def _anchor(first_sequence: int, using: str) -> str | None:
    """The previous MAC of the first kept entry, as a signed purge checkpoint states it."""
    if first_sequence == 1:
        return ""
    checkpoint = (
        AuditLogEntry.objects.using(using)
        .filter(action=CHECKPOINT_ACTION, detail__kept_from=first_sequence)
        .order_by("-sequence")
        .values_list("detail", flat=True)
        .first()
    )
    return checkpoint.get("anchor") if checkpoint else None


def verify(expected_heads: dict[int, str] | None = None, using: str | None = None) -> Verification:
    """Walk the chain from its first entry; stop at the first broken link.

    `expected_heads` maps sequence numbers to MACs exported earlier (the log of
    `log_audit_chain_head`): they catch entries removed from the end, which the chain alone cannot.
    """
    using = using or DEFAULT_DB_ALIAS
    expected_heads = dict(expected_heads or {})
    result = Verification()

    def broken(sequence, problem):
        result.problem, result.problem_sequence = problem, sequence
        return result

    rows = (
        AuditLogEntry.objects.using(using)
        .order_by("sequence")
        .values_list("pk", "sequence", "action", "user_id", "report_id", "detail", "at", "on", "mac")
        .iterator(chunk_size=2000)
    )
    previous_mac, expected_sequence, anchor = None, None, None
    all_keys = keys()
    epoch = len(all_keys) - 1  # index of the oldest key still acceptable; only ever moves to newer
    for pk, sequence, action, user_id, report_id, detail, at, on, mac in rows:
        if previous_mac is None:
            result.first_sequence = expected_sequence = sequence
            previous_mac = anchor = _anchor(sequence, using)
            if previous_mac is None:
                return broken(
                    sequence,
                    f"entries 1 to {sequence - 1} are missing and no signed checkpoint accounts for them",
                )
        if sequence != expected_sequence:
            return broken(expected_sequence, f"entry {expected_sequence} is missing (removed)")
        content = {
            "sequence": sequence,
            "action": action,
            "user_id": user_id,
            "report_id": report_id,
            "detail": detail,
            "at": at,
            "on": on,
        }
        signed_with = next(
            (
                index
                for index in range(epoch + 1)
                if hmac.compare_digest(compute_mac(previous_mac, key=all_keys[index], **content), mac)
            ),
            None,
        )
        if signed_with is not None:
            epoch = signed_with
        else:
            return broken(
                sequence, f"entry {sequence} (id {pk}) does not match its MAC: changed, inserted or re-signed"
            )
        if sequence in expected_heads:
            if not hmac.compare_digest(expected_heads.pop(sequence), mac):
                return broken(sequence, f"entry {sequence} differs from the exported chain head")
            result.checked_heads.append(sequence)
        result.entries += 1
        result.last_sequence, result.last_mac = sequence, mac
        previous_mac, expected_sequence = mac, sequence + 1

    for sequence in sorted(expected_heads):
        if sequence > result.last_sequence:
            return broken(
                sequence,
                f"an exported chain head names entry {sequence}, but the log ends at {result.last_sequence}: "
                "entries at the end were removed",
            )
        # Below the first kept entry: removed by a purge whose checkpoint verified above; the last
        # removed one is the checkpoint's anchor.
        if sequence == (result.first_sequence or 0) - 1 and not hmac.compare_digest(
            expected_heads[sequence], anchor or ""
        ):
            return broken(sequence, f"entry {sequence} differs from the exported chain head")
    head = AuditChainHead.objects.using(using).filter(pk=1).values_list("sequence", "mac").first()
    if head is not None and head != (result.last_sequence, result.last_mac):
        return broken(
            head[0],
            f"the chain head row names entry {head[0]}, but the log ends at {result.last_sequence}: "
            "entries at the end were removed or the head was changed",
        )
    return result


# --- retention


def purge_before(cutoff) -> tuple[int, AuditLogEntry | None]:
    """Remove the entries from before the day `cutoff` and append a signed checkpoint.

    Only a prefix of the chain is removed (entries are in time order), after the whole chain was
    verified: a purge never destroys evidence of tampering. Returns (entries removed, checkpoint).
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic():
        head = _locked_head(DEFAULT_DB_ALIAS)
        check = verify()
        if not check.intact:
            raise RuntimeError(f"The audit log does not verify, nothing purged: {check.problem}")
        first_kept = (
            AuditLogEntry.objects.filter(on__gte=cutoff)
            .order_by("sequence")
            .values_list("sequence", flat=True)
            .first()
        ) or head.sequence + 1
        first = check.first_sequence or first_kept
        if first_kept <= first:
            return 0, None
        anchor = AuditLogEntry.objects.filter(sequence=first_kept - 1).values_list("mac", flat=True).first()
        anchor = anchor if anchor is not None else head.mac
        table = connection.ops.quote_name(AuditLogEntry._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL {PURGE_SETTING} = 'on'")
            cursor.execute(f"DELETE FROM {table} WHERE sequence < %s", [first_kept])  # noqa: S608 - names from model metadata; values are parameters
            removed = cursor.rowcount
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL {PURGE_SETTING} = 'off'")
        checkpoint = record(
            CHECKPOINT_ACTION,
            detail={
                "kept_from": first_kept,
                "anchor": anchor,
                "removed": removed,
                "removed_from": first,
                "before": cutoff.isoformat(),
            },
        )
    logger.info(
        "Audit log purge: removed %s entries (%s to %s) from before %s; checkpoint entry %s",
        removed,
        first,
        first_kept - 1,
        cutoff,
        checkpoint.sequence,
    )
    return removed, checkpoint
