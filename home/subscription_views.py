"""Following pages and themes: the follow/unfollow buttons (POST, CSRF-protected), the page where
an employee manages what they follow, and the must-read banner's link."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from home.models import CodeOfConductPage, Subscription, Theme
from home.permissions import can_follow


def _default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def source_page(page: Page) -> Page:
    """The Dutch page a (translated) page belongs to: subscriptions are stored against it."""
    if page.locale.language_code == _default_language():
        return page
    return page.get_translation_or_none(Locale.objects.get(language_code=_default_language())) or page


def _in_language(page: Page) -> Page:
    """The page in the language of this request, when it is translated."""
    language = get_language()
    translated = page.get_translations(inclusive=True).filter(locale__language_code=language).first()
    return translated or page


def _viewable_page(request, value) -> Page:
    """A live page this person may see (view restrictions included); 404 otherwise."""
    try:
        page = Page.objects.live().get(pk=int(value)).specific
    except (TypeError, ValueError, Page.DoesNotExist) as error:
        raise Http404 from error
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    from home.templatetags.home_subscriptions import followable

    if not followable(page):
        raise Http404
    return page


def _theme(value) -> Theme:
    try:
        theme = Theme.objects.get(pk=int(value))
    except (TypeError, ValueError, Theme.DoesNotExist) as error:
        raise Http404 from error
    default = theme.get_translation_or_none(Locale.objects.get(language_code=_default_language()))
    return default or theme


def _back(request, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _subject(request) -> dict:
    """What the form names: {"page": …} or {"theme": …} (Dutch source); 404 for anything else."""
    if request.POST.get("page"):
        return {"page": source_page(_viewable_page(request, request.POST["page"]))}
    if request.POST.get("theme"):
        return {"theme": _theme(request.POST["theme"])}
    raise Http404


@require_POST
def follow(request) -> HttpResponse:
    if not can_follow(request.user):
        raise PermissionDenied
    subject = _subject(request)
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(user=request.user, **subject)
    except IntegrityError:  # a double click: the subscription is there already
        pass
    name = subject["page"].title if "page" in subject else subject["theme"].name
    messages.success(
        request, _("Je volgt nu %(name)s. Wijzigingen krijg je in je dagelijkse e-mail.") % {"name": name}
    )
    return _back(request, reverse("home:subscriptions"))


@require_POST
def unfollow(request) -> HttpResponse:
    if not can_follow(request.user):
        raise PermissionDenied
    subject = _subject(request)
    Subscription.objects.filter(user=request.user, **subject).delete()
    name = subject["page"].title if "page" in subject else subject["theme"].name
    messages.success(request, _("Je volgt %(name)s niet meer.") % {"name": name})
    return _back(request, reverse("home:subscriptions"))


def my_subscriptions(request) -> HttpResponse:
    """Everything this person follows, with a button to stop, and the themes they may follow."""
    if not can_follow(request.user):
        raise PermissionDenied
    subscriptions = Subscription.objects.filter(user=request.user).select_related("page", "theme")
    pages = [
        {"page": _in_language(subscription.page.specific), "source": subscription.page}
        for subscription in subscriptions
        if subscription.page_id
    ]
    followed_themes = {
        subscription.theme.translation_key for subscription in subscriptions if subscription.theme_id
    }
    language = get_language()
    themes = list(Theme.objects.filter(locale__language_code=language)) or list(
        Theme.objects.filter(locale__language_code=_default_language())
    )
    return render(
        request,
        "home/subscriptions.html",
        {
            "pages": pages,
            "themes": [(theme, theme.translation_key in followed_themes) for theme in themes],
            "email": request.user.email,
        },
    )


def must_read(request, page_id: int) -> HttpResponse:
    """The banner's link: the code of conduct in this request's language, at its confirmation."""
    page = get_object_or_404(CodeOfConductPage.objects.live(), pk=page_id)
    return redirect(_in_language(page).get_url(request) + "#bevestigen")
