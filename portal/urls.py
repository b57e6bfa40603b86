"""URL map. Admin and machine endpoints stay outside the language prefix; everything people read
is under /nl/ or /en/ (wagtail-localize's recommended layout)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import sessions_views, views
from sso import views as sso_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("oidc/", include("sso.urls")),  # single sign-on (sso/): start and callback
    path("", include("portal.api_urls")),
    path("account/passkey/", include("portal.mfa.webauthn_urls")),
]

urlpatterns += i18n_patterns(
    path("account/login/", views.SignInView.as_view(), name="login"),
    path("account/logout/", sso_views.sign_out, name="logout"),
    path("account/sessies/", sessions_views.own_sessions, name="own_sessions"),
    path(
        "account/password-reset/",
        views.ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "account/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", include("portal.mfa.urls")),
    path("", include("portal.app_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
