"""Appoint (or dismiss) the integrity office's lead: run on the server, written to the audit log.

The lead is the only person who grants the office's and advisors' roles; no screen in the admin
appoints one, so an administrator cannot make themselves lead. `--dismiss` takes the permission away.
"""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.role_audit import acting_as
from portal.roles import Role
from portal.separation import lead_permission


class Command(BaseCommand):
    help = "Maakt een account leiding van het integriteitsbureau (of neemt dat met --dismiss terug)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--dismiss", action="store_true", help="neem de leiding terug")

    def handle(self, username, dismiss=False, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        if not dismiss:
            if not user.is_active:
                raise CommandError(f"{username} is deactivated.")
            if user.is_superuser or user.groups.filter(name=str(Role.ADMINISTRATOR)).exists():
                raise CommandError(f"{username} is an administrator or superuser: not the office lead.")
        try:
            operator = getpass.getuser()
        except (KeyError, OSError):  # no login name in some containers
            operator = "unknown"
        via = f"manage.py appoint_office_lead{' --dismiss' if dismiss else ''} (server user {operator})"
        with transaction.atomic(), acting_as(None, via):
            if dismiss:
                user.user_permissions.remove(lead_permission())
            else:
                user.user_permissions.add(lead_permission())
        self.stdout.write(f"{username} {'is no longer' if dismiss else 'is now'} office lead (audited).")
