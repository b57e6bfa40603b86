"""The report form: reachable signed out, three steps with review, nothing lost, nothing half-saved."""

import pytest

from forms.models import Attachment, IntegrityReport
from tests.forms.helpers import ABOUT, WHAT, code_of, draft_of, file_report, pdf_file

pytestmark = pytest.mark.django_db


def test_form_is_open_to_signed_out_people_because_reporters_may_be_external(client):
    # Residents and partner organisations report too (source "extern"), and so do colleagues who do
    # not want to sign in: the form is marked @login_not_required.
    response = client.get("/nl/melding/")
    assert response.status_code == 200
    assert "Melding vermoedelijke integriteitsschending" in response.content.decode()
    assert client.get("/nl/melding/opvolging/").status_code == 200
    assert client.get("/en/melding/").status_code == 200


def test_signed_in_people_reach_it_too(employee_client):
    assert employee_client.get("/nl/melding/").status_code == 200


def test_three_steps_review_and_receipt(client):
    response = client.get("/nl/melding/")
    response = client.post("/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT})
    assert response.context["step"] == 2
    response = client.post("/nl/melding/", {"step": "2", "draft": draft_of(response), **ABOUT})
    assert response.context["step"] == 3
    page = response.content.decode()
    assert WHAT["description"] in page and "Omgaan met belangen" in page and "Intern" in page
    assert IntegrityReport.objects.count() == 0  # nothing stored before the last step
    response = client.post("/nl/melding/", {"step": "3", "draft": draft_of(response)})
    code = code_of(response)
    assert len(code.replace("-", "")) == 20
    report = IntegrityReport.objects.get()
    assert report.description == WHAT["description"]
    assert report.source == "intern" and report.channel == "webformulier"
    assert code not in report.receipt_hash and report.receipt_hash.startswith("pbkdf2_sha256$")


def test_validation_errors_keep_what_was_typed(client):
    response = client.get("/nl/melding/")
    response = client.post(
        "/nl/melding/",
        {"step": "1", "draft": draft_of(response), **WHAT, "category": "", "description": "Mijn tekst"},
    )
    assert response.context["step"] == 1
    page = response.content.decode()
    assert "Mijn tekst" in page and 'aria-invalid="true"' in page


def test_back_from_step_two_keeps_both_steps(client):
    response = client.get("/nl/melding/")
    response = client.post("/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT})
    response = client.post(
        "/nl/melding/",
        {"step": "2", "draft": draft_of(response), **ABOUT, "source": "extern-inwoner", "back": "1"},
    )
    assert response.context["step"] == 1
    assert WHAT["description"] in response.content.decode()
    response = client.post("/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT})
    assert 'value="extern-inwoner" id="id_source_1" checked' in response.content.decode()


def test_contact_details_only_when_chosen(client):
    file_report(client, about={"wants_contact": "nee", "contact_details": "06-12345678"})
    assert IntegrityReport.objects.get().contact_details == ""
    response = client.get("/nl/melding/")
    response = client.post("/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT})
    response = client.post(
        "/nl/melding/",
        {"step": "2", "draft": draft_of(response), **ABOUT, "wants_contact": "ja", "contact_details": ""},
    )
    assert response.context["step"] == 2
    assert "Vul je contactgegevens in" in response.content.decode()


def test_expired_or_tampered_form_saves_nothing_and_says_so(client):
    response = client.post("/nl/melding/", {"step": "3", "draft": "gAAAAA-verlopen"})
    assert response.status_code == 200
    assert "is verlopen" in response.content.decode()
    assert IntegrityReport.objects.count() == 0
    response = client.post("/nl/melding/", {"step": "1", "draft": "", **WHAT})
    assert WHAT["description"] in response.content.decode()


def test_sending_twice_stores_one_report(client):
    response = client.get("/nl/melding/")
    response = client.post("/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT})
    response = client.post("/nl/melding/", {"step": "2", "draft": draft_of(response), **ABOUT})
    final = {"step": "3", "draft": draft_of(response)}
    client.post("/nl/melding/", final)
    again = client.post("/nl/melding/", final)
    assert "al verstuurd" in again.content.decode()
    assert IntegrityReport.objects.count() == 1


def test_script_in_text_is_rendered_inert(client):
    script = "<script>alert('x')</script>"
    response = client.get("/nl/melding/")
    response = client.post(
        "/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT, "description": script}
    )
    response = client.post("/nl/melding/", {"step": "2", "draft": draft_of(response), **ABOUT})
    assert script not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_bad_attachment_keeps_the_report_unsent(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("factuur.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    response = file_report(client, files=[exe])
    assert response.context["step"] == 3
    assert "geen echt PDF-bestand" in response.content.decode()
    assert IntegrityReport.objects.count() == 0
    response = file_report(client, files=[pdf_file()])
    code_of(response)
    assert Attachment.objects.count() == 1


def test_unknown_step_and_get_never_error(client):
    assert client.post("/nl/melding/", {"step": "9", "draft": ""}).status_code == 200
    assert client.post("/nl/melding/", {}).status_code == 200


def test_a_form_left_open_too_long_expires_without_saving(client):
    import json
    import time

    from forms.crypto import fernet
    from forms.views import DRAFT_MAX_AGE

    old = fernet().encrypt_at_time(
        json.dumps({"nonce": "n", "what": WHAT, "about": ABOUT}).encode(),
        int(time.time()) - DRAFT_MAX_AGE - 60,
    )
    response = client.post("/nl/melding/", {"step": "3", "draft": old.decode()})
    assert "is verlopen" in response.content.decode()
    assert IntegrityReport.objects.count() == 0
