"""The sections search results belong to, and how to filter on them.

A page model declares its section with a class attribute `search_section` (one of the slugs below);
pages without it belong to "inhoud" (general content). Wagtail documents form their own section,
"documenten". The one mapping from slug to label is here.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import get_page_models

DEFAULT_SECTION = "inhoud"
DOCUMENTS_SECTION = "documenten"

# slug -> label shown on results and in the filter (Dutch source, English in the catalogue)
SECTIONS = {
    "gedragscode": _("Gedragscode"),
    "protocollen": _("Protocollen"),
    "vpd": _("Veilige publieke dienstverlening"),
    "agenda": _("Agenda"),
    "jaarverslag": _("Jaarverslag"),
    "inhoud": _("Informatie"),
    DOCUMENTS_SECTION: _("Documenten"),
}


def section_of(model_or_page) -> str:
    """The section slug a page (or page model) belongs to; unknown slugs count as general content."""
    slug = getattr(model_or_page, "search_section", DEFAULT_SECTION)
    return slug if slug in SECTIONS else DEFAULT_SECTION


def section_label(slug: str) -> str:
    return str(SECTIONS.get(slug, SECTIONS[DEFAULT_SECTION]))


def page_models_in_section(slug: str) -> list[type]:
    """The concrete page models whose pages belong to the section `slug`."""
    return [model for model in get_page_models() if section_of(model) == slug]


def content_type_ids_for_section(slug: str) -> list[int]:
    """Content type ids of the section's page models, for filtering a page queryset in SQL."""
    models = page_models_in_section(slug)
    if not models:
        return []
    return [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]
