"""Bad input never gives a server error: empty, stop words only, very long, FTS/SQL syntax,
unknown filters, page numbers out of range (explicit cases and a hypothesis fuzz)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.services import MAX_TERMS, clean_query
from tests.search.factories import ContentPageFactory, make_document

pytestmark = pytest.mark.django_db

SYNTAX = [
    '"',
    "*",
    "-",
    ":",
    "(",
    ")",
    "^",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "'",
    ";",
    "\\",
    "&",
    "|",
    "!",
    "<",
    ">",
    "%",
    "_",
]


@pytest.fixture
def pages(db):
    ContentPageFactory(title="Melden", body_text="Een melding doen bij het Integriteitsbureau.")
    ContentPageFactory(title="Gedragscode", body_text="Integriteit en de OV-pas van de gemeente.")
    make_document("Handboek integriteit OV-pas", tags=["gedragscode"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Typ een of meer woorden om te zoeken."),
        ({"q": "   "}, "Typ een of meer woorden om te zoeken."),
        ({"q": '"*-:()'}, "Typ een of meer woorden om te zoeken."),
        ({"q": "de het een"}, "Gebruik woorden die meer zeggen dan"),
        ({"q": "melding " * 2000}, ""),
        ({"q": "x" * 10_000}, "Je zoekopdracht was erg lang."),
        ({"q": 'melding"'}, "1 resultaat"),
        ({"q": "melding*"}, "1 resultaat"),
        ({"q": "-melding"}, "1 resultaat"),
        ({"q": "title:melding"}, "0 resultaten"),
        ({"q": "melding OR 1=1; DROP TABLE wagtailcore_page; --"}, "0 resultaten"),
        ({"q": "melding NEAR(integriteit)"}, "0 resultaten"),
        ({"q": "melding", "section": "bestaat-niet"}, "Dit onderdeel kennen we niet."),
        ({"q": "melding", "page": "999"}, "Er zijn maar 1 pagina"),
        ({"q": "melding", "page": "-1"}, "Er zijn maar 1 pagina"),
        ({"q": "melding", "page": "abc"}, "Dat paginanummer bestaat niet."),
        ({"q": "melding", "page": "1e9999"}, "Dat paginanummer bestaat niet."),
        ({"q": "\x00melding"}, "1 resultaat"),
        ({"q": "meldíng"}, ""),
    ],
)
def test_bad_input_gets_a_normal_page_with_a_clear_message(search, pages, params, message):
    response = search(**params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_long_queries_are_cut_to_a_few_words():
    cleaned = clean_query(" ".join(f"woord{n}" for n in range(500)))
    assert len(cleaned.terms) == MAX_TERMS
    assert cleaned.truncated


def test_only_letters_and_digits_reach_the_engine():
    cleaned = clean_query('"ov-pas" AND (eed* OR belofte): NEAR')
    assert cleaned.terms == ["ov", "pas", "eed", "belofte", "near"]  # "and", "or": stop words
    assert all(term.isalnum() for term in cleaned.terms)


def test_repeated_list_parameters_are_fine(employee_client, pages):
    response = employee_client.get("/nl/zoeken/?q=melding&q=gedragscode&section=vpd&section=x&page=1&page=2")
    assert response.status_code == 200


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from([*SYNTAX, "melding", "ov-pas", "integriteit", "de", "é", " "]), max_size=30
        ).map("".join),
    ),
    section=st.one_of(
        st.none(), st.text(max_size=20), st.sampled_from(["vpd", "agenda", "inhoud", "documenten"])
    ),
    page=st.one_of(
        st.none(), st.integers(min_value=-(10**20), max_value=10**20).map(str), st.text(max_size=10)
    ),
)
def test_fuzzed_queries_never_give_a_server_error(employee_client, pages, q, section, page):
    params = {"q": q}
    if section is not None:
        params["section"] = section
    if page is not None:
        params["page"] = page
    response = employee_client.get("/nl/zoeken/", params)
    assert response.status_code == 200
