"""The one way the portal sends e-mail: after the writer's transaction commits, never inside it.

Every notification in every app goes through `send_mail_later`, so that how mail leaves the
process (today: sent on commit; with the task framework: a queued task) is decided here once.
Bodies of mail about confidential records carry only an opaque reference, never content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction


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
) -> int:
    """Queue one message to `recipients` for sending once the current transaction commits.

    Returns the number of recipients (0 when there is nobody to tell, and nothing is queued).
    """
    to = sorted({address for address in recipients if address})
    if not to:
        return 0
    files = tuple(attachments)
    sender = from_email or settings.DEFAULT_FROM_EMAIL

    def send() -> None:
        message = EmailMessage(subject=str(subject), body=body, from_email=sender, to=to)
        for file in files:
            message.attach(file.filename, file.content, file.mimetype)
        message.send()

    transaction.on_commit(send)
    return len(to)
