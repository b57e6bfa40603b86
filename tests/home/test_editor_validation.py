"""Bad input in the editor: a validation message, and the page is not published."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import CodeOfConductPage
from portal.roles import Role
from tests.home.factories import code_of_conduct

pytestmark = pytest.mark.django_db


def list_items(values):
    data = {"count": len(values)}
    for index, value in enumerate(values):
        data[str(index)] = {"value": value, "deleted": "", "order": index, "id": ""}
    return data


def article(number, anchor, title):
    return {
        "number": number,
        "title": title,
        "anchor": anchor,
        "text": rich_text(f"<p>{title}</p>"),
        "dilemmas": list_items([]),
    }


def form(chapters, **overrides):
    data = {
        "title": "Gedragscode",
        "slug": "gedragscode",
        "intro": "",
        "body": streamfield([]),
        "version": "3.0",
        "effective_date": "2024-01-01",
        "chapters": streamfield(
            [
                (
                    "chapter",
                    {
                        "title": title,
                        "anchor": anchor,
                        "intro": "",
                        "articles": list_items([article(*a) for a in articles]),
                    },
                )
                for anchor, title, articles in chapters
            ]
        ),
        "declaration_intro": "",
        "oath_text": "Ik zweer het.",
        "affirmation_text": "Ik beloof het.",
        "changes": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    return client


def test_editor_publishes_a_valid_edit(editor_client):
    page = code_of_conduct()
    data = form([("omgaan-met-elkaar", "Omgaan met elkaar", [("1.1", "respect", "Respect voor iedereen")])])
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CodeOfConductPage.objects.get(pk=page.pk)
    assert page.version == "3.0" and page.anchors() == ["omgaan-met-elkaar", "respect"]


def test_duplicate_article_anchor_is_refused_and_not_published(editor_client):
    page = code_of_conduct()
    data = form(
        [
            ("omgaan-met-elkaar", "Omgaan met elkaar", [("1.1", "respect", "Respect")]),
            ("omgaan-met-belangen", "Omgaan met belangen", [("2.1", "respect", "Nog eens respect")]),
        ]
    )
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "chapters" in errors
    assert "Elk anker mag maar één keer op de pagina voorkomen; dubbel: respect" in str(
        errors["chapters"].as_data()[0].as_json_data()
    )
    assert "De pagina kon niet worden" in response.content.decode() or "kon niet" in response.content.decode()
    page = CodeOfConductPage.objects.get(pk=page.pk)
    assert page.version == "2.0" and not page.has_unpublished_changes


def test_empty_required_article_field_is_refused(editor_client):
    page = code_of_conduct()
    data = form([("omgaan-met-elkaar", "Omgaan met elkaar", [("1.1", "respect", "")])])
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "chapters" in response.context["form"].errors
    assert CodeOfConductPage.objects.get(pk=page.pk).version == "2.0"
