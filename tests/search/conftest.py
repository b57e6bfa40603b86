import pytest
from django.test.utils import override_settings


@pytest.fixture
def search(employee_client):
    """GET the search page in Dutch (or another language) and return the response."""

    def get(language: str = "nl", **params):
        return employee_client.get(f"/{language}/zoeken/", params)

    return get


@pytest.fixture(autouse=True)
def _english_ui_off():
    with override_settings(LANGUAGE_CODE="nl"):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files (documents, demo PDFs) go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path
