"""Two digest runs at the same moment (two cron hosts, or a retried job) send one digest per person:
real parallel transactions on PostgreSQL (CI's second pass), each on its own connection."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from home.digest import send_digests
from home.models import ContentPage, Digest, Subscription
from tests.home.factories import add_page, section
from tests.home.test_subscriptions import published_days_ago

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("live_db"),
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
def test_concurrent_runs_send_one_digest_per_person(make_user):
    rules = section("heldere-afspraken", title="Heldere afspraken")
    published_days_ago(add_page(rules, ContentPage, "meldregeling", title="Meldregeling"), 1)
    people = [make_user(username=f"volger-{n}") for n in range(5)]
    for person in people:
        Subscription.objects.create(user=person, page=rules)

    start, results, errors = threading.Barrier(2), [], []

    def run():
        try:
            start.wait()
            results.append(send_digests())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert sum(results) == len(people)
    assert Digest.objects.count() == len(people)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in people)
