"""What the awareness room holds about a person (portal/subject_data.py): session registrations with
their evaluations, introduction attendance with the integrity declaration, programme items they
organise."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awareness.models import Evaluation, IntroductionAttendance, ProgrammeItemPage, Registration
from awareness.retention import PURGED_DOMAIN, _token
from portal.subject_data import Holding


def _theirs(model, user):
    """Their rows by account, and by e-mail address (someone may sign up before their account links)."""
    match = Q(user=user)
    if user.email:
        match |= Q(email__iexact=user.email)
    return model.objects.filter(match).exclude(email__endswith=f"@{PURGED_DOMAIN}")


def _registrations(user) -> list[dict]:
    records = []
    for registration in _theirs(Registration, user).select_related("session__item").order_by("pk"):
        evaluation = Evaluation.objects.filter(registration=registration).first()
        records.append(
            {
                "session": registration.session.item.title,
                "start": registration.session.start,
                "name": registration.name,
                "email": registration.email,
                "status": registration.get_status_display(),
                "language": registration.language,  # the language of the e-mails about it
                "registered_at": registration.created_at,
                "cancelled_at": registration.cancelled_at,
                "attended": registration.attended,
                "evaluation": {
                    "rating": evaluation.rating,
                    "useful": evaluation.useful,
                    "comment": evaluation.comment,
                }
                if evaluation
                else None,
            }
        )
    return records


def _erase_registrations(user) -> int:
    """Name, account and written answers go; each e-mail address becomes a random token (the same
    token for the same address), so the year's count of distinct participants stays what it was."""
    tokens: dict[str, str] = {}
    erased = 0
    for pk, email in _theirs(Registration, user).values_list("pk", "email").order_by("pk"):
        token = tokens.setdefault(email, _token())  # exactly as the figures group them
        erased += Registration.objects.filter(pk=pk).update(name="", email=token, user=None)
        Evaluation.objects.filter(registration_id=pk).update(useful="", comment="")
    return erased


def _introductions(user) -> list[dict]:
    return list(
        _theirs(IntroductionAttendance, user)
        .order_by("pk")
        .values(
            "meeting__title",
            "meeting__start",
            "name",
            "email",
            "declaration",
            "declaration_date",
            "administered_by",
        )
    )


def _organised(user) -> list[dict]:
    return list(ProgrammeItemPage.objects.filter(organiser=user).order_by("pk").values("pk", "title"))


def _erase_organised(user) -> int:
    return ProgrammeItemPage.objects.filter(organiser=user).update(organiser=None)


HOLDINGS = [
    Holding(
        name="awareness.registrations",
        label=_("Aanmeldingen voor sessies en evaluaties"),
        covers=("awareness.Registration.user",),
        collect=_registrations,
        erase=_erase_registrations,
        kept_because=_("Status, aanwezigheid, afdeling en cijfer blijven zonder naam voor de jaarcijfers."),
    ),
    Holding(
        name="awareness.introduction_attendance",
        label=_("Introductiebijeenkomst en integriteitsverklaring (eed of belofte)"),
        covers=("awareness.IntroductionAttendance.user",),
        collect=_introductions,
        erase=None,
        kept_because=_(
            "Wettelijke plicht (Ambtenarenwet 2017, AVG art. 17 lid 3 sub b): de eed of belofte blijft "
            "7 jaar bewaard en wordt dan verwijderd (awareness.introduction_attendance)."
        ),
    ),
    Holding(
        name="awareness.organiser",
        label=_("Organisator van programmaonderdelen"),
        covers=("awareness.ProgrammeItemPage.organiser",),
        collect=_organised,
        erase=_erase_organised,
    ),
]
