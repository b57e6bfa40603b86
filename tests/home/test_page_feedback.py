"""Page feedback ("Was deze pagina nuttig?"): where it is asked, one answer per person per page
version (also under concurrent posts), what the owner sees (no names), and how long it is kept."""

import re
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.test import Client
from wagtail.models import PageViewRestriction

from home.feedback import PageFeedback, respondent_key
from portal.roles import Role
from tests.home.factories import ContactFactory, block, content_page, section
from tests.retention import days_ago, purge

pytestmark = pytest.mark.django_db

QUESTION = "Was deze pagina nuttig?"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def feedback_url(page) -> str:
    return f"/nl/paginafeedback/{page.pk}/"


@pytest.fixture
def page():
    made = content_page(slug="geschenken", title="Geschenken", intro="Wat mag je aannemen?")
    made.refresh_from_db()  # the live revision the factory published
    return made


# -- where it is asked ------------------------------------------------------------------------------


def test_content_pages_ask_for_feedback(make_user, page):
    html = signed_in(make_user()).get(page.url).content.decode()
    assert QUESTION in html
    assert f'action="{feedback_url(page)}"' in html and 'name="useful" value="ja"' in html


def test_pages_of_the_confidential_advisors_never_ask(make_user, page):
    listing = content_page(
        slug="vertrouwenspersonen", body=[block("contacts", {"title": "", "kind": "confidential_advisor"})]
    )
    advisor = ContactFactory(kind="confidential_advisor")
    card = content_page(slug="een-vertrouwenspersoon", body=[block("contact", {"contact": advisor.pk})])
    owned = content_page(slug="spreekuur", owner_group=Group.objects.get(name=Role.CONFIDENTIAL_ADVISOR))
    client = signed_in(make_user())
    for advisors_page in (listing, card, owned):
        assert QUESTION not in client.get(advisors_page.url).content.decode(), advisors_page.slug
        response = client.post(feedback_url(advisors_page), {"useful": "ja"})
        assert response.status_code == 404  # nor can it be posted there
    assert not PageFeedback.objects.exists()
    # Control: a page with another kind of contact card asks.
    office = ContactFactory(kind="integrity_office")
    other = content_page(slug="bureau", body=[block("contact", {"contact": office.pk})])
    assert QUESTION in client.get(other.url).content.decode()


def test_the_report_form_and_follow_up_page_never_ask(client, make_user):
    signed = signed_in(make_user())
    for url in ("/nl/melding/", "/nl/melding/opvolging/"):
        assert QUESTION not in signed.get(url).content.decode()


def test_signed_out_visitors_are_not_asked_and_cannot_post(client, page):
    response = client.post(feedback_url(page), {"useful": "ja"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not PageFeedback.objects.exists()


def test_a_page_the_person_may_not_read_takes_no_feedback(make_user, page):
    office = Group.objects.get(name=Role.INTEGRITY_OFFICE)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(office)
    assert signed_in(make_user()).post(feedback_url(page), {"useful": "nee"}).status_code == 404
    assert not PageFeedback.objects.exists()
    # Control: a member of the group may.
    assert (
        signed_in(make_user(Role.INTEGRITY_OFFICE)).post(feedback_url(page), {"useful": "nee"}).status_code
        == 302
    )
    assert PageFeedback.objects.count() == 1


# -- one answer per person per page version ---------------------------------------------------------


def test_an_answer_is_stored_without_the_account_and_thanked(make_user, page):
    anna = make_user(username="anna")
    client = signed_in(anna)
    response = client.post(feedback_url(page), {"useful": "ja", "comment": "  Helder uitgelegd.  "})
    assert response.status_code == 302 and response["Location"].endswith("#paginafeedback")
    (answer,) = PageFeedback.objects.all()
    assert answer.useful is True and answer.comment == "Helder uitgelegd."
    assert answer.revision_id == page.live_revision_id
    assert answer.respondent == respondent_key(anna.pk) and str(anna.pk) != answer.respondent
    assert {f.name for f in PageFeedback._meta.get_fields()}.isdisjoint({"user", "created_at"})
    html = client.get(page.url).content.decode()
    assert "Dank je wel voor je reactie." in html
    assert "Je hebt al gereageerd op deze versie" in html and 'name="useful"' not in html


def test_a_second_answer_to_the_same_version_is_refused_and_the_first_counts(make_user, page):
    client = signed_in(make_user())
    client.post(feedback_url(page), {"useful": "ja"})
    response = client.post(feedback_url(page), {"useful": "nee", "comment": "Toch niet"}, follow=True)
    assert "je eerste reactie telt" in response.content.decode()
    assert list(PageFeedback.objects.values_list("useful", "comment")) == [(True, "")]


def test_a_new_version_of_the_page_may_be_answered_again(make_user, page):
    client = signed_in(make_user())
    client.post(feedback_url(page), {"useful": "nee"})
    page.intro = "Nieuwe regels."
    page.save_revision().publish()
    page.refresh_from_db()
    assert 'name="useful" value="ja"' in client.get(page.url).content.decode()
    client.post(feedback_url(page), {"useful": "ja"})
    assert PageFeedback.objects.count() == 2
    assert PageFeedback.objects.filter(revision_id=page.live_revision_id, useful=True).count() == 1


def test_the_database_refuses_a_second_answer_whatever_the_code_does(page):
    """Control for the view: the unique constraint itself holds."""
    fields = {"page": page, "revision_id": page.live_revision_id, "respondent": respondent_key(1)}
    PageFeedback.objects.create(useful=True, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        PageFeedback.objects.create(useful=False, **fields)


@pytest.mark.postgres  # SQLite's shared in-memory test database locks whole tables between threads
@pytest.mark.django_db(transaction=True)
def test_two_posts_at_the_same_moment_leave_one_answer(make_user, live_db):
    page = content_page(section(), slug="gelijktijdig")
    page.refresh_from_db()
    client = signed_in(make_user(username="dubbelklikker"))
    barrier = threading.Barrier(2)
    statuses = []

    def post(useful: str):
        barrier.wait(timeout=10)
        try:
            statuses.append(client.post(feedback_url(page), {"useful": useful}).status_code)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=post, args=(answer,)) for answer in ("ja", "nee")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]  # neither post fails with an error page
    assert PageFeedback.objects.filter(page=page).count() == 1


# -- bad input ----------------------------------------------------------------------------------


def test_a_too_long_comment_is_explained_beside_the_field_and_kept(make_user, page):
    typed = "Te lang. " * 150
    response = signed_in(make_user()).post(feedback_url(page), {"useful": "nee", "comment": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'id="id_comment_error"[^>]*>.*korter dan 1000 tekens', html, re.S)
    assert typed.strip() in html  # what the person typed is still there
    assert not PageFeedback.objects.exists()


def test_a_missing_answer_gets_an_english_message_on_en(make_user, page):
    response = signed_in(make_user()).post(f"/en/paginafeedback/{page.pk}/", {"comment": "Nice"})
    html = response.content.decode()
    assert response.status_code == 200 and "Choose whether this page was useful." in html
    assert "Nice" in html and not PageFeedback.objects.exists()


# -- what the owner sees ----------------------------------------------------------------------------


def test_the_owner_sees_counts_and_comments_without_names(make_user, page):
    owner = make_user(Role.EDITOR, username="eigenaar")
    page.owner_user = owner
    page.save_revision().publish()
    page.refresh_from_db()
    anna = make_user(username="anna-de-lezer", first_name="Anna", last_name="Lezer")
    signed_in(anna).post(feedback_url(page), {"useful": "nee", "comment": "Mis de bedragen."})
    for number in range(2):
        signed_in(make_user(username=f"lezer-{number}")).post(feedback_url(page), {"useful": "ja"})

    response = signed_in(owner).get("/admin/reports/paginafeedback/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geschenken" in html and "Nuttig: 2 · Niet nuttig: 1" in html
    assert "Mis de bedragen." in html
    assert "anna-de-lezer" not in html and "Lezer" not in html


def test_a_group_owner_sees_it_and_other_editors_do_not(make_user, page):
    editors = Group.objects.get(name=Role.EDITOR)
    page.owner_group = editors
    page.save_revision().publish()
    signed_in(make_user()).post(feedback_url(page), {"useful": "ja", "comment": "Top"})
    assert "Top" in signed_in(make_user(Role.EDITOR)).get("/admin/reports/paginafeedback/").content.decode()
    page.owner_group = None
    page.save_revision().publish()
    for other in (make_user(Role.EDITOR), make_user(Role.ADMINISTRATOR)):
        response = signed_in(other).get("/admin/reports/paginafeedback/", follow=True)
        assert "Top" not in response.content.decode()
        assert response.redirect_chain[0][1] == 302  # Wagtail's answer to PermissionDenied: back home


# -- retention --------------------------------------------------------------------------------------


def test_answers_are_purged_after_the_configured_period(settings, page):
    fields = {"page": page, "revision_id": page.live_revision_id, "useful": True}
    old = PageFeedback.objects.create(respondent="a", given_on=days_ago(400).date(), **fields)
    recent = PageFeedback.objects.create(respondent="b", given_on=days_ago(30).date(), **fields)
    assert settings.PORTAL_RETENTION_PAGE_FEEDBACK_DAYS == 365  # the default: one year
    assert "home.page_feedback: 1 purged" in purge("home.page_feedback", settings)
    assert list(PageFeedback.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
    # A shorter configured period purges the recent answer too.
    assert "home.page_feedback: 1 purged" in purge("home.page_feedback", settings, days=7)
