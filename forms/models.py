"""Integrity reports, their follow-up, case handling and confidential-advisor registrations.

Reports are their own models with their own permissions (not Wagtail form pages), so that only the
integrity office can read them. What a reporter writes is encrypted at rest (`forms.crypto`).
"""

import datetime

from django.conf import settings
from django.contrib.admin import display
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from forms.crypto import EncryptedTextField


class Category(models.TextChoices):
    """The chapters of the code of conduct; the codes are the chapter anchors of that page."""

    OMGAAN_MET_ELKAAR = "omgaan-met-elkaar", _("Omgaan met elkaar")
    OMGAAN_MET_BELANGEN = "omgaan-met-belangen", _("Omgaan met belangen")
    OMGAAN_MET_SPULLEN = "omgaan-met-spullen-van-de-gemeente", _("Omgaan met spullen van de gemeente")
    OMGAAN_MET_INFORMATIE = "omgaan-met-informatie", _("Omgaan met informatie")
    OVERIG = "overig", _("Overig")


class Source(models.TextChoices):
    INTERN = "intern", _("Intern")
    EXTERN_INWONER = "extern-inwoner", _("Extern (inwoner)")
    EXTERN_PARTNER = "extern-samenwerkingspartij", _("Extern (samenwerkingspartij)")


class Channel(models.TextChoices):
    WEB = "webformulier", _("Webformulier")
    PHONE = "telefoon", _("Telefoon")
    MAIL = "post-of-e-mail", _("Post of e-mail")
    IN_PERSON = "persoonlijk", _("Persoonlijk")


class Status(models.TextChoices):
    """The steps of the investigation protocol and its side exits (moves: `forms.case_flow`)."""

    RECEIVED = "ontvangen", _("Ontvangen")
    ACKNOWLEDGED = "ontvangst-bevestigd", _("Ontvangst bevestigd")
    INQUIRY = "vooronderzoek", _("Vooronderzoek")
    DECISION = "besluit-feitenonderzoek", _("Besluit over feitenonderzoek")
    FACT_FINDING = "feitenonderzoek", _("Feitenonderzoek")
    HEARING = "hoor-en-wederhoor", _("Hoor en wederhoor")
    CONCLUDED = "conclusie", _("Conclusie getrokken")
    CLOSED = "afgesloten", _("Afgesloten")
    REFERRED = "doorverwezen", _("Doorverwezen")
    NO_FURTHER_ACTION = "geen-vervolg", _("Geen vervolg")


class Investigation(models.TextChoices):
    FEITENONDERZOEK = "feitenonderzoek", _("Ja (feitenonderzoek)")
    VOORONDERZOEK = "vooronderzoek", _("Nee, vooronderzoek")


class Conclusion(models.TextChoices):
    SCHENDING = "schending-vastgesteld", _("Vastgesteld: integriteitsschending")
    GEEN_SCHENDING = "geen-schending", _("Vastgesteld: geen integriteitsschending")
    NIET_VASTGESTELD = "niet-vastgesteld", _("Niet vastgesteld")
    IN_ONDERZOEK = "in-onderzoek", _("Onderzoek loopt nog")


class Consequence(models.TextChoices):
    GEEN = "geen", _("Geen")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing")
    ANDERE_MAATREGEL = "andere-maatregel", _("Andere disciplinaire maatregel")
    NOG_TE_BEPALEN = "nog-te-bepalen", _("Nog te bepalen")
    NIET_VAN_TOEPASSING = "niet-van-toepassing", _("Niet van toepassing")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the last day of that month when it is shorter."""
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


class IntegrityReport(models.Model):
    """A report of a suspected integrity violation (melding), and the office's handling of it.

    Reporters file it through the web form (anonymously if they wish); the integrity office also
    registers reports that arrive by phone, mail or in person. Only the office sees it. The
    identifying content (description, persons, contact details, messages, files) is encrypted and
    is removed by the retention command; the statistics fields stay.
    """

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    # --- what the reporter tells (encrypted where it is free text)
    category = models.CharField(
        _("onderwerp volgens de gedragscode"), max_length=40, choices=Category.choices
    )
    description = EncryptedTextField(_("wat is er gebeurd"), blank=True)
    occurred = EncryptedTextField(_("wanneer"), blank=True)
    department = models.ForeignKey(
        "home.Department",
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="integrity_reports",
    )
    persons_involved = EncryptedTextField(_("betrokken personen"), blank=True)
    source = models.CharField(_("bron"), max_length=40, choices=Source.choices)
    channel = models.CharField(
        _("binnengekomen via"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    contact_details = EncryptedTextField(_("contactgegevens van de melder"), blank=True)
    # Only the day: an anonymous report keeps no precise time.
    received_on = models.DateField(_("ontvangen op"), default=timezone.localdate)

    # --- receipt code: a slow hash and a non-secret lookup prefix, never the code itself
    receipt_prefix = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    receipt_hash = models.CharField(max_length=255, blank=True, editable=False)

    # --- case handling by the integrity office
    subject = models.CharField(
        _("onderwerp (publiceerbaar)"),
        max_length=200,
        blank=True,
        help_text=_("Korte omschrijving zonder namen, zoals in de bijlage van het jaarverslag."),
    )
    # Changed only by `forms.case_flow.apply` (never a free dropdown).
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    acknowledged_on = models.DateField(_("ontvangst bevestigd op"), null=True, blank=True)
    feedback_on = models.DateField(_("terugkoppeling gegeven op"), null=True, blank=True)
    investigation = models.CharField(
        _("aanleiding voor feitenonderzoek"), max_length=20, choices=Investigation.choices, blank=True
    )
    conclusion = models.CharField(_("conclusie"), max_length=30, choices=Conclusion.choices, blank=True)
    consequence = models.CharField(_("gevolgen"), max_length=30, choices=Consequence.choices, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "De medewerker van het Integriteitsbureau die een melding per telefoon of post invoerde."
        ),
    )
    purged_on = models.DateField(_("inhoud verwijderd op"), null=True, blank=True, editable=False)
    # --- who handles the case (members of the integrity office; see forms.viewsets.CaseForm)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_integrity_cases",
    )
    # The day a reporter used the one message allowed after closing (forms.signals).
    final_message_on = models.DateField(
        _("laatste bericht na afsluiten"), null=True, blank=True, editable=False
    )
    co_handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medebehandelaars"),
        blank=True,
        related_name="co_handled_integrity_cases",
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("integriteitsmelding")
        verbose_name_plural = _("integriteitsmeldingen")
        # The annual figures filter on the year received (docs/performance.md, "Statistics").
        indexes = [models.Index(fields=["received_on"], name="forms_report_received_on")]

    def __str__(self) -> str:
        return self.reference

    @property
    @display(description=_("Kenmerk"))  # the case list's first column, in Dutch
    def reference(self) -> str:
        return f"M{self.received_on:%Y}-{self.pk or 0:04d}"

    @property
    def acknowledge_by(self) -> datetime.date:
        from forms import timers

        return timers.acknowledge_by(self.received_on)

    @property
    def feedback_by(self) -> datetime.date:
        from forms import timers

        return timers.feedback_by(self.received_on, self.acknowledged_on)

    def acknowledgement_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.acknowledged_on is None and not self.is_closed and today > self.acknowledge_by

    def feedback_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.feedback_on is None and not self.is_closed and today > self.feedback_by

    @property
    def is_closed(self) -> bool:
        from forms.case_flow import CLOSED_STATES

        return self.closed_on is not None or self.status in CLOSED_STATES


class CaseTransition(models.Model):
    """One step of a case through the investigation protocol: who took it, when, with what note."""

    report = models.ForeignKey(IntegrityReport, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(_("stap"), max_length=40)
    source = models.CharField(_("van"), max_length=30, choices=Status.choices)
    target = models.CharField(_("naar"), max_length=30, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The protocol date the office gives the step, and when it was recorded.
    on = models.DateField(_("datum"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    note = EncryptedTextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("stap in de zaak")
        verbose_name_plural = _("stappen in de zaak")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.name} {self.on:%Y-%m-%d}"


class Message(models.Model):
    """A message between the reporter (through the follow-up page) and the integrity office."""

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    class Author(models.TextChoices):
        REPORTER = "melder", _("Melder")
        OFFICE = "integriteitsbureau", _("Integriteitsbureau")

    report = models.ForeignKey(IntegrityReport, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(_("van"), max_length=20, choices=Author.choices)
    body = EncryptedTextField(_("bericht"))
    # Only the day, for the same reason as the report.
    sent_on = models.DateField(_("verstuurd op"), default=timezone.localdate)
    # A reporter's message is unread until the case's owner (any office member when it has none)
    # opens the case.
    read = models.BooleanField(_("gelezen"), default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"{self.get_author_display()}, {self.sent_on:%Y-%m-%d}"


class Attachment(models.Model):
    """A file the reporter added, rebuilt from its pixels (forms/attachments.py) and encrypted."""

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    report = models.ForeignKey(IntegrityReport, on_delete=models.CASCADE, related_name="attachments")
    name = EncryptedTextField(_("bestandsnaam"))
    content_type = models.CharField(_("soort"), max_length=100)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    pages = models.PositiveSmallIntegerField(_("pagina's"), default=1)
    data = models.BinaryField(editable=False)
    added_on = models.DateField(_("toegevoegd op"), default=timezone.localdate)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.name

    def description(self) -> str:
        """'verslag.pdf (PDF, 3 pagina's, 240 KB)', as the reporter saw it after the rebuild."""
        from forms.attachments import describe

        return describe(self.name, self.content_type, self.pages, self.size)

    def content(self) -> bytes:
        from forms.crypto import decrypt_bytes

        return decrypt_bytes(self.data)


class InternalNote(models.Model):
    """A note of the integrity office on a case, never shown to the reporter."""

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    report = models.ForeignKey(IntegrityReport, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField(_("notitie"))
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.created_at:%Y-%m-%d}"


class AuditLogQuerySet(models.QuerySet):
    """Bulk writes would bypass the chain (`forms.audit`): refused like `save` and `delete` are."""

    def update(self, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    def delete(self):
        raise PermissionDenied("The audit log is append-only.")

    def bulk_update(self, *args, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    def bulk_create(self, *args, **kwargs):
        raise PermissionDenied("Audit log entries are appended one by one through forms.audit.record.")


class AuditLogEntry(models.Model):
    """Who looked at or changed a case, and when. Append-only and tamper-evident.

    Each entry carries an HMAC (keyed with `PORTAL_AUDIT_KEY`, kept outside the database) over its
    content, its sequence number and the previous entry's MAC; `manage.py verify_audit_log` walks the
    chain. Written only through `forms.audit.record` (a plain `create` is chained the same way).
    """

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    # Empty for entries about the portal itself (role changes) rather than one case.
    report = models.ForeignKey(
        IntegrityReport, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_log"
    )
    # The user id stays when the account is deleted: the trail keeps who did it (and the MAC holds).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=40)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    # Empty for events the reporter causes (a report arriving, a reporter's message): only the day.
    at = models.DateTimeField(_("tijdstip"), null=True, blank=True, editable=False)
    on = models.DateField(_("datum"), editable=False)
    sequence = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    mac = models.CharField(max_length=64, editable=False)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        default_permissions = ("view",)
        verbose_name = _("auditlogregel")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M:%S}" if self.at else f"{self.on:%Y-%m-%d}"
        return f"{when} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None or self.sequence is not None:
            raise PermissionDenied("The audit log is append-only.")
        from forms.audit import chain_and_insert

        chain_and_insert(self, date_only=False, using=kwargs.get("using"))

    def _insert(self, using=None):
        """The one real INSERT, called by `forms.audit` while it holds the chain head."""
        super().save(force_insert=True, using=using)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log is append-only.")


class AuditChainHead(models.Model):
    """The last sequence number and MAC of the audit log: one row, locked while an entry is appended
    so that concurrent workers never fork the chain. Verification compares it with the last entry."""

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    sequence = models.PositiveBigIntegerField(default=0)
    mac = models.CharField(max_length=64, blank=True)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.sequence}:{self.mac}"


class AdvisorTopic(models.TextChoices):
    ONGEWENST_GEDRAG = "ongewenst-gedrag", _("Ongewenst gedrag")
    INTEGRITEITSSCHENDING = "integriteitsschending", _("Vermoeden van integriteitsschending")
    OVERIG = "overig", _("Ander onderwerp")


class AdvisorSubtopic(models.TextChoices):
    INTIMIDATIE = "intimidatie", _("Intimidatie")
    PESTEN = "pesten", _("Pesten")
    DISCRIMINATIE = "discriminatie", _("Discriminatie")
    SEKSUELE_INTIMIDATIE = "seksuele-intimidatie", _("Seksuele intimidatie")
    AGRESSIE_EN_GEWELD = "agressie-en-geweld", _("Agressie en geweld")
    MISBRUIK_POSITIE = (
        "misbruik-positie-belangenverstrengeling",
        _("Misbruik van positie of belangenverstrengeling"),
    )
    MISBRUIK_INFORMATIE = "misbruik-manipulatie-informatie", _("Misbruik of manipulatie van informatie")
    DUBIEUZE_GIFTEN = "dubieuze-giften-beloften", _("Dubieuze giften en beloften")
    ONVERENIGBARE_FUNCTIES = (
        "onverenigbare-functies-activiteiten",
        _("Onverenigbare functies of activiteiten"),
    )
    WANGEDRAG_VRIJE_TIJD = "wangedrag-vrije-tijd", _("Wangedrag in vrije tijd")


SUBTOPICS_OF = {
    AdvisorTopic.ONGEWENST_GEDRAG: list(AdvisorSubtopic)[:5],
    AdvisorTopic.INTEGRITEITSSCHENDING: list(AdvisorSubtopic)[5:],
    AdvisorTopic.OVERIG: [],
}


class AdvisorRegistration(ClusterableModel):
    """A confidential advisor's pseudonymous record of one colleague who came to them.

    No name: a pseudonym the advisor chooses, the department, the topic. Each conversation is a
    dated row below it. Only the advisor who wrote it sees it; the statistics count them.
    """

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vertrouwenspersoon"),
        on_delete=models.PROTECT,
        related_name="advisor_registrations",
        editable=False,
    )
    pseudonym = models.CharField(
        _("pseudoniem"),
        max_length=60,
        help_text=_("Een kenmerk dat jij herkent; geen naam of personeelsnummer."),
    )
    department = models.ForeignKey(
        "home.Department",
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advisor_registrations",
    )
    topic = models.CharField(_("onderwerp"), max_length=30, choices=AdvisorTopic.choices)
    subtopic = models.CharField(_("soort"), max_length=50, choices=AdvisorSubtopic.choices, blank=True)

    class Meta:
        ordering = ["pseudonym"]
        unique_together = [("advisor", "pseudonym")]
        verbose_name = _("registratie vertrouwenspersoon")
        verbose_name_plural = _("registraties vertrouwenspersonen")

    def __str__(self) -> str:
        return self.pseudonym

    def clean(self):
        from django.core.exceptions import ValidationError

        allowed = SUBTOPICS_OF.get(self.topic, [])
        if self.subtopic and self.subtopic not in allowed:
            raise ValidationError({"subtopic": _("Deze soort hoort niet bij het gekozen onderwerp.")})
        if allowed and not self.subtopic:
            raise ValidationError({"subtopic": _("Kies de soort.")})


class AdvisorConversation(models.Model):
    """One conversation of a confidential advisor with a colleague (only the date)."""

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    registration = ParentalKey(AdvisorRegistration, on_delete=models.CASCADE, related_name="conversations")
    held_on = models.DateField(_("datum van het gesprek"))

    class Meta:
        ordering = ["held_on"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        # The annual figures select the year's conversations and their colleagues: covered by this
        # index (docs/performance.md, "Statistics").
        indexes = [models.Index(fields=["held_on", "registration"], name="forms_conversation_held_on")]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d}"


class SubmissionNonce(models.Model):
    """The one-time nonce of a sent report form, so that a form is stored once (`forms.nonces`).

    Claimed in the transaction that stores the report; a unique key, not a cache, decides across
    processes and servers. Holds a hash of the nonce and the day only: no link to the report, no
    sequence number that would order it among reports, and it is deleted after a few days.
    """

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    digest = models.CharField(max_length=64, primary_key=True)
    claimed_on = models.DateField(db_index=True)

    class Meta:
        verbose_name = _("gebruikt formulierkenmerk")
        verbose_name_plural = _("gebruikte formulierkenmerken")

    def __str__(self) -> str:
        return self.digest[:8]


from forms.case_events import CaseEvent, ProtocolReminderClaim  # noqa: E402, F401 (dated protocol events)
from forms.case_tasks import CaseTask, CaseTemplate, CaseTemplateTask  # noqa: E402,F401 (task checklists)

# The lessons-learned register lives in a module of its own (issue #15).
from forms.lessons.models import LessonMeasure, LessonStatus  # noqa: E402, F401
