"""The investigation protocol as a state machine: every step allowed or refused, guards, records, audit."""

import datetime

import pytest
from django.utils import timezone

from forms import case_flow
from forms.case_flow import TransitionRefused
from forms.figures import IntegrityReportsProvider
from forms.models import AuditLogEntry, CaseTransition, IntegrityReport, Status
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory
from tests.forms.test_figures import counts

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
RECEIVED = TODAY - datetime.timedelta(days=40)

# The input each step needs to pass its guards when it is allowed.
GOOD_INPUT = {
    "conclusie": {"conclusion": "schending-vastgesteld", "consequence": "waarschuwing"},
    "conclusie-vooronderzoek": {"conclusion": "geen-schending"},
}


def case_in(state: str, **fields) -> IntegrityReport:
    """A case standing in `state` as the protocol would have left it (acknowledged unless new)."""
    defaults = {"received_on": RECEIVED, "status": state}
    if state != Status.RECEIVED:
        defaults["acknowledged_on"] = RECEIVED + datetime.timedelta(days=2)
    if state in (Status.CONCLUDED, Status.CLOSED):
        defaults.update(
            investigation="feitenonderzoek", conclusion="schending-vastgesteld", consequence="waarschuwing"
        )
    return IntegrityReportFactory(**{**defaults, **fields})


PAIRS = [(state, transition.name) for state in Status.values for transition in case_flow.TRANSITIONS]


@pytest.mark.parametrize(("state", "name"), PAIRS)
def test_every_step_from_every_state_is_allowed_exactly_as_the_table_says(make_user, state, name):
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = case_in(state)
    transition = case_flow.BY_NAME[name]
    if state in transition.sources:
        record = case_flow.apply(report, name, user=officer, note="toelichting", **GOOD_INPUT.get(name, {}))
        report.refresh_from_db()
        assert report.status == transition.target
        assert (record.source, record.target, record.by, record.on) == (
            state,
            transition.target,
            officer,
            TODAY,
        )
        assert transition in case_flow.allowed(IntegrityReport(status=state))
    else:
        with pytest.raises(TransitionRefused):
            case_flow.apply(report, name, user=officer, **GOOD_INPUT.get(name, {}))
        report.refresh_from_db()
        assert report.status == state
        assert not CaseTransition.objects.exists()
        assert not AuditLogEntry.objects.filter(report=report).exists()
        assert transition not in case_flow.allowed(report)


def test_closed_states_offer_no_step():
    for state in case_flow.CLOSED_STATES:
        assert case_flow.allowed(IntegrityReport(status=state)) == []
    assert case_flow.allowed(IntegrityReport(status=Status.RECEIVED)) == [case_flow.BY_NAME["bevestigen"]]


def test_a_report_walks_the_whole_protocol_and_every_step_is_recorded_and_audited(make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = IntegrityReportFactory(received_on=RECEIVED)
    days = iter(RECEIVED + datetime.timedelta(days=offset) for offset in range(1, 20, 2))
    case_flow.apply(report, "bevestigen", user=officer, on=next(days))
    case_flow.apply(report, "vooronderzoek", user=officer, on=next(days))
    case_flow.apply(report, "voorleggen", user=officer, on=next(days))
    case_flow.apply(report, "feitenonderzoek", user=officer, on=next(days), note="Besluit directeur D-12")
    case_flow.apply(report, "hoor-en-wederhoor", user=officer, on=next(days))
    case_flow.apply(
        report,
        "conclusie",
        user=officer,
        on=next(days),
        conclusion="schending-vastgesteld",
        consequence="nog-te-bepalen",
    )
    case_flow.apply(report, "afsluiten", user=officer, on=next(days), consequence="andere-maatregel")
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.is_closed
    assert report.acknowledged_on == RECEIVED + datetime.timedelta(days=1)
    assert report.closed_on == RECEIVED + datetime.timedelta(days=13)
    assert (report.investigation, report.conclusion, report.consequence) == (
        "feitenonderzoek",
        "schending-vastgesteld",
        "andere-maatregel",
    )
    steps = list(report.transitions.values_list("name", "by", "note"))
    assert [name for name, _by, _note in steps] == [
        "bevestigen",
        "vooronderzoek",
        "voorleggen",
        "feitenonderzoek",
        "hoor-en-wederhoor",
        "conclusie",
        "afsluiten",
    ]
    assert {by for _name, by, _note in steps} == {officer.pk}
    assert report.transitions.get(name="feitenonderzoek").note == "Besluit directeur D-12"
    entries = list(report.audit_log.order_by("sequence"))
    assert [entry.detail["stap"] for entry in entries] == [name for name, _by, _note in steps]
    assert all(entry.user_id == officer.pk and entry.at is not None for entry in entries)
    assert "D-12" not in str([entry.detail for entry in entries])  # the note stays encrypted, out of the log


def test_no_investigation_before_acknowledgement_even_for_a_migrated_case(make_user):
    # A migrated case may say "acknowledged" without the date: the guard looks at the date itself.
    report = IntegrityReportFactory(status=Status.ACKNOWLEDGED, acknowledged_on=None)
    with pytest.raises(TransitionRefused, match="Bevestig eerst de ontvangst"):
        case_flow.apply(report, "vooronderzoek", user=make_user(Role.INTEGRITY_OFFICE))
    # Control: with the date, the same step goes through.
    report.acknowledged_on = report.received_on
    report.save()
    case_flow.apply(report, "vooronderzoek", user=make_user(Role.INTEGRITY_OFFICE))


def test_closing_needs_a_conclusion(make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = case_in(Status.CONCLUDED, conclusion="in-onderzoek", consequence="niet-van-toepassing")
    with pytest.raises(TransitionRefused, match="pas afgesloten na een conclusie"):
        case_flow.apply(report, "afsluiten", user=officer)
    report.refresh_from_db()
    assert report.status == Status.CONCLUDED and report.closed_on is None


@pytest.mark.parametrize("consequence", ["waarschuwing", "andere-maatregel", "nog-te-bepalen"])
def test_a_consequence_only_where_a_violation_was_established(make_user, consequence):
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = case_in(Status.HEARING, investigation="feitenonderzoek")
    with pytest.raises(TransitionRefused) as refused:
        case_flow.apply(
            report, "conclusie", user=officer, conclusion="geen-schending", consequence=consequence
        )
    assert refused.value.field == "consequence"
    # Control: the same consequence with an established violation is accepted.
    case_flow.apply(
        report, "conclusie", user=officer, conclusion="schending-vastgesteld", consequence=consequence
    )
    report.refresh_from_db()
    assert report.consequence == consequence


def test_without_a_violation_the_consequence_is_none(make_user):
    report = case_in(Status.HEARING)
    case_flow.apply(report, "conclusie", user=make_user(Role.INTEGRITY_OFFICE), conclusion="niet-vastgesteld")
    report.refresh_from_db()
    assert (report.conclusion, report.consequence) == ("niet-vastgesteld", "geen")


def test_to_be_decided_only_while_the_consequence_is_open(make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = case_in(Status.HEARING)
    case_flow.apply(
        report, "conclusie", user=officer, conclusion="schending-vastgesteld", consequence="nog-te-bepalen"
    )
    with pytest.raises(TransitionRefused, match="nog niet bepaald") as refused:
        case_flow.apply(report, "afsluiten", user=officer)
    assert refused.value.field == "consequence"
    with pytest.raises(TransitionRefused):
        case_flow.apply(report, "afsluiten", user=officer, consequence="nog-te-bepalen")
    case_flow.apply(report, "afsluiten", user=officer, consequence="waarschuwing")
    report.refresh_from_db()
    assert (report.status, report.consequence) == (Status.CLOSED, "waarschuwing")


def test_a_violation_may_be_established_from_the_preliminary_inquiry(make_user):
    # The 2021 report has such a case (ongepaste uitingen op werkvloer: vooronderzoek, schending).
    report = case_in(Status.DECISION, investigation="vooronderzoek")
    case_flow.apply(
        report,
        "conclusie-vooronderzoek",
        user=make_user(Role.INTEGRITY_OFFICE),
        conclusion="schending-vastgesteld",
        consequence="waarschuwing",
    )
    report.refresh_from_db()
    assert (report.investigation, report.conclusion, report.consequence) == (
        "vooronderzoek",
        "schending-vastgesteld",
        "waarschuwing",
    )


def test_a_conclusion_step_needs_a_final_conclusion(make_user):
    report = case_in(Status.HEARING)
    for conclusion in ("", "in-onderzoek", "onzin"):
        with pytest.raises(TransitionRefused) as refused:
            case_flow.apply(report, "conclusie", user=make_user(Role.INTEGRITY_OFFICE), conclusion=conclusion)
        assert refused.value.field == "conclusion"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + datetime.timedelta(days=1), "toekomst"),
        (RECEIVED - datetime.timedelta(days=1), "vóór de ontvangst"),
    ],
)
def test_step_dates_are_not_in_the_future_nor_before_receipt(make_user, day, message):
    report = case_in(Status.RECEIVED)
    with pytest.raises(TransitionRefused, match=message):
        case_flow.apply(report, "bevestigen", user=make_user(Role.INTEGRITY_OFFICE), on=day)
    report.refresh_from_db()
    assert report.acknowledged_on is None


def test_a_step_is_not_dated_before_the_previous_one(make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = case_in(Status.RECEIVED)
    case_flow.apply(report, "bevestigen", user=officer, on=RECEIVED + datetime.timedelta(days=5))
    with pytest.raises(TransitionRefused, match="vorige stap"):
        case_flow.apply(report, "vooronderzoek", user=officer, on=RECEIVED + datetime.timedelta(days=4))
    case_flow.apply(report, "vooronderzoek", user=officer, on=RECEIVED + datetime.timedelta(days=5))


def test_a_stale_copy_cannot_take_a_step_twice(make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = case_in(Status.RECEIVED)
    stale = IntegrityReport.objects.get(pk=report.pk)
    case_flow.apply(report, "bevestigen", user=officer)
    with pytest.raises(TransitionRefused):
        case_flow.apply(stale, "bevestigen", user=officer)  # the locked row decides, not the copy
    assert CaseTransition.objects.count() == 1


@pytest.mark.parametrize(
    ("state", "name", "expected"),
    [
        (Status.ACKNOWLEDGED, "doorverwijzen", ("vooronderzoek", "niet-vastgesteld", "niet-van-toepassing")),
        (Status.INQUIRY, "geen-vervolg", ("vooronderzoek", "niet-vastgesteld", "geen")),
        (Status.DECISION, "doorverwijzen", ("vooronderzoek", "niet-vastgesteld", "niet-van-toepassing")),
        (Status.ACKNOWLEDGED, "vooronderzoek", ("vooronderzoek", "in-onderzoek", "niet-van-toepassing")),
        (Status.DECISION, "feitenonderzoek", ("feitenonderzoek", "", "")),
    ],
)
def test_side_exits_and_steps_map_to_the_statistics_categories(make_user, state, name, expected):
    report = case_in(state, received_on=datetime.date(TODAY.year, 1, 2))
    case_flow.apply(report, name, user=make_user(Role.INTEGRITY_OFFICE))
    report.refresh_from_db()
    assert (report.investigation, report.conclusion, report.consequence) == expected
    assert case_flow.STATISTICS_OF[report.status][:1] == (expected[0],) or name == "feitenonderzoek"
    figures = IntegrityReportsProvider().compute(TODAY.year)
    assert counts(figures["by_investigation"])[expected[0]] == 1
    if expected[1]:
        assert counts(figures["by_conclusion"])[expected[1]] == 1
    if report.is_closed:
        assert report.closed_on == TODAY and figures["open_at_year_end"] == 0


def test_the_retention_purge_empties_the_notes_on_steps_and_keeps_the_steps(make_user):
    from io import StringIO

    from django.core.management import call_command

    report = case_in(Status.CONCLUDED)
    case_flow.apply(report, "afsluiten", user=make_user(Role.INTEGRITY_OFFICE), note="GEHEIME TOELICHTING")
    call_command("purge_closed_reports", "--years", "0", stdout=StringIO())
    step = CaseTransition.objects.get(report=report)
    assert (step.name, step.note) == ("afsluiten", "")
