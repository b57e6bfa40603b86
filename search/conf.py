"""The search backend configuration, derived from the environment (used by the settings module).

Kept free of Django imports so `portal/settings/base.py` can call it.

- No `SEARCH_BACKEND_URL`: Wagtail's database backend. On PostgreSQL it searches with the Dutch
  text search configuration (stemming, Dutch stop words); on SQLite it uses FTS5.
- `SEARCH_BACKEND_URL=opensearch://host:9200` (or `opensearchs://` for HTTPS, `elasticsearch://`,
  `elasticsearchs://`; user:password@ allowed): OpenSearch or Elasticsearch with a Dutch default
  analyzer. `SEARCH_BACKEND_VERSION` picks the client generation (OpenSearch 2/3, Elasticsearch
  7/8/9; defaults 2 and 8), `SEARCH_INDEX_PREFIX` the index name prefix.
"""

from urllib.parse import urlsplit, urlunsplit

DUTCH_INDEX_SETTINGS = {"settings": {"analysis": {"analyzer": {"default": {"type": "dutch"}}}}}

ENGINES = {
    "opensearch": ("wagtail.search.backends.opensearch{version}", "2", ("2", "3")),
    "elasticsearch": ("wagtail.search.backends.elasticsearch{version}", "8", ("7", "8", "9")),
}


class SearchBackendConfigError(ValueError):
    pass


def wagtailsearch_backends(
    database_engine: str, url: str = "", version: str = "", index_prefix: str = ""
) -> dict:
    """The WAGTAILSEARCH_BACKENDS setting for this database engine and optional search server URL."""
    if not url:
        backend = {"BACKEND": "wagtail.search.backends.database"}
        if "postgresql" in database_engine:
            backend["SEARCH_CONFIG"] = "dutch"
        return {"default": backend}

    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    secure = scheme.endswith("s") and scheme[:-1] in ENGINES
    engine = scheme[:-1] if secure else scheme
    if engine not in ENGINES:
        raise SearchBackendConfigError(
            f"SEARCH_BACKEND_URL must start with opensearch(s):// or elasticsearch(s)://, not {scheme!r}"
        )
    module, default_version, versions = ENGINES[engine]
    version = version or default_version
    if version not in versions:
        raise SearchBackendConfigError(f"{engine} version must be one of {', '.join(versions)}")
    http_url = urlunsplit(("https" if secure else "http", parts.netloc, parts.path, "", ""))
    return {
        "default": {
            "BACKEND": module.format(version=version),
            "URLS": [http_url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": 10,
            "INDEX_SETTINGS": DUTCH_INDEX_SETTINGS,
        }
    }
