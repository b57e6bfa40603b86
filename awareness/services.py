"""Registration, cancellation and waitlist promotion, with capacity enforced atomically.

Capacity is checked and the registration written in one transaction that holds a lock on the
session: `select_for_update()` on PostgreSQL; on SQLite the settings open every transaction with
BEGIN IMMEDIATE, which takes the database's write lock at once, so sign-ups queue one by one.
The concurrency test's server process swaps in an unlocked `register` (a test-only app,
tests/awareness/race_window/) to show that it sees a race when there is one.
"""

import functools
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from awareness.ics import calendar_document
from awareness.models import ProgrammeItemPage, Registration, Session
from portal.mail import Attachment, send_mail_later, writes_task_rows

CANCEL_SALT = "awareness.registration.cancel"
FEED_SALT = "awareness.feed"


class RegistrationError(Exception):
    """A sign-up or cancellation that cannot go ahead; the message is shown to the person."""


@dataclass
class Applicant:
    name: str
    email: str
    department_id: int | None = None
    user_id: int | None = None
    language: str = settings.LANGUAGE_CODE  # the e-mails about the registration speak it


def register(session_id: int, applicant: Applicant) -> Registration:
    """Register `applicant` for the session: confirmed while places are left, else waitlisted.

    Every sign-up for the session queues on its row lock, so the lock is held for as few round
    trips as possible: the locked read (the session row only, `of=("self",)`: the item's page rows
    stay free for editors and for sign-ups to its other sessions), one count, the insert, the commit.
    The count is a statement of its own after the lock is granted: in READ COMMITTED a statement
    sees what was committed before it began, and the locking read began before the previous holder
    committed, so a count inside it would miss that holder's registration.

    On PostgreSQL the commit does not wait for the disk (`synchronous_commit` off for this
    transaction only), which was half of the time the lock was held under load; the request still
    answers only once the registration is on disk, because the confirmation's task row commits
    right after it and that commit does wait, for all of the log written before it. A crash in
    between loses the sign-up before anyone was told it succeeded, and never a sign-up without the
    ones before it. Only when that second commit follows (the database task backend) and this is
    not part of a caller's transaction (whose durability is the caller's to decide).
    """
    connection = transaction.get_connection()
    # The confirmation's task row is written after the commit, in a transaction of its own that
    # waits for the disk (below): only then may this one release the lock without waiting.
    release_early = (
        connection.vendor == "postgresql" and not connection.in_atomic_block and writes_task_rows()
    )
    with transaction.atomic():
        if release_early:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        session = (
            Session.objects.select_for_update(of=("self",))
            # What the checks and the annual figures' year (its edition's, its start's) read, and
            # no more: every row of the item's page built here is built while the lock is held.
            .select_related("item__edition")
            .only("start", "end", "capacity", "registration_closes", "cancelled", "item__edition__year")
            .get(pk=session_id)
        )
        registration = _register(session, applicant)
    # Queues the confirmation: with the database task backend its row commits now, waiting for the
    # disk, and PostgreSQL writes its log in order, so when that returns the registration is on disk.
    transaction.on_commit(lambda: queue_registration_email(registration))
    return registration


def _register(session: Session, applicant: Applicant) -> Registration:
    if session.cancelled:
        raise RegistrationError(_("Deze sessie gaat niet door."))
    if session.end < timezone.now():
        raise RegistrationError(_("Deze sessie is al voorbij."))
    if not session.is_open:
        raise RegistrationError(_("De aanmelding voor deze sessie is gesloten."))
    email = applicant.email.strip().lower()
    # One query for both: is this address already registered, and how many places are taken.
    counts = (
        Registration.objects.filter(session=session)
        .exclude(status=Registration.Status.CANCELLED)
        .aggregate(
            mine=Count("pk", filter=Q(email=email)),
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        )
    )
    if counts["mine"]:
        raise RegistrationError(_("Je bent al aangemeld voor deze sessie."))
    full = session.capacity is not None and counts["confirmed"] >= session.capacity
    try:
        # No savepoint of its own: a duplicate (the constraint) ends the whole sign-up, and the
        # caller's transaction rolls back with the error.
        return Registration.objects.create(
            session=session,
            user_id=applicant.user_id,
            name=applicant.name.strip(),
            email=email,
            department_id=applicant.department_id,
            language=applicant.language,
            status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
        )
    except IntegrityError as error:
        raise RegistrationError(_("Je bent al aangemeld voor deze sessie.")) from error


def cancel(registration_id: int) -> Registration:
    """Cancel a registration; a freed place goes to the first person on the waitlist."""
    promoted = None
    with transaction.atomic():
        registration = Registration.objects.select_related("session").get(pk=registration_id)
        session = Session.objects.select_for_update().select_related("item").get(pk=registration.session_id)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CANCELLED:
            raise RegistrationError(_("Deze aanmelding was al afgemeld."))
        if session.start < timezone.now():
            raise RegistrationError(_("Deze sessie is al begonnen; afmelden kan niet meer."))
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            promoted = promote_waitlist(session)
    for person in promoted or []:
        transaction.on_commit(partial(send_promotion_email, person))
    return registration


def promote_waitlist(session: Session) -> list[Registration]:
    """Move people from the waitlist to confirmed while places are free (caller holds the lock)."""
    waiting = session.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")
    if session.capacity is None:
        free = waiting.count()
    else:
        confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED).count()
        free = max(session.capacity - confirmed, 0)
    promoted = list(waiting[:free])
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
    return promoted


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("session__item").filter(pk=pk).first()


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def cancel_url(registration: Registration) -> str:
    return absolute(reverse("awareness:cancel_by_link", args=[cancel_token(registration)]))


def in_their_language(send):
    """Run a mail function in the language the person signed up in: subject, text, links and the
    activity's title (its translation where there is one), whoever's request or job sends it."""

    @functools.wraps(send)
    def in_language(registration: Registration) -> None:
        with translation.override(registration.language or settings.LANGUAGE_CODE):
            send(registration)

    return in_language


def shown_item(registration: Registration) -> ProgrammeItemPage:
    """The activity as the person knows it: the live translation in their language, else the item."""
    item = registration.session.item
    translated = (
        ProgrammeItemPage.objects.live()
        .filter(translation_key=item.translation_key, locale__language_code=translation.get_language())
        .first()
    )
    return translated or item


def _mail(registration: Registration, template: str, subject: str, attach_ics: bool) -> None:
    item = shown_item(registration)
    context = {
        "registration": registration,
        "session": registration.session,
        "item": item,
        "cancel_url": cancel_url(registration),
    }
    body = render_to_string(f"awareness/email/{template}.txt", context)
    attachments: tuple[Attachment, ...] = ()
    if attach_ics:
        shown = {registration.session.item_id: item}
        ics = calendar_document([registration.session], item.title, shown=shown)
        attachments = (Attachment("activiteit.ics", ics, "text/calendar"),)
    send_mail_later(subject % {"title": item.title}, body, [registration.email], attachments=attachments)


@in_their_language
def send_registration_email(registration: Registration) -> None:
    if registration.status == Registration.Status.CONFIRMED:
        _mail(registration, "confirmed", _("Aanmelding bevestigd: %(title)s"), True)
    else:
        _mail(registration, "waitlisted", _("Op de wachtlijst: %(title)s"), False)


def queue_registration_email(registration: Registration) -> None:
    """Queue the e-mail that confirms a sign-up or tells of the waitlist; the worker writes it.

    Writing it (the activity's translation, the text, the calendar attachment) was a quarter of a
    sign-up's time in the request; the request now only writes the task row (database backend).
    The in-process backend (`make run`, tests) writes and sends it at once, as before."""
    send_registration_email_task.enqueue(registration_id=registration.pk, status=registration.status)


@task()
def send_registration_email_task(*, registration_id: int, status: str) -> None:
    registration = Registration.objects.select_related("session__item").filter(pk=registration_id).first()
    if registration is None:
        return  # removed since: nobody to write to
    registration.status = status  # what the sign-up did, whatever happened to it since
    send_registration_email(registration)


@in_their_language
def send_promotion_email(registration: Registration) -> None:
    _mail(registration, "promoted", _("Er is een plaats vrij: %(title)s"), True)


@in_their_language
def send_reminder_email(registration: Registration) -> None:
    _mail(registration, "reminder", _("Herinnering: morgen %(title)s"), True)


def evaluation_url(registration: Registration) -> str:
    return absolute(reverse("awareness:evaluate", args=[registration.pk]))


@in_their_language
def send_evaluation_request(registration: Registration) -> None:
    item = shown_item(registration)
    context = {"registration": registration, "item": item, "url": evaluation_url(registration)}
    body = render_to_string("awareness/email/evaluation.txt", context)
    send_mail_later(_("Hoe was het? %(title)s") % {"title": item.title}, body, [registration.email])


def feed_token(user) -> str:
    """A personal token for calendar subscriptions (calendar programs cannot sign in)."""
    return feed_token_for_id(user.pk)


def feed_token_for_id(user_id: int) -> str:
    return signing.Signer(salt=FEED_SALT).sign_object(user_id)


def user_from_feed_token(token: str):
    from django.contrib.auth import get_user_model

    try:
        pk = signing.Signer(salt=FEED_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()
