"""Organiser tools in the Wagtail admin: registrations, waitlist, CSV/XLSX export, check-in, the
capacity check on edit, and which roles may use them."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.roles import Role
from tests.awareness.factories import RegistrationFactory, SessionFactory, programme_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = SessionFactory(capacity=2)
    RegistrationFactory(session=session, name="Anouk Jansen")
    RegistrationFactory(session=session, name="=HYPERLINK(1)")
    RegistrationFactory(session=session, name="Bas Wachter", status="waitlisted")
    return session


def urls(session):
    return [
        reverse("awareness_admin_session", args=[session.pk]),
        reverse("awareness_admin_export", args=[session.pk, "csv"]),
        reverse("awareness_admin_export", args=[session.pk, "xlsx"]),
        reverse("awareness_admin_evaluations", args=[session.item_id]),
    ]


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [
        ((), False),
        ((Role.MANAGER,), False),
        ((Role.INTEGRITY_OFFICE,), False),
        ((Role.ADMINISTRATOR,), False),
        ((Role.EDITOR,), True),
    ],
)
def test_roles_and_organiser_tools(client, make_user, session, roles, allowed):
    client.force_login(make_user(*roles))
    for url in urls(session):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), url


def test_the_organiser_of_an_item_may_use_its_tools(client, make_user):
    organiser = make_user(Role.MANAGER)
    session = SessionFactory(item=programme_item(organiser=organiser))
    client.force_login(organiser)
    for url in urls(session):
        assert client.get(url).status_code == 200, url


def test_signed_out_people_are_sent_to_sign_in(client, session):
    for url in urls(session):
        assert client.get(url).status_code == 302


def test_registrations_page_shows_waitlist(client, make_user, session):
    client.force_login(make_user(Role.EDITOR))
    response = client.get(reverse("awareness_admin_session", args=[session.pk]))
    assert "Anouk Jansen" in response.text
    assert [r.name for r in response.context["waitlist"]] == ["Bas Wachter"]


def test_csv_export_lists_everyone_and_defuses_formulas(client, make_user, session):
    client.force_login(make_user(Role.EDITOR))
    response = client.get(reverse("awareness_admin_export", args=[session.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Naam", "E-mailadres", "Organisatieonderdeel", "Status"]
    names = [row[0] for row in rows[1:]]
    assert "Anouk Jansen" in names and "Bas Wachter" in names
    assert "'=HYPERLINK(1)" in names


def test_xlsx_export_opens_as_a_workbook(client, make_user, session):
    client.force_login(make_user(Role.EDITOR))
    response = client.get(reverse("awareness_admin_export", args=[session.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Naam"
    assert len(rows) == 4


@pytest.mark.parametrize("typed", ['=HYPERLINK("https://x.invalid","klik")', "+1+1", "-1+1", "@SUM(A1)"])
def test_xlsx_export_writes_typed_formulas_as_text(client, make_user, typed):
    session = SessionFactory(capacity=5)
    RegistrationFactory(session=session, name=typed, email="a@portaal.invalid")
    client.force_login(make_user(Role.EDITOR))
    response = client.get(reverse("awareness_admin_export", args=[session.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    name_cell = sheet.cell(row=2, column=1)
    assert name_cell.value == typed
    assert name_cell.data_type == "s"  # a string cell, never "f" (formula)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_unknown_export_format_is_a_404(client, make_user, session):
    client.force_login(make_user(Role.EDITOR))
    assert client.get(reverse("awareness_admin_export", args=[session.pk, "pdf"])).status_code == 404


def test_check_in_marks_attendance(client, make_user, session):
    client.force_login(make_user(Role.EDITOR))
    anouk, other = session.registrations.filter(status="confirmed").order_by("pk")
    response = client.post(
        reverse("awareness_admin_session", args=[session.pk]), {"present": [str(anouk.pk), "x"]}
    )
    assert response.status_code == 302
    anouk.refresh_from_db(), other.refresh_from_db()
    assert (anouk.attended, other.attended) == (True, False)


def test_capacity_below_confirmed_count_or_negative_is_refused_on_edit(client, make_user, session):
    client.force_login(make_user(Role.EDITOR))
    url = reverse("awareness_sessions:edit", args=[session.pk])
    assert client.get(url).status_code == 200
    data = {
        "item": session.item_id,
        "start": session.start.strftime("%Y-%m-%d %H:%M"),
        "end": session.end.strftime("%Y-%m-%d %H:%M"),
        "format": "on_site",
        "location": "Stadskantoor",
        "online_link": "",
        "capacity": "1",
        "registration_closes": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Er zijn al 2 bevestigde aanmeldingen" in response.text
    response = client.post(url, {**data, "capacity": "-3"})
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.capacity == 2


def test_more_places_on_edit_move_people_up_from_the_waitlist(
    client, make_user, session, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(make_user(Role.EDITOR))
    url = reverse("awareness_sessions:edit", args=[session.pk])
    from django.utils import timezone

    data = {
        "item": session.item_id,
        "start": timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(session.end).strftime("%Y-%m-%d %H:%M"),
        "format": "on_site",
        "location": "Stadskantoor",
        "online_link": "",
        "capacity": "5",
        "registration_closes": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert session.registrations.get(name="Bas Wachter").status == "confirmed"
    assert [m.to for m in mail.outbox] == [[session.registrations.get(name="Bas Wachter").email]]


@pytest.mark.parametrize("page_type", ["awareness.programmeitempage", "awareness.calendarpage"])
def test_editors_can_open_the_page_editor(client, make_user, page_type):
    from tests.awareness.factories import calendar_page

    calendar = calendar_page()
    client.force_login(make_user(Role.EDITOR))
    app, model = page_type.split(".")
    parent = calendar if model == "programmeitempage" else calendar.get_parent()
    response = client.get(reverse("wagtailadmin_pages:add", args=[app, model, parent.pk]))
    assert response.status_code == 200
    item = programme_item(parent=calendar)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).status_code == 200


def test_organisers_see_the_admin_link_on_the_item_page(client, make_user):
    from django.test import Client

    employee_client = Client()
    employee_client.force_login(make_user())
    organiser = make_user(Role.MANAGER)
    session = SessionFactory(item=programme_item(organiser=organiser))
    link = reverse("awareness_admin_session", args=[session.pk])
    client.force_login(organiser)
    assert link in client.get(session.item.url).text
    assert link not in employee_client.get(session.item.url).text


@pytest.mark.parametrize(
    ("roles", "viewset"),
    [
        ((Role.EDITOR,), "awareness_sessions"),
        ((Role.EDITOR,), "awareness_team_sessions"),
        ((Role.ADMINISTRATOR,), "awareness_introductions"),
        ((Role.ADMINISTRATOR,), "awareness_declarations"),
    ],
)
def test_admin_listings_render_with_rows(client, make_user, session, roles, viewset):
    from tests.awareness.factories import IntroductionAttendanceFactory, TeamSessionFactory

    IntroductionAttendanceFactory()
    TeamSessionFactory()
    client.force_login(make_user(*roles))
    response = client.get(reverse(f"{viewset}:index"))
    assert response.status_code == 200
    if viewset == "awareness_sessions":
        assert reverse("awareness_admin_session", args=[session.pk]) in response.text
