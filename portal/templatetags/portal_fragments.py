"""`{% shared "name" arg ... %}...{% endshared %}`: a part of a page that is the same for everyone
who sees it, rendered once per content generation and kept (portal/fragments.py).

    {% load portal_fragments %}
    {% shared "code-of-conduct" page.pk %} ... chapters, articles, changes ... {% endshared %}

The key holds the name, the arguments, the site, the language and the CONTENT generation: put in
the arguments whatever else the part shows (the page). The part is watched while it renders, as a
page shell is (portal/cache.py): if it uses the signed-in person (their user record beyond the name
placeholders, session, permissions, CSRF token, messages) or writes a personal part's placeholder
(`{% personal %}`), it is rendered again normally and not kept. Previews are never kept, and
nothing is kept for someone not signed in (the stand-in is a signed-in person).
"""

from django import template
from django.contrib.auth.context_processors import PermWrapper
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from wagtail.models import Site

from portal import fragments, holes
from portal.cache import Capture, begin_shell, end_capture

register = template.Library()


class SharedNode(template.Node):
    def __init__(self, name, args, nodelist):
        self.name = name
        self.args = args
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            # Kept parts are watched through a signed-in stand-in (as page shells are, which are
            # only made for signed-in people): a sign-in page and the like render it each time.
            return self.nodelist.render(context)
        site = Site.find_for_request(request)
        vary = (site.pk if site else None, *(arg.resolve(context) for arg in self.args))
        key = fragments.key_for(request, f"shared:{self.name.resolve(context)}", vary)
        if key is None:
            return self.nodelist.render(context)
        kept = fragments.read(key)
        if kept is not None:
            return mark_safe(kept)  # noqa: S308 - our own template's output
        html = self.render_watched(context, request)
        if html is None:  # personal: render it for this person, keep nothing
            return self.nodelist.render(context)
        fragments.write(key, html)
        return html

    def render_watched(self, context, request) -> str | None:
        """The part as rendered for nobody in particular, or None when it was personal."""
        shell = getattr(request, "_page_cache", None)
        if shell is not None and shell.per_role:
            # The page may read roles unnoticed (its shell is kept per profile); a part kept for
            # everyone could not tell whether it did.
            return None
        if shell is not None and shell.page_id is not None:
            # A page shell is rendering: its stand-ins are in place and notice personal use.
            before = len(shell.personal)
            html = self.nodelist.render(context)
            personal = len(shell.personal) > before
        else:
            capture = Capture()
            begin_shell(request, capture, "fragment")
            try:
                user = request.user  # the stand-in: names are placeholders, the rest is watched
                watched = {
                    "user": user,
                    "perms": PermWrapper(user),
                    "csrf_token": holes.CSRF,
                    "messages": SimpleLazyObject(lambda: capture.mark("messages") or []),
                }
                with context.push(**watched):
                    html = self.nodelist.render(context)
            finally:
                end_capture(request, capture)
            personal = bool(capture.personal)
        if personal or holes.PREFIX.decode() in html:
            return None
        return html


@register.tag
def shared(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% shared %} needs a name: {% shared "name" arg ... %}')
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    args = [parser.compile_filter(bit) for bit in bits[2:]]
    return SharedNode(parser.compile_filter(bits[1]), args, nodelist)
