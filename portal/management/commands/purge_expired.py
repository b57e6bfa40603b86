"""The daily retention purge: runs every rule of `portal.retention.rules()`, each in its own transaction.

Rules come from every app's `retention.py`, so a new app's rules run without a change here. Logs
and prints per rule only its name, period and the number of rows affected: never what was removed.
A rule that fails is rolled back and reported; the others still run, and the command then exits
with an error so the scheduler shows it.
"""

import datetime
import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal.retention import RetentionRule, rules

logger = logging.getLogger("portal.retention")


class Command(BaseCommand):
    help = "Remove or anonymise personal records older than their retention period (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--rule", action="append", default=[], help="Run only this rule (repeatable).")
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_only",
            help="List the rules and their periods, purge nothing.",
        )

    def handle(self, *args, rule: list[str], list_only: bool, **options):
        found = rules()
        names = [r.name for r in found]
        if len(set(names)) != len(names):
            raise CommandError(f"Retention rule names are not unique: {sorted(names)}")
        unknown = set(rule) - set(names)
        if unknown:
            raise CommandError(f"Unknown retention rule(s): {', '.join(sorted(unknown))}")
        selected = [r for r in found if not rule or r.name in rule]
        if list_only:
            for r in selected:
                self.stdout.write(f"{r.name}: {r.days} days ({r.setting}) - {r.description}")
            return
        failed = [r.name for r in selected if not self.run(r)]
        if failed:
            raise CommandError(f"Retention purge failed for: {', '.join(failed)}")

    def run(self, rule: RetentionRule) -> bool:
        days = rule.days
        if days < 1:
            # A period of 0 (a typo in the environment) would remove everything at once.
            logger.error(
                "Retention rule %s skipped: period %s days is below 1 (%s)", rule.name, days, rule.setting
            )
            self.stderr.write(f"{rule.name}: skipped, {rule.setting} = {days} is below 1 day")
            return False
        cutoff = timezone.now() - datetime.timedelta(days=days)
        try:
            with transaction.atomic():
                affected = rule.purge(cutoff)
        except Exception as error:
            logger.exception("Retention rule %s failed (%s), rolled back", rule.name, type(error).__name__)
            self.stderr.write(f"{rule.name}: failed, rolled back ({type(error).__name__}: {error})")
            return False
        logger.info("Retention rule %s: %d rows purged (period %d days)", rule.name, affected, days)
        self.stdout.write(f"{rule.name}: {affected} purged (older than {days} days)")
        return True
