"""Export and erasure of what the portal holds about one person (portal/subject_data.py): complete,
without secrets, never the office's records, all or nothing, audited, and the figures unchanged."""

import json
import logging

import pytest
from axes.models import AccessFailureLog
from django.contrib.auth import get_user_model

from awareness.models import Evaluation, IntroductionAttendance, Registration
from forms.audit import verify
from forms.models import AuditLogEntry
from home.models import Digest, EmployeeProfile, MustReadReminder, ReadConfirmation, Subscription
from portal import subject_data
from portal.models import UserSession
from portal.roles import Role
from portal.subject_data import ErasureRefused, Holding, erase, export, export_json
from safework.models import Declaration, ImprovementAction, Placement
from safework.training import ManagerTraining
from sso.models import IdentityLink
from tests.forms.factories import IntegrityReportFactory
from tests.portal.factories import UserFactory
from tests.privacy.conftest import YEAR
from tests.retention import figures
from vpd.models import Incident, PeerSupportConversation, Team
from vpd.perpetrator import FollowUpTask

pytestmark = pytest.mark.django_db


def records(data: dict, name: str) -> list[dict]:
    (holding,) = [h for h in data["holdings"] if h["name"] == name]
    return holding["records"]


def personal_rows(user) -> dict[str, int]:
    """The person's rows in every room, counted the way a reviewer would look them up."""
    return {
        "profile": EmployeeProfile.objects.filter(user=user).count(),
        "confirmations": ReadConfirmation.objects.filter(user=user).count(),
        "registrations": Registration.objects.filter(email__iexact=user.email).count() if user.email else 0,
        "incidents": Incident.objects.filter(reporter=user).count(),
        "peer_support": PeerSupportConversation.objects.filter(registered_by=user).count(),
        "placement": Placement.objects.filter(user=user).count(),
        "identity": IdentityLink.objects.filter(user=user).count(),
        "sessions": UserSession.objects.filter(user=user).count(),
        "failures": AccessFailureLog.objects.filter(username=user.username).count(),
        "teams": Team.objects.filter(managers=user).count(),
        "subscriptions": Subscription.objects.filter(user=user).count(),
        "actions": ImprovementAction.objects.filter(owner=user).count(),
        "trainings": ManagerTraining.objects.filter(manager=user).count(),
        "follow_up_tasks": FollowUpTask.objects.filter(owner=user).count(),
    }


def test_the_export_holds_every_room_and_only_this_person(people):
    data = export(people.person)
    text = export_json(data)
    assert json.loads(text)["subject"]["username"] == "anna"
    account = records(data, "portal.account")[0]
    assert (account["email"], account["last_name"]) == ("anna@gemeente.invalid", "de Vries")
    assert len(records(data, "awareness.registrations")) == 2  # also the one matched by address only
    assert records(data, "awareness.registrations")[0]["evaluation"]["useful"] == "Anna vond het nuttig"
    assert records(data, "vpd.incidents")[0]["description"] == "Anna werd uitgescholden"
    assert records(data, "safework.declarations")[0]["giver"] == "Leverancier van Anna"
    assert records(data, "sso.identity")[0]["subject"] == "sub-Anna"
    assert records(data, "home.read_confirmations")[0]["version"] == people.code.version
    assert records(data, "portal.sign_in_attempts")[0]["ip_address"] == "192.0.2.9"
    assert records(data, "home.subscriptions")[0]["page"] == people.code.title
    assert records(data, "home.digests")[0]["items"] == 2
    assert records(data, "home.must_read_reminders")[0]["version"] == people.code.version
    assert records(data, "safework.improvement_actions")[0]["description"] == "Actie van Anna"
    assert str(records(data, "safework.manager_training")[0]["completed_on"]) == "2021-04-01"
    assert records(data, "safework.recorded_by") == [{"vpd_scans": 1, "manager_trainings": 0}]
    (task,) = records(data, "vpd.follow_up_tasks")
    assert task["owner"] and task["created_by"] and "letter" not in task
    assert "Brief aan de dader" not in text  # the letter is about the perpetrator, not about Anna
    assert "Bram" not in text and "bram@" not in text  # the bystander's records stay out


def test_the_export_never_holds_a_second_factor_secret(people):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    key = TOTPDevice.objects.get(user=people.person).key
    text = export_json(export(people.person))
    assert records(export(people.person), "portal.second_factors")[0]["name"] == "telefoon"
    assert key not in text


def test_reports_about_or_by_the_person_and_audit_entries_never_reach_the_export(people):
    from forms import audit

    plain = export(people.bystander)
    IntegrityReportFactory(
        owner=people.person,
        registered_by=people.person,
        persons_involved="Anna de Vries, afdeling W&I",
        description="Melding over Anna de Vries",
    )
    audit.record("bekeken", user=people.person, detail={"note": "auditregel van Anna"})
    text = export_json(export(people.person))
    assert "Melding over" not in text and "auditregel" not in text and "MLD-" not in text
    # The notice is the same whether or not such records exist: the export reveals nothing.
    assert export(people.person)["not_included"] == plain["not_included"]
    assert {h["name"] for h in export(people.person)["holdings"]} == {h["name"] for h in plain["holdings"]}


def test_erasure_removes_what_may_go_keeps_the_legal_exceptions_and_leaves_others_alone(people):
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    bystander_before = personal_rows(people.bystander)
    person_pk = people.person.pk

    counts = erase(people.person, actor=admin)

    person = get_user_model().objects.get(pk=person_pk)
    assert person.username == f"verwijderd-{person_pk}" and not person.is_active
    assert (person.first_name, person.last_name, person.email) == ("", "", "")
    assert not person.has_usable_password() and not person.groups.exists()
    assert not EmployeeProfile.objects.filter(user=person).exists()
    assert not ReadConfirmation.objects.filter(user=person).exists()
    assert not UserSession.objects.filter(user=person).exists()
    assert not IdentityLink.objects.filter(user=person).exists()
    assert not Placement.objects.filter(user=person).exists()
    assert not AccessFailureLog.objects.filter(username="anna").exists()
    assert not Team.objects.filter(managers=person).exists()
    assert not Registration.objects.filter(email__iexact="anna@gemeente.invalid").exists()
    assert not Registration.objects.filter(name="Anna").exists()
    assert not Evaluation.objects.filter(useful__contains="Anna").exists()
    assert Evaluation.objects.filter(rating=5).count() == 2  # the ratings stay for the figures
    incident = Incident.objects.get(description="Anna werd uitgescholden")
    assert incident.reporter is None  # the incident stays (Arbowet), unlinked
    assert not Subscription.objects.filter(user=person).exists()
    assert not Digest.objects.filter(user=person).exists()
    assert not MustReadReminder.objects.filter(user=person).exists()
    assert not ManagerTraining.objects.filter(manager=person).exists()
    action = ImprovementAction.objects.get(description="Actie van Anna")
    assert action.owner is None and action.scan.recorded_by is None  # the action stays (Arbowet)
    task = FollowUpTask.objects.get(incident=incident)
    assert (task.owner, task.created_by) == (None, None)
    # Legal exceptions stay: the oath and the declarations register, until their own retention.
    assert IntroductionAttendance.objects.filter(user=person).exists()
    assert Declaration.objects.filter(employee=person, giver="Leverancier van Anna").exists()
    assert counts["portal.account"] == 1 and counts["awareness.registrations"] == 2
    assert personal_rows(people.bystander) == bystander_before  # control: the colleague is untouched


def test_the_year_figures_are_the_same_before_and_after_an_erasure(people):
    before = figures(YEAR)
    assert (
        before is not None and before["awareness"]["resilience_week"]["participants"] == 4
    )  # addresses as typed
    erase(people.person, actor=UserFactory(roles=[Role.ADMINISTRATOR]))
    assert figures(YEAR) == before


def test_figures_would_notice_a_lost_participant(people):
    """Control for the test above: deleting a registration instead of anonymising it shows up."""
    before = figures(YEAR)
    Registration.objects.filter(user=people.person).delete()
    assert figures(YEAR) != before


def test_erasure_is_all_or_nothing(people, monkeypatch):
    from safework import personal_data

    def fail(user):
        raise RuntimeError("disk full")

    broken = Holding(
        name="safework.broken", label="x", covers=(), collect=lambda user: [], erase=fail, order=500
    )
    monkeypatch.setattr(personal_data, "HOLDINGS", [*personal_data.HOLDINGS, broken])
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    audit_entries = AuditLogEntry.objects.count()
    with pytest.raises(RuntimeError):
        erase(people.person, actor=admin)
    people.person.refresh_from_db()
    assert people.person.username == "anna" and people.person.is_active
    assert personal_rows(people.person)["profile"] == 1 and personal_rows(people.person)["registrations"] == 2
    assert AuditLogEntry.objects.count() == audit_entries


@pytest.mark.parametrize(
    "make",
    [
        lambda admin: admin,  # oneself
        lambda admin: UserFactory(roles=[Role.INTEGRITY_OFFICE]),
        lambda admin: UserFactory(roles=[Role.CONFIDENTIAL_ADVISOR]),
        lambda admin: UserFactory(is_superuser=True),
    ],
    ids=["self", "office", "advisor", "superuser"],
)
def test_erasure_refuses_oneself_the_office_and_superusers(make):
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    target = make(admin)
    with pytest.raises(ErasureRefused):
        erase(target, actor=admin)
    target.refresh_from_db()
    assert target.is_active and not target.username.startswith("verwijderd-")


def test_an_erasure_twice_is_refused(people):
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    erase(people.person, actor=admin)
    with pytest.raises(ErasureRefused, match="al gewist"):
        erase(people.person, actor=admin)


@pytest.fixture
def security_lines():
    from portal.security_log import SecurityJsonFormatter

    found: list[dict] = []

    class Collect(logging.Handler):
        def emit(self, record):
            found.append(json.loads(SecurityJsonFormatter().format(record)))

    handler = Collect()
    logger = logging.getLogger("portal.security")
    logger.addHandler(handler)
    yield found
    logger.removeHandler(handler)


def test_export_and_erasure_are_in_the_audit_log_and_the_security_log(
    people, security_lines, django_capture_on_commit_callbacks
):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], username="beheer")
    with django_capture_on_commit_callbacks(execute=True):
        subject_data.record_export(people.person, actor=admin, file_format="pdf")
        erase(people.person, actor=admin)
    exported = AuditLogEntry.objects.get(action=subject_data.EXPORTED)
    erased = AuditLogEntry.objects.get(action=subject_data.ERASED)
    assert exported.user == admin and exported.detail == {"subject": people.person.pk, "format": "pdf"}
    assert erased.user == admin and erased.detail["subject"] == people.person.pk
    assert erased.detail["erased"]["home.profile"] == 1
    assert verify().problem is None  # the chain still verifies after the account is anonymised
    by_event = {
        line["event"]: line for line in security_lines if line.get("action", "").startswith("persoons")
    }
    assert (
        by_event["export"]["user"] == "beheer" and by_event["export"]["detail"]["subject"] == people.person.pk
    )
    assert by_event["erasure"]["detail"]["reason"] == "request"
    assert "anna" not in json.dumps(by_event)  # the SIEM gets the account's number, never the name


def test_an_erasure_makes_every_cached_page_stale(people, django_capture_on_commit_callbacks):
    """Holdings write with QuerySet.update (no signals): a cached page naming the organiser or a
    page owner would otherwise outlive the erasure."""
    from portal.cache import current_generation

    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    with django_capture_on_commit_callbacks(execute=True):
        pass
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        erase(people.person, actor=admin)
    assert current_generation() > before
