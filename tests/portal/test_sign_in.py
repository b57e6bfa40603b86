import re

import pytest
from django.core import mail

from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_takes_you_back_to_where_you_were_going(client, employee):
    response = client.post(
        "/nl/account/login/?next=/nl/zoeken/",
        {"username": employee.username, "password": PASSWORD, "next": "/nl/zoeken/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/nl/zoeken/"


@pytest.mark.parametrize("wrong", ["username", "password"])
def test_wrong_credentials_get_one_dutch_message_without_hinting_which(client, employee, wrong):
    data = {"username": employee.username, "password": PASSWORD}
    data[wrong] = "fout"
    response = client.post("/nl/account/login/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet" in body
    # what the person typed is kept: the username, never the password
    assert f'value="{data["username"]}"' in body
    assert f'value="{data["password"]}"' not in body


def test_sign_in_page_in_english(client):
    response = client.get("/en/account/login/")
    body = response.content.decode()
    assert '<html lang="en"' in body
    assert "Sign in" in body


def test_empty_sign_in_shows_errors_beside_the_fields(client):
    response = client.post("/nl/account/login/", {"username": "", "password": ""})
    body = response.content.decode()
    assert 'id="id_username_error"' in body
    assert re.search(r'id="id_username"[^>]*aria-describedby="id_username_error"', body) or re.search(
        r'aria-describedby="id_username_error"[^>]*id="id_username"', body
    )
    assert 'aria-invalid="true"' in body


def test_sign_out_ends_the_session(employee_client):
    response = employee_client.post("/nl/account/logout/")
    assert response.status_code == 302
    assert employee_client.get("/nl/").status_code == 302


def test_password_reset_by_email_link(client, employee):
    response = client.post("/nl/account/password-reset/", {"email": employee.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/nl/account/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "een-nieuw-sterk-wachtwoord-2026"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.check_password(new_password)


def test_password_reset_for_unknown_address_looks_the_same(client):
    response = client.post("/nl/account/password-reset/", {"email": "niemand@portaal.invalid"})
    assert response.status_code == 302
    assert response["Location"].endswith("/nl/account/password-reset/sent/")
    assert mail.outbox == []


def test_sign_in_page_points_to_the_report_form_that_needs_no_account(client):
    body = client.get("/nl/account/login/").content.decode()
    assert 'href="/nl/melding/"' in body
    assert client.get("/nl/melding/").status_code == 200
