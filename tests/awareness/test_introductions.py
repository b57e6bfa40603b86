"""Introduction meetings and the integrity declaration: recorded by the new colleague, seen and
exported by HR (administrator role) only."""

import pytest
from django.urls import reverse

from awareness.models import IntroductionAttendance
from portal.roles import Role
from tests.awareness.factories import (
    IntroductionAttendanceFactory,
    IntroductionMeetingFactory,
    TeamSessionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_new_colleague_records_the_declaration(employee_client, employee):
    meeting = IntroductionMeetingFactory()
    url = reverse("awareness:introduction")
    assert employee_client.get(url).status_code == 200
    response = employee_client.post(
        url,
        {
            "meeting": meeting.pk,
            "declaration": "affirmation",
            "declaration_date": "2099-01-01",
            "administered_by": "X",
        },
    )
    assert response.status_code == 200 and "toekomst" in response.text
    response = employee_client.post(
        url,
        {
            "meeting": meeting.pk,
            "declaration": "affirmation",
            "declaration_date": meeting.start.date().isoformat(),
            "administered_by": "Lid van de directieraad",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    attendance = IntroductionAttendance.objects.get()
    assert (attendance.user, attendance.declaration) == (employee, "affirmation")
    assert "Je hebt de integriteitsverklaring afgelegd" in employee_client.get(url).text


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [((), False), ((Role.EDITOR,), False), ((Role.MANAGER,), False), ((Role.ADMINISTRATOR,), True)],
)
def test_only_hr_sees_and_exports_declarations(client, make_user, roles, allowed):
    IntroductionAttendanceFactory(name="Nieuwe Collega")
    client.force_login(make_user(*roles))
    for url in [
        reverse("awareness_declarations:index"),
        reverse("awareness_declarations:index") + "?export=csv",
        reverse("awareness_introductions:index"),
    ]:
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), url
    if allowed:
        export = client.get(reverse("awareness_declarations:index") + "?export=csv")
        assert "Nieuwe Collega" in b"".join(export.streaming_content).decode()


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [((), False), ((Role.INTEGRITY_OFFICE,), False), ((Role.MANAGER,), True), ((Role.EDITOR,), True)],
)
def test_managers_and_editors_record_team_sessions(client, make_user, roles, allowed):
    TeamSessionFactory()
    client.force_login(make_user(*roles))
    for url in [reverse("awareness_team_sessions:index"), reverse("awareness_team_sessions:add")]:
        status = client.get(url).status_code
        assert (status == 200) if allowed else status in (302, 403), url
