"""Personal holes (portal/holes.py): filled per person, and only where the portal put them."""

import pytest

from portal import holes

pytestmark = pytest.mark.django_db


def person(**fields) -> holes.Person:
    values = {"pk": 7, "username": "anna", "full_name": "Anna <Aarts>", "csrf_token": lambda: "TOKEN123"}
    return holes.Person(**{**values, **fields})


def test_holes_are_filled_and_escaped():
    shell = f"<p>{holes.NAME}</p><input value='{holes.CSRF}'>".encode()
    assert holes.fill(shell, person()) == b"<p>Anna &lt;Aarts&gt;</p><input value='TOKEN123'>"


def test_text_that_looks_like_a_placeholder_is_left_alone():
    """What people type (a page body, a search query echoed on the results page) cannot contain a
    real placeholder: it needs a token derived from SECRET_KEY. So nobody can make the portal put
    another person's CSRF token into a link of their own."""
    typed = b"<a href='https://elders.invalid/?t=@@portal-hole:csrf-token@@'>x</a>"
    guessed = b"@@portal-hole:0123456789abcdef0123:csrf-token@@"
    shell = typed + guessed + holes.CSRF.encode()
    filled = holes.fill(shell, person())
    assert filled == typed + guessed + b"TOKEN123"


def test_a_search_for_a_placeholder_shows_the_text_not_a_token(make_user, client):
    client.force_login(make_user(username="anna"))
    response = client.get("/nl/zoeken/", {"q": "@@portal-hole:csrf-token@@"})
    assert response.status_code == 200
    assert "@@portal-hole:csrf-token@@" in response.content.decode()


def test_part_arguments_survive_any_text():
    @holes.register("tests.echo")
    def echo(someone, *args):
        return "|".join(args)

    shell = holes.placeholder("tests.echo", "versie 2.0: nieuw", "@@", "a:b").encode()
    assert holes.fill(shell, person()) == b"versie 2.0: nieuw|@@|a:b"
