"""Search services: cleaning what people type, the pages and documents a person may find,
snippets, logging.

Everything searched is a live Wagtail page in the current language that the person may view, or a
Wagtail document in a collection the person may view. Confidential records (integrity reports,
cases, advisor and incident registrations) are plain models, never pages or documents, so they
cannot be found here: the search only ever runs on `Page` and `Document`.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import CharField, F, IntegerField, Q
from django.db.models.functions import Cast
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.documents.models import DocumentQuerySet
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
)
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError

from search import counting
from search.sections import DOCUMENTS_SECTION, content_type_ids_for_section

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_WORDS = 32
WORD = re.compile(r"\w+")

# Words too common to search on (Dutch and English); a query of only these gets a message.
STOPWORDS = frozenset(
    """aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een
    eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is
    ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder
    ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen
    wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
    a an and are as at be by for from has have i in is it its of on or that the this to was were
    will with""".split()  # noqa: SIM905 - a readable block of words
)


@dataclass
class CleanQuery:
    """What was typed, reduced to words the backend can search safely."""

    text: str = ""  # the words joined by spaces, lower case: what is searched, logged and promoted
    terms: list[str] = field(default_factory=list)
    problem: str = ""  # "", "empty", "stopwords"
    truncated: bool = False


def clean_query(raw: str) -> CleanQuery:
    """Keep up to MAX_TERMS words of the first MAX_QUERY_LENGTH characters; drop syntax and stop words.

    Only letters and digits survive, so quotes, `*`, `-`, `:`, parentheses and operators never
    reach the full-text engine (FTS5 or tsquery) as syntax.
    """
    raw = (raw or "").replace("\x00", " ")
    truncated = len(raw) > MAX_QUERY_LENGTH
    words = [word.lower() for word in WORD.findall(raw[:MAX_QUERY_LENGTH])]
    words = [word for word in words if word.strip("_")]
    if not words:
        return CleanQuery(problem="empty", truncated=truncated)
    meaningful = [word for word in words if word not in STOPWORDS]
    if not meaningful:
        return CleanQuery(text=" ".join(words[:MAX_TERMS]), problem="stopwords", truncated=truncated)
    terms = list(dict.fromkeys(meaningful))[:MAX_TERMS]
    truncated = truncated or len(terms) < len(dict.fromkeys(meaningful))
    return CleanQuery(text=" ".join(terms), terms=terms, truncated=truncated)


def denied_paths(request) -> list[str]:
    """Tree paths of pages under a view restriction this request does not pass (fixed query count)."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    session_key = PageViewRestriction.passed_view_restrictions_session_key
    return [restriction.page.path for restriction in failed_restrictions(request, restrictions, session_key)]


def denied_collection_paths(request) -> list[str]:
    """Tree paths of collections under a view restriction this request does not pass (fixed queries).

    A collection's restriction covers its child collections too, as when Wagtail serves a document.
    """
    cached = getattr(request, "_search_denied_collection_paths", None)
    if cached is not None:  # once per request: results and section counts both need it
        return cached
    restrictions = CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
    session_key = CollectionViewRestriction.passed_view_restrictions_session_key
    paths = [
        restriction.collection.path for restriction in failed_restrictions(request, restrictions, session_key)
    ]
    request._search_denied_collection_paths = paths
    return paths


def failed_restrictions(request, restrictions, session_key: str) -> list[BaseViewRestriction]:
    """The view restrictions (page or collection) this request does not pass."""
    user = request.user
    # Once per request; the page cache sets it when it keys search results on the groups.
    group_ids = getattr(request, "portal_group_ids", None)
    if group_ids is None:
        group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
        request.portal_group_ids = group_ids
    passed = set(request.session.get(session_key, []))
    failed = []
    for restriction in restrictions:
        kind = restriction.restriction_type
        if kind == BaseViewRestriction.PASSWORD:
            allowed = restriction.pk in passed
        elif kind == BaseViewRestriction.LOGIN:
            allowed = user.is_authenticated
        elif kind == BaseViewRestriction.GROUPS:
            allowed = user.is_superuser or any(group.pk in group_ids for group in restriction.groups.all())
        else:
            allowed = True
        if not allowed:
            failed.append(restriction)
    return failed


def searchable_pages(request, section: str = "") -> PageQuerySet:
    """Live pages in the active language that this request may view, optionally in one section.

    Like Wagtail's `public()`, but pages restricted to groups stay findable for their members.
    The section filter is a content-type filter, so it runs in SQL (or in the search backend).
    """
    pages = Page.objects.live().filter(locale=Locale.get_active(), depth__gt=1)
    denied = denied_paths(request)
    if denied:
        restricted = Q()
        for path in denied:
            restricted |= Q(path__startswith=path)
        pages = pages.exclude(restricted)
    if section:
        pages = pages.filter(content_type_id__in=content_type_ids_for_section(section))
    return pages


def searchable_documents(request, section: str = "") -> DocumentQuerySet | None:
    """Documents in collections this request may view; None when another section is filtered on.

    Documents have no language: they are found in every language of the site.
    """
    if section and section != DOCUMENTS_SECTION:
        return None
    documents = get_document_model().objects.all()
    denied = denied_collection_paths(request)
    if denied:
        restricted = Q()
        for path in denied:
            restricted |= Q(path__startswith=path)
        # A list of ids (one query): search backends filter on the `collection` filter field only.
        hidden = list(Collection.objects.filter(restricted).values_list("pk", flat=True))
        documents = documents.exclude(collection__in=hidden)
    return documents


def search_documents(documents: DocumentQuerySet | None, query: CleanQuery):
    """Documents matching all terms (title, tags, ... as Wagtail indexes them), by title.

    Kept deliberately simple (no relevance scoring): there are few documents, and they are listed
    after the pages.
    """
    if documents is None:
        return []
    documents = documents.order_by("title", "id")  # both are filter fields of Wagtail's Document
    return documents.search(query.text, operator="and", order_by_relevance=False)


class PagesThenDocuments:
    """Page results followed by document results, as one sequence for Django's Paginator.

    Each slice costs at most one query per part (plus one count each), whatever the page size.
    """

    def __init__(self, pages, documents):
        self.pages = pages
        self.documents = documents
        self._counts = None

    def _count_parts(self) -> tuple[int, int]:
        if self._counts is None:
            documents = self.documents
            self._counts = (
                self.pages.count() if hasattr(self.pages, "count") else len(self.pages),
                len(documents) if isinstance(documents, list) else documents.count(),
            )
        return self._counts

    def count(self) -> int:
        return sum(self._count_parts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop, _ = item.indices(self.count())
        page_count, document_count = self._count_parts()
        found = []
        if start < page_count:
            found += list(self.pages[start : min(stop, page_count)])
        if stop > page_count and document_count:
            found += list(self.documents[max(0, start - page_count) : stop - page_count])
        return found


def search_pages(pages: PageQuerySet, query: CleanQuery):
    """Full-text search results (all terms must match), best first.

    On SQLite FTS5 the ranking runs as one query over the FTS table (`RankedPages`): Wagtail's
    SQLite backend scores each matching page with a correlated subquery that repeats the full-text
    match per row, which takes minutes at 10,000 pages when a word is common. Other backends
    (PostgreSQL, OpenSearch/Elasticsearch) use Wagtail's search unchanged.
    """
    if is_sqlite_fts(get_search_backend()):
        return RankedPages(pages, query)
    return pages.specific().search(query.text, operator="and", order_by_relevance=True)


def is_sqlite_fts(backend) -> bool:
    return type(backend).__name__ == "SQLiteSearchBackend"


class RankedPages:
    """Pages matching all terms, best first (bm25 over title and body), for Django's Paginator.

    Filtering (live, language, view restrictions, section) stays the page queryset's SQL; the FTS
    query keeps only index entries of those pages, orders by score and is sliced per page of results.
    """

    def __init__(self, pages: PageQuerySet, query: CleanQuery):
        from modelsearch.backends.database.sqlite.query import (
            BM25,
            Lexeme,
            MatchExpression,
            SearchQueryExpression,
        )
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
        from modelsearch.utils import get_descendants_content_types_pks

        lexemes = Lexeme(query.terms[0])
        for term in query.terms[1:]:
            lexemes &= Lexeme(term)
        page_ids = pages.annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")
        match = MatchExpression(["title", "body"], SearchQueryExpression(lexemes))
        self.entries = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(Page))
            .filter(index_entry__object_id__in=page_ids)
            # Scored as Wagtail's SQLite backend does: bm25 x title norm + bm25 (lower is better).
            .annotate(score=BM25() * F("index_entry__title_norm") + BM25())
            .order_by("score", Cast("index_entry__object_id", output_field=IntegerField()).desc())
        )
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.entries.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        ids = [int(pk) for pk in self.entries.values_list("index_entry__object_id", flat=True)[item]]
        by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        return [by_id[pk] for pk in ids if pk in by_id]


def section_counts(request, query: CleanQuery) -> dict[int, int]:
    """Number of results per content type id, counted in the database (one query)."""
    results = searchable_pages(request).search(query.text, operator="and", order_by_relevance=False)
    try:
        return dict(results.facet("content_type_id"))
    except (NotImplementedError, FilterFieldError):  # pragma: no cover - backends without facets
        return {}


def promotions(request, query: CleanQuery) -> list[SearchPromotion]:
    """Editors' promoted results for this query, in the active language, that the person may view."""
    if not query.text:
        return []
    picks = SearchPromotion.objects.filter(query__query_string=query.text).select_related("page")
    denied = denied_paths(request)
    locale = Locale.get_active()
    shown = []
    for pick in picks:
        if pick.page_id:
            page = (
                pick.page.get_translation_or_none(locale) if pick.page.locale_id != locale.pk else pick.page
            )
            if page is None or not page.live or any(page.path.startswith(path) for path in denied):
                continue
            pick.localized_page = page.specific
        shown.append(pick)
    return shown


def log_query(query: CleanQuery, found: int) -> None:
    """Count the query (and whether it found nothing), in batches (search/counting.py). Stores no
    user, address or session. Best effort: the search itself never fails because of its count."""
    if query.text:
        counting.counter.add(query.text[:255], found)


def fold(text: str) -> str:
    """Lower case without accents, for matching words in snippets."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def searchable_text(page: Page) -> str:
    """The page's indexed text apart from its title, as plain text."""
    parts = [page.search_description or ""]
    for search_field in page.get_search_fields():
        if isinstance(search_field, index.SearchField) and search_field.field_name not in ("title",):
            value = search_field.get_value(page)
            if isinstance(value, list | tuple):
                value = " ".join(str(item) for item in value)
            if value:
                parts.append(str(value))
    return html.unescape(strip_tags(" ".join(parts)))


def is_match(word: str, term: str) -> bool:
    """Whether a word of the text is the (folded) query term: the whole word, or an inflection of a
    term of four letters or more ("melding" → "meldingen"). "ov" never matches "over"."""
    if word == term:
        return True
    longer, shorter = (word, term) if len(word) > len(term) else (term, word)
    return len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3


def matching_anchor(page: Page, terms: list[str]) -> tuple[str, str]:
    """The anchor and text of the part of the page (an article) that matches most query terms,
    ("", "") when the page has no parts or none matches. Pages offer parts with `search_anchors()`."""
    if not hasattr(page, "search_anchors") or not terms:
        return "", ""
    folded_terms = [fold(term) for term in terms]
    best, best_score = ("", ""), 0
    for anchor, text in page.search_anchors():
        words = {fold(token.group()) for token in WORD.finditer(text)}
        score = sum(1 for term in folded_terms if any(is_match(word, term) for word in words))
        if score > best_score:
            best, best_score = (anchor, text), score
    return best


def snippet(page: Page, terms: list[str], words: int = SNIPPET_WORDS, text: str = "") -> SafeString:
    """A short passage around the first matching word, with matching words in <mark>."""
    text = text or searchable_text(page)
    tokens = list(WORD.finditer(text))
    if not tokens:
        return mark_safe("")
    folded_terms = [fold(term) for term in terms]

    def matches(token) -> bool:
        word = fold(token.group())
        return any(is_match(word, term) for term in folded_terms)

    first = next((i for i, token in enumerate(tokens) if matches(token)), 0)
    start = max(0, first - 8)
    end = min(len(tokens), start + words)
    begin_char = tokens[start].start()
    out = ["… " if start > 0 else ""]
    position = begin_char
    for token in tokens[start:end]:
        out.append(escape(text[position : token.start()]))
        if matches(token):
            out.append(f"<mark>{escape(token.group())}</mark>")
        else:
            out.append(escape(token.group()))
        position = token.end()
    if end < len(tokens):
        out.append(" …")
    return mark_safe("".join(out).strip())  # noqa: S308 - every piece of text is escaped above
