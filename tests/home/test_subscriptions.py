"""Following pages and themes: the daily digest's contents, once per person per day, unfollowing,
and who may follow what (buttons are CSRF-protected POSTs)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.digest import send_digests
from home.models import ContentPage, Digest, Subscription
from tests.awareness.factories import programme_item, theme
from tests.home.factories import add_page, section

pytestmark = pytest.mark.django_db


def published_days_ago(page: Page, days: int, *, new: bool = False) -> Page:
    """Move a page's publication into the past (the digest covers the day before it is sent)."""
    moment = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    moment -= datetime.timedelta(days=days)
    fields = {"last_published_at": moment}
    fields["first_published_at"] = moment if new else moment - datetime.timedelta(days=100)
    Page.objects.filter(pk=page.pk).update(**fields)
    return page


@pytest.fixture
def pages():
    rules = section("heldere-afspraken", title="Heldere afspraken")
    return {
        "section": rules,
        "child": published_days_ago(add_page(rules, ContentPage, "meldregeling", title="Meldregeling"), 1),
        "new_child": published_days_ago(
            add_page(rules, ContentPage, "sociale-media", title="Sociale media"), 1, new=True
        ),
        "old_child": published_days_ago(add_page(rules, ContentPage, "oud", title="Oude regeling"), 2),
        "elsewhere": published_days_ago(
            add_page(section("veilig-werken", title="Veilig werken"), ContentPage, "elders", title="Elders"),
            1,
        ),
    }


def run_digests() -> str:
    out = StringIO()
    call_command("send_subscription_digests", stdout=out)
    return out.getvalue()


def test_digest_lists_yesterdays_changes_in_followed_pages_and_themes(
    pages, employee, django_capture_on_commit_callbacks
):
    integrity = theme("integriteit", "Integriteit")
    undermining = theme("ondermijning", "Ondermijning")
    Subscription.objects.create(user=employee, page=pages["section"])
    Subscription.objects.create(user=employee, theme=integrity)
    published_days_ago(programme_item(title="Masterclass dilemma's", themes=[integrity]), 1)
    published_days_ago(programme_item(title="Hennepcontainer", themes=[undermining]), 1)

    with django_capture_on_commit_callbacks(execute=True):
        assert "1 digest(s) sent" in run_digests()

    (message,) = mail.outbox
    assert message.to == [employee.email]
    body = message.body
    assert "Meldregeling (gewijzigd)" in body
    assert "Sociale media (nieuw)" in body
    assert "Masterclass dilemma's" in body and "thema Integriteit" in body
    assert "/nl/heldere-afspraken/meldregeling/" in body
    # Not followed, or not yesterday:
    assert "Hennepcontainer" not in body and "Elders" not in body and "Oude regeling" not in body
    assert "/nl/abonnementen/" in body
    assert Digest.objects.get(user=employee).items == 3


def test_one_digest_per_person_per_day_also_when_run_twice(
    pages, employee, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=employee, page=pages["section"])
    with django_capture_on_commit_callbacks(execute=True):
        run_digests()
        assert "0 digest(s) sent" in run_digests()
    assert len(mail.outbox) == 1
    assert Digest.objects.filter(user=employee).count() == 1

    # Control: the next day, with something published the day before, a new digest goes out.
    published_days_ago(pages["child"], 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(timezone.localdate() + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_the_database_refuses_a_second_digest_for_the_same_day(employee):
    # What makes concurrent runs safe: the loser's insert fails and its mail rolls back with it.
    Digest.objects.create(user=employee, day=timezone.localdate())
    with pytest.raises(IntegrityError), transaction.atomic():
        Digest.objects.create(user=employee, day=timezone.localdate())


def test_a_run_that_loses_the_race_queues_no_mail(
    pages, employee, monkeypatch, django_capture_on_commit_callbacks
):
    """Another run committed this person's digest after our check for today's digests."""
    Subscription.objects.create(user=employee, page=pages["section"])
    Digest.objects.create(user=employee, day=timezone.localdate())  # the other run's row
    from home import digest

    monkeypatch.setattr(digest.Digest.objects, "filter", lambda **kwargs: Digest.objects.none())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 0
    assert mail.outbox == []
    assert Digest.objects.count() == 1


def test_restricted_pages_never_appear_in_a_digest(pages, employee, django_capture_on_commit_callbacks):
    hidden = add_page(pages["section"], ContentPage, "vertrouwelijk", title="Vertrouwelijke notitie")
    restriction = PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get_or_create(name="Bestuur")[0]])
    published_days_ago(hidden, 1)
    Subscription.objects.create(user=employee, page=pages["section"])
    with django_capture_on_commit_callbacks(execute=True):
        run_digests()
    (message,) = mail.outbox
    assert "Vertrouwelijke notitie" not in message.body
    assert "Meldregeling" in message.body  # control: its unrestricted sibling is listed


def test_nothing_changed_or_nobody_active_means_no_mail(pages, make_user, django_capture_on_commit_callbacks):
    left = make_user(username="vertrokken", is_active=False)
    Subscription.objects.create(user=left, page=pages["section"])
    quiet = make_user(username="rustig")
    Subscription.objects.create(user=quiet, page=pages["old_child"])
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 digest(s) sent" in run_digests()
    assert mail.outbox == []


# -- following and unfollowing through the buttons --------------------------------------------------


def test_follow_and_unfollow_from_the_page(
    pages, employee_client, employee, django_capture_on_commit_callbacks
):
    page = pages["section"]
    html = employee_client.get(page.url).content.decode()
    assert "Volg deze pagina" in html and "Niet meer volgen" not in html

    response = employee_client.post("/nl/abonnementen/volgen/", {"page": page.pk, "next": page.url})
    assert response.status_code == 302 and response["Location"] == page.url
    assert Subscription.objects.filter(user=employee, page=page).count() == 1
    html = employee_client.get(page.url).content.decode()
    assert "Niet meer volgen" in html and "Je volgt deze pagina" in html
    employee_client.post("/nl/abonnementen/volgen/", {"page": page.pk})  # a double click
    assert Subscription.objects.filter(user=employee).count() == 1

    employee_client.post("/nl/abonnementen/niet-meer-volgen/", {"page": page.pk, "next": page.url})
    assert not Subscription.objects.filter(user=employee).exists()
    assert "Volg deze pagina" in employee_client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        run_digests()
    assert mail.outbox == []  # unfollowed: yesterday's change to the section is not sent


def test_the_follow_button_is_personal_on_a_shared_cached_page(pages, client, make_user):
    """The page comes from the shared page cache; each person sees their own button."""
    follower, other = make_user(username="volger"), make_user(username="ander")
    Subscription.objects.create(user=follower, page=pages["section"])
    url = pages["section"].url
    client.force_login(other)
    assert "Volg deze pagina" in client.get(url).content.decode()
    client.force_login(follower)
    assert "Niet meer volgen" in client.get(url).content.decode()
    client.force_login(other)
    assert "Niet meer volgen" not in client.get(url).content.decode()


def test_subscriptions_page_lists_pages_and_follows_themes(pages, employee_client, employee):
    integrity = theme("integriteit", "Integriteit")
    Subscription.objects.create(user=employee, page=pages["child"])
    html = employee_client.get("/nl/abonnementen/").content.decode()
    assert "Meldregeling" in html and employee.email in html

    employee_client.post("/nl/abonnementen/volgen/", {"theme": integrity.pk})
    assert Subscription.objects.filter(user=employee, theme=integrity).exists()
    assert "je volgt dit thema" in employee_client.get("/nl/abonnementen/").content.decode()
    employee_client.post("/nl/abonnementen/niet-meer-volgen/", {"theme": integrity.pk})
    assert not Subscription.objects.filter(user=employee, theme=integrity).exists()
    assert "My subscriptions" in employee_client.get("/en/abonnementen/").content.decode()


def test_following_needs_a_post_with_a_csrf_token(pages, employee):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(employee)
    assert strict.get(f"/nl/abonnementen/volgen/?page={pages['section'].pk}").status_code == 405
    assert strict.post("/nl/abonnementen/volgen/", {"page": pages["section"].pk}).status_code == 403
    assert not Subscription.objects.exists()


def test_signed_out_people_cannot_follow(pages, client):
    response = client.post("/nl/abonnementen/volgen/", {"page": pages["section"].pk})
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert client.get("/nl/abonnementen/").status_code == 302
    assert not Subscription.objects.exists()


def test_a_page_one_may_not_see_or_nonsense_cannot_be_followed(pages, employee_client):
    hidden = add_page(pages["section"], ContentPage, "bestuur", title="Bestuur")
    restriction = PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get_or_create(name="Bestuur")[0]])
    for data in ({"page": hidden.pk}, {"page": "abc"}, {"page": 999999}, {"theme": "x"}, {}):
        assert employee_client.post("/nl/abonnementen/volgen/", data).status_code == 404
    assert not Subscription.objects.exists()


def test_next_never_leaves_the_site(pages, employee_client):
    response = employee_client.post(
        "/nl/abonnementen/volgen/", {"page": pages["section"].pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/nl/abonnementen/"
