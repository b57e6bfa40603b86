"""Dated protocol events of a case: the director's decision, the investigators, the draft report, the
hearing, the final report, the conclusion and the communication to the person concerned.

Each kind happens once per case (a correction edits it) with the day it happened, an optional note and
an optional document, rebuilt from its pixels and encrypted like a reporter's attachment
(`forms.attachments`). Written only through `forms.protocol_events`, which checks the protocol's order
and writes the audit log. Imported at the end of `forms.models`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forms.crypto import EncryptedTextField


class EventKind(models.TextChoices):
    """In the protocol's order (`forms.protocol_events.ORDER`)."""

    DECISION = "besluit-directeur", _("Besluit van de directeur over feitenonderzoek")
    INVESTIGATORS = "onderzoekers-aangewezen", _("Onderzoekers aangewezen")
    DRAFT_REPORT = "conceptrapport", _("Conceptrapport")
    HEARING = "hoor-en-wederhoor", _("Hoor en wederhoor")
    FINAL_REPORT = "eindrapport", _("Definitief rapport")
    CONCLUSION = "conclusie", _("Conclusie van de directeur")
    COMMUNICATION = "mededeling-betrokkene", _("Mededeling aan de betrokkene")


class CaseEvent(models.Model):
    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    report = models.ForeignKey(
        "forms.IntegrityReport", on_delete=models.CASCADE, related_name="protocol_events"
    )
    kind = models.CharField(_("gebeurtenis"), max_length=30, choices=EventKind.choices)
    on = models.DateField(_("datum"))
    note = EncryptedTextField(_("toelichting"), blank=True)
    # The rebuilt document (forms.attachments.CleanFile), encrypted; empty until one is added.
    document_name = EncryptedTextField(_("document"), blank=True)
    document_type = models.CharField(_("soort document"), max_length=100, blank=True)
    document_size = models.PositiveIntegerField(_("grootte in bytes"), default=0)
    document_pages = models.PositiveSmallIntegerField(_("pagina's"), default=0)
    document_data = models.BinaryField(null=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Only the day, like everything stored with a report.
    recorded_on = models.DateField(_("vastgelegd op"))

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("protocolgebeurtenis")
        verbose_name_plural = _("protocolgebeurtenissen")
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="forms_caseevent_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.kind} {self.on:%Y-%m-%d}"

    @property
    def has_document(self) -> bool:
        return bool(self.document_type)

    def document_description(self) -> str:
        from forms.attachments import describe

        return describe(self.document_name, self.document_type, self.document_pages, self.document_size)

    def document_content(self) -> bytes:
        from forms.crypto import decrypt_bytes

        return decrypt_bytes(bytes(self.document_data))


class ProtocolReminderClaim(models.Model):
    """A protocol deadline named in the daily reminder on one day: the unique key makes every worker
    agree that it is listed once that day. Rows of earlier days are removed by the reminder itself."""

    # Page cache: never shown on a page: its writes leave the page cache alone (portal/cache.py).
    page_cache_scopes = ()

    report = models.ForeignKey("forms.IntegrityReport", on_delete=models.CASCADE, related_name="+")
    timer = models.CharField(max_length=30)
    on = models.DateField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["report", "timer", "on"], name="forms_reminderclaim_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.timer} {self.on:%Y-%m-%d}"
