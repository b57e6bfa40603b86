"""Re-encrypt every encrypted value with the newest key of PORTAL_ENCRYPTION_KEYS.

Rotation: generate a key
(`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`),
put it FIRST in PORTAL_ENCRYPTION_KEYS with the old keys after it, restart, run this command, then
remove the old keys from the environment and restart again.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from forms.crypto import fernet
from forms.models import Attachment, IntegrityReport, InternalNote, Message

ENCRYPTED_TEXT = {
    IntegrityReport: ["description", "occurred", "persons_involved", "contact_details"],
    Message: ["body"],
    InternalNote: ["body"],
    Attachment: ["name"],
}


class Command(BaseCommand):
    help = "Re-encrypt integrity reports, messages, notes and attachments with the newest key."

    def handle(self, *args, **options):
        total = 0
        with transaction.atomic():
            for model, fields in ENCRYPTED_TEXT.items():
                # Loading decrypts with any key; saving encrypts with the first (newest) key.
                for instance in (
                    model.objects.select_for_update().only("pk", *fields).iterator(chunk_size=500)
                ):
                    instance.save(update_fields=fields)
                    total += 1
            for attachment in (
                Attachment.objects.select_for_update().only("pk", "data").iterator(chunk_size=50)
            ):
                Attachment.objects.filter(pk=attachment.pk).update(
                    data=fernet().rotate(bytes(attachment.data))
                )
        self.stdout.write(f"{total} records re-encrypted with the newest key.")
