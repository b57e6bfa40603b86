"""The security coordinator records a building DRA with its risks and measures in one form; bad
input gets a message beside the field and nothing of the assessment is half-saved."""

import pytest

from safework.dra import AssessmentMeasure, AssessmentRisk, ThreatAssessment

pytestmark = pytest.mark.django_db
DRA = "/admin/veilige-werkomgeving/dra/"


def inline(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{key}": value for key, value in row.items()})
        data[f"{prefix}-{number}-ORDER"] = str(number + 1)
    return data


def assessment_data(risk=None, measure=None, **overrides):
    return {
        "building": "Stadhuis",
        "assessed_on": "2021-03-23",
        "reassess_on": "2024-03-23",
        "scope": "Publieksingang en werkplekken.",
        **inline(
            "risks",
            [risk or {"threat": "Meelopen bij de personeelsingang", "likelihood": "4", "impact": "3"}],
        ),
        **inline(
            "measures",
            [
                measure
                or {
                    "description": "Toegangspoortjes",
                    "owner": "Safety & Security",
                    "due_on": "2021-12-31",
                    "status": "open",
                }
            ],
        ),
        **overrides,
    }


def test_the_security_coordinator_records_a_dra_with_risks_and_measures(client, people):
    client.force_login(people.security)
    response = client.post(f"{DRA}new/", assessment_data())
    assert response.status_code == 302
    assessment = ThreatAssessment.objects.get()
    [risk] = assessment.risks.all()
    [measure] = assessment.measures.all()
    assert (risk.likelihood, risk.impact, measure.owner) == (4, 3, "Safety & Security")
    page = client.get(f"{DRA}inspect/{assessment.pk}/").content.decode()
    assert "Meelopen bij de personeelsingang" in page and "Toegangspoortjes" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reassess_on": "2021-03-01"}, "De herbeoordeling volgt na het assessment"),
        ({"assessed_on": "2099-01-01"}, "Deze datum ligt in de toekomst."),
        ({"risk": {"threat": "Inbraak", "likelihood": "9", "impact": "3"}}, "Selecteer een geldige keuze"),
        (
            {"measure": {"description": "Camera", "owner": "FB", "due_on": "nooit", "status": "open"}},
            "Voer een geldige datum in",
        ),
    ],
)
def test_bad_dra_input_is_refused_and_nothing_is_saved(client, people, data, message):
    client.force_login(people.security)
    risk, measure = data.pop("risk", None), data.pop("measure", None)
    response = client.post(f"{DRA}new/", assessment_data(risk=risk, measure=measure, **data))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Publieksingang en werkplekken." in page  # what was typed stays
    assert not ThreatAssessment.objects.exists()
    assert not AssessmentRisk.objects.exists() and not AssessmentMeasure.objects.exists()


def test_nobody_else_can_post_a_dra(client, people):
    for person in (people.office, people.administrator, people.manager, people.hr):
        client.force_login(person)
        assert client.post(f"{DRA}new/", assessment_data()).status_code in (302, 403)
    assert not ThreatAssessment.objects.exists()
