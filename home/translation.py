"""Translate a page with wagtail-localize from a parallel page in the target language.

The demo loader (and tests) build the English text as an unsaved page with the same structure as the
Dutch one; its translatable segments, in order, are the translations of the Dutch page's segments.
They are stored as wagtail-localize string translations and the translated page is published, exactly
as if a translator had filled them in through the editor.
"""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def string_segments(instance) -> list[StringSegmentValue]:
    return [segment for segment in extract_segments(instance) if isinstance(segment, StringSegmentValue)]


def translate_page(page: Page, locale: Locale, parallel: Page, publish: bool = True) -> Page:
    """Create or update `page`'s translation into `locale` with the texts of `parallel`."""
    source_segments = string_segments(page)
    target_segments = string_segments(parallel)
    if len(source_segments) != len(target_segments):
        raise ValueError(
            f"{page}: {len(source_segments)} Dutch segments but {len(target_segments)} translations"
        )
    by_path = {
        segment.path: target.string.data
        for segment, target in zip(source_segments, target_segments, strict=True)
    }

    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        found = by_path.get(segment.context.path)
        if found is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": found},
        )
    translation.save_target(publish=publish)
    return page.get_translation(locale).specific
