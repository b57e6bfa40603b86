"""Finding the page for a path, remembered per content generation.

For every page, Wagtail finds the site (a query with a CASE over hostnames and ports), the root
page in the active language (the locale, the root's specific row) and then walks the tree: the
child by its slug and its specific row, two queries per level, eight queries for the code of
conduct. What that finds depends only on the sites, the page tree (slugs, live state,
translations), the language and the path, and every change to those bumps the CONTENT generation
(portal/cache.py). So `PageCacheMiddleware.process_view` (after the login requirement, before
Wagtail's `serve`) looks up where this path led last time in this generation (portal/fragments.py,
keyed on the hostname, port, path, language and generation) and hands Wagtail the site and the
page, loaded with one query; Wagtail's own view then serves it as it would have (its view
restriction check and `serve` hooks run as always). After a request Wagtail routed itself, what it
found is remembered.

Wagtail reads both from the request (`Site.find_for_request` and `Page.route_for_request` say so
in their docstrings: `request._wagtail_site`, `request._wagtail_route_for_request`);
tests/portal/test_fragments.py fails if a Wagtail upgrade stops using them.

Only plain results are remembered: a page served as a whole (no arguments, as from
`RoutablePageMixin`) whose type routes as `Page.route` does. A remembered page that is gone or no
longer live (which a bump would have said already) is routed the normal way. A 404 is never
remembered; previews do not pass through here.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from portal import fragments

#: Wagtail's own memo of a request's site and route (see the module docstring).
SITE_ATTRIBUTE = "_wagtail_site"
ROUTE_ATTRIBUTE = "_wagtail_route_for_request"


def _plain(result) -> bool:
    page, args, kwargs = result
    return not args and not kwargs and type(page).route is Page.route


def prefill(request) -> None:
    """Before Wagtail's `serve(request, path)`: give it the site and the page remembered for this
    address (hostname and port as `Site.find_for_request` reads them, the whole path), or note
    where to remember what it finds."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = fragments.key_for(request, "route", (hostname, request.get_port(), request.path_info))
    if key is None:
        return
    found = fragments.read(key)
    if found is not None:
        site, page_pk, content_type_pk = found
        model = ContentType.objects.get_for_id(content_type_pk).model_class()
        # With its locale, which templates and translations ask for on every render.
        page = model.objects.select_related("locale").filter(pk=page_pk).first() if model else None
        if page is not None and page.live:
            setattr(request, SITE_ATTRIBUTE, site)
            setattr(request, ROUTE_ATTRIBUTE, RouteResult(page))
            return
    request._portal_route_key = key


def learn(request) -> None:
    """After the view: remember the site and the page Wagtail found for this address."""
    key = request.__dict__.pop("_portal_route_key", None)
    if key is None:
        return
    result = getattr(request, ROUTE_ATTRIBUTE, None)
    site = getattr(request, SITE_ATTRIBUTE, None)
    if result is None or site is None or not _plain(result):
        return
    fragments.write(key, (site, result.page.pk, result.page.content_type_id))
