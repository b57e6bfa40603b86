"""Retention of session registrations (with evaluations) and introduction attendance (the daily command)."""

import datetime

import pytest
from django.utils import timezone

from awareness.models import Evaluation, IntroductionAttendance, Registration
from awareness.retention import PURGED_DOMAIN
from tests.awareness.factories import (
    IntroductionAttendanceFactory,
    IntroductionMeetingFactory,
    RegistrationFactory,
    SessionFactory,
    edition_page,
    programme_item,
)
from tests.portal.factories import UserFactory
from tests.retention import OLD_YEAR, THIS_YEAR, figures, purge

pytestmark = pytest.mark.django_db


def moment(year: int, month: int = 10, day: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 14, 0))


def sessions_of(year: int, count: int = 2):
    edition = edition_page(year)
    return [SessionFactory(item=programme_item(parent=edition), start=moment(year)) for _ in range(count)]


def test_registrations_of_an_old_year_are_anonymised_and_the_figures_stay(settings):
    colleague = UserFactory()
    first, second = sessions_of(OLD_YEAR)
    # One colleague in two sessions (one participant, two registrations), another once, a cancellation.
    a1 = RegistrationFactory(session=first, email="anna@gemeente.invalid", name="Anna", user=colleague)
    a2 = RegistrationFactory(session=second, email="anna@gemeente.invalid", name="Anna", user=colleague)
    b = RegistrationFactory(session=first, email="bram@gemeente.invalid", name="Bram", attended=True)
    RegistrationFactory(session=second, email="bram@gemeente.invalid", status=Registration.Status.CANCELLED)
    Evaluation.objects.create(registration=b, rating=4, useful="Anna's verhaal", comment="Goed")
    outside_edition = SessionFactory(start=moment(OLD_YEAR, 3, 1))  # a year-round item
    year_round = RegistrationFactory(session=outside_edition, email="cor@gemeente.invalid")
    (current,) = sessions_of(THIS_YEAR, 1)
    recent = RegistrationFactory(session=current, email="anna@gemeente.invalid", name="Anna", user=colleague)
    before = figures(OLD_YEAR)
    assert before["awareness"]["resilience_week"]["registrations"] == 3
    assert before["awareness"]["resilience_week"]["participants"] == 2

    assert "awareness.registrations: 5 purged" in purge("awareness.registrations", settings)

    old = Registration.objects.exclude(pk=recent.pk)
    assert not old.exclude(email__endswith=f"@{PURGED_DOMAIN}").exists()
    assert set(old.values_list("name", flat=True)) == {""}
    assert not old.filter(user__isnull=False).exists()
    a1.refresh_from_db(), a2.refresh_from_db(), b.refresh_from_db(), year_round.refresh_from_db()
    assert a1.email == a2.email != b.email  # one person stays one participant, and nobody else
    assert b.attended is True
    evaluation = Evaluation.objects.get(registration=b)
    assert (evaluation.rating, evaluation.useful, evaluation.comment) == (4, "", "")
    recent.refresh_from_db()
    assert (recent.name, recent.email, recent.user) == ("Anna", "anna@gemeente.invalid", colleague)
    assert figures(OLD_YEAR) == before
    assert "awareness.registrations: 0 purged" in purge("awareness.registrations", settings)


def test_control_a_year_not_yet_over_the_period_is_kept_whole(settings):
    (session,) = sessions_of(THIS_YEAR - 1, 1)
    registration = RegistrationFactory(session=session, email="dirk@gemeente.invalid")
    # Two years: the previous year ended less than two years ago, so none of its registrations go.
    purge("awareness.registrations", settings, days=2 * 365)
    registration.refresh_from_db()
    assert registration.email == "dirk@gemeente.invalid"


def test_introduction_attendance_is_anonymised_and_the_figures_stay(settings):
    meeting = IntroductionMeetingFactory(start=moment(OLD_YEAR, 2, 1))
    newcomer = UserFactory()
    old = IntroductionAttendanceFactory(
        meeting=meeting,
        user=newcomer,
        name="Nieuwe Collega",
        email="nieuw@gemeente.invalid",
        declaration="oath",
        declaration_date=datetime.date(OLD_YEAR, 2, 1),
        administered_by="Burgemeester",
    )
    IntroductionAttendanceFactory(meeting=meeting, declaration="", declaration_date=None)
    recent = IntroductionAttendanceFactory(name="Recent", declaration_date=timezone.localdate())
    before = figures(OLD_YEAR)
    assert before["awareness"]["introduction"]["declarations_taken"] == 1

    assert "awareness.introduction_attendance: 2 purged" in purge(
        "awareness.introduction_attendance", settings
    )

    old = IntroductionAttendance.objects.get(pk=old.pk)
    assert (old.name, old.user, old.administered_by) == ("", None, "")
    assert old.email.endswith(f"@{PURGED_DOMAIN}") and "nieuw" not in old.email
    assert (old.declaration, old.declaration_date) == ("oath", datetime.date(OLD_YEAR, 2, 1))
    assert IntroductionAttendance.objects.get(pk=recent.pk).name == "Recent"
    assert figures(OLD_YEAR) == before
