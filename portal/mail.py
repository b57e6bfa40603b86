"""The one way the portal sends e-mail: a background task, enqueued with the writer's transaction.

Every notification in every app goes through `send_mail_later`. With the database task backend
(production, `make serve`) the task row is written inside the caller's transaction, so the message
leaves if and only if the write commits, and a slow or broken mail relay never holds up a request:
`manage.py db_worker` sends it, retrying with a growing delay up to `MAIL_MAX_ATTEMPTS` times
(failures are listed for administrators at Instellingen → Achtergrondtaken, portal/task_admin.py).
With the immediate backend (`make run`, tests) the task runs in the same process once the
transaction commits. Bodies of mail about confidential records carry only an opaque reference,
never content: the task row holds the message until it is sent.

Mail about a case or another confidential record is sent with `confidential=True`: it runs as
`send_confidential_mail_task`, whose rows (queued or failed; sent ones are pruned at once, like all
done tasks) never appear on the administrators' task page, since even a reference and its
recipient tell who handles which case (portal/task_results.py).
"""

from __future__ import annotations

import base64
import datetime
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str | bytes
    mimetype: str


def send_mail_later(
    subject: str,
    body: str,
    recipients: Iterable[str],
    *,
    attachments: Iterable[Attachment] = (),
    from_email: str | None = None,
    confidential: bool = False,
) -> int:
    """Queue one message to `recipients`, to leave once the current transaction commits.

    `confidential` for mail about cases (or other records administrators may not see): its task
    records are hidden from the Achtergrondtaken page. Returns the number of recipients (0 when
    there is nobody to tell, and nothing is queued).
    """
    to = sorted({address for address in recipients if address})
    if not to:
        return 0
    message = {
        "id": uuid.uuid4().hex,  # ties the retries of one message together
        "subject": str(subject),
        "body": str(body),
        "from_email": from_email or settings.DEFAULT_FROM_EMAIL,
        "to": to,
        "attachments": [_encode(file) for file in attachments],
    }
    mail_task = send_confidential_mail_task if confidential else send_mail_task
    if writes_task_rows():
        # The row commits or rolls back with the caller's write (a transactional outbox).
        mail_task.enqueue(message=message)
    else:
        transaction.on_commit(lambda: mail_task.enqueue(message=message))
    return len(to)


@task()
def send_mail_task(*, message: dict, attempt: int = 1) -> int:
    """Send one queued message; on failure enqueue the next attempt (later), then fail this one."""
    return _send(send_mail_task, message, attempt)


@task()
def send_confidential_mail_task(*, message: dict, attempt: int = 1) -> int:
    """As `send_mail_task`, for mail about cases: its rows are never listed for administrators."""
    return _send(send_confidential_mail_task, message, attempt)


def _send(mail_task, message: dict, attempt: int) -> int:
    """Send one message; on failure enqueue the next attempt of the same task (later), then fail."""
    try:
        sent = _decode(message).send()
    except Exception:
        if attempt < settings.MAIL_MAX_ATTEMPTS and mail_task.get_backend().supports_defer:
            delay = settings.MAIL_RETRY_SECONDS * 2 ** (attempt - 1)
            later = mail_task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
            later.enqueue(message=message, attempt=attempt + 1)
            logger.warning("Mail %s: attempt %s failed, next in %s s", message["id"], attempt, delay)
        else:
            logger.error("Mail %s: attempt %s failed, giving up", message["id"], attempt)
        raise
    if attempt > 1:
        from portal.task_results import forget_failed_attempts

        forget_failed_attempts(message["id"])  # the message went out after all
    return sent


def writes_task_rows() -> bool:
    """True when queued mail is a row in the database, committed with the caller's transaction
    (the database task backend: production, `make serve`); False when it is sent in process."""
    from django_tasks_db import DatabaseBackend

    return isinstance(send_mail_task.get_backend(), DatabaseBackend)


def _encode(file: Attachment) -> dict:
    encoded = {"filename": file.filename, "mimetype": file.mimetype}
    if isinstance(file.content, bytes):
        return {**encoded, "base64": base64.b64encode(file.content).decode()}
    return {**encoded, "text": file.content}


def _decode(message: dict) -> EmailMessage:
    email = EmailMessage(
        subject=message["subject"], body=message["body"], from_email=message["from_email"], to=message["to"]
    )
    for file in message["attachments"]:
        content = base64.b64decode(file["base64"]) if "base64" in file else file["text"]
        email.attach(file["filename"], content, file["mimetype"])
    return email
