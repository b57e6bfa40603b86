"""Every path that takes attachments stores only the rebuilt file and shows the reporter what it became."""

import html

import pytest
from django.utils import timezone

from forms.models import Attachment, IntegrityReport
from tests.forms import corpus
from tests.forms.corpus import upload
from tests.forms.factories import IntegrityReportFactory
from tests.forms.helpers import WHAT, file_report

pytestmark = pytest.mark.django_db


def field_errors(response) -> str:
    return html.unescape(response.content.decode())


def test_report_stores_only_the_rebuilt_files_and_lists_them_on_the_done_page(client):
    response = file_report(
        client, files=[upload("verslag.pdf", corpus.hostile_pdf()), upload("foto.jpg", corpus.exif_jpeg())]
    )
    page = html.unescape(response.content.decode())
    assert "Bestanden die je hebt toegevoegd" in page
    pdf, photo = Attachment.objects.order_by("pk")
    assert "verslag.pdf (PDF, 1 pagina, " in page
    assert "foto.jpg (JPG, " in page
    assert (pdf.pages, pdf.content_type, pdf.size) == (1, "application/pdf", len(pdf.content()))
    for attachment in (pdf, photo):
        stored = attachment.content()
        assert [marker for marker in corpus.MARKERS if marker.encode() in stored] == []
    assert corpus.hostile_pdf() != pdf.content()


def test_bomb_at_the_last_step_is_refused_beside_the_field_and_nothing_is_saved(client):
    response = file_report(client, files=[upload("kaart.png", corpus.png_bomb())])
    assert response.context["step"] == 3
    page = field_errors(response)
    assert 'id="id_files_error"' in page
    assert "kaart.png heeft te veel pixels: hoogstens 40 megapixel" in page
    assert WHAT["description"] in page  # the review still shows what was typed
    assert IntegrityReport.objects.count() == 0


def test_follow_up_message_files_are_rebuilt_and_listed_with_their_pages(client):
    report, code = IntegrityReportFactory.with_code()
    response = client.post(
        "/nl/melding/opvolging/",
        {
            "code": code,
            "action": "message",
            "body": "Zie bijlage.",
            "files": [upload("lang.pdf", corpus.pdf_pages(21))],
        },
    )
    page = field_errors(response)
    assert "lang.pdf heeft te veel pagina's: hoogstens 20" in page
    assert "Zie bijlage." in page  # the message is kept
    assert report.messages.count() == 0 and report.attachments.count() == 0

    response = client.post(
        "/nl/melding/opvolging/",
        {
            "code": code,
            "action": "message",
            "body": "Zie bijlage.",
            "files": [upload("drie.pdf", corpus.pdf_pages(3))],
        },
    )
    page = field_errors(response)
    assert "Je bericht is verstuurd" in page
    assert "drie.pdf (PDF, 3 pagina's, " in page
    assert report.attachments.get().pages == 3


def test_refusals_are_in_english_on_the_english_site(client):
    _report, code = IntegrityReportFactory.with_code()
    response = client.post(
        "/en/melding/opvolging/",
        {
            "code": code,
            "action": "message",
            "body": "See file.",
            "files": [upload("map.png", corpus.png_bomb())],
        },
    )
    page = field_errors(response)
    assert "map.png has too many pixels: at most 40 megapixels" in page
    assert "te veel pixels" not in page


def test_attachments_stored_before_the_rebuild_are_rebuilt_by_a_command():

    from django.core.management import CommandError, call_command

    from forms.attachments import CleanFile
    from forms.services import _attach

    report = IntegrityReportFactory()
    old = [
        CleanFile("oud.pdf", "application/pdf", corpus.hostile_pdf()),
        CleanFile("oud.jpg", "image/jpeg", corpus.exif_jpeg()),
        CleanFile("kapot.pdf", "application/pdf", corpus.truncated_pdf()),
    ]
    _attach(report, old, timezone.localdate())
    with pytest.raises(CommandError) as error:
        call_command("rebuild_attachments")
    pdf, photo, broken = report.attachments.order_by("pk")
    assert str(error.value) == f"Not rebuilt, left as they were: {broken.pk} (unreadable)"
    for attachment in (pdf, photo):
        stored = attachment.content()
        assert [marker for marker in corpus.MARKERS if marker.encode() in stored] == []
        assert attachment.size == len(stored)
    assert broken.content() == corpus.truncated_pdf()
