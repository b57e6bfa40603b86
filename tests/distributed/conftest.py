"""The cross-server suite runs against a running cluster (scripts/cluster.sh, `.ci/run`): two
granian app servers behind nginx and a task worker, on the PostgreSQL database and Redis this
process is given too. Without PORTAL_CLUSTER_URL every test here is skipped.

The tests write their set-up (users, pages, sessions) straight into that database, committed,
under names of their own, and act on the servers over HTTP like browsers."""

import os
import re
import uuid

import pytest
import requests

CLUSTER_URL = os.environ.get("PORTAL_CLUSTER_URL", "")
SERVERS = [url for url in os.environ.get("PORTAL_CLUSTER_SERVERS", "").split(",") if url]
MAIL_DIR = os.environ.get("PORTAL_CLUSTER_MAIL_DIR", "")
PASSWORD = "cluster-wachtwoord-" + "x" * 8


def pytest_collection_modifyitems(config, items):
    if CLUSTER_URL:
        return
    skip = pytest.mark.skip(reason="no cluster: PORTAL_CLUSTER_URL is not set (scripts/cluster.sh)")
    for item in items:
        if "tests/distributed/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _empty_caches():
    """The shared Redis is the servers' own: never emptied under them (tests/conftest.py does)."""


@pytest.fixture(scope="session")
def django_db_setup():
    """The cluster's own database, as it is: no test database, no demo content."""


@pytest.fixture
def cluster_db(django_db_blocker):
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def password_hash():
    """The servers run production settings (PBKDF2); this process hashes with MD5 otherwise."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(PASSWORD, hasher.salt())


@pytest.fixture
def make_person(cluster_db, password_hash):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal.roles import Role

    def make(*roles: Role):
        name = f"cluster-{uuid.uuid4().hex[:10]}"
        user = get_user_model().objects.create(
            username=name, email=f"{name}@portaal.invalid", password=password_hash, first_name="Cluster"
        )
        user.groups.set(Group.objects.filter(name__in=[str(Role.EMPLOYEE), *map(str, roles)]))
        return user

    return make


class Browser:
    """A person's browser without JavaScript. The servers run production settings, so their cookies
    are marked Secure; on this http-only loopback setup the browser keeps sending them regardless."""

    def __init__(self, forwarded_for: str | None = None):
        self.http = requests.Session()
        self.headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}

    def _insecure_cookies(self):
        for cookie in self.http.cookies:
            cookie.secure = False

    def get(self, url: str) -> requests.Response:
        response = self.http.get(url, headers=self.headers, allow_redirects=False, timeout=60)
        self._insecure_cookies()
        return response

    def post(self, url: str, page: str, data: dict) -> requests.Response:
        token = csrf_token(page)
        response = self.http.post(
            url,
            data={"csrfmiddlewaretoken": token, **data},
            headers={**self.headers, "Referer": url},
            allow_redirects=False,
            timeout=120,
        )
        self._insecure_cookies()
        return response

    def sign_in(self, base: str, user) -> None:
        page = self.get(base + "/nl/account/login/").text
        fields = {"username": user.username, "password": PASSWORD}
        response = self.post(base + "/nl/account/login/", page, fields)
        assert response.status_code == 302, response.text[-2000:]


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def servers():
    assert len(SERVERS) == 2, "PORTAL_CLUSTER_SERVERS names the two app servers"
    return SERVERS
