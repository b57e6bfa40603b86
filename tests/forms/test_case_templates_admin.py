"""Case templates are kept by the office lead only (roles x URLs), with their tasks inline."""

import pytest

from forms.case_tasks import CaseTemplate
from portal.roles import Role
from tests.forms.factories_tasks import CaseTemplateTaskFactory, make_office_lead

pytestmark = pytest.mark.django_db

INDEX = "/admin/zaaksjablonen/"


def template_form(**extra):
    return {
        "name": "Reiskosten",
        "category": "omgaan-met-spullen-van-de-gemeente",
        "active": "on",
        "tasks-TOTAL_FORMS": "1",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "1",
        "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-title": "Declaraties van de laatste 12 maanden nakijken",
        "tasks-0-mandatory": "on",
        "tasks-0-due_days": "10",
        "tasks-0-ORDER": "1",
        "tasks-0-id": "",
        "tasks-0-DELETE": "",
        **extra,
    }


def test_the_office_lead_adds_a_template_with_its_tasks(client, make_user):
    lead = make_office_lead(make_user(Role.INTEGRITY_OFFICE))
    client.force_login(lead)
    assert client.get(INDEX).status_code == 200
    assert client.get(f"{INDEX}new/").status_code == 200
    response = client.post(f"{INDEX}new/", template_form())
    assert response.status_code == 302, response.context["form"].errors
    template = CaseTemplate.objects.get()
    [task] = template.tasks.all()
    assert (task.title, task.mandatory, task.due_days) == (
        "Declaraties van de laatste 12 maanden nakijken",
        True,
        10,
    )
    assert "Reiskosten" in client.get(INDEX).content.decode()


def test_a_template_without_a_name_keeps_what_was_typed_and_saves_nothing(client, make_user):
    client.force_login(make_office_lead(make_user(Role.INTEGRITY_OFFICE)))
    response = client.post(f"{INDEX}new/", template_form(name=""))
    assert response.status_code == 200
    assert "Declaraties van de laatste 12 maanden nakijken" in response.content.decode()
    assert not CaseTemplate.objects.exists()


@pytest.mark.parametrize(
    ("roles", "superuser"),
    [
        ((Role.INTEGRITY_OFFICE,), False),  # a member who is not the lead
        ((Role.ADMINISTRATOR,), True),
        ((Role.ADMINISTRATOR,), False),
        ((Role.MANAGER,), False),
        ((Role.CONFIDENTIAL_ADVISOR,), False),
        ((Role.EDITOR,), False),
    ],
)
def test_anyone_but_the_office_lead_is_refused_on_every_template_url(client, make_user, roles, superuser):
    task = CaseTemplateTaskFactory(template__name="GEHEIM-SJABLOON-4X")
    template = task.template
    client.force_login(make_user(*roles, is_superuser=superuser))
    for url in (INDEX, f"{INDEX}new/", f"{INDEX}edit/{template.pk}/", f"{INDEX}delete/{template.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "GEHEIM-SJABLOON-4X" not in response.content.decode()
    client.post(f"{INDEX}new/", template_form(name="Ingevoegd"))
    client.post(f"{INDEX}edit/{template.pk}/", template_form(name="Overschreven"))
    client.post(f"{INDEX}delete/{template.pk}/")
    assert list(CaseTemplate.objects.values_list("name", flat=True)) == ["GEHEIM-SJABLOON-4X"]
    assert f"{INDEX}" not in client.get("/admin/").content.decode()  # no menu item either
