"""No time finer than the day in any stored ciphertext.

A report keeps only the day it arrived. An attacker with a copy of the database must not recover the
second of submission from the encrypted values either (a Fernet token carries it in clear, bytes
1-8). These tests read every stored token of every encrypted field as a backup holds it and look for
any plausible timestamp of the moment the test ran.
"""

import base64
import contextlib
import datetime
import time

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.db import connection

from forms import services
from forms.crypto import EncryptedTextField
from forms.models import Attachment, IntegrityReport, InternalNote
from tests.forms.helpers import code_of, file_report, jpeg_with_exif, pdf_file

pytestmark = pytest.mark.django_db

DAY = 86400


EDGE = 64  # bytes at each end of a token where a format keeps what is not encrypted


def _clear_parts(token) -> list[bytes]:
    """The first and last bytes of the token as stored and, for text, as base64-decoded.

    A time inside the ciphertext proper is unreadable without the key; a format that leaks it keeps
    it in its header or trailer (Fernet: bytes 1-8). Scanning only the edges keeps false alarms from
    large attachments' random bytes negligible.
    """
    raw = bytes(token) if isinstance(token, bytes | memoryview) else token.encode("ascii")
    decoded = [raw]
    # Text tokens are base64 (whole or after a short prefix): look inside the decoded bytes too.
    for candidate in (raw, raw.split(b":", 1)[-1]):
        with contextlib.suppress(ValueError):
            decoded.append(base64.urlsafe_b64decode(candidate + b"=" * (-len(candidate) % 4)))
    return [part for data in decoded for part in (data[:EDGE], data[-EDGE:])]


def times_in(token, start: float, end: float) -> list[str]:
    """Every integer in the token's clear parts that reads as a moment between `start` and `end`
    (other than a midnight).

    Looks at 64-bit integers (seconds, milli-, micro- and nanoseconds, both byte orders: Fernet,
    UUIDv7-like and most binary formats) and 32-bit seconds. The window is the few seconds the test
    ran, so random bytes match it by chance in far fewer than one in ten thousand runs.
    """
    found = []
    low, high = int(start) - 1, int(end) + 1
    for data, width, scales in (
        (part, width, scales)
        for part in _clear_parts(token)
        for width, scales in ((8, (1, 10**3, 10**6, 10**9)), (4, (1,)))
    ):
        for offset in range(len(data) - width + 1):
            chunk = data[offset : offset + width]
            for order in ("big", "little"):
                value = int.from_bytes(chunk, order)
                for scale in scales:
                    seconds, rest = divmod(value, scale)
                    if low <= seconds <= high and (seconds % DAY or rest):
                        moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
                        found.append(f"{moment:%Y-%m-%d %H:%M:%S} UTC, byte {offset} ({order}, 1/{scale} s)")
    return found


def stored_tokens() -> list[tuple[str, object]]:
    """(table.column, raw value) of every non-empty encrypted value in the database."""
    columns = [
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]
    columns.append((Attachment._meta.db_table, "data"))  # encrypted bytes (forms.crypto.encrypt_bytes)
    tokens = []
    with connection.cursor() as cursor:
        for table, column in columns:
            quote = connection.ops.quote_name
            cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")  # noqa: S608 (names from the models)
            tokens += [(f"{table}.{column}", value) for (value,) in cursor.fetchall() if value]
    return tokens


def test_no_stored_ciphertext_holds_a_time_finer_than_the_day(client, make_user):
    start = time.time()
    code = code_of(
        file_report(
            client,
            what={"persons_involved": "Mijn afdelingshoofd", "occurred": "gisteren"},
            about={"wants_contact": "ja", "contact_details": "06-12345678"},
            files=[pdf_file()],
        )
    )
    report = IntegrityReport.objects.get()
    response = client.post(
        "/nl/melding/opvolging/",
        {"code": code, "action": "message", "body": "Het gebeurde vaker.", "files": [jpeg_with_exif()]},
    )
    assert "Je bericht is verstuurd" in response.content.decode()
    office = make_user("integriteitsbureau")
    services.add_office_message(report, "Dank voor je melding.", office)
    InternalNote.objects.create(report=report, author=office, body="Eerst de teamleider spreken.")
    end = time.time()

    tokens = stored_tokens()
    fields = {name for name, _value in tokens}
    assert fields >= {
        "forms_integrityreport.description",
        "forms_integrityreport.occurred",
        "forms_integrityreport.persons_involved",
        "forms_integrityreport.contact_details",
        "forms_message.body",
        "forms_internalnote.body",
        "forms_attachment.name",
        "forms_attachment.data",
    }
    assert len([name for name, _value in tokens if name == "forms_attachment.data"]) == 2
    leaks = {name: times_in(value, start, end) for name, value in tokens}
    assert not {name: found for name, found in leaks.items() if found}


def test_control_the_search_finds_the_second_in_a_fernet_token_and_allows_a_midnight():
    """Shows the test above can fail: a Fernet token made now gives itself away; one dated at
    midnight (the day only) does not."""
    fernet = Fernet(Fernet.generate_key())
    start = time.time()
    token = fernet.encrypt(b"Een beschrijving")
    end = time.time()
    found = times_in(token.decode(), start, end)
    assert found and "1/1 s" in found[0]
    midnight = int(start) - int(start) % DAY
    assert times_in(fernet.encrypt_at_time(b"Een beschrijving", midnight).decode(), midnight, midnight) == []
    assert times_in(token, start, end)  # also as stored bytes (attachments)
