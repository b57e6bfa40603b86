"""Must-read push: the banner on every page until the code of conduct is confirmed, one reminder
e-mail after the configured days, the confirmation rate per department over time, and retention."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from home.models import Digest, MustReadReminder, ReadConfirmation, Subscription
from home.must_read import confirmation_trend
from portal.roles import Role
from tests.home.factories import DepartmentFactory, EmployeeProfileFactory, code_of_conduct, section
from tests.retention import days_ago, purge

pytestmark = pytest.mark.django_db

BANNER = "Nog te bevestigen"


def change(version, date, ask=True):
    return {
        "type": "change",
        "value": {"version": version, "date": date, "summary": "<p>x</p>", "ask_confirmation": ask},
    }


def iso_days_ago(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


def test_banner_on_every_page_until_confirmed(employee_client, employee):
    code = code_of_conduct(version="2.0")
    other_page = section("veilig-werken", title="Veilig werken")
    for url in (other_page.url, "/nl/abonnementen/"):
        html = employee_client.get(url).content.decode()
        assert BANNER in html and "Lees versie 2.0 van de gedragscode" in html, url
    # The personal home page lists it in its own block instead of a second notice.
    home = employee_client.get("/nl/")
    assert home.status_code == 200 and BANNER not in home.content.decode()
    # The code of conduct itself ends with its confirmation form instead.
    assert "Ik heb de gedragscode gelezen" in employee_client.get(code.url).content.decode()
    # The banner's link opens the code of conduct at its confirmation form, in the page's language.
    response = employee_client.get(f"/nl/gedragscode/{code.pk}/lezen/")
    assert response["Location"] == code.url + "#bevestigen"

    employee_client.post(f"/nl/gedragscode/{code.pk}/bevestigen/")
    for url in (other_page.url, "/nl/abonnementen/", code.url):
        assert BANNER not in employee_client.get(url).content.decode(), url


def test_banner_is_personal_on_a_shared_cached_page(client, make_user):
    code = code_of_conduct()
    page = section("veilig-werken", title="Veilig werken")
    done, not_yet = make_user(username="gedaan"), make_user(username="nog-niet")
    ReadConfirmation.objects.create(user=done, page=code, version="2.0")
    client.force_login(not_yet)
    assert BANNER in client.get(page.url).content.decode()  # renders the shell for the cache
    client.force_login(done)
    assert BANNER not in client.get(page.url).content.decode()  # the same shell, filled for them
    client.force_login(not_yet)
    assert BANNER in client.get(page.url).content.decode()


def test_a_new_version_asking_again_brings_the_banner_back(employee_client, employee):
    code = code_of_conduct(version="2.0", changes=[change("2.0", "2020-11-01")])
    ReadConfirmation.objects.create(user=employee, page=code, version="2.0")
    elsewhere = section("veilig-werken", title="Veilig werken")
    assert BANNER not in employee_client.get(elsewhere.url).content.decode()
    code.version = "3.0"
    code.changes = [change("3.0", "2026-01-01"), *code.changes.raw_data]
    code.save_revision().publish()
    assert "Lees versie 3.0 van de gedragscode" in employee_client.get(elsewhere.url).content.decode()


def test_no_banner_without_a_code_of_conduct_or_for_signed_out_people(employee_client):
    page = section("veilig-werken", title="Veilig werken")
    assert BANNER not in employee_client.get(page.url).content.decode()
    code_of_conduct()
    assert BANNER in employee_client.get("/nl/melding/").content.decode()  # control: signed in
    signed_out = Client()
    assert BANNER not in signed_out.get("/nl/melding/").content.decode()


# -- the reminder -----------------------------------------------------------------------------------


def remind() -> str:
    out = StringIO()
    call_command("send_must_read_reminders", stdout=out)
    return out.getvalue()


def test_one_reminder_after_the_configured_days(settings, make_user, django_capture_on_commit_callbacks):
    settings.PORTAL_MUST_READ_REMINDER_DAYS = 14
    code = code_of_conduct(version="3.0", changes=[change("3.0", iso_days_ago(15))])
    long_ago = timezone.now() - datetime.timedelta(days=400)
    late = make_user(username="laat", date_joined=long_ago)
    read = make_user(username="gelezen", date_joined=long_ago)
    ReadConfirmation.objects.create(user=read, page=code, version="3.0")
    make_user(username="nieuw", date_joined=timezone.now() - datetime.timedelta(days=3))  # gets 14 days too
    make_user(username="weg", date_joined=long_ago, is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        assert "1 reminder(s) sent" in remind()
    (message,) = mail.outbox
    assert message.to == [late.email]
    assert "3.0" in message.body and f"/nl/gedragscode/{code.pk}/lezen/" in message.body

    with django_capture_on_commit_callbacks(execute=True):
        assert "0 reminder(s) sent" in remind()
    assert len(mail.outbox) == 1
    assert MustReadReminder.objects.filter(user=late, version="3.0").count() == 1


def test_no_reminder_before_the_configured_days(settings, make_user, django_capture_on_commit_callbacks):
    settings.PORTAL_MUST_READ_REMINDER_DAYS = 14
    code_of_conduct(version="3.0", changes=[change("3.0", iso_days_ago(10))])
    make_user(username="laat", date_joined=timezone.now() - datetime.timedelta(days=400))
    with django_capture_on_commit_callbacks(execute=True):
        remind()
    assert mail.outbox == []
    settings.PORTAL_MUST_READ_REMINDER_DAYS = 7  # control: a shorter period sends it
    with django_capture_on_commit_callbacks(execute=True):
        remind()
    assert len(mail.outbox) == 1


# -- the confirmation rate over time ------------------------------------------------------------------


def confirm(user, page, version, days_before):
    made = ReadConfirmation.objects.create(user=user, page=page, version=version)
    ReadConfirmation.objects.filter(pk=made.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=days_before)
    )


def test_rate_per_department_per_week_counts_up_to_the_end_of_each_week():
    code = code_of_conduct(version="2.0")
    wi = DepartmentFactory(name="Werk & Inkomen", slug="wi")
    people = [EmployeeProfileFactory(department=wi).user for _ in range(4)]
    today = timezone.localdate()
    confirm(people[0], code, "2.0", 0)
    confirm(people[1], code, "2.0", 7)
    confirm(people[2], code, "1.0", 7)  # an old version does not count

    trend = confirmation_trend(code, "week", today=today)
    row = next(row for row in trend.rows if row.name == "Werk & Inkomen")
    assert row.employees == 4
    assert trend.period_ends[-1] == today and len(trend.period_ends) == 8
    assert row.percentages[-1] == 50 and row.percentages[-2] == 25 and row.percentages[0] == 0

    monthly = confirmation_trend(code, "month", today=today)
    assert next(row for row in monthly.rows if row.name == "Werk & Inkomen").percentages[-1] == 50


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [((), False), ((Role.EDITOR,), False), ((Role.MANAGER,), True), ((Role.INTEGRITY_OFFICE,), True)],
)
def test_rate_over_time_per_role(client, make_user, roles, allowed):
    code_of_conduct()
    client.force_login(make_user(*roles))
    response = client.get("/nl/gedragscode/leesbevestigingen/?per=week")
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        html = response.content.decode()
        assert "Verloop in de tijd" in html and "Bevestigd per week" in html


# -- retention -------------------------------------------------------------------------------------


def test_old_digest_records_and_subscriptions_of_people_who_left_are_purged(settings, make_user):
    page = section()
    stayed, left = make_user(username="blijft"), make_user(username="weg", is_active=False)
    old = Digest.objects.create(user=stayed, day=days_ago(200).date(), sent_at=days_ago(200))
    recent = Digest.objects.create(user=stayed, day=days_ago(5).date(), sent_at=days_ago(5))
    kept = Subscription.objects.create(user=stayed, page=page, created_at=days_ago(400))
    gone = Subscription.objects.create(user=left, page=page, created_at=days_ago(400))

    assert "home.digests: 1 purged" in purge("home.digests", settings, days=90)
    assert "home.subscriptions: 1 purged" in purge("home.subscriptions", settings)
    assert set(Digest.objects.values_list("pk", flat=True)) == {recent.pk}
    assert set(Subscription.objects.values_list("pk", flat=True)) == {kept.pk}
    assert (
        not Digest.objects.filter(pk=old.pk).exists() and not Subscription.objects.filter(pk=gone.pk).exists()
    )


def test_reminders_of_the_version_in_force_stay(settings, make_user):
    code = code_of_conduct(version="3.0")
    person = make_user()
    superseded = MustReadReminder.objects.create(user=person, page=code, version="2.0", sent_at=days_ago(800))
    current = MustReadReminder.objects.create(user=person, page=code, version="3.0", sent_at=days_ago(800))
    assert "home.must_read_reminders: 1 purged" in purge("home.must_read_reminders", settings)
    assert not MustReadReminder.objects.filter(pk=superseded.pk).exists()
    assert MustReadReminder.objects.filter(pk=current.pk).exists()
