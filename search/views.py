"""Site search over live pages the person may see, in the current language."""

from collections import defaultdict
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents.models import AbstractDocument
from wagtail.models import Locale, Page

from portal import cache as page_cache
from portal import page_scopes
from search import services
from search.forms import SearchForm
from search.sections import DOCUMENTS_SECTION, SECTIONS, section_label, section_of

RESULTS_PER_PAGE = 10
MAX_SUGGESTIONS = 6


def search(request):
    form = SearchForm(request.GET or None)
    form.is_valid()  # errors (an unknown section) are shown beside the field; we search anyway
    cleaned = getattr(form, "cleaned_data", {})
    raw = request.GET.get("q", "")
    if not isinstance(raw, str):  # pragma: no cover - QueryDict always gives str
        raw = ""
    query = services.clean_query(raw)
    section = cleaned.get("section") or ""
    notices = []
    if query.truncated:
        notices.append(
            _("Je zoekopdracht was erg lang. We hebben gezocht op de eerste %(count)s woorden.")
            % {"count": len(query.terms)}
        )

    context = {
        "form": form,
        "search_query": raw[: services.MAX_QUERY_LENGTH].strip(),
        "query": query,
        "section": section,
        "section_label": section_label(section) if section else "",
        "notices": notices,
        "searched": False,
        "base_params": urlencode({"q": raw[: services.MAX_QUERY_LENGTH].strip()}),
        "page_params": urlencode(
            {"q": raw[: services.MAX_QUERY_LENGTH].strip(), **({"section": section} if section else {})}
        ),
    }

    if query.problem == "stopwords":
        notices.append(_("Gebruik woorden die meer zeggen dan “de”, “het” of “en”, bijvoorbeeld “melden”."))
    if query.terms:
        # Pages first (ranked), then documents: both parts are sliced per page of results.
        documents = services.search_documents(services.searchable_documents(request, section), query)
        results = services.PagesThenDocuments(
            services.search_pages(services.searchable_pages(request, section), query), documents
        )
        paginator = Paginator(results, RESULTS_PER_PAGE)
        requested = request.GET.get("page", "1")
        try:
            page_of_results = paginator.page(requested)
        except PageNotAnInteger:
            page_of_results = paginator.page(1)
            if requested:
                notices.append(_("Dat paginanummer bestaat niet. Je ziet de eerste pagina."))
        except EmptyPage:
            page_of_results = paginator.page(paginator.num_pages)
            notices.append(
                _("Er zijn maar %(count)s pagina's met resultaten. Je ziet de laatste.")
                % {"count": paginator.num_pages}
            )
        count = paginator.count
        found_here = list(page_of_results.object_list)
        contexts = result_contexts(found_here)
        items = [
            document_item(found)
            if isinstance(found, AbstractDocument)
            else result_item(request, found, query, contexts.get(found.pk))
            for found in found_here
        ]
        # Past sessions rank below upcoming ones (stable: relevance order within each group).
        items.sort(key=lambda item: ("document" in item, item["is_past"]))  # documents stay last
        first_page = page_of_results.number == 1
        if requested in ("", "1") and not section:  # a new search, not paging or filtering
            services.log_query(query, count)
            # Served from the page cache next time: search/apps.py counts it then.
            request.page_cache_meta = {"log_query_found": count}
        context.update(
            searched=True,
            count=count,
            results=page_of_results,
            items=items,
            sections=section_facets(request, query, section),
            promotions=services.promotions(request, query) if first_page and not section else [],
        )
        if count == 0:
            context["suggestions"] = suggestions(request)
    elif raw.strip() or "q" in request.GET:
        context["suggestions"] = suggestions(request)
        if query.problem == "empty":
            notices.append(_("Typ een of meer woorden om te zoeken."))
    # Results show sessions and their dates: the page cache keeps them until a session changes
    # (places left are filled in on every request: awareness/holes.py).
    page_cache.depends_on(request, page_scopes.SESSIONS)
    return render(request, "search/search.html", context)


def result_contexts(found) -> dict[int, dict]:
    """What page types show beside their results, for a page of results: each type's
    `search_result_contexts(pages)` (one query per type, by page id), where it has one."""
    by_type = defaultdict(list)
    for item in found:
        if not isinstance(item, AbstractDocument) and hasattr(type(item), "search_result_contexts"):
            by_type[type(item)].append(item)
    contexts: dict[int, dict] = {}
    for model, pages in by_type.items():
        contexts.update(model.search_result_contexts(pages))
    return contexts


def result_item(request, page: Page, query, extra: dict | None = None) -> dict:
    """One page result; `extra` is what its type shows beside it (`search_result_context`)."""
    if extra is None and hasattr(page, "search_result_context"):
        extra = page.search_result_context()
    extra = extra or {}
    # A long page (the code of conduct) opens at the article that matched, with its text as snippet.
    anchor, part = services.matching_anchor(page, query.terms)
    url = page.get_url(request)
    return {
        "page": page,
        "title": page.title,
        "url": f"{url}#{anchor}" if anchor else url,
        "section": section_label(section_of(page)),
        "snippet": services.snippet(page, query.terms, text=part),
        "date": extra.get("date"),
        "session": extra.get("session"),
        "is_past": bool(extra.get("is_past")),
    }


def document_item(document) -> dict:
    """A document result: title, file type and size, and the link to the file."""
    return {
        "document": document,
        "title": document.title,
        "url": document.url,
        "section": section_label(DOCUMENTS_SECTION),
        "file_type": document.file_extension.upper(),
        "file_size": document.file_size,
        "snippet": "",
        "date": None,
        "session": None,
        "is_past": False,
    }


def section_facets(request, query, current: str) -> list[dict]:
    """Sections with their number of results (one facet query for pages, one count for documents)."""
    by_content_type = services.section_counts(request, query)
    counts = dict.fromkeys(SECTIONS, 0)
    for content_type_id, number in by_content_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        counts[section_of(model)] += number
    counts[DOCUMENTS_SECTION] += services.search_documents(
        services.searchable_documents(request), query
    ).count()
    return [
        {"slug": slug, "label": label, "count": counts[slug], "current": slug == current}
        for slug, label in SECTIONS.items()
        if counts[slug] or slug == current
    ]


def suggestions(request) -> list[Page]:
    """Where to go when nothing was found: promoted pages (the report form first), then the sections."""
    locale = Locale.get_active()
    denied = services.denied_paths(request)
    found: dict[int, Page] = {}
    picks = SearchPromotion.objects.filter(page__isnull=False).select_related("page", "query")
    picks = sorted(picks, key=lambda pick: (pick.query.query_string != "melden", pick.sort_order or 0))
    candidates = [pick.page for pick in picks]
    home = Page.objects.filter(depth=2, locale=locale).first()
    if home:
        candidates += list(home.get_children().live().in_menu())
    for page in candidates:
        if page.locale_id != locale.pk:
            page = page.get_translation_or_none(locale)
        if page is None or not page.live or any(page.path.startswith(path) for path in denied):
            continue
        found.setdefault(page.pk, page)
    return list(found.values())[:MAX_SUGGESTIONS]
