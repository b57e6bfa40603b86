"""A signed-in person without admin access gets a clear "no access" page at /admin/.

Wagtail sends such a person to the sign-in page with `?next=/admin/`, which (being signed in
already) sends them straight back: an endless redirect. This middleware answers first with the
portal's 403 page, in the language they last used on the site.
"""

from django.conf import settings
from django.utils import translation

from portal.views import permission_denied

ADMIN_PREFIX = "/admin/"
#: Admin URLs that must keep working for everyone (signing out of the admin).
OPEN_ADMIN_PATHS = ("/admin/logout/",)


def has_admin_access(user) -> bool:
    return user.has_perm("wagtailadmin.access_admin")


class AdminAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(ADMIN_PREFIX)
            and path not in OPEN_ADMIN_PATHS
            and request.user.is_authenticated
            and not has_admin_access(request.user)
        ):
            language = translation.get_language_from_request(request, check_path=False)
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
            with translation.override(language):
                return permission_denied(request, admin=True)
        return self.get_response(request)
