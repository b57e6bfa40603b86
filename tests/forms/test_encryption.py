"""Encryption at rest: the database tables hold no plaintext of what reporters and the office write;
keys rotate with a command."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from forms.attachments import CleanFile
from forms.crypto import encrypt
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
    import datetime

    report = IntegrityReportFactory(**SECRETS)
    Message.objects.create(report=report, author="melder", body="BERICHT-GEHEIM-5")
    InternalNote.objects.create(report=report, body="NOTITIE-GEHEIM-6")
    _attach(
        report,
        [CleanFile("BESTANDSNAAM-GEHEIM-7.pdf", "application/pdf", b"%PDF-1.4 INHOUD-GEHEIM-8")],
        datetime.date.today(),
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
    assert contact == "" and description.startswith("gAAAA")


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
    from cryptography.fernet import InvalidToken

    report = IntegrityReportFactory()
    with (
        override_settings(PORTAL_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]),
        pytest.raises(InvalidToken),
    ):
        IntegrityReport.objects.get(pk=report.pk)
    assert encrypt("x") != encrypt("x")  # random IVs: equal texts do not show as equal
