"""A small, real OpenID Connect provider for the tests (django-oauth-toolkit), run as its own process.

It is a separate Django project: `python -m tests.oidc_provider.serve` starts it on 127.0.0.1 on a
free port (see `client.py`). Tests steer it through `/control/…` (people, their claims, blocking,
one-off faults in the next ID token), protected by a token only the starting process knows.
"""
