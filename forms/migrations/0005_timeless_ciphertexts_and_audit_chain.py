"""Stored ciphertexts without time, and (below) the audit log's HMAC chain.

Rewrites every encrypted value still in the Fernet format (which carries the second it was made)
in the timestamp-free AES-256-GCM format of forms.crypto, under the newest key.
"""

from django.db import migrations


def reencrypt_without_time(apps, schema_editor):
    from forms.reencryption import reencrypt_all

    reencrypt_all(apps.get_model, schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("forms", "0004_audit_log_detail"),
    ]

    operations = [
        # Not reversible into Fernet tokens with their original times, and there is no need to.
        migrations.RunPython(reencrypt_without_time, migrations.RunPython.noop, elidable=False),
    ]
