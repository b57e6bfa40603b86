"""What the home app holds about a person (portal/subject_data.py): their department, their read
confirmations of the code of conduct, and the pages they are named owner of."""

from django.utils.translation import gettext_lazy as _

from home.models import ContentPage, Digest, EmployeeProfile, MustReadReminder, ReadConfirmation, Subscription
from portal.subject_data import Holding


def _profile(user) -> list[dict]:
    return list(EmployeeProfile.objects.filter(user=user).values("department__name"))


def _erase_profile(user) -> int:
    deleted, _by_model = EmployeeProfile.objects.filter(user=user).delete()
    return deleted


def _read_confirmations(user) -> list[dict]:
    return list(
        ReadConfirmation.objects.filter(user=user)
        .order_by("confirmed_at")
        .values("page__title", "version", "confirmed_at")
    )


def _erase_read_confirmations(user) -> int:
    deleted, _by_model = ReadConfirmation.objects.filter(user=user).delete()
    return deleted


def _pages_owned(user) -> list[dict]:
    return list(ContentPage.objects.filter(owner_user=user).order_by("pk").values("pk", "title"))


def _erase_pages_owned(user) -> int:
    return ContentPage.objects.filter(owner_user=user).update(owner_user=None)


def _subscriptions(user) -> list[dict]:
    return [
        {
            "page": subscription.page.title if subscription.page_id else "",
            "theme": subscription.theme.name if subscription.theme_id else "",
            "created_at": subscription.created_at,
        }
        for subscription in Subscription.objects.filter(user=user)
        .select_related("page", "theme")
        .order_by("pk")
    ]


def _erase_subscriptions(user) -> int:
    deleted, _by_model = Subscription.objects.filter(user=user).delete()
    return deleted


def _digests(user) -> list[dict]:
    return list(Digest.objects.filter(user=user).order_by("pk").values("day", "items", "sent_at"))


def _erase_digests(user) -> int:
    deleted, _by_model = Digest.objects.filter(user=user).delete()
    return deleted


def _must_read_reminders(user) -> list[dict]:
    return list(
        MustReadReminder.objects.filter(user=user).order_by("pk").values("page__title", "version", "sent_at")
    )


def _erase_must_read_reminders(user) -> int:
    deleted, _by_model = MustReadReminder.objects.filter(user=user).delete()
    return deleted


HOLDINGS = [
    Holding(
        name="home.profile",
        label=_("Medewerkersprofiel (organisatieonderdeel)"),
        covers=("home.EmployeeProfile.user",),
        collect=_profile,
        erase=_erase_profile,
    ),
    Holding(
        name="home.read_confirmations",
        label=_("Leesbevestigingen van de gedragscode"),
        covers=("home.ReadConfirmation.user",),
        collect=_read_confirmations,
        erase=_erase_read_confirmations,
    ),
    Holding(
        name="home.pages_owned",
        label=_("Eigenaar van pagina's"),
        covers=("home.ContentPage.owner_user",),
        collect=_pages_owned,
        erase=_erase_pages_owned,
    ),
    Holding(
        name="home.subscriptions",
        label=_("Abonnementen op pagina's en thema's"),
        covers=("home.Subscription.user",),
        collect=_subscriptions,
        erase=_erase_subscriptions,
    ),
    Holding(
        name="home.digests",
        label=_("Verstuurde overzichten van wijzigingen"),
        covers=("home.Digest.user",),
        collect=_digests,
        erase=_erase_digests,
    ),
    Holding(
        name="home.must_read_reminders",
        label=_("Herinneringen om de gedragscode te lezen"),
        covers=("home.MustReadReminder.user",),
        collect=_must_read_reminders,
        erase=_erase_must_read_reminders,
    ),
]
