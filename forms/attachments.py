"""Files reporters attach: checked by type and size, then rebuilt from their pixels.

Nothing of the uploaded file is kept. A PDF is rendered page by page and written as a new PDF of
images; a JPEG or PNG is decoded under a pixel cap and written again from its pixels (the
Dangerzone approach). Metadata, XMP, annotation authors, scripts, forms, embedded files and EXIF do
not survive because they are not pixels. The work runs in a child process (`forms/rebuilder.py`)
with limits on memory, CPU time and wall-clock time, so a hostile file costs at most that child.
"""

import json
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Pillow and pypdf log the metadata they read at DEBUG level; that would put a reporter's name or
# GPS position from a file into the logs when LOG_LEVEL=DEBUG.
for _name in ("PIL", "pypdf"):
    logging.getLogger(_name).setLevel(logging.WARNING)
logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILES = 5
REBUILDER = Path(__file__).with_name("rebuilder.py")
# extension -> (content type, kind for the rebuilder, magic bytes at the start)
ALLOWED = {
    "pdf": ("application/pdf", "pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", "jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", "jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", "png", (b"\x89PNG\r\n\x1a\n",)),
}
KIND_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}


def kind_label(content_type: str) -> str:
    return KIND_LABELS.get(content_type, content_type)


def describe(name: str, content_type: str, pages: int, size: int) -> str:
    """What the reporter sees of a rebuilt file: 'verslag.pdf (PDF, 3 pagina's, 240 KB)'."""
    kind = kind_label(content_type)
    if content_type == "application/pdf":
        count = ngettext("%(count)s pagina", "%(count)s pagina's", pages) % {"count": pages}
        return f"{name} ({kind}, {count}, {filesizeformat(size)})"
    return f"{name} ({kind}, {filesizeformat(size)})"


@dataclass
class CleanFile:
    """A rebuilt file: only this is stored, never the upload."""

    name: str
    content_type: str
    data: bytes
    pages: int = 1

    @property
    def size(self) -> int:
        return len(self.data)

    def description(self) -> str:
        return describe(self.name, self.content_type, self.pages, self.size)


# Child's answer (or fate) -> message beside the file field.
MESSAGES = {
    "unreadable": _(
        "%(name)s: het bestand kon niet worden gelezen. Misschien is het beschadigd of onvolledig."
    ),
    "encrypted": _("%(name)s is met een wachtwoord beveiligd. Voeg het toe zonder wachtwoord."),
    "pages": _("%(name)s heeft te veel pagina's: hoogstens %(max_pages)s. Verdeel het over meer bestanden."),
    "pixels": _("%(name)s heeft te veel pixels: hoogstens %(megapixels)s megapixel. Verklein de afbeelding."),
    "output": _("%(name)s wordt na het omzetten groter dan %(limit)s. Verdeel het over meer bestanden."),
    "memory": _(
        "%(name)s vraagt te veel geheugen om veilig om te zetten. "
        "Verklein het of verdeel het over meer bestanden."
    ),
    "time": _("Het omzetten van %(name)s duurde te lang. Verklein het of verdeel het over meer bestanden."),
}
MESSAGES["cpu"] = MESSAGES["time"]  # the child's CPU limit, as opposed to the parent's wall clock


class RebuildError(Exception):
    """The child refused the file or was stopped by a limit; `code` is a key of MESSAGES."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _limits() -> dict:
    return {
        "max_pages": settings.ATTACHMENT_MAX_PAGES,
        "dpi": settings.ATTACHMENT_PDF_DPI,
        "max_pixels": settings.ATTACHMENT_MAX_PIXELS,
        "max_page_pixels": settings.ATTACHMENT_MAX_PAGE_PIXELS,
        "max_output": settings.ATTACHMENT_MAX_OUTPUT_BYTES,
        "memory": settings.ATTACHMENT_REBUILD_MEMORY_BYTES,
        "max_input": MAX_FILE_SIZE,
    }


def rebuild(data: bytes, kind: str, *, timeout: float | None = None) -> tuple[bytes, int]:
    """The file rebuilt by a child process: (bytes, pages), or RebuildError.

    `timeout` is the wall-clock budget; the child's CPU limit is never above it.
    """
    timeout = settings.ATTACHMENT_REBUILD_TIMEOUT if timeout is None else timeout
    cpu = max(1, min(settings.ATTACHMENT_REBUILD_CPU_SECONDS, int(timeout) + 1))
    job = {"kind": kind, "cpu": cpu, **_limits()}
    try:
        result = subprocess.run(  # noqa: S603 (our own interpreter and module, no shell)
            [sys.executable, "-I", str(REBUILDER)],
            input=json.dumps(job).encode() + b"\n" + data,
            capture_output=True,
            timeout=max(timeout, 0.1),
            # No secrets for the child: not the parent's environment, not its open files.
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
            close_fds=True,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise RebuildError("time") from None
    if result.returncode < 0:
        # Stopped by a limit: SIGXCPU (then SIGKILL) for CPU time; an allocation that failed in
        # PDFium's C++ ends in SIGABRT. Any other crash is a file we cannot read.
        killed = -result.returncode
        if killed in (signal.SIGXCPU, signal.SIGKILL):
            raise RebuildError("cpu")
        if killed == signal.SIGABRT:
            raise RebuildError("memory")
        logger.warning("Attachment rebuild: the child ended with signal %s.", killed)
        raise RebuildError("unreadable")
    header, _newline, body = result.stdout.partition(b"\n")
    try:
        answer = json.loads(header)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        # A bug of ours rather than the file's doing; the exit status only, never the child's
        # output (it could quote the file).
        logger.warning("Attachment rebuild: no answer from the child (exit status %s).", result.returncode)
        raise RebuildError("unreadable")
    if not answer.get("ok"):
        code = answer.get("error")
        raise RebuildError(code if code in MESSAGES else "unreadable")
    if not body or len(body) > settings.ATTACHMENT_MAX_OUTPUT_BYTES:
        raise RebuildError("output" if body else "unreadable")
    return body, int(answer["pages"])


def _refusal(code: str, name: str) -> ValidationError:
    return ValidationError(
        MESSAGES[code],
        code=f"attachment_{code}",
        params={
            "name": name,
            "max_pages": settings.ATTACHMENT_MAX_PAGES,
            "megapixels": settings.ATTACHMENT_MAX_PIXELS // 1_000_000,
            "limit": filesizeformat(settings.ATTACHMENT_MAX_OUTPUT_BYTES),
        },
    )


def clean_upload(upload, *, timeout: float | None = None) -> CleanFile:
    """The upload checked and rebuilt, or a ValidationError in plain Dutch."""
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
    content_type, kind, magics = ALLOWED[extension]
    if not data.startswith(magics):
        raise ValidationError(
            _("%(name)s is geen echt %(kind)s-bestand."), params={"name": name, "kind": extension.upper()}
        )
    try:
        rebuilt, pages = rebuild(data, kind, timeout=timeout)
    except RebuildError as error:
        raise _refusal(error.code, name) from None
    return CleanFile(name=name, content_type=content_type, data=rebuilt, pages=pages)


def clean_uploads(uploads) -> list[CleanFile]:
    """All uploads of one request rebuilt, sharing one wall-clock budget; errors for each file."""
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("Voeg hoogstens %(max)s bestanden toe."), params={"max": MAX_FILES})
    deadline = time.monotonic() + settings.ATTACHMENT_REBUILD_TIMEOUT
    errors, files = [], []
    for upload in uploads:
        try:
            files.append(clean_upload(upload, timeout=deadline - time.monotonic()))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return files
