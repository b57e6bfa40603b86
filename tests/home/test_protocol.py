"""Protocol pages: the infographic is drawn from the step blocks, in order, with a readable list."""

import re

import pytest

from tests.home.factories import content_page, index_page, protocol, step

pytestmark = pytest.mark.django_db

STEPS = ["Signaal komt binnen", "Melding vastleggen", "Vooronderzoek", "Feitenonderzoek", "Conclusie"]


def svg_and_list(body: str) -> tuple[str, str]:
    svg = body[body.index("<svg") : body.index("</svg>")]
    steps = body[body.index('<ol class="home-steps">') :]
    steps = steps[: steps.index("</ol>")]
    return svg, steps


def test_infographic_contains_every_step_in_order(employee_client):
    page = protocol(steps=STEPS)
    body = employee_client.get(page.url).content.decode()
    svg, steps = svg_and_list(body)
    svg_titles = re.findall(r'font-weight="bold" fill="#111111">([^<]+)</text>', svg)
    assert svg_titles == STEPS
    headings = re.findall(r'<span class="home-step__number">Stap (\d+)</span> ([^<]+)</h3>', steps)
    assert headings == [(str(n), title) for n, title in enumerate(STEPS, start=1)]
    # The drawing is decorative for screen readers; the ordered list carries the text.
    assert 'aria-hidden="true"' in body[body.index("<svg") : body.index(">", body.index("<svg"))]
    assert "Het proces in 5 stappen" in body
    assert svg.count("<line") == len(STEPS) - 1


def test_editing_a_step_changes_the_infographic(employee_client):
    page = protocol(steps=STEPS)
    page.steps = [step("Conclusie"), step("Signaal komt binnen"), step("Nieuwe stap: nazorg")]
    page.save_revision().publish()
    svg, steps = svg_and_list(employee_client.get(page.url).content.decode())
    assert re.findall(r'font-weight="bold" fill="#111111">([^<]+)</text>', svg) == [
        "Conclusie",
        "Signaal komt binnen",
        "Nieuwe stap: nazorg",
    ]
    assert "Vooronderzoek" not in svg and "Vooronderzoek" not in steps


def test_step_shows_actor_time_limit_rights_and_phase(employee_client):
    page = protocol(steps=["x"])
    page.steps = [
        step("Grenzen stellen", actor="Medewerker", phase="Tijdens een incident", time_limit="Direct")
    ]
    page.save_revision().publish()
    body = employee_client.get(page.url).content.decode()
    assert "Fase: Tijdens een incident" in body
    assert "<dd>Medewerker</dd>" in body and "<dd>Direct</dd>" in body
    assert "<dt>Melder</dt><dd>Mag anoniem melden.</dd>" in body
    svg, _ = svg_and_list(body)
    assert "Tijdens een incident" in svg and "Medewerker · Direct" in svg


def test_long_step_titles_wrap_inside_their_box(employee_client):
    title = "Een heel lange titel van een processtap die niet op één regel past in de infographic"
    page = protocol(steps=[title])
    svg, _ = svg_and_list(employee_client.get(page.url).content.decode())
    lines = re.findall(r'font-weight="bold" fill="#111111">([^<]+)</text>', svg)
    assert len(lines) >= 2 and " ".join(lines) == title


def test_content_and_index_pages_render(employee_client):
    parent = index_page(intro="Alles over afspraken.")
    content_page(
        parent,
        "uitleg",
        intro="Een uitleg.",
        body=[
            {
                "type": "heading",
                "value": {"text": "Waar kun je terecht?", "level": "h2", "anchor": "terecht"},
            },
            {"type": "paragraph", "value": "<p>Bij je leidinggevende.</p>"},
            {"type": "quote", "value": {"quote": "Het zet je aan tot nadenken", "attribution": "Deelnemer"}},
            {
                "type": "callout",
                "value": {"kind": "warning", "title": "Let op", "text": "<p>Vertrouwelijk.</p>"},
            },
            {
                "type": "accordion",
                "value": {"title": "", "items": [{"question": "Anoniem?", "answer": "<p>Ja.</p>"}]},
            },
            {
                "type": "table",
                "value": {
                    "caption": "Cijfers",
                    "table": {
                        "first_row_is_table_header": True,
                        "data": [["Jaar", "Aantal"], ["2021", "11"]],
                    },
                },
            },
        ],
    )
    index_body = employee_client.get(parent.url).content.decode()
    assert "Alles over afspraken." in index_body and "Een uitleg." in index_body
    body = employee_client.get(parent.url + "uitleg/").content.decode()
    assert 'id="terecht"' in body and "Bij je leidinggevende." in body
    assert (
        "<blockquote" in body
        and "<details" in body
        and "<caption" in body
        and '<th class="utrecht-table__header-cell" scope="col">Jaar</th>' in body
    )
