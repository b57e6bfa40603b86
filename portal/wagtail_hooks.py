"""Wagtail hooks of the portal itself."""

from wagtail import hooks

from portal.cache import start_capture


@hooks.register("on_serve_page", order=100)
def render_pages_as_shells(serve):
    """Runs inside Wagtail's view-restriction check (order 0): only pages the person may see get here."""

    def inner(page, request, args, kwargs):
        start_capture(page, request)
        return serve(page, request, args, kwargs)

    return inner
