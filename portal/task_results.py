"""The rows of the database task backend: pruned once done, failures kept for administrators.

A task that succeeded leaves no row behind (its arguments may hold a mail body or a recipient):
`task_finished` deletes it at once. A failed attempt stays, so administrators see it at
Instellingen → Achtergrondtaken (portal/task_admin.py), until a later attempt of the same message
succeeds or `manage.py prune_db_task_results --min-age-days N` (cron) removes it. Mail about cases
(`send_mail_later(..., confidential=True)`) is never listed, queued or failed: administrators may
not learn which cases are being handled or by whom.
"""

from __future__ import annotations

from django.dispatch import receiver
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max  # noqa: F401 (used by task_admin)


@receiver(task_finished, dispatch_uid="portal_prune_finished_task")
def prune_successful(sender, task_result, **kwargs) -> None:
    # The worker sends the backend instance or its class as sender, depending on the outcome.
    backend = sender if isinstance(sender, type) else type(sender)
    if issubclass(backend, DatabaseBackend) and task_result.status == TaskResultStatus.SUCCESSFUL:
        DBTaskResult.objects.filter(pk=task_result.id).delete()


def forget_failed_attempts(message_id: str) -> None:
    """Remove the failed earlier attempts of a message that has now been sent."""
    DBTaskResult.objects.filter(
        task_path__in=mail_task_paths(),
        status=TaskResultStatus.FAILED,
        args_kwargs__kwargs__message__id=message_id,
    ).delete()


def mail_task_paths() -> tuple[str, ...]:
    from portal.mail import send_confidential_mail_task, send_mail_task

    return (send_mail_task.module_path, send_confidential_mail_task.module_path)


def hidden_task_paths() -> tuple[str, ...]:
    """Tasks whose records administrators never see (mail about cases)."""
    from portal.mail import send_confidential_mail_task

    return (send_confidential_mail_task.module_path,)


def attempt_of(row: DBTaskResult) -> int:
    attempt = ((row.args_kwargs or {}).get("kwargs") or {}).get("attempt", 1)
    return attempt if isinstance(attempt, int) else 1


def unfinished_and_failed():
    """What an administrator needs to see: tasks waiting or failed, newest first. Never arguments,
    and never the mail about cases."""
    return (
        DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL)
        .exclude(task_path__in=hidden_task_paths())
        .order_by("-enqueued_at")
        .only("status", "task_path", "enqueued_at", "run_after", "exception_class_path", "args_kwargs")
    )
