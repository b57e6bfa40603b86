"""A colleague with something in every room, and a bystander whose records must stay untouched."""

import datetime
from types import SimpleNamespace

import pytest
from axes.models import AccessFailureLog
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from awareness.models import Evaluation
from home.models import Digest, MustReadReminder, ReadConfirmation, Subscription
from portal.models import UserSession
from safework.models import Decision, DeclarationStatus, ReminderSent
from safework.training import ManagerTraining, TrainingProgramme
from sso.models import IdentityLink
from tests.awareness.factories import (
    IntroductionAttendanceFactory,
    IntroductionMeetingFactory,
    RegistrationFactory,
    SessionFactory,
    edition_page,
    programme_item,
)
from tests.home.factories import EmployeeProfileFactory, code_of_conduct
from tests.portal.factories import UserFactory
from tests.safework.factories import GiftFactory, PlacementFactory
from tests.safework.scan_factories import ActionFactory
from tests.vpd.factories import (
    DepartmentFactory,
    IncidentFactory,
    PeerSupportConversationFactory,
    TeamFactory,
)
from vpd.perpetrator import FollowUpKind, FollowUpTask

YEAR = 2021


def moment(month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(YEAR, month, day, 14, 0))


def give_records(user, department, sessions, code, tag: str) -> None:
    EmployeeProfileFactory(user=user, department=department)
    ReadConfirmation.objects.create(user=user, page=code, version=code.version)
    first = RegistrationFactory(session=sessions[0], user=user, name=tag, email=user.email, attended=True)
    Evaluation.objects.create(registration=first, rating=5, useful=f"{tag} vond het nuttig", comment="Top")
    RegistrationFactory(session=sessions[1], name=tag, email=user.email.upper())  # by address, no account
    IntroductionAttendanceFactory(
        meeting=IntroductionMeetingFactory(start=moment(2, 1)), user=user, name=tag, email=user.email
    )
    incident = IncidentFactory(reporter=user, department=department, description=f"{tag} werd uitgescholden")
    PeerSupportConversationFactory(registered_by=user, department=department)
    GiftFactory(
        employee=user,
        department=department,
        submitted_on=datetime.date(YEAR, 3, 2),
        giver=f"Leverancier van {tag}",
        status=DeclarationStatus.DECIDED,
        decision=Decision.ACCEPTED,
        manager_decided_on=datetime.date(YEAR, 3, 4),
    )
    PlacementFactory(user=user)
    ReminderSent.objects.create(kind="besluit-melding", recipient=user, sent_on=datetime.date(YEAR, 3, 3))
    IdentityLink.objects.create(
        user=user, issuer="https://idp.invalid", subject=f"sub-{tag}", employee_number="123"
    )
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    UserSession.objects.create(
        user=user,
        session_key=f"key-{tag}",
        device="telefoon",
        browser="Firefox",
        signed_in_at=timezone.now(),
        last_activity=timezone.now(),
    )
    AccessFailureLog.objects.create(username=user.username, ip_address="192.0.2.9", user_agent="Firefox")
    TeamFactory(department=department).managers.add(user)
    Subscription.objects.create(user=user, page=code)
    Digest.objects.create(user=user, day=datetime.date(YEAR, 3, 5), items=2)
    MustReadReminder.objects.create(user=user, page=code, version=code.version)
    ActionFactory(
        owner=user, scan__department=department, scan__recorded_by=user, description=f"Actie van {tag}"
    )
    ManagerTraining.objects.create(
        manager=user, programme=TrainingProgramme.ONBOARDING, completed_on=datetime.date(YEAR, 4, 1)
    )
    FollowUpTask.objects.create(
        incident=incident,
        kind=FollowUpKind.WARNING_LETTER,
        owner=user,
        created_by=user,
        due_on=datetime.date(YEAR, 4, 2),
        letter=f"Brief aan de dader, door {tag}",
    )


@pytest.fixture
def people(db):
    department = DepartmentFactory(name="Werk & Inkomen", slug="wi")
    edition = edition_page(YEAR)
    sessions = [SessionFactory(item=programme_item(parent=edition), start=moment(10, 12)) for _ in range(2)]
    code = code_of_conduct()
    person = UserFactory(
        username="anna", first_name="Anna", last_name="de Vries", email="anna@gemeente.invalid"
    )
    bystander = UserFactory(username="bram", first_name="Bram", email="bram@gemeente.invalid")
    give_records(person, department, sessions, code, "Anna")
    give_records(bystander, department, sessions, code, "Bram")
    return SimpleNamespace(person=person, bystander=bystander, department=department, code=code)
