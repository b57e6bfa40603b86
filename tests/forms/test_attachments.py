"""Files reporters add: checked by content, limited in size, rebuilt without metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.attachments import MAX_FILE_SIZE, clean_upload, clean_uploads
from tests.forms.helpers import jpeg_with_exif, pdf_file


def test_jpeg_loses_its_exif():
    from PIL import Image

    clean = clean_upload(jpeg_with_exif(artist="Jan Klokkenluider"))
    assert clean.content_type == "image/jpeg"
    assert b"Jan Klokkenluider" not in clean.data and b"Telefoonmerk" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.size == (20, 20)
        assert not image.getexif()


def test_pdf_loses_its_metadata():
    from pypdf import PdfReader

    clean = clean_upload(pdf_file(author="Jan Klokkenluider"))
    assert b"Klokkenluider" not in clean.data
    reader = PdfReader(io.BytesIO(clean.data))
    assert len(reader.pages) == 1
    assert not reader.metadata or "/Author" not in reader.metadata


def test_png_is_accepted():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (5, 5)).save(out, format="PNG")
    assert clean_upload(SimpleUploadedFile("a.png", out.getvalue())).content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("factuur.pdf", b"MZ\x90\x00" + b"\x00" * 64, "geen echt PDF-bestand"),
        ("foto.jpg", b"%PDF-1.4", "geen echt JPG-bestand"),
        ("programma.exe", b"MZ\x90\x00", "alleen PDF-, JPG- en PNG-bestanden"),
        ("zonder-extensie", b"%PDF-1.4", "alleen PDF-, JPG- en PNG-bestanden"),
        ("kapot.pdf", b"%PDF-1.4 dit is geen pdf", "kon niet worden gelezen"),
        ("kapot.png", b"\x89PNG\r\n\x1a\n rest", "kon niet worden gelezen"),
    ],
)
def test_disguised_and_broken_files_are_refused(name, data, message):
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile(name, data))
    assert message in " ".join(error.value.messages)


def test_oversized_file_is_refused():
    big = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * MAX_FILE_SIZE)
    with pytest.raises(ValidationError, match="groter dan 10 MB"):
        clean_upload(big)


def test_at_most_five_files():
    with pytest.raises(ValidationError, match="hoogstens 5"):
        clean_uploads([pdf_file() for _ in range(6)])
