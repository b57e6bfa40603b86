"""Rotate the audit log's HMAC key: seal the chain so far under the new key.

Procedure (docs/operations.md): generate a new key, set it as `PORTAL_AUDIT_KEY` and move the old
one to the front of `PORTAL_AUDIT_PREVIOUS_KEYS`, restart every process, then run this command. It
verifies the whole chain with the configured keys (refusing when it does not verify), then appends a
rotation entry signed with the new key: its link covers every earlier entry, so from here on an old
key (even a leaked one) can neither change the history nor append to it. Keep the old keys in
`PORTAL_AUDIT_PREVIOUS_KEYS` (and in escrow) for as long as the entries they signed are kept.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from forms import audit

ROTATION_ACTION = "auditsleutel gewisseld"


class Command(BaseCommand):
    help = "Seal the audit log under the new PORTAL_AUDIT_KEY after a key rotation."

    def handle(self, *args, **options):
        all_keys = audit.keys()
        if len(all_keys) < 2:
            raise CommandError(
                "Set the new key as PORTAL_AUDIT_KEY and the old one in PORTAL_AUDIT_PREVIOUS_KEYS first."
            )
        if all_keys[0] in all_keys[1:]:
            raise CommandError("The new PORTAL_AUDIT_KEY is also listed as a previous key.")
        with transaction.atomic():
            check = audit.verify()
            if not check.intact:
                raise CommandError(f"The audit log does not verify, nothing rotated: {check.problem}")
            entry = audit.record(
                ROTATION_ACTION,
                detail={
                    "key": audit.key_id(all_keys[0]),
                    "previous_keys": [audit.key_id(key) for key in all_keys[1:]],
                    "sealed_up_to": check.last_sequence,
                },
            )
        self.stdout.write(
            f"Audit log sealed under key {audit.key_id(all_keys[0])}: entry {entry.sequence} covers "
            f"entries up to {check.last_sequence}."
        )
