"""Wagtail admin screens: case handling for the integrity office, registrations for confidential advisors."""

import django_filters
from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, Panel, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from forms import (
    case_views,
    protocol_event_views,
    protocol_timers,
    services,
    signals,
    task_checklists,
    task_views,
    timers,
)
from forms.lessons.viewsets import LessonMeasureViewSet
from forms.models import (
    AdvisorRegistration,
    Category,
    Conclusion,
    IntegrityReport,
    InternalNote,
    Investigation,
    Message,
    Source,
    Status,
)
from forms.permissions import is_integrity_office
from forms.template_viewsets import CaseTemplateViewSet


class RecordPanel(Panel):
    """A read-only part of the case screen (messages, files, notes, deadlines, audit log)."""

    def __init__(self, template: str, **kwargs):
        super().__init__(**kwargs)
        self.template = template

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "template": self.template}

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.template_name = self.panel.template

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            from forms import case_flow

            context.update(
                report=report,
                today=timezone.localdate(),
                steps=case_flow.allowed(report),
                closed_states=case_flow.CLOSED_STATES,
                transitions=list(report.transitions.select_related("by")),
                case_messages=list(report.messages.all()),
                attachments=list(report.attachments.defer("data")),
                notes=list(report.notes.select_related("author")),
                audit_log=list(report.audit_log.select_related("user")[:200]),
            )
            if self.panel.template in PROTOCOL_TEMPLATES:  # dated events and their deadlines
                from forms import protocol_event_panel

                context.update(protocol_event_panel.context(report, context["today"]))
            if self.template_name in TASK_AWARE_PANELS:
                context.update(task_checklists.panel_context(report))
            return context


PROTOCOL_TEMPLATES = ("forms/admin/panel_deadlines.html", "forms/admin/panel_protocol_events.html")
# The panels that show the checklist or say that open mandatory tasks block closing.
TASK_AWARE_PANELS = ("forms/admin/panel_tasks.html", "forms/admin/panel_steps.html")


class CaseForm(WagtailAdminModelForm):
    """The case form, plus a reply to the reporter and an internal note that are saved as records."""

    reply = django_forms.CharField(
        label=_("Bericht aan de melder"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 4}),
        help_text=_("De melder leest dit op de opvolgingspagina met de ontvangstcode."),
    )
    note = django_forms.CharField(
        label=_("Interne notitie"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen zichtbaar voor het Integriteitsbureau."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only members of the office can handle a case; anyone else is refused as a choice.
        members = office_members()
        for name in ("owner", "co_handlers"):
            if name in self.fields:
                self.fields[name].queryset = members

    def clean(self):
        data = super().clean()
        # Status, conclusion, consequence and the closing date change only through the protocol's
        # steps (forms.case_flow); the feedback date is the one date typed here.
        feedback_on, received_on = (
            data.get("feedback_on"),
            data.get("received_on") or self.instance.received_on,
        )
        if feedback_on and feedback_on > timezone.localdate():
            self.add_error("feedback_on", _("Een datum in de toekomst kan niet."))
        elif feedback_on and received_on and feedback_on < received_on:
            self.add_error("feedback_on", _("Deze datum ligt vóór de ontvangst van de melding."))
        return data

    def save(self, commit=True):
        self.instance_existed = self.instance.pk is not None
        with transaction.atomic():
            report = super().save(commit=commit)
            if commit:
                self.save_records(report)
        return report

    def save_records(self, report):
        user = getattr(self, "for_user", None)
        if self.instance_existed and "owner" in self.changed_data:
            before = self.initial.get("owner")
            services.audit_detail(
                report,
                user,
                "behandelaar gewijzigd",
                {"van": getattr(before, "pk", before), "naar": report.owner_id},
            )
            task_checklists.give_unowned_tasks_to(report)
        if self.instance_existed and "co_handlers" in self.changed_data:
            before = sorted(getattr(item, "pk", item) for item in self.initial.get("co_handlers") or [])
            after = sorted(report.co_handlers.values_list("pk", flat=True))
            services.audit_detail(report, user, "medebehandelaars gewijzigd", {"van": before, "naar": after})
        if self.cleaned_data.get("reply", "").strip():
            Message.objects.create(
                report=report, author=Message.Author.OFFICE, body=self.cleaned_data["reply"]
            )
        if self.cleaned_data.get("note", "").strip():
            InternalNote.objects.create(report=report, author=user, body=self.cleaned_data["note"])


def office_members():
    from django.contrib.auth import get_user_model

    from portal.roles import Role

    return get_user_model().objects.filter(is_active=True, groups__name=str(Role.INTEGRITY_OFFICE)).distinct()


class CaseFilterSet(WagtailFilterSet):
    mine = django_filters.BooleanFilter(label=_("Mijn zaken"), method="filter_mine")
    unread = django_filters.BooleanFilter(label=_("Ongelezen berichten"), method="filter_unread")
    year = django_filters.NumberFilter(label=_("Jaar"), field_name="received_on", lookup_expr="year")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    category = django_filters.ChoiceFilter(label=_("Onderwerp"), choices=Category.choices)
    source = django_filters.ChoiceFilter(label=_("Bron"), choices=Source.choices)
    investigation = django_filters.ChoiceFilter(label=_("Feitenonderzoek"), choices=Investigation.choices)
    conclusion = django_filters.ChoiceFilter(label=_("Conclusie"), choices=Conclusion.choices)
    overdue = django_filters.BooleanFilter(label=_("Termijn verstreken"), method="filter_overdue")
    feedback_overdue = django_filters.BooleanFilter(
        label=_("Terugkoppeling te laat"), method="filter_feedback_overdue"
    )

    class Meta:
        model = IntegrityReport
        fields = ["year", "status", "category", "department", "source", "investigation", "conclusion"]

    def filter_mine(self, queryset, name, value):
        if value is None or self.request is None:
            return queryset
        user = self.request.user
        mine = Q(owner=user) | Q(
            pk__in=IntegrityReport.co_handlers.through.objects.filter(user=user).values("integrityreport")
        )
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_unread(self, queryset, name, value):
        if value is None:
            return queryset
        unread = Q(pk__in=Message.objects.filter(read=False).values("report"))
        return queryset.filter(unread) if value else queryset.exclude(unread)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        overdue = timers.overdue(today) | protocol_timers.overdue(today)  # statutory or protocol
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_feedback_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = timers.feedback_overdue(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class UnreadColumn(Column):
    def get_value(self, instance):
        return getattr(instance, "unread", 0) or "—"


class DeadlineColumn(Column):
    def get_value(self, instance):
        markers = []
        if instance.acknowledgement_overdue():
            markers.append(str(_("bevestiging te laat")))
        if instance.feedback_overdue():
            markers.append(str(_("terugkoppeling te laat")))
        if getattr(instance, "protocol_late", False):  # annotated by AuditedIndexView
            markers.append(str(_("protocoltermijn verstreken")))
        return ", ".join(markers) or "—"


class AuditedEditView(generic.EditView):
    """The case screen: every view and every change is written to the audit log."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.audit(self.object, request.user, "bekeken")
        signals.mark_read(self.object, request.user)
        return response

    def save_instance(self):
        # Saved without Wagtail's log entries: those show up in the site history report, which
        # people outside the integrity office can read. The case's own audit log records changes.
        return self.form.save()

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        services.audit(
            self.object, request.user, "gewijzigd" if response.status_code == 302 else "wijziging geprobeerd"
        )
        return response


class AuditedHistoryView(generic.history.HistoryView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.audit(self.object, request.user, "geschiedenis bekeken")
        return response


class AuditedUsageView(generic.usage.UsageView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.audit(self.object, request.user, "gebruik bekeken")
        return response


class RegisteringCreateView(generic.CreateView):
    """The office registers a report that came in by phone, mail or in person."""

    def save_instance(self):
        self.form.instance.registered_by = self.request.user
        if self.form.instance.owner_id is None:  # whoever registers it handles it, until reassigned
            self.form.instance.owner = self.request.user
        with transaction.atomic():
            report = self.form.save()  # no Wagtail log entry (see AuditedEditView.save_instance)
            services.audit(report, self.request.user, "geregistreerd")
            task_checklists.apply_templates(report, user=self.request.user)
        return report


class AuditedIndexView(generic.IndexView):
    def get_base_queryset(self):
        unread = Count("messages", filter=Q(messages__read=False, messages__author=Message.Author.REPORTER))
        protocol_late = Case(
            When(protocol_timers.overdue(timezone.localdate()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        return (
            super()
            .get_base_queryset()
            .select_related("department", "owner")
            .annotate(unread=unread, protocol_late=protocol_late)
        )

    def get(self, request, *args, **kwargs):
        if self.is_export:
            # Exports hold non-identifying fields only; still, record that one was made.
            for report in self.get_queryset().select_related(None).only("pk"):
                services.audit(report, request.user, "geëxporteerd")
        return super().get(request, *args, **kwargs)


class IntegrityReportViewSet(ModelViewSet):
    model = IntegrityReport
    icon = "warning"
    menu_label = _("Integriteitsmeldingen")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = AuditedIndexView
    edit_view_class = AuditedEditView
    history_view_class = AuditedHistoryView
    usage_view_class = AuditedUsageView
    add_view_class = RegisteringCreateView
    filterset_class = CaseFilterSet
    list_per_page = 50
    list_display = [
        "reference",
        "received_on",
        "category",
        "department",
        "status",
        "owner",
        UnreadColumn("unread", label=_("Ongelezen berichten")),
        DeadlineColumn("deadlines", label=_("Termijnen")),
    ]
    list_export = [
        "reference",
        "received_on",
        "get_category_display",
        "department",
        "get_source_display",
        "get_channel_display",
        "get_status_display",
        "get_investigation_display",
        "get_conclusion_display",
        "get_consequence_display",
        "acknowledged_on",
        "feedback_on",
        "closed_on",
    ]
    export_headings = {
        "reference": _("Kenmerk"),
        "get_category_display": _("Onderwerp"),
        "get_source_display": _("Bron"),
        "get_channel_display": _("Binnengekomen via"),
        "get_status_display": _("Status"),
        "get_investigation_display": _("Feitenonderzoek"),
        "get_conclusion_display": _("Conclusie"),
        "get_consequence_display": _("Gevolgen"),
    }
    export_filename = "integriteitsmeldingen"
    search_fields = []

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    RecordPanel("forms/admin/panel_deadlines.html", heading=_("Termijnen")),
                    RecordPanel(
                        "forms/admin/panel_steps.html",
                        heading=_("Afhandeling volgens het onderzoeksprotocol"),
                    ),
                    RecordPanel(
                        "forms/admin/panel_protocol_events.html",
                        heading=_("Gebeurtenissen volgens het onderzoeksprotocol"),
                    ),
                    RecordPanel("forms/admin/panel_tasks.html", heading=_("Taken")),
                    FieldPanel("owner"),
                    FieldPanel("co_handlers", widget=django_forms.CheckboxSelectMultiple),
                    FieldPanel("feedback_on"),
                    FieldPanel("subject"),
                ],
                heading=_("Afhandeling"),
            ),
            ObjectList(
                [
                    FieldPanel("category"),
                    FieldPanel("description"),
                    FieldPanel("occurred"),
                    FieldPanel("department"),
                    FieldPanel("persons_involved"),
                    FieldPanel("source"),
                    FieldPanel("channel"),
                    FieldPanel("received_on"),
                    FieldPanel("contact_details"),
                ],
                heading=_("Melding"),
            ),
            ObjectList(
                [
                    RecordPanel("forms/admin/panel_messages.html", heading=_("Berichten en bestanden")),
                    FieldPanel("reply"),
                    RecordPanel("forms/admin/panel_notes.html", heading=_("Interne notities")),
                    FieldPanel("note"),
                ],
                heading=_("Berichten en notities"),
            ),
            ObjectList(
                [RecordPanel("forms/admin/panel_audit.html", heading=_("Auditlog"))],
                heading=_("Auditlog"),
            ),
        ],
        base_form_class=CaseForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/bijlage/<int:attachment_pk>/", self.attachment_view, name="attachment"),
            path("<int:pk>/stap/<slug:name>/", case_views.step, name="step"),
            path("<int:pk>/gebeurtenis/<slug:kind>/", protocol_event_views.event, name="protocol_event"),
            path(
                "<int:pk>/gebeurtenis/<slug:kind>/document/",
                protocol_event_views.document,
                name="protocol_document",
            ),
            path("<int:pk>/taken/nieuw/", task_views.add, name="task_add"),
            path("<int:pk>/taken/<int:task_pk>/", task_views.detail, name="task"),
        ]

    def attachment_view(self, request, pk, attachment_pk):
        if not is_integrity_office(request.user):
            raise PermissionDenied
        report = get_object_or_404(IntegrityReport, pk=pk)
        attachment = get_object_or_404(report.attachments, pk=attachment_pk)
        services.audit(report, request.user, "bijlage gedownload")
        response = HttpResponse(attachment.content(), content_type=attachment.content_type)
        extension = {"application/pdf": "pdf", "image/png": "png"}.get(attachment.content_type, "jpg")
        response["Content-Disposition"] = f"attachment; filename=bijlage-{attachment.pk}.{extension}"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


class OwnCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.advisor = self.request.user
        return super().save_instance()


class OwnObjectMixin:
    """A registration's screens are its advisor's only; the role alone is not enough."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj.advisor_id != self.request.user.pk:
            raise PermissionDenied
        return obj


class OwnEditView(OwnObjectMixin, generic.EditView):
    pass


class OwnDeleteView(OwnObjectMixin, generic.DeleteView):
    pass


class OwnHistoryView(OwnObjectMixin, generic.history.HistoryView):
    pass


class OwnUsageView(OwnObjectMixin, generic.usage.UsageView):
    pass


class OwnIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(advisor=self.request.user)
            .select_related("department")
            .prefetch_related("conversations")
        )


class ConversationCountColumn(Column):
    def get_value(self, instance):
        return len(instance.conversations.all())


class AdvisorRegistrationViewSet(ModelViewSet):
    model = AdvisorRegistration
    icon = "user"
    menu_label = _("Mijn registraties")
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = OwnIndexView
    add_view_class = OwnCreateView
    edit_view_class = OwnEditView
    delete_view_class = OwnDeleteView
    history_view_class = OwnHistoryView
    usage_view_class = OwnUsageView
    inspect_view_enabled = False
    list_display = [
        "pseudonym",
        "department",
        "topic",
        "subtopic",
        ConversationCountColumn("conversations", label=_("Gesprekken")),
    ]
    search_fields = []
    panels = [
        FieldPanel("pseudonym"),
        FieldPanel("department"),
        FieldPanel("topic"),
        FieldPanel("subtopic"),
        InlinePanel("conversations", heading=_("Gesprekken"), label=_("Gesprek"), min_num=1),
    ]


class IntegrityViewSetGroup(ModelViewSetGroup):
    menu_label = _("Integriteit")
    menu_icon = "warning"
    menu_order = 250
    items = (
        IntegrityReportViewSet("integriteitsmeldingen"),
        AdvisorRegistrationViewSet("vertrouwenspersonen"),
        CaseTemplateViewSet("zaaksjablonen"),
        LessonMeasureViewSet("lessen-uit-meldingen"),
    )
