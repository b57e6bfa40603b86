"""Owner and co-handlers: office members only, a "mine" filter, reassignment in the audit log."""

import pytest

from forms.models import AuditLogEntry, IntegrityReport
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/integriteitsmeldingen/"


def edit_data(client, report, **changes):
    form = client.get(f"{INDEX}edit/{report.pk}/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data["co_handlers"] = [getattr(item, "pk", item) for item in data.get("co_handlers") or []]
    data.update(changes)
    return data


def test_reassignment_is_written_to_the_audit_log(client, make_user):
    iris, joost, sanne = (make_user(Role.INTEGRITY_OFFICE) for _ in range(3))
    report = IntegrityReportFactory(owner=iris)
    client.force_login(iris)
    response = client.post(
        f"{INDEX}edit/{report.pk}/", edit_data(client, report, owner=joost.pk, co_handlers=[sanne.pk])
    )
    assert response.status_code == 302, response.context["form"].errors
    report.refresh_from_db()
    assert report.owner == joost and list(report.co_handlers.all()) == [sanne]
    owner_entry = AuditLogEntry.objects.get(report=report, action="behandelaar gewijzigd")
    assert (owner_entry.user_id, owner_entry.detail) == (iris.pk, {"van": iris.pk, "naar": joost.pk})
    co_entry = AuditLogEntry.objects.get(report=report, action="medebehandelaars gewijzigd")
    assert co_entry.detail == {"van": [], "naar": [sanne.pk]}
    # Control: saving without a change writes no reassignment.
    client.post(f"{INDEX}edit/{report.pk}/", edit_data(client, report))
    assert AuditLogEntry.objects.filter(report=report, action="behandelaar gewijzigd").count() == 1


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.CONFIDENTIAL_ADVISOR, Role.EDITOR])
def test_only_office_members_can_be_owner_or_co_handler(client, make_user, role):
    iris = make_user(Role.INTEGRITY_OFFICE)
    outsider = make_user(role)
    report = IntegrityReportFactory(owner=iris)
    client.force_login(iris)
    for field, value in (("owner", outsider.pk), ("co_handlers", [outsider.pk])):
        response = client.post(f"{INDEX}edit/{report.pk}/", edit_data(client, report, **{field: value}))
        assert response.status_code == 200 and response.context["form"].errors.get(field), field
    report.refresh_from_db()
    assert report.owner == iris and not report.co_handlers.exists()
    assert outsider.username not in client.get(f"{INDEX}edit/{report.pk}/").content.decode()


def test_mine_lists_owned_and_co_handled_cases(client, make_user):
    iris, joost = make_user(Role.INTEGRITY_OFFICE), make_user(Role.INTEGRITY_OFFICE)
    owned = IntegrityReportFactory(owner=iris)
    shared = IntegrityReportFactory(owner=joost)
    shared.co_handlers.add(iris, joost)
    IntegrityReportFactory(owner=joost)
    IntegrityReportFactory()
    client.force_login(iris)
    listed = [report.pk for report in client.get(f"{INDEX}?mine=true").context["object_list"]]
    assert sorted(listed) == sorted([owned.pk, shared.pk])
    assert len(client.get(INDEX).context["object_list"]) == 4


def test_the_registering_officer_owns_a_phone_report(client, make_user):
    iris = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(iris)
    response = client.post(
        f"{INDEX}new/",
        {"category": "overig", "source": "intern", "channel": "telefoon", "received_on": "2026-11-20"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert IntegrityReport.objects.get().owner == iris
