"""Finding the page for a path, remembered per content generation.

Wagtail finds a page by walking the tree from the site's root: two queries per level (the child by
its slug, then its specific row), four for the code of conduct. The result of that walk depends
only on the page tree (its slugs, live state, translations), the site's root page, the language
and the path, and every change to the tree bumps the CONTENT generation (portal/cache.py). So the
root page's `route` (home.HomePage) remembers which page a path led to, in the page cache's store
under the generation (portal/fragments.py), and later finds it with one query.

Only plain results are remembered: a page served as a whole (no arguments, as from
`RoutablePageMixin`) whose type routes as `Page.route` does. A remembered page that is gone or no
longer live (which a bump would have said already) is looked up the normal way. `Http404` is never
remembered. Previews are never routed through here (fragments.cacheable).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from portal import fragments


def _plain(result) -> bool:
    page, args, kwargs = result
    return not args and not kwargs and type(page).route is Page.route


def remembered_route(root: Page, request, path_components: list[str], route) -> RouteResult:
    """`route(request, path_components)` (the root page's own walk down the tree), remembered."""
    if not path_components:
        return route(request, path_components)  # the root page itself: no query to save
    vary = (root.pk, tuple(path_components))
    found = fragments.lookup(request, "route", vary)
    if found is not None:
        page_pk, content_type_pk = found
        model = ContentType.objects.get_for_id(content_type_pk).model_class()
        page = model.objects.filter(pk=page_pk).first() if model is not None else None
        if page is not None and page.live:
            return RouteResult(page)
    result = route(request, path_components)
    if _plain(result):
        fragments.remember(request, "route", vary, (result.page.pk, result.page.content_type_id))
    return result
