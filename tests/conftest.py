import copy
import os

import pytest

from portal.roles import Role
from tests.demo_database import LIVE_DEMO, SHARED_DEMO, load_demo, run_order, uses_db
from tests.portal.factories import UserFactory


def pytest_configure(config):
    """Under pytest-xdist each test process gets a Redis database of its own (the given number,
    then one less per process), as tests empty theirs, and a media folder of its own (the demo's
    documents); servers they start inherit the Redis database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if url:
        base, number = url.rsplit("/", 1)
        os.environ["PORTAL_TEST_REDIS_URL"] = f"{base}/{int(number) - int(worker.removeprefix('gw'))}"
    from django.conf import settings

    settings.MEDIA_ROOT = settings.MEDIA_ROOT / f"test-{worker}"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: the page cache's generation lives in the database, which
    is rolled back between tests, so a shell stored by one test could otherwise match in the next."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _page_cache_bumps_before_next_read(request, monkeypatch):
    """The page cache bumps what a write changed once its transaction commits (portal/cache.py).
    A `db` test runs inside one transaction that never commits, so here a pending bump is written
    before the next cache read instead, as if the write had committed before the next request.
    Tests of the commit timing itself are marked `page_cache_on_commit` and see the real thing."""
    if request.node.get_closest_marker("page_cache_on_commit"):
        return
    from django.db import connections

    from portal import cache as page_cache

    read = page_cache.current_generations

    def flush_then_read():
        for connection in connections.all(initialized_only=True):
            page_cache._flush(connection.alias)
        return read()

    monkeypatch.setattr(page_cache, "current_generations", flush_then_read)
    monkeypatch.setattr("portal.fastpath.current_generations", flush_then_read)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch. Django's LocaleMiddleware activates a request's language and
    leaves it active in the thread, so a request to /en/ in one test made the next test's
    validation messages English (tests/forms/test_attachments.py failed when run after others)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def verified_after_force_login(request, monkeypatch):
    """`client.force_login` of a role that must prove a second factor also completes it (as
    force_login skips the password); tests marked `password_only` keep the bare sign-in."""
    if request.node.get_closest_marker("password_only"):
        return
    from django.test import Client

    from tests.second_factor import force_login_verified

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture
def make_user(db):
    """Create a user with the given roles (everyone is also an employee)."""

    def make(*roles: Role, **fields):
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def employee(make_user):
    return make_user(username="medewerker-test")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Give test-only unmanaged models (defined in `tests/`) their tables in the test database.

    Such a model is registered as soon as its module is imported, so every test in the session
    (dumps, serialization) sees it: its table must exist for the whole session.
    """
    from django.apps import apps
    from django.db import connection

    with django_db_blocker.unblock():
        existing = set(connection.introspection.table_names())
        for model in apps.get_models():
            test_only = model.__module__.startswith("tests.") and not model._meta.managed
            if test_only and model._meta.db_table not in existing:
                with connection.schema_editor() as editor:
                    editor.create_model(model)


@pytest.fixture(scope="session")
def migrated_data_snapshot(django_db_setup, django_db_blocker):
    """What the migrations put in the database (roles, locales, the home page, the site), serialized."""
    import json

    from django.db import connection

    with django_db_blocker.unblock():
        rows = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: saving pages while restoring indexes them for search, which looks up
    # (and would otherwise create) their content types before the saved ones are back.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


@pytest.fixture
def live_db(request, transactional_db, migrated_data_snapshot):
    """A transactional database (for live-server tests) that starts with the migrations' data.

    Transactional tests end by emptying every table. Django's serialized rollback restores the
    migrations' data, but keeps the snapshot on a connection object that Playwright's event loop
    may not share, so the snapshot is kept here and restored whenever the tables are empty.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if "live_demo_content" in request.fixturenames and LIVE_DEMO.can_restore:
        return  # the demo's copy replaces the whole database
    if not Group.objects.exists():
        # After a flush, post_migrate may have re-created content types under new ids.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(migrated_data_snapshot)


@pytest.fixture(scope="session")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo content shared by the tests of a session (tests/demo_database.py)."""
    SHARED_DEMO.start(django_db_blocker)
    yield SHARED_DEMO
    SHARED_DEMO.stop()


@pytest.fixture
def demo_content(shared_demo, db):
    """The whole demo content (`load_demo_content`), loaded once per session and rolled back to its
    freshly loaded state after each test, like any other change a test makes."""
    if not shared_demo.is_loaded:  # only if the outer transaction could not be opened: load it here
        load_demo()


@pytest.fixture(scope="session")
def live_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo for live-server tests (tests/demo_database.py), with its files in one folder."""
    LIVE_DEMO.media_root = tmp_path_factory.mktemp("live-demo-media")
    yield LIVE_DEMO
    with django_db_blocker.unblock():
        LIVE_DEMO.discard()


@pytest.fixture
def live_demo_content(live_db, live_demo, settings):
    """The demo content for a live-server test, in the transactional database (which is emptied
    after the test), as the server thread cannot share the test's transaction: loaded by the first
    such test, restored from a copy of the database for the next ones."""
    settings.MEDIA_ROOT = live_demo.media_root  # the demo's documents, written by the first load
    live_demo.load_or_restore()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Load or drop the shared demo content before the test's fixtures open its transaction."""
    SHARED_DEMO.prepare_for(item)


def pytest_terminal_summary(terminalreporter):
    if SHARED_DEMO.loads:
        terminalreporter.write_line(f"demo content loaded {SHARED_DEMO.loads}x for the `demo_content` tests")


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Leave out the tests that never touch the test database (CI's PostgreSQL pass: they ran "
        "in the SQLite pass and cannot tell the two apart).",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """After pytest-django's ordering: the demo tests follow each other (tests/demo_database.py).

    Tests marked `postgres` run only when DATABASE_URL points at PostgreSQL (as in CI's second pass).
    """
    from django.db import connection

    items.sort(key=run_order)
    if config.getoption("--database-tests-only"):
        database_free = [item for item in items if not uses_db(item) and "postgres" not in item.keywords]
        config.hook.pytest_deselected(items=database_free)
        left_out = set(database_free)
        items[:] = [item for item in items if item not in left_out]
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (CI runs the suite on it too)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider process (django-oauth-toolkit) on 127.0.0.1, one per session."""
    from tests.oidc_provider import client

    provider = client.start()
    yield provider
    provider.stop()


@pytest.fixture
def sso_settings(settings, oidc_provider):
    """The portal pointed at the test provider through its discovery document, as in production."""
    settings.OIDC_PROVIDER_NAME = "Test-IdP"
    settings.OIDC_DISCOVERY_URL = oidc_provider.discovery_url
    settings.OIDC_RP_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_GROUP_ROLES = "idp-editors=Redacteur;idp-managers=Leidinggevende"
    settings.OIDC_DEPARTMENTS = "WI=werk-en-inkomen"
    settings.OIDC_MFA_AMR_VALUES = ["mfa"]
    settings.OIDC_MFA_ACR_VALUES = ["urn:gemeente:loa:hoog"]
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(oidc_provider.url)  # as base.py does from the env
    settings.CONTENT_SECURITY_POLICY = policy
    return settings


@pytest.fixture
def keep_test_connection():
    """Calling Django's WSGI handler directly sends request_started/request_finished, whose
    `close_old_connections` closes a connection that is inside the test's transaction (PostgreSQL;
    SQLite's in-memory test database is never closed). Django's test client disconnects it the
    same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def page_cache_header(settings):
    """DEBUG on: responses carry X-Page-Cache (hit, miss, personal), which says how the page cache
    answered; outside DEBUG no such header is sent (portal/page_cache_stats.py)."""
    settings.DEBUG = True
