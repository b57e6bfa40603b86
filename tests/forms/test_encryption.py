"""Encryption at rest: the database tables hold no plaintext of what reporters and the office write;
keys rotate with a command."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from forms.attachments import CleanFile
from forms.crypto import encrypt_text
from forms.models import Attachment, IntegrityReport, InternalNote, Message
from forms.services import _attach
from tests.forms.dumps import database_dump
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

SECRETS = {
    "description": "BESCHRIJVING-GEHEIM-1",
    "occurred": "WANNEER-GEHEIM-2",
    "persons_involved": "PERSONEN-GEHEIM-3",
    "contact_details": "CONTACT-GEHEIM-4",
}


def make_case():

    report = IntegrityReportFactory(**SECRETS)
    Message.objects.create(report=report, author="melder", body="BERICHT-GEHEIM-5")
    InternalNote.objects.create(report=report, body="NOTITIE-GEHEIM-6")
    _attach(
        report,
        [CleanFile("BESTANDSNAAM-GEHEIM-7.pdf", "application/pdf", b"%PDF-1.4 INHOUD-GEHEIM-8")],
        timezone.localdate(),
    )
    return report


ALL_SECRETS = [
    *SECRETS.values(),
    "BERICHT-GEHEIM-5",
    "NOTITIE-GEHEIM-6",
    "BESTANDSNAAM-GEHEIM-7",
    "INHOUD-GEHEIM-8",
]


def test_database_tables_hold_no_plaintext():
    report = make_case()
    raw = database_dump(dumpdata=False)
    for secret in ALL_SECRETS:
        assert secret not in raw, secret
    # ...while the application reads it back.
    report = IntegrityReport.objects.get(pk=report.pk)
    assert report.description == SECRETS["description"]
    assert report.attachments.get().content() == b"%PDF-1.4 INHOUD-GEHEIM-8"


def test_empty_values_stay_empty_so_absence_of_contact_details_is_visible():
    report = IntegrityReportFactory(contact_details="")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_details, description FROM forms_integrityreport WHERE id = %s", [report.pk]
        )
        contact, description = cursor.fetchone()
    assert contact == "" and description.startswith("pe1:")


def test_key_rotation_re_encrypts_everything_with_the_new_key(settings):
    old_key = settings.PORTAL_ENCRYPTION_KEYS[0]
    report = make_case()
    new_key = Fernet.generate_key().decode()
    with override_settings(PORTAL_ENCRYPTION_KEYS=[new_key, old_key]):
        assert IntegrityReport.objects.get(pk=report.pk).description == SECRETS["description"]
        out = StringIO()
        call_command("rotate_encryption_keys", stdout=out)
        assert "re-encrypted" in out.getvalue()
    with override_settings(PORTAL_ENCRYPTION_KEYS=[new_key]):
        report = IntegrityReport.objects.get(pk=report.pk)
        assert report.description == SECRETS["description"]
        assert report.messages.get().body == "BERICHT-GEHEIM-5"
        assert report.notes.get().body == "NOTITIE-GEHEIM-6"
        assert Attachment.objects.get().name == "BESTANDSNAAM-GEHEIM-7.pdf"
        assert Attachment.objects.get().content() == b"%PDF-1.4 INHOUD-GEHEIM-8"
    raw = database_dump(dumpdata=False)
    for secret in ALL_SECRETS:
        assert secret not in raw


def test_a_value_encrypted_with_an_unknown_key_is_not_readable(settings):
    report = IntegrityReportFactory()
    with (
        override_settings(PORTAL_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]),
        pytest.raises(InvalidToken),
    ):
        IntegrityReport.objects.get(pk=report.pk)
    assert encrypt_text("x") != encrypt_text("x")  # random IVs: equal texts do not show as equal


def _raw(table: str, column: str, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 (fixed names)
        return cursor.fetchone()[0]


def _write_raw(table: str, column: str, pk: int, value) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608 - names from model metadata; values are parameters


def _make_fernet_era_case():
    """A case as stored before the timestamp-free format: every value a Fernet token of now."""
    from forms.crypto import fernet

    report = make_case()
    for name, value in SECRETS.items():
        _write_raw("forms_integrityreport", name, report.pk, fernet().encrypt(value.encode()).decode())
    message, note, attachment = report.messages.get(), report.notes.get(), report.attachments.get()
    _write_raw("forms_message", "body", message.pk, fernet().encrypt(b"BERICHT-GEHEIM-5").decode())
    _write_raw("forms_internalnote", "body", note.pk, fernet().encrypt(b"NOTITIE-GEHEIM-6").decode())
    name = fernet().encrypt(b"BESTANDSNAAM-GEHEIM-7.pdf").decode()
    _write_raw("forms_attachment", "name", attachment.pk, name)
    _write_raw("forms_attachment", "data", attachment.pk, fernet().encrypt(b"%PDF-1.4 INHOUD-GEHEIM-8"))
    return report


def _assert_case_reads_back(report_pk: int) -> None:
    report = IntegrityReport.objects.get(pk=report_pk)
    assert [getattr(report, name) for name in SECRETS] == list(SECRETS.values())
    assert report.messages.get().body == "BERICHT-GEHEIM-5"
    assert report.notes.get().body == "NOTITIE-GEHEIM-6"
    assert report.attachments.get().name == "BESTANDSNAAM-GEHEIM-7.pdf"
    assert report.attachments.get().content() == b"%PDF-1.4 INHOUD-GEHEIM-8"


def _stored_values_with_times(start: float, end: float) -> dict:
    from tests.forms.test_no_hidden_time import stored_tokens, times_in

    return {name: found for name, value in stored_tokens() if (found := times_in(value, start, end))}


def test_old_fernet_values_still_read_and_rotation_rewrites_them_without_the_time():
    import time

    start = time.time()
    report = _make_fernet_era_case()
    end = time.time()
    _assert_case_reads_back(report.pk)
    assert len(_stored_values_with_times(start, end)) == 8  # control: every Fernet value shows its second
    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert out.getvalue().startswith("8 values re-encrypted")
    assert _stored_values_with_times(start, end) == {}
    assert _raw("forms_integrityreport", "description", report.pk).startswith("pe1:")
    assert bytes(_raw("forms_attachment", "data", report.attachments.get().pk)).startswith(b"pe1:")
    _assert_case_reads_back(report.pk)
    # Nothing left to do on a second run.
    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert out.getvalue().startswith("0 values re-encrypted")


def test_the_migration_rewrites_fernet_values_without_the_time():
    import importlib
    import time

    from django.apps import apps

    migration = importlib.import_module("forms.migrations.0007_timeless_ciphertexts_and_audit_chain")
    start = time.time()
    report = _make_fernet_era_case()
    end = time.time()

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    migration.reencrypt_without_time(apps, editor)
    assert _stored_values_with_times(start, end) == {}
    _assert_case_reads_back(report.pk)


def test_every_configured_key_decrypts_and_the_key_id_names_the_key(settings):
    from forms.crypto import decrypt_text

    old_key = settings.PORTAL_ENCRYPTION_KEYS[0]
    old_token = encrypt_text("OUD")
    new_key = Fernet.generate_key().decode()
    with override_settings(PORTAL_ENCRYPTION_KEYS=[new_key, old_key]):
        new_token = encrypt_text("NIEUW")
        assert decrypt_text(old_token) == "OUD" and decrypt_text(new_token) == "NIEUW"
        # The key id (bytes 4-8 after the prefix) differs per key and is the same for every value.
        assert old_token[4:9] != new_token[4:9]
        assert encrypt_text("NIEUW")[4:9] == new_token[4:9]
    with override_settings(PORTAL_ENCRYPTION_KEYS=[old_key]), pytest.raises(InvalidToken):
        decrypt_text(new_token)


def test_a_changed_ciphertext_or_header_is_refused():
    import base64

    from forms.crypto import decrypt_bytes, decrypt_text, encrypt_bytes

    token = encrypt_bytes(b"INHOUD")
    assert decrypt_bytes(token) == b"INHOUD"  # control
    for position in (5, len(token) - 1, 20):  # key id, tag, nonce
        changed = bytearray(token)
        changed[position] ^= 1
        with pytest.raises(InvalidToken):
            decrypt_bytes(bytes(changed))
    with pytest.raises(InvalidToken):
        decrypt_bytes(token[:10])
    text = encrypt_text("TEKST")
    body = bytearray(base64.urlsafe_b64decode(text[4:] + "=" * (-len(text[4:]) % 4)))
    body[-1] ^= 1
    with pytest.raises(InvalidToken):
        decrypt_text("pe1:" + base64.urlsafe_b64encode(bytes(body)).decode())


def test_the_report_draft_still_expires_and_is_never_a_stored_format():
    from forms.crypto import decrypt_expiring, encrypt_expiring

    token = encrypt_expiring("{}")
    assert decrypt_expiring(token, 60) == "{}"
    assert not token.startswith("pe1:")  # the expiring kind is Fernet: never stored
