"""Stored ciphertexts without time, and a tamper-evident audit log.

1. Rewrites every encrypted value still in the Fernet format (which carries the second it was made)
   in the timestamp-free AES-256-GCM format of forms.crypto, under the newest key.
2. Gives every existing audit log entry a sequence number, its day and an HMAC chained to the one
   before (forms.audit), creates the chain head row, and keeps the user id of deleted accounts.
3. On PostgreSQL, a trigger refuses UPDATE and DELETE on the audit log; only the retention purge
   (forms.audit.purge_before) may delete, by turning on a transaction-local setting.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def reencrypt_without_time(apps, schema_editor):
    from forms.reencryption import reencrypt_all

    reencrypt_all(apps.get_model, schema_editor.connection)


def chain_existing_entries(apps, schema_editor):
    from django.utils import timezone

    from forms.audit import compute_mac

    alias = schema_editor.connection.alias
    Entry = apps.get_model("forms", "AuditLogEntry")
    Head = apps.get_model("forms", "AuditChainHead")
    sequence, previous = 0, ""
    for entry in Entry.objects.using(alias).order_by("pk").iterator(chunk_size=1000):
        sequence += 1
        on = timezone.localdate(entry.at)
        previous = compute_mac(
            previous,
            sequence=sequence,
            action=entry.action,
            user_id=entry.user_id,
            report_id=entry.report_id,
            detail=entry.detail,
            at=entry.at,
            on=on,
        )
        Entry.objects.using(alias).filter(pk=entry.pk).update(sequence=sequence, on=on, mac=previous)
    Head.objects.using(alias).create(pk=1, sequence=sequence, mac=previous)


TRIGGER = """
CREATE OR REPLACE FUNCTION forms_auditlogentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('portal.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER forms_auditlogentry_append_only
    BEFORE UPDATE OR DELETE ON forms_auditlogentry
    FOR EACH ROW EXECUTE FUNCTION forms_auditlogentry_append_only();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS forms_auditlogentry_append_only ON forms_auditlogentry;
DROP FUNCTION IF EXISTS forms_auditlogentry_append_only();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("forms", "0006_submission_nonce"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Not reversible into Fernet tokens with their original times, and there is no need to.
        migrations.RunPython(reencrypt_without_time, migrations.RunPython.noop, elidable=False),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sequence", models.PositiveBigIntegerField(default=0)),
                ("mac", models.CharField(blank=True, max_length=64)),
            ],
            options={"default_permissions": ()},
        ),
        migrations.AlterModelOptions(
            name="auditlogentry",
            options={
                "default_permissions": ("view",),
                "ordering": ["-sequence"],
                "verbose_name": "auditlogregel",
                "verbose_name_plural": "auditlog",
            },
        ),
        migrations.AddField(
            model_name="auditlogentry",
            name="mac",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditlogentry",
            name="on",
            field=models.DateField(editable=False, null=True, verbose_name="datum"),
        ),
        migrations.AddField(
            model_name="auditlogentry",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="volgnummer"),
        ),
        migrations.AlterField(
            model_name="auditlogentry",
            name="at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="tijdstip"),
        ),
        migrations.AlterField(
            model_name="auditlogentry",
            name="user",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="auditlogentry",
            name="on",
            field=models.DateField(editable=False, verbose_name="datum"),
        ),
        migrations.AlterField(
            model_name="auditlogentry",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="volgnummer"),
        ),
        migrations.RunPython(add_trigger, drop_trigger, elidable=False),
    ]
