"""Section pages' entry point: the primary action as an Utrecht button (home/section_actions.py)."""

import pytest
from django.core.exceptions import ValidationError

from tests.home.factories import code_of_conduct, content_page, section

pytestmark = pytest.mark.django_db

BUTTON = 'class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"'


def test_a_section_shows_its_primary_action_as_a_button_to_a_page(employee_client):
    melden = section("melden", title="Melden")
    code = code_of_conduct(parent=melden)
    melden.primary_action_text = "Lees de gedragscode"
    melden.primary_action_page = code
    melden.save_revision().publish()
    html = employee_client.get("/nl/melden/").content.decode()
    assert f'{BUTTON} href="/nl/melden/gedragscode/">Lees de gedragscode</a>' in html


def test_a_primary_action_may_lead_to_an_app_view(employee_client):
    melden = section(
        "melden", title="Melden", primary_action_text="Iets melden", primary_action_url="/nl/melding/"
    )
    assert melden.primary_action_url == "/nl/melding/"
    html = employee_client.get("/nl/melden/").content.decode()
    assert f'{BUTTON} href="/nl/melding/">Iets melden</a>' in html


def test_a_page_without_a_primary_action_shows_no_button(employee_client):
    section("melden", title="Melden")
    assert "utrecht-button-link--primary-action" not in employee_client.get("/nl/melden/").content.decode()


def test_a_target_that_is_no_longer_live_gives_no_broken_button(employee_client):
    melden = section("melden", title="Melden")
    target = content_page(parent=melden, slug="oud")
    melden.primary_action_text = "Naar oud"
    melden.primary_action_page = target
    melden.save_revision().publish()
    target.unpublish()
    assert "Naar oud" not in employee_client.get("/nl/melden/").content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"primary_action_text": "Iets melden"},
            "primary_action_page",
            "Kies een pagina of vul een adres in",
        ),
        ({"primary_action_url": "/nl/melding/"}, "primary_action_text", "Geef de knop een tekst"),
        (
            {"primary_action_text": "Weg", "primary_action_url": "https://elders.invalid/"},
            "primary_action_url",
            "dat met / begint",
        ),
        (
            {"primary_action_text": "Weg", "primary_action_url": "//elders.invalid/"},
            "primary_action_url",
            "met /",
        ),
    ],
)
def test_editors_get_a_message_beside_the_field(fields, field, message):
    page = content_page(slug="sectie")
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_every_demo_section_has_a_working_primary_action(employee_client, demo_content):
    for language, slugs in {
        "nl": ("melden", "bewustwording", "heldere-afspraken", "veilige-werkomgeving")
    }.items():
        for slug in slugs:
            html = employee_client.get(f"/{language}/{slug}/").content.decode()
            start = html.index("utrecht-button-link--primary-action")
            href = html[html.index('href="', start) + 6 : html.index('"', html.index('href="', start) + 6)]
            assert employee_client.get(href).status_code == 200, (slug, href)
