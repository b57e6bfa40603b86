"""Dutch language handling per backend.

SQLite (FTS5, `unicode61` tokenizer): case folding and accent folding, no stemming: "meldingen" does
not find "melding". PostgreSQL with the `dutch` configuration stems ("meldingen" finds "melding")
and drops Dutch stop words; those expectations are marked `postgres`.
"""

import re

import pytest
from django.db import connection

from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(
        r'portal-search-result__title"><a class="utrecht-link" href="[^"]*">([^<]+)</a>',
        response.content.decode(),
    )


@pytest.fixture
def pages(db):
    ContentPageFactory(
        title="Een melding doen", body_text="Zo doe je een melding bij het Integriteitsbureau."
    )
    ContentPageFactory(
        title="Privacy", body_text="Gegevensbescherming en de AVG; een geïnteresseerde collega."
    )


def test_case_does_not_matter(search, pages):
    assert titles(search(q="MELDING")) == ["Een melding doen"]
    assert titles(search(q="avg")) == ["Privacy"]


def test_accents_do_not_matter(search, pages):
    assert titles(search(q="geinteresseerde")) == ["Privacy"]
    assert titles(search(q="gëinteresseerde")) == ["Privacy"]


def test_all_words_must_match(search, pages):
    assert titles(search(q="melding privacy")) == []
    assert titles(search(q="melding integriteitsbureau")) == ["Een melding doen"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="documents SQLite FTS5 behaviour")
def test_sqlite_does_not_stem(search, pages):
    assert titles(search(q="meldingen")) == []


@pytest.mark.postgres
def test_postgres_dutch_stemming_finds_plural_and_singular(search, pages):
    assert titles(search(q="meldingen")) == ["Een melding doen"]


@pytest.mark.postgres
def test_postgres_search_uses_the_dutch_configuration(search, pages):
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(conn) as captured:
        search(q="melding")
    assert any("'dutch'" in query["sql"] or "dutch" in query["sql"] for query in captured)
