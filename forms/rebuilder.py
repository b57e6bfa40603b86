"""Rebuild one attachment from its pixels, inside a child process with hard resource limits.

Run by `forms.attachments.rebuild` as `python -I forms/rebuilder.py`: isolated mode, no Django, no
project code on the path, an environment without secrets, no inherited file descriptors. The parent
writes one JSON line with the job and the limits, then the file's bytes, to stdin. The child sets its
own limits (address space, CPU time, no files written, no core dumps) before it reads the file, so
whatever the file does to Pillow or PDFium stays inside this process.

The answer on stdout is one JSON line, followed by the rebuilt bytes when it is `{"ok": true, ...}`,
or `{"error": CODE}` (codes in `ERRORS`). A child killed by a limit prints nothing; the parent
reads that from the exit status.

A PDF is rendered page by page to RGB pixels with PDFium (no JavaScript engine, form fields drawn
as they look) and written as a new PDF of JPEG images with Pillow. An image is decoded under a pixel
cap and written again from its pixels. Nothing of the original file but what it shows survives:
no metadata, XMP, annotation authors, scripts, embedded files, EXIF or colour profiles.
"""

import io
import json
import math
import resource
import sys
import warnings

ERRORS = ("kind", "unreadable", "encrypted", "pages", "pixels", "output", "memory")
JPEG_QUALITY = 75  # a page of text at 150 DPI: about 400 KB
HEADER_LIMIT = 4096


def set_limits(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # SIGXCPU at the soft limit, SIGKILL a second later if it is caught somewhere.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class Refused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def rebuild_image(data: bytes, kind: str, job: dict) -> tuple[bytes, int]:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = job["max_pixels"]
    # Pillow only warns between one and two times the cap; here that is a refusal too.
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    fmt = {"jpeg": "JPEG", "png": "PNG"}[kind]
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            image.load()
            # A photo's orientation lives in its EXIF; turn the pixels before the EXIF goes.
            ImageOps.exif_transpose(image, in_place=True)
            if kind == "jpeg":
                mode = image.mode if image.mode in ("L", "RGB") else "RGB"
            else:
                alpha = image.mode in ("LA", "RGBA", "PA") or "transparency" in image.info
                fallback = "RGBA" if alpha else "RGB"
                mode = image.mode if image.mode in ("L", "LA", "RGB", "RGBA") else fallback
            clean = image.convert(mode)  # a new image, from the pixels
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused("pixels") from None
    except MemoryError:
        raise Refused("memory") from None
    except Exception:  # noqa: BLE001 (any decoder error: the file is unusable)
        raise Refused("unreadable") from None
    # The copy carries the original's info (EXIF, ICC profile, text chunks, dpi); none of it goes on.
    clean.info = {}
    out = io.BytesIO()
    if kind == "jpeg":
        clean.save(out, format="JPEG", quality=90)
    else:
        clean.save(out, format="PNG")
    return out.getvalue(), 1


def document_scale(pages_points: list[tuple[float, float]], dpi: int, max_page_pixels: int) -> float:
    """Pixels per point for the whole document: the DPI asked for, lower if a page would be too big.

    One scale for all pages keeps their sizes relative to one another (the PDF has one resolution).
    """
    scale = dpi / 72
    for width, height in pages_points:
        area = max(width, 1.0) * max(height, 1.0)
        if area * scale * scale > max_page_pixels:
            # A little under the cap: PDFium rounds the bitmap's sides up.
            scale = math.sqrt(max_page_pixels / area) * 0.995
    return scale


def rebuild_pdf(data: bytes, job: dict) -> tuple[bytes, int]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise Refused("encrypted" if "password" in str(error).lower() else "unreadable") from None
    try:
        count = len(document)
        if count == 0:
            raise Refused("unreadable")
        if count > job["max_pages"]:
            raise Refused("pages")
        sizes = [document.get_page_size(index) for index in range(count)]
        scale = document_scale(sizes, job["dpi"], job["max_page_pixels"])
        pages = []
        for index in range(count):
            page = document[index]
            try:
                bitmap = page.render(
                    scale=scale, fill_color=(255, 255, 255, 255), rev_byteorder=True, draw_annots=True
                )
                pixels = bitmap.to_pil().convert("RGB")  # a copy: our own buffer, not PDFium's
                bitmap.close()
            finally:
                page.close()
            pixels.info = {}
            pages.append(pixels)
    except MemoryError:
        raise Refused("memory") from None
    except pdfium.PdfiumError:
        raise Refused("unreadable") from None
    finally:
        document.close()

    out = io.BytesIO()
    pages[0].save(
        out,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=scale * 72,
        quality=JPEG_QUALITY,
        # Pillow stamps the time of writing otherwise: a report keeps no time finer than the day.
        creationDate=None,
        modDate=None,
    )
    return out.getvalue(), count


def rebuild(data: bytes, job: dict) -> tuple[bytes, int]:
    kind = job["kind"]
    if kind == "pdf":
        rebuilt, pages = rebuild_pdf(data, job)
    elif kind in ("jpeg", "png"):
        rebuilt, pages = rebuild_image(data, kind, job)
    else:
        raise Refused("kind")
    if len(rebuilt) > job["max_output"]:
        raise Refused("output")
    return rebuilt, pages


def main() -> int:
    # Import the decoders before the limits: their start-up is not the file's doing.
    import PIL.Image
    import PIL.JpegImagePlugin
    import PIL.PdfImagePlugin
    import PIL.PngImagePlugin  # noqa: F401
    import pypdfium2  # noqa: F401

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    job = json.loads(stdin.readline(HEADER_LIMIT))
    set_limits(job["memory"], job["cpu"])
    data = stdin.read(job["max_input"] + 1)
    try:
        if len(data) > job["max_input"]:
            raise Refused("unreadable")
        rebuilt, pages = rebuild(data, job)
    except Refused as refusal:
        stdout.write(json.dumps({"error": refusal.code}).encode() + b"\n")
        return 0
    except MemoryError:
        stdout.write(json.dumps({"error": "memory"}).encode() + b"\n")
        return 0
    stdout.write(json.dumps({"ok": True, "pages": pages}).encode() + b"\n")
    stdout.write(rebuilt)
    stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
