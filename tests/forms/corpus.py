"""Hostile and harmless attachments, built in the test (never downloaded), with markers to hunt for.

Every builder returns bytes. The markers are plain ASCII strings that the original file carries in
clear (a control test checks that), so a rebuilt file that still holds one has leaked it.
"""

import io
import zlib
from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile

ARTIST = "ARTIST-Jan-Klokkenluider"
SERIAL = "SERIAL-4711-0815"
GPS_MARKER_LATITUDE = (52, 5, 37)  # degrees, minutes, seconds: a position in Utrecht
PAGE_XMP = "XMP-PAGE-Jan-Klokkenluider"
DOC_AUTHOR = "INFO-AUTHOR-Jan-Klokkenluider"
ANNOTATION_AUTHOR = "ANNOT-AUTHOR-Jan-Klokkenluider"
ANNOTATION_TEXT = "ANNOT-TEXT-geheime-opmerking"
PIECE_INFO = "PIECEINFO-Klokkenluider-Laptop"
JAVASCRIPT = "JAVASCRIPT-MARKER-app.alert"
OPEN_ACTION = "OPENACTION-MARKER"
EMBEDDED_NAME = "EMBEDDED-NAME-geheim.txt"
EMBEDDED_CONTENT = "EMBEDDED-CONTENT-Jan-Klokkenluider"

MARKERS = (
    ARTIST,
    SERIAL,
    PAGE_XMP,
    DOC_AUTHOR,
    ANNOTATION_AUTHOR,
    ANNOTATION_TEXT,
    PIECE_INFO,
    JAVASCRIPT,
    OPEN_ACTION,
    EMBEDDED_NAME,
    EMBEDDED_CONTENT,
)
RED = (220, 20, 20)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def exif_jpeg(size=(60, 40), color=RED) -> bytes:
    """A photo as a phone writes it: Artist, camera serial number and a GPS position in its EXIF."""
    from PIL import Image

    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x013B] = ARTIST  # Artist
    exif[0x010F] = "Telefoonmerk"  # Make
    exif.get_ifd(0x8769)[0xA431] = SERIAL  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", GPS_MARKER_LATITUDE  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (5, 7, 10)  # GPSLongitudeRef, GPSLongitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def _page_with_photo() -> bytes:
    """One page, drawn by reportlab: a red block and the EXIF photo, embedded as the JPEG it is."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(300, 300), pageCompression=0)
    pdf.setFillColorRGB(*(c / 255 for c in RED))
    pdf.rect(0, 150, 300, 150, stroke=0, fill=1)
    pdf.drawImage(ImageReader(io.BytesIO(exif_jpeg())), 50, 20, width=120, height=80)
    pdf.setAuthor(DOC_AUTHOR)
    pdf.save()
    return out.getvalue()


def hostile_pdf() -> bytes:
    """Everything a 'metadata stripper' tends to miss, in one PDF, uncompressed so markers show."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Text
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_page_with_photo())))
    page = writer.pages[0]
    xmp = DecodedStreamObject()
    xmp.set_data(
        (
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
            'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
            f"{PAGE_XMP}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
        ).encode()
    )
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    page[NameObject("/Metadata")] = writer._add_object(xmp)
    page[NameObject("/PieceInfo")] = DictionaryObject(
        {NameObject("/Illustrator"): DictionaryObject({NameObject("/Private"): TextStringObject(PIECE_INFO)})}
    )
    note = Text(text=ANNOTATION_TEXT, rect=(200, 200, 220, 220), open=True)
    note[NameObject("/T")] = TextStringObject(ANNOTATION_AUTHOR)
    writer.add_annotation(page_number=0, annotation=note)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(f"app.alert('{OPEN_ACTION}');"),
        }
    )
    writer.add_attachment(EMBEDDED_NAME, EMBEDDED_CONTENT.encode())
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(f"var marker = '{JAVASCRIPT}'; app.alert(marker);"),
        }
    )
    names = writer._root_object["/Names"]
    names[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("start"), writer._add_object(script)])}
    )
    writer.add_metadata({"/Author": DOC_AUTHOR})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_pages(count: int, size=(200, 200)) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=size[0], height=size[1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = hostile_pdf()
    return data[: len(data) // 3]


@cache
def zip_bomb_pdf(expanded_bytes: int = 2 * 1024**3) -> bytes:
    """A one-page PDF whose content stream is ~2 MB of Flate that expands to `expanded_bytes`.

    Built from one compressed block repeated (full flushes make blocks independent), so making it
    costs milliseconds instead of compressing gigabytes.
    """
    chunk = b" " * (1024 * 1024)
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = head + block * (expanded_bytes // len(chunk) - 1) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf_from_objects(objects)


@cache
def render_bomb_pdf(fills: int = 20_000, side: int = 2000) -> bytes:
    """A PDF of a few KB whose one page paints `fills` page-filling shapes: minutes of rendering.

    Memory stays small (one page bitmap); only CPU time can stop it.
    """
    shape = b"%d %d m %d %d %d %d %d %d c h f\n" % (0, 0, side, 0, side, side, 0, side)
    colours = b"".join(b"%.2f 0 0 rg\n" % (index % 100 / 100) + shape for index in range(100))
    stream = zlib.compress(colours * (fills // 100), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>" % (side, side),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf_from_objects(objects)


def _pdf_from_objects(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@cache
def png_bomb(width: int = 10_000, height: int = 10_000, mode: str = "RGB", row_filter: int = 0) -> bytes:
    """A PNG of `width` x `height` black pixels in a few hundred KB (the issue's 316 KB bomb).

    `row_filter` 4 (Paeth) makes every pixel cost arithmetic to decode: CPU time, not memory.
    """
    import struct

    channels = {"L": 1, "RGB": 3}[mode]
    color_type = {"L": 0, "RGB": 2}[mode]

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = bytes([row_filter]) + b"\x00" * (width * channels)  # filter byte + black pixels
    compressor = zlib.compressobj(9)
    first = compressor.compress(row) + compressor.flush(zlib.Z_FULL_FLUSH)
    # After a full flush, identical rows compress to identical bytes; the Adler-32 at the end is
    # that of the real data, so the file is valid.
    same = compressor.compress(row) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = zlib.adler32(row * 1)
    for _ in range(height - 1):
        adler = zlib.adler32(row, adler)
    tail = compressor.flush()
    idat = first + same * (height - 1) + tail[:-4] + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
