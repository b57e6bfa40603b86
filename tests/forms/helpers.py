"""Walking the report form as a browser would, with the Django test client."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

WHAT = {
    "category": "omgaan-met-belangen",
    "description": "Een collega gunt opdrachten aan het bedrijf van haar zwager.",
    "occurred": "sinds maart",
    "department": "",
    "persons_involved": "",
}
ABOUT = {"source": "intern", "wants_contact": "nee", "contact_details": ""}


def draft_of(response) -> str:
    return response.context["draft_token"]


def file_report(client, what=None, about=None, files=(), **extra):
    """Fill in the three steps and send; returns the final response."""
    response = client.get("/nl/melding/", **extra)
    assert response.status_code == 200
    response = client.post(
        "/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT, **(what or {})}, **extra
    )
    assert response.context["step"] == 2, response.context["form"].errors
    response = client.post(
        "/nl/melding/", {"step": "2", "draft": draft_of(response), **ABOUT, **(about or {})}, **extra
    )
    assert response.context["step"] == 3, response.context["form"].errors
    return client.post(
        "/nl/melding/", {"step": "3", "draft": draft_of(response), "files": list(files)}, **extra
    )


def code_of(response) -> str:
    match = re.search(r'id="receipt-code"><code>([A-Z0-9-]+)</code>', response.content.decode())
    assert match, "no receipt code on the page"
    return match.group(1)


def pdf_file(name="verslag.pdf", author="Jan Klokkenluider"):
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": author, "/Title": "Geheim verslag"})
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def jpeg_with_exif(name="foto.jpg", artist="Jan Klokkenluider"):
    import io

    from PIL import Image

    image = Image.new("RGB", (20, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    exif[0x010F] = "Telefoonmerk"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
