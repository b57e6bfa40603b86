import os
import time

from django.apps import AppConfig
from django.db.models.signals import pre_save


class RaceWindowConfig(AppConfig):
    name = "tests.awareness.race_window"
    label = "race_window"

    def ready(self):
        from awareness import services
        from awareness.models import Registration

        delay = float(os.environ.get("AWARENESS_TEST_RACE_DELAY", "0"))
        if delay:

            def widen_race_window(sender, instance, **kwargs):
                if instance._state.adding:
                    time.sleep(delay)

            pre_save.connect(widen_race_window, sender=Registration, weak=False)

        if os.environ.get("AWARENESS_REGISTRATION_LOCKING", "1") != "1":
            services.register = register_without_lock


def register_without_lock(session_id, applicant):
    """`awareness.services.register` minus its transaction and row lock (autocommit): the control."""
    from django.db import transaction

    from awareness import services
    from awareness.models import Session

    session = Session.objects.select_related("item").get(pk=session_id)
    registration = services._register(session, applicant)
    transaction.on_commit(lambda: services.queue_registration_email(registration))
    return registration
