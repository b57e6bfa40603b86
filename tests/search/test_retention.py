"""Retention of search counts: a search term can name a person (the daily command)."""

import pytest
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search.models import ZeroResultDailyHits
from tests.home.factories import content_page
from tests.retention import days_ago, purge

pytestmark = pytest.mark.django_db


def test_old_counts_and_terms_left_without_counts_are_deleted(settings):
    old_term = Query.get("klacht over jan jansen")
    QueryDailyHits.objects.create(query=old_term, date=days_ago(400).date(), hits=2)
    ZeroResultDailyHits.objects.create(query=old_term, date=days_ago(400).date(), hits=2)
    both = Query.get("gedragscode")
    QueryDailyHits.objects.create(query=both, date=days_ago(400).date(), hits=5)
    QueryDailyHits.objects.create(query=both, date=days_ago(3).date(), hits=1)
    promoted = Query.get("vertrouwenspersoon")
    QueryDailyHits.objects.create(query=promoted, date=days_ago(400).date(), hits=1)
    SearchPromotion.objects.create(query=promoted, page=content_page(), sort_order=0)

    assert "search.counts: 5 purged" in purge(
        "search.counts", settings
    )  # 3 daily counts, 1 zero-result count, 1 term

    assert not Query.objects.filter(query_string="klacht over jan jansen").exists()
    assert list(QueryDailyHits.objects.values_list("query__query_string", "hits")) == [("gedragscode", 1)]
    assert not ZeroResultDailyHits.objects.exists()
    assert Query.objects.filter(pk=promoted.pk).exists()  # an editor's promotion keeps its term
