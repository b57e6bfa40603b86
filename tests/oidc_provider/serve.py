"""Start the test identity provider: `python -m tests.oidc_provider.serve [--port N]`.

Prints `READY <port>` once it listens on 127.0.0.1. Stops when its standard input closes (the
test process that started it ended) or on Ctrl-C. The client `portal` / `portal-secret` is
registered; redirect URIs and people are set through the control endpoints (`client.py`).
"""

import argparse
import os
import secrets
import sys
import tempfile
import threading
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "portal"
CLIENT_SECRET = "portal-secret"


def _rsa_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--post-logout-redirect-uri", action="append", default=[])
    parser.add_argument("--person", action="append", default=[], help="username:password (demo)")
    parser.add_argument("--exit-with-stdin", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="test-idp-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    os.environ.setdefault("IDP_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("IDP_CONTROL_TOKEN", secrets.token_urlsafe(24))
    os.environ["IDP_DATABASE"] = str(workdir / "idp.sqlite3")
    os.environ["IDP_RSA_PRIVATE_KEY"] = _rsa_key_pem()

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", run_syncdb=True, verbosity=0)
    Application.objects.create(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
        name="Integriteitsportaal",
        redirect_uris=" ".join(args.redirect_uri),
        post_logout_redirect_uris=" ".join(args.post_logout_redirect_uri),
    )
    if args.person:
        _demo_people(args.person)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", args.port), QuietHandler, allow_reuse_address=False)
    server.daemon_threads = True
    server.set_app(get_wsgi_application())
    print(f"READY {server.server_address[1]}", flush=True)

    if args.exit_with_stdin:

        def stop_when_parent_goes():
            sys.stdin.read()
            server.shutdown()

        threading.Thread(target=stop_when_parent_goes, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _demo_people(entries) -> None:
    """People for trying SSO by hand (`make run-sso`): username:password:group,group:department:amr."""
    from django.contrib.auth import get_user_model

    from tests.oidc_provider.idp.models import Person

    for number, entry in enumerate(entries, start=1):
        username, password, groups, department, amr = (entry.split(":") + ["", "", ""])[:5]
        user = get_user_model().objects.create_user(username, password=password)
        claims = {
            "employee_number": f"{100000 + number}",
            "given_name": username.capitalize(),
            "family_name": "Demo",
            "email": f"{username}@idp.invalid",
            "department": department,
            "groups": [group for group in groups.split(",") if group],
            "amr": [value for value in (amr or "pwd").split(",") if value],
        }
        Person.objects.create(user=user, claims=claims)


if __name__ == "__main__":
    main()
