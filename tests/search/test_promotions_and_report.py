"""Promoted results, anonymous query logging, and the editors' report of popular and zero-result
queries (roles x URLs)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from portal.roles import Role
from search.models import ZeroResultDailyHits
from tests.search.factories import ContentPageFactory, english_home

pytestmark = pytest.mark.django_db


def test_demo_promotes_the_report_page_for_melden(search, demo_content):
    body = search(q="Melden").content.decode()
    promoted = body.split('class="portal-search-promotions"')[1].split("</div>")[0]
    assert 'href="/nl/melden/"' in promoted
    assert "Een vermoeden van een integriteitsschending" in promoted
    assert SearchPromotion.objects.filter(query__query_string="vertrouwenspersoon").exists()


def test_demo_has_two_promotions(demo_content):
    assert SearchPromotion.objects.count() == 2  # a second load adds none (tests/portal/test_demo_content.py)


def test_promotion_leads_to_the_translation_in_english(search, demo_content):
    melden = ContentPageFactory._meta.model.objects.get(slug="melden", locale__language_code="nl")
    english = melden.get_translation_or_none(english_home().locale)
    assert english is not None
    body = search(language="en", q="melden").content.decode()
    promoted = body.split('class="portal-search-promotions"')[1].split("</div>")[0]
    assert f'href="{english.url}"' in promoted
    assert "/en/" in english.url


def test_queries_are_counted_without_who_searched(search):
    ContentPageFactory(title="Melden", body_text="Een melding doen.")
    search(q="Melding!")
    search(q="melding")
    search(q="melding", page="2")  # paging is not a new search
    search(q="onvindbaarwoord")
    melding = Query.objects.get(query_string="melding")
    assert melding.hits == 2
    assert not ZeroResultDailyHits.objects.filter(query=melding).exists()
    missing = ZeroResultDailyHits.objects.get(query__query_string="onvindbaarwoord")
    assert missing.hits == 1 and missing.date == timezone.localdate()
    # The stored rows hold the query, a date and a count: nothing about the person.
    for model in (Query, QueryDailyHits, ZeroResultDailyHits):
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"user", "owner", "session", "ip", "ip_address", "user_agent"}, model


def test_empty_and_stopword_queries_are_not_logged(search):
    search(q="")
    search(q="de het")
    search(q='"*"')
    assert not Query.objects.exists()


REPORT_URLS = ["/admin/reports/zoektermen/populair/", "/admin/reports/zoektermen/zonder-resultaat/"]


@pytest.mark.parametrize("url", REPORT_URLS)
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (None, False),
        (Role.MANAGER, False),
        (Role.INTEGRITY_OFFICE, False),
        (Role.CONFIDENTIAL_ADVISOR, False),
        (Role.VPD_COORDINATOR, False),
        (Role.EDITOR, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_report_roles(client, make_user, url, role, allowed):
    user = make_user(*([role] if role else []), username=f"user-{role or 'employee'}")
    client.force_login(user)
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/" in response["Location"]


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(REPORT_URLS[0])
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_reports_show_popular_and_zero_result_queries(client, make_user, search):
    ContentPageFactory(title="Melden", body_text="Een melding doen.")
    for _ in range(3):
        search(q="melding")
    search(q="klokkenluider")
    search(q="klokkenluider")
    old = Query.get("oudezoekterm")
    QueryDailyHits.objects.create(query=old, date=timezone.localdate() - timezone.timedelta(days=60), hits=9)

    client.force_login(make_user(Role.EDITOR, username="redacteur-test"))
    popular = client.get(REPORT_URLS[0]).content.decode()
    assert "melding" in popular and "klokkenluider" in popular
    assert popular.index("melding") < popular.index("klokkenluider")  # 3 before 2
    assert "oudezoekterm" not in popular  # outside the default 30 days
    assert "oudezoekterm" in client.get(REPORT_URLS[0], {"period": "90"}).content.decode()

    zero = client.get(REPORT_URLS[1]).content.decode()
    assert "klokkenluider" in zero
    assert ">melding<" not in zero


def test_editors_see_the_reports_in_the_admin_menu(client, make_user):
    client.force_login(make_user(Role.EDITOR, username="redacteur-menu"))
    body = client.get("/admin/").content.decode()
    assert "Populaire zoektermen" in body or "zoektermen/populair" in body


def test_report_query_count_does_not_grow_with_rows(client, make_user, django_assert_max_num_queries):
    client.force_login(make_user(Role.EDITOR, username="redacteur-n1"))
    for number in range(3):
        Query.get(f"term{number}").add_hit()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(REPORT_URLS[0])
    for number in range(3, 30):
        Query.get(f"term{number}").add_hit()
    with django_assert_max_num_queries(len(few)):
        client.get(REPORT_URLS[0])


def test_old_counts_are_forgotten(settings):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 90
    today = timezone.localdate()
    query = Query.get("oud")
    QueryDailyHits.objects.create(query=query, date=today - timezone.timedelta(days=120), hits=1)
    ZeroResultDailyHits.objects.create(query=query, date=today - timezone.timedelta(days=120), hits=1)
    recent = Query.get("recent")
    recent.add_hit()
    ZeroResultDailyHits.add_hit(recent)
    call_command("search_garbage_collect", stdout=StringIO())
    assert not Query.objects.filter(query_string="oud").exists()
    assert ZeroResultDailyHits.objects.filter(query=recent).count() == 1
    assert recent.hits == 1


def test_a_failing_count_never_breaks_the_search(search, monkeypatch):
    from django.db import IntegrityError

    def clash(*args, **kwargs):
        raise IntegrityError("unique constraint: a simultaneous search")

    monkeypatch.setattr(Query, "get", clash)
    ContentPageFactory(title="Melden", body_text="Een melding doen.")
    response = search(q="melding")
    assert response.status_code == 200
    assert "1 resultaat" in response.content.decode()


def test_searches_are_counted_in_batches_when_configured(settings):
    """Production adds searches up in memory and writes them at most every interval, in one go."""
    from search.counting import SearchCounter

    settings.SEARCH_COUNT_FLUSH_SECONDS = 3600
    counter = SearchCounter()
    for _ in range(3):
        counter.add("melden", 2)
    counter.add("onvindbaar", 0)
    assert not Query.objects.filter(query_string__in=["melden", "onvindbaar"]).exists()
    counter.flush()
    assert Query.get("melden").hits == 3
    assert Query.get("onvindbaar").hits == 1
    assert Query.get("onvindbaar").zero_result_daily_hits.get().hits == 1
    counter.add("melden", 2)
    counter.flush()
    assert Query.get("melden").hits == 4
