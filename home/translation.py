"""Translate a page with wagtail-localize from a parallel page in the target language.

The demo loader (and tests) build the English text as an unsaved page with the same structure as the
Dutch one; its translatable segments, in order, are the translations of the Dutch page's segments.
They are stored as wagtail-localize string translations and the translated page is published, exactly
as if a translator had filled them in through the editor.
"""

from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def with_block_ids(instance: Page) -> Page:
    """Give every block (also list items) an id, as saving through the editor does."""
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(instance, field.name)
            list(value)  # expand raw blocks, so preparing them assigns the missing ids
            setattr(instance, field.name, field.stream_block.get_prep_value(value))
    return instance


def string_segments(instance) -> list[StringSegmentValue]:
    return [segment for segment in extract_segments(instance) if isinstance(segment, StringSegmentValue)]


def translate_page(page: Page, locale: Locale, parallel: Page, publish: bool = True) -> Page:
    """Create or update `page`'s translation into `locale` with the texts of `parallel`."""
    page = page.specific_class.objects.get(pk=page.pk)
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    source_segments = list(source.stringsegment_set.select_related("string", "context").order_by("order"))
    translations = string_segments(with_block_ids(parallel))
    if len(source_segments) != len(translations):
        raise ValueError(
            f"{page}: {len(source_segments)} segments to translate but {len(translations)} translations"
        )

    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment, translated in zip(source_segments, translations, strict=True):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translated.string.data},
        )
    # Saved as a draft and published here, from the page as it is in the database now:
    # wagtail-localize's own publish runs on commit with the page as it was when translated, which
    # would write back a stale tree (`numchild` 0 for a section whose children came later) and hide
    # those children from routing.
    translation.save_target(publish=False)
    target = page.get_translation(locale).specific
    if publish and (not target.live or target.has_unpublished_changes):
        target.get_latest_revision().publish()
        target = page.get_translation(locale).specific
    return target
