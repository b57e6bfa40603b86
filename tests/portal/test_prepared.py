"""Prepared queries (portal/prepared.py): the ORM's SQL compiled once, run again with new values.

Every test compares with the same queryset run by the ORM, for values the stand-ins were not: a
prepared query that kept a stand-in, mixed up two arguments or dropped a list item would differ.
"""

import datetime
import uuid

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from awareness.models import Registration, Session
from home.feedback import PageFeedback
from home.models import ReadConfirmation
from portal.prepared import PreparedQuery
from tests.awareness.factories import RegistrationFactory, SessionFactory, in_days, programme_item
from tests.home.factories import content_page

pytestmark = pytest.mark.django_db


def confirmations(user_id, page_ids):
    return ReadConfirmation.objects.filter(user_id=user_id, page_id__in=page_ids).values_list(
        "page_id", "version", "confirmed_at"
    )


def test_rows_are_the_orms_for_every_person_and_list(make_user):
    first, second = make_user(), make_user()
    pages = [content_page(slug=f"pagina-{n}") for n in range(3)]
    ReadConfirmation.objects.create(user=first, page=pages[0], version="1.0")
    ReadConfirmation.objects.create(user=first, page=pages[2], version="2.0")
    ReadConfirmation.objects.create(user=second, page=pages[1], version="1.0")
    prepared = PreparedQuery(confirmations)
    for user in (first, second):
        for ids in ([page.pk for page in pages], [pages[0].pk], [pages[1].pk, pages[2].pk]):
            assert sorted(prepared(user.pk, ids)) == sorted(confirmations(user.pk, ids))
    # Converted as the ORM converts: aware datetimes also on SQLite, which stores text.
    moment = prepared(first.pk, [pages[0].pk])[0][2]
    assert isinstance(moment, datetime.datetime) and timezone.is_aware(moment)


def test_built_twice_once_then_one_query_per_call(make_user):
    user = make_user()
    built = []

    def build(user_id, page_ids):
        built.append((user_id, page_ids))
        return confirmations(user_id, page_ids)

    prepared = PreparedQuery(build)
    prepared(user.pk, [1, 2])
    assert len(built) == 2  # two rounds of stand-ins, never the real values
    assert user.pk not in {user_id for user_id, _ids in built}
    with CaptureQueriesContext(connection) as queries:
        prepared(user.pk, [3, 4])
        prepared(user.pk + 1, [5, 6])
    assert len(built) == 2 and len(queries.captured_queries) == 2
    prepared(user.pk, [1, 2, 3])  # another list length: compiled for it
    assert len(built) == 4


def test_datetimes_uuids_subqueries_and_limits(make_user):
    """The home page's "my sessions" query: a datetime, a correlated subquery, a slice."""
    from home.personal_home import _item_translations, _upcoming_registrations

    people = [make_user() for _ in range(3)]
    item = programme_item(title="Dilemmaspel")
    past, soon, later = (SessionFactory(item=item, start=in_days(days), capacity=1) for days in (-3, 2, 9))
    for session in (past, soon, later):
        for status, person in zip(("confirmed", "waitlisted", "waitlisted"), people, strict=True):
            RegistrationFactory(session=session, user=person, email=person.email, status=status)
    prepared = PreparedQuery(_upcoming_registrations)
    for moment in (timezone.now(), in_days(5), in_days(20)):
        for person in people:
            expected = list(_upcoming_registrations(person.pk, moment))
            assert prepared(person.pk, moment) == expected
    # The third person is second on the waitlist of the sessions still to come.
    assert [row[1] for row in prepared(people[2].pk, timezone.now())] == [1, 1]

    translations = PreparedQuery(_item_translations)
    keys = [item.translation_key, uuid.uuid4()]
    assert translations("nl", keys) == list(_item_translations("nl", keys))
    assert translations("nl", keys)[0][0] == item.translation_key


def test_integer_columns_get_stand_ins_in_their_range(make_user):
    """The ORM answers an out-of-range integer (for a 32-bit column) with "no rows" without asking
    the database: a stand-in outside that range once made page feedback look never given."""
    user = make_user()
    page = content_page(slug="feedback")
    PageFeedback.objects.create(page=page, revision_id=44, respondent="iemand", useful=True)
    prepared = PreparedQuery(
        lambda page_id, revision_id, respondent: PageFeedback.objects.filter(
            page_id=page_id, revision_id=revision_id, respondent=respondent
        ).values_list("pk")[:1]
    )
    assert prepared(page.pk, 44, "iemand")
    assert not prepared(page.pk, 45, "iemand") and not prepared(page.pk, 44, str(user.pk))


def test_an_empty_list_runs_as_the_orm_would():
    page = content_page(slug="leeg")
    everything_but = PreparedQuery(lambda ids: Page.objects.exclude(pk__in=ids).values_list("pk"))
    only = PreparedQuery(lambda ids: Page.objects.filter(pk__in=ids).values_list("pk"))
    assert (page.pk,) in everything_but([])
    assert only([]) == []


def test_annotations_with_conditional_counts(make_user):
    item = programme_item(title="Masterclass")
    full, open_ = SessionFactory(item=item, capacity=1), SessionFactory(item=item, capacity=5)
    for session in (full, full, open_):
        person = make_user()
        RegistrationFactory(session=session, user=person, email=person.email, status="confirmed")

    def places(ids):
        confirmed = Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
        return Session.objects.filter(pk__in=ids).annotate(n=confirmed).values_list("pk", "n").order_by("pk")

    assert PreparedQuery(places)([full.pk, open_.pk]) == [(full.pk, 2), (open_.pk, 1)]


def test_values_the_orm_changes_or_puts_into_the_sql_are_refused():
    """Control for the checks: a `LIKE` pattern is not the value given, and a value written into
    the SQL text differs between the two builds; both are refused instead of run wrong."""
    contains = PreparedQuery(lambda text: Page.objects.filter(title__icontains=text).values_list("pk"))
    with pytest.raises(ValueError, match="do not reach the SQL unchanged"):
        contains("integriteit")
    literal = PreparedQuery(  # the value as a parameter and, in a second place, in the SQL text
        lambda pk: Page.objects.filter(pk=pk).extra(where=[f"depth < {int(pk)}"]).values_list("pk")  # noqa: S610 - the test's point
    )
    with pytest.raises(ValueError, match="depends on the values"):
        literal(3)
    with pytest.raises(TypeError):
        PreparedQuery(lambda pk: Page.objects.filter(pk=pk))(3)  # not values_list()
    with pytest.raises(TypeError):
        PreparedQuery(lambda pk: Page.objects.filter(pk=pk).values_list("pk", flat=True))(3)
    with pytest.raises(TypeError):
        PreparedQuery(lambda pk: Page.objects.filter(pk=pk).values_list("pk"))(None)
