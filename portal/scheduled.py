"""Scheduled jobs: cron runs the management command, the command enqueues the job, the worker runs it.

So a job runs where the mail and the other tasks run (`manage.py db_worker`), one at a time per
claim, and a cron host needs no mail relay. With the immediate task backend (`make run`, tests) the
command runs the job itself. `manage.py <command> --now` runs it in the cron process regardless.
"""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks import task


@task()
def run_scheduled_command(name: str, options: dict) -> str:
    out = StringIO()
    call_command(name, now=True, stdout=out, **options)
    return out.getvalue()[-2000:]


class ScheduledCommand(BaseCommand):
    """A command whose `run(**options)` is the job; `scheduled_options` names what the job receives."""

    scheduled_options: tuple[str, ...] = ()

    def create_parser(self, prog_name, subcommand, **kwargs):
        self._name = subcommand
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--now", action="store_true", help="Run here and now instead of enqueueing the job."
        )
        return parser

    def handle(self, *args, now: bool = False, **options):
        from django_tasks_db import DatabaseBackend

        if now or not isinstance(run_scheduled_command.get_backend(), DatabaseBackend):
            return self.run(**options)
        job_options = {key: options[key] for key in self.scheduled_options}
        result = run_scheduled_command.enqueue(self._name, job_options)
        self.stdout.write(f"Enqueued {self._name} as task {result.id}; the task worker runs it.")
        return None

    def run(self, **options):
        raise NotImplementedError
