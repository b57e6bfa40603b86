import importlib
from collections.abc import Callable
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_loaders() -> list[tuple[str, Callable]]:
    """Each project app may have a `demo.py` with `load(log)` that builds its part of the demo.

    They run in the order of PROJECT_APPS (home first: the others hang content on its tree).
    A loader must be idempotent (update_or_create on stable keys): running twice changes nothing.
    """
    loaders = []
    for app in settings.PROJECT_APPS:
        module_name = f"{app}.demo"
        if find_spec(module_name) is not None:
            loaders.append((app, importlib.import_module(module_name).load))
    return loaders


class Command(BaseCommand):
    help = "Build the demo site from the 2021 annual report (idempotent; development only)."

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "Demo content (with demo accounts) is not allowed with these settings. "
                "Use portal.settings.dev."
            )
        with transaction.atomic():
            for app, load in demo_loaders():
                self.stdout.write(f"Demo content: {app}")
                load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
