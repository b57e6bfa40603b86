"""Attachments are rebuilt from their pixels in a limited child process: the hostile corpus.

Each case tries to get something past the rebuild (a marker, a script, a bomb) and checks that the
reporter gets the right message or a clean file; the controls show the corpus really carries what
the tests hunt for.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from forms.attachments import RebuildError, clean_upload, clean_uploads, rebuild
from tests.forms import corpus
from tests.forms.corpus import upload

# Settings under which only a limit of the child itself can stop the 100-megapixel bomb.
NO_PIXEL_CAP = {"ATTACHMENT_MAX_PIXELS": 10**9, "ATTACHMENT_REBUILD_TIMEOUT": 120}


def everything_in(pdf: bytes) -> bytes:
    """The raw file plus every object pypdf can read from it, streams decoded: where markers hide."""
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    reader = PdfReader(io.BytesIO(pdf))
    parts = [pdf]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001, S112 (a free or broken slot: nothing in it to find)
            continue
        parts.append(repr(obj).encode("utf-8", "replace"))
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data())
    return b"\n".join(parts)


def images_in(pdf: bytes) -> list:
    from PIL import Image
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [Image.open(io.BytesIO(image.data)) for page in reader.pages for image in page.images]


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        clean_upload(upload(name, data))
    return " ".join(error.value.messages)


def test_control_the_hostile_pdf_carries_every_marker():
    from pypdf import PdfReader

    data = corpus.hostile_pdf()
    found = everything_in(data)
    for marker in corpus.MARKERS:
        assert marker.encode() in found, marker
    reader = PdfReader(io.BytesIO(data))
    assert {"/OpenAction", "/Names"} <= set(reader.trailer["/Root"])
    assert b"Exif\x00\x00" in found, "the photo is embedded with its EXIF"


def test_hostile_pdf_is_rebuilt_with_none_of_its_markers():
    """Finding 2: page XMP, annotation author, /PieceInfo, scripts, embedded file and EXIF photo."""
    from pypdf import PdfReader

    clean = clean_upload(upload("verslag.pdf", corpus.hostile_pdf()))

    assert (clean.content_type, clean.pages) == ("application/pdf", 1)
    found = everything_in(clean.data)
    leaked = [marker for marker in corpus.MARKERS if marker.encode() in found]
    assert leaked == []
    assert b"Exif" not in found and b"Klokkenluider" not in found
    reader = PdfReader(io.BytesIO(clean.data))
    assert set(reader.trailer["/Root"]) == {"/Type", "/Pages"}  # no OpenAction, Names, AcroForm, XMP
    assert set(reader.pages[0]) <= {"/Type", "/Parent", "/Resources", "/MediaBox", "/Contents"}
    assert "/Info" not in reader.trailer  # no author, no producer, no creation time


def test_rebuilt_pdf_still_shows_what_the_original_showed():
    """The pixels are the content: the red block of the original page is there, at the same size."""
    import pypdfium2 as pdfium

    clean = clean_upload(upload("verslag.pdf", corpus.hostile_pdf()))
    document = pdfium.PdfDocument(clean.data)
    width, height = document.get_page_size(0)
    assert (round(width), round(height)) == (300, 300)
    image = document[0].render(scale=0.5).to_pil().convert("RGB")
    document.close()
    for point in ((75, 20), (55, 120)):  # the red top half, the red photo lower left
        red, green, blue = image.getpixel(point)
        assert red > 180 and green < 80 and blue < 80, point
    assert image.getpixel((140, 140))[1] > 200  # white beside the photo


def test_photo_loses_artist_serial_number_and_gps():
    from PIL import Image

    original = corpus.exif_jpeg()
    assert corpus.ARTIST.encode() in original and corpus.SERIAL.encode() in original  # control
    clean = clean_upload(upload("foto.jpg", original))
    assert clean.content_type == "image/jpeg"
    assert corpus.ARTIST.encode() not in clean.data and corpus.SERIAL.encode() not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.size == (60, 40)
        assert not image.getexif() and not image.getexif().get_ifd(0x8825)
        assert image.convert("RGB").getpixel((30, 20))[0] > 180


def test_photo_taken_sideways_stays_upright_without_its_exif():
    from PIL import Image

    image = Image.new("RGB", (60, 40), corpus.RED)
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    clean = clean_upload(upload("staand.jpg", out.getvalue()))
    with Image.open(io.BytesIO(clean.data)) as rebuilt:
        assert rebuilt.size == (40, 60)
        assert not rebuilt.getexif()


def test_png_loses_its_text_chunks_and_colour_profile():
    from PIL import Image, ImageCms
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", corpus.ARTIST)
    info.add_itxt("Comment", corpus.SERIAL, zip=True)
    out = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGBA", (30, 30), (*corpus.RED, 128)).save(out, format="PNG", pnginfo=info, icc_profile=profile)
    clean = clean_upload(upload("scherm.png", out.getvalue()))
    assert corpus.ARTIST.encode() not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.mode == "RGBA" and image.getpixel((5, 5)) == (*corpus.RED, 128)
        assert image.text == {} and "icc_profile" not in image.info


def test_decompression_bomb_png_is_refused_before_decoding():
    """Finding 3: 10,000 x 10,000 pixels in a few hundred KB."""
    bomb = corpus.png_bomb()
    assert len(bomb) < 1024 * 1024
    assert "te veel pixels: hoogstens 40 megapixel" in refusal("kaart.png", bomb)


@override_settings(ATTACHMENT_MAX_PIXELS=1000)
def test_image_just_over_the_cap_is_refused_where_pillow_only_warns():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40)).save(out, format="PNG")  # 1,600 pixels: between the cap and twice it
    assert "te veel pixels" in refusal("klein.png", out.getvalue())


def test_zip_bomb_pdf_stream_is_stopped_by_the_childs_memory_limit():
    """A content stream of ~2 MB that inflates to 2 GB: the child dies, the web worker does not."""
    bomb = corpus.zip_bomb_pdf()
    assert len(bomb) < 10 * 1024 * 1024  # passes the upload size check
    with pytest.raises(RebuildError) as error:
        rebuild(bomb, "pdf")
    assert error.value.code == "memory"
    assert "vraagt te veel geheugen" in refusal("bom.pdf", bomb)


@override_settings(**NO_PIXEL_CAP)
def test_without_pixel_cap_the_childs_memory_limit_stops_the_bomb():
    with pytest.raises(RebuildError) as error:
        rebuild(corpus.png_bomb(), "png")
    assert error.value.code == "memory"


@override_settings(ATTACHMENT_REBUILD_CPU_SECONDS=1, ATTACHMENT_REBUILD_TIMEOUT=600)
def test_a_pdf_that_takes_minutes_to_render_is_stopped_by_the_childs_cpu_limit():
    """20,000 page-filling curves in 6 KB: little memory, much CPU; the child gets one second."""
    with pytest.raises(RebuildError) as error:
        rebuild(corpus.render_bomb_pdf(), "pdf")
    assert error.value.code == "cpu"  # the kernel's RLIMIT_CPU in the child, not the parent's clock


@override_settings(ATTACHMENT_REBUILD_CPU_SECONDS=600)
def test_child_is_killed_at_the_wall_clock_limit():
    with pytest.raises(RebuildError) as error:
        rebuild(corpus.render_bomb_pdf(), "pdf", timeout=0.5)
    assert error.value.code == "time"
    with pytest.raises(ValidationError, match=r"Het omzetten van traag\.pdf duurde te lang"):
        clean_upload(upload("traag.pdf", corpus.render_bomb_pdf()), timeout=0.5)


def test_truncated_pdf_gets_a_clear_message():
    assert "kon niet worden gelezen" in refusal("half.pdf", corpus.truncated_pdf())


def test_password_protected_pdf_gets_its_own_message():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(corpus.pdf_pages(1))))
    writer.encrypt(user_password="geheim", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    assert "met een wachtwoord beveiligd" in refusal("slot.pdf", out.getvalue())


def test_at_most_twenty_pages():
    assert clean_upload(upload("twintig.pdf", corpus.pdf_pages(20))).pages == 20
    assert "te veel pagina's: hoogstens 20" in refusal("lang.pdf", corpus.pdf_pages(21))


def test_huge_page_is_rendered_at_a_lower_resolution_not_refused():
    """A 5 x 5 metre page at 150 DPI would be 850 megapixels; it is scaled into the page cap."""
    import pypdfium2 as pdfium

    with override_settings(ATTACHMENT_PDF_DPI=150):
        clean = clean_upload(upload("poster.pdf", corpus.pdf_pages(1, size=(14_000, 14_000))))
    document = pdfium.PdfDocument(clean.data)
    assert document.get_page_size(0) == pytest.approx((14_000, 14_000), rel=0.001)
    document.close()
    (image,) = images_in(clean.data)
    assert image.width * image.height <= 6_000_000


@override_settings(ATTACHMENT_MAX_OUTPUT_BYTES=200)
def test_rebuilt_file_over_the_output_limit_is_refused():
    assert "wordt na het omzetten groter dan 200" in refusal("verslag.pdf", corpus.pdf_pages(2))


def test_each_file_gets_its_own_message_and_none_is_kept():
    with pytest.raises(ValidationError) as error:
        clean_uploads(
            [
                upload("goed.jpg", corpus.exif_jpeg()),
                upload("lang.pdf", corpus.pdf_pages(21)),
                upload("kaart.png", corpus.png_bomb()),
            ]
        )
    messages = error.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("lang.pdf heeft te veel pagina's")
    assert messages[1].startswith("kaart.png heeft te veel pixels")
