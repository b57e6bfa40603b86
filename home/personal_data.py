"""What the home app holds about a person (portal/subject_data.py): their department, their read
confirmations of the code of conduct, and the pages they are named owner of."""

from django.utils.translation import gettext_lazy as _

from home.models import ContentPage, EmployeeProfile, ReadConfirmation
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
]
