"""Re-encrypt every encrypted value with the newest key of PORTAL_ENCRYPTION_KEYS.

Rotation: generate a key
(`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`),
put it FIRST in PORTAL_ENCRYPTION_KEYS with the old keys after it, restart, run this command, then
remove the old keys from the environment and restart again.

Values still in the old Fernet format (which carries the second of encryption) are rewritten too, in
the timestamp-free format of `forms.crypto`; values already current are left alone.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from forms.reencryption import reencrypt_all


class Command(BaseCommand):
    help = "Re-encrypt integrity reports, messages, notes and attachments with the newest key."

    def handle(self, *args, **options):
        with transaction.atomic():
            total = reencrypt_all(apps.get_model)
        self.stdout.write(f"{total} values re-encrypted with the newest key.")
