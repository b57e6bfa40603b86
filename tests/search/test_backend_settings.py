"""The search backend follows the environment: the database backend (Dutch on PostgreSQL) by
default, OpenSearch/Elasticsearch when SEARCH_BACKEND_URL says so. No search server runs here,
so only the resulting configuration is tested."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from search.conf import DUTCH_INDEX_SETTINGS, SearchBackendConfigError, wagtailsearch_backends

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_uses_the_database_backend_without_a_configuration():
    assert wagtailsearch_backends("django.db.backends.sqlite3") == {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }


def test_postgresql_uses_the_dutch_text_search_configuration():
    assert wagtailsearch_backends("django.db.backends.postgresql") == {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
    }


@pytest.mark.parametrize(
    ("url", "version", "backend", "urls"),
    [
        ("opensearch://search:9200", "", "wagtail.search.backends.opensearch2", ["http://search:9200"]),
        (
            "opensearchs://u:p@search:9200/",
            "3",
            "wagtail.search.backends.opensearch3",
            ["https://u:p@search:9200/"],
        ),
        ("elasticsearch://es:9200", "", "wagtail.search.backends.elasticsearch8", ["http://es:9200"]),
        ("elasticsearchs://es", "7", "wagtail.search.backends.elasticsearch7", ["https://es"]),
    ],
)
def test_a_search_server_url_selects_opensearch_or_elasticsearch(url, version, backend, urls):
    config = wagtailsearch_backends("django.db.backends.postgresql", url, version, "portal_")["default"]
    assert config["BACKEND"] == backend
    assert config["URLS"] == urls
    assert config["INDEX_PREFIX"] == "portal_"
    assert config["INDEX_SETTINGS"] == DUTCH_INDEX_SETTINGS


@pytest.mark.parametrize(
    ("url", "version"), [("redis://x", ""), ("http://x:9200", ""), ("opensearch://x", "9")]
)
def test_wrong_search_settings_fail_loudly(url, version):
    with pytest.raises(SearchBackendConfigError):
        wagtailsearch_backends("django.db.backends.sqlite3", url, version)


@pytest.mark.django_db  # about the configured database: runs in CI's PostgreSQL pass too
def test_the_running_settings_match_the_database():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.database"
    if connection.vendor == "postgresql":
        assert backend["SEARCH_CONFIG"] == "dutch"
    else:
        assert "SEARCH_CONFIG" not in backend


def test_settings_module_reads_the_environment():
    """A fresh interpreter with SEARCH_BACKEND_URL set gets an OpenSearch configuration."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "SEARCH_BACKEND_URL": "opensearch://zoek.intern:9200",
        "SEARCH_BACKEND_VERSION": "3",
    }
    code = (
        "import django; from django.conf import settings; "
        "print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
        "settings.WAGTAILSEARCH_BACKENDS['default']['URLS'][0])"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == "wagtail.search.backends.opensearch3 http://zoek.intern:9200"
