import pytest

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_four_lines_with_links(employee_client, demo_content):
    body = employee_client.get("/nl/").content.decode()
    for title in ["Bewustwording", "Heldere afspraken", "Veilige werkomgeving", "Melden en opvolging"]:
        assert title in body
    assert 'href="/nl/melden/"' in body


def test_layout_has_skip_link_menu_search_and_footer(employee_client, demo_content):
    body = employee_client.get("/nl/").content.decode()
    assert 'href="#main"' in body and 'id="main"' in body
    assert 'aria-label="Hoofdmenu"' in body
    assert 'role="search"' in body
    assert "<footer" in body


def test_section_page_has_breadcrumbs(employee_client, demo_content):
    body = employee_client.get("/nl/heldere-afspraken/").content.decode()
    assert 'aria-label="Kruimelpad"' in body
    assert 'aria-current="page">Heldere afspraken' in body
