"""Every block renders, and editors get a validation message instead of a broken page."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks as wagtail_blocks
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home import blocks
from tests.home.factories import ContactFactory

pytestmark = pytest.mark.django_db

ALL_BLOCKS = [
    blocks.ProgrammeLineBlock,
    blocks.ParagraphBlock,
    blocks.HeadingBlock,
    blocks.CalloutBlock,
    blocks.AccordionBlock,
    blocks.LinkBlock,
    blocks.DilemmaCardBlock,
    blocks.ContactCardBlock,
    blocks.ContactListBlock,
    blocks.DocumentLinkBlock,
    blocks.ImageBlock,
    blocks.TableBlock,
    blocks.QuoteBlock,
    blocks.ArticleBlock,
    blocks.ChapterBlock,
    blocks.ChangeBlock,
    blocks.StepBlock,
]


@pytest.mark.parametrize("block_class", ALL_BLOCKS, ids=lambda cls: cls.__name__)
def test_every_block_has_icon_template_description_and_docstring(block_class):
    block = block_class()
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.template.startswith("home/blocks/")
    assert block.meta.description
    assert block_class.__doc__


@pytest.mark.parametrize(
    "block_class",
    [b for b in ALL_BLOCKS if getattr(b().meta, "preview_value", None)],
    ids=lambda cls: cls.__name__,
)
def test_blocks_with_a_preview_value_render_it(block_class):
    block = block_class()
    value = block.to_python(block.get_prep_value(block.normalize(block.meta.preview_value)))
    html = block.render(value)
    assert html.strip()


def test_dilemma_card_renders_situation_questions_and_links():
    block = blocks.DilemmaCardBlock()
    value = block.to_python(
        {
            "title": "Kerstpakket",
            "situation": "Een leverancier stuurt een pakket.",
            "questions": ["Wat vindt een inwoner ervan?"],
            "where_to_go": [
                {"text": "Meldregeling", "url": "https://example.org/meldregeling", "anchor": ""}
            ],
        }
    )
    html = block.render(value)
    assert "Kerstpakket" in html and "Wat vindt een inwoner ervan?" in html
    assert 'href="https://example.org/meldregeling"' in html


def test_contact_card_and_list_show_phone_email_and_availability():
    contact = ContactFactory(name="Anouk Bakker", phone="06 1234 5678", availability="Op dinsdag")
    ContactFactory(name="Iemand anders", kind="integrity_office")
    html = blocks.ContactCardBlock().render(blocks.ContactCardBlock().to_python({"contact": contact.pk}))
    assert "Anouk Bakker" in html and 'href="tel:0612345678"' in html and "Op dinsdag" in html
    listing = blocks.ContactListBlock()
    html = listing.render(listing.to_python({"title": "Vertrouwenspersonen", "kind": "confidential_advisor"}))
    assert "Anouk Bakker" in html and "Iemand anders" not in html


def test_image_block_renders_alt_text_and_caption(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Foto", file=get_test_image_file())
    block = blocks.ImageBlock()
    html = block.render(
        block.to_python(
            {"image": image.pk, "alt_text": "Twee collega's in gesprek", "caption": "Een dilemma"}
        )
    )
    assert 'alt="Twee collega&#x27;s in gesprek"' in html or 'alt="Twee collega\'s in gesprek"' in html
    assert "<figcaption" in html


def test_image_without_alt_text_is_refused(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Foto", file=get_test_image_file())
    block = blocks.ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_required_step_fields_are_enforced():
    block = blocks.StepBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "", "actor": "", "description": "", "parties": []}))


def test_anchor_must_be_a_slug():
    block = blocks.ArticleBlock()
    value = block.to_python({"number": "1.1", "title": "Respect", "anchor": "Niet Goed!", "text": "<p>x</p>"})
    with pytest.raises(ValidationError):
        block.clean(value)


def chapters_value(*anchor_sets):
    stream = blocks.ChaptersBlock()
    raw = [
        {
            "type": "chapter",
            "value": {
                "title": f"Hoofdstuk {n}",
                "anchor": chapter_anchor,
                "intro": "",
                "articles": [
                    {"number": f"{n}.{i}", "title": a, "anchor": a, "text": "<p>x</p>", "dilemmas": []}
                    for i, a in enumerate(articles, start=1)
                ],
            },
        }
        for n, (chapter_anchor, articles) in enumerate(anchor_sets, start=1)
    ]
    return stream, stream.to_python(raw)


def test_duplicate_article_anchor_is_refused_with_a_message():
    stream, value = chapters_value(("omgaan-met-elkaar", ["respect"]), ("omgaan-met-belangen", ["respect"]))
    with pytest.raises(wagtail_blocks.StreamBlockValidationError) as error:
        stream.clean(value)
    assert "respect" in str(error.value.as_json_data())


def test_unique_anchors_are_accepted():
    stream, value = chapters_value(
        ("omgaan-met-elkaar", ["respect"]), ("omgaan-met-belangen", ["geschenken"])
    )
    assert stream.clean(value)


def test_reserved_anchor_is_refused():
    stream, value = chapters_value(("integriteitsverklaring", ["respect"]))
    with pytest.raises(wagtail_blocks.StreamBlockValidationError):
        stream.clean(value)


def test_duplicate_heading_anchors_in_a_body_are_refused():
    stream = blocks.ContentStreamBlock()
    value = stream.to_python(
        [
            {"type": "heading", "value": {"text": "A", "level": "h2", "anchor": "zelfde"}},
            {"type": "heading", "value": {"text": "B", "level": "h2", "anchor": "zelfde"}},
        ]
    )
    with pytest.raises(wagtail_blocks.StreamBlockValidationError):
        stream.clean(value)


def test_link_needs_a_page_or_an_address():
    block = blocks.LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Ergens", "page": None, "anchor": "", "url": ""}))
