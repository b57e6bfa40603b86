"""Checks and cleaning of files reporters attach: type by content, size, metadata stripped."""

import io
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Pillow and pypdf log the metadata they read at DEBUG level; that would put a reporter's name or
# GPS position from a file into the logs when LOG_LEVEL=DEBUG.
for _name in ("PIL", "pypdf"):
    logging.getLogger(_name).setLevel(logging.WARNING)

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILES = 5
# extension -> (content type, magic bytes at the start)
ALLOWED = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


@dataclass
class CleanFile:
    name: str
    content_type: str
    data: bytes


def _strip_image(data: bytes, content_type: str) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if content_type == "image/jpeg" and image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        # A new image from the pixels only: no EXIF, GPS, XMP or comments survive.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
        if image.mode == "P":
            clean.putpalette(image.getpalette())
        out = io.BytesIO()
        clean.save(out, format="PNG" if content_type == "image/png" else "JPEG", quality=90)
    return out.getvalue()


def _strip_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise ValueError("encrypted")
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.metadata = None
    if "/Metadata" in writer._root_object:
        del writer._root_object["/Metadata"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_upload(upload) -> CleanFile:
    """The upload checked and stripped of metadata, or a ValidationError in plain Dutch."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:120]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _("%(name)s: alleen PDF-, JPG- en PNG-bestanden zijn toegestaan."), params={"name": name}
        )
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(_("%(name)s is groter dan 10 MB."), params={"name": name})
    data = upload.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise ValidationError(_("%(name)s is groter dan 10 MB."), params={"name": name})
    content_type, magics = ALLOWED[extension]
    if not data.startswith(magics):
        raise ValidationError(
            _("%(name)s is geen echt %(kind)s-bestand."), params={"name": name, "kind": extension.upper()}
        )
    try:
        clean = _strip_pdf(data) if content_type == "application/pdf" else _strip_image(data, content_type)
    except Exception:  # noqa: BLE001 (any parser error: the file is unusable for us)
        raise ValidationError(_("%(name)s kunnen we niet lezen."), params={"name": name}) from None
    return CleanFile(name=name, content_type=content_type, data=clean)


def clean_uploads(uploads) -> list[CleanFile]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("Voeg hoogstens %(max)s bestanden toe."), params={"max": MAX_FILES})
    errors, files = [], []
    for upload in uploads:
        try:
            files.append(clean_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return files
