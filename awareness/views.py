"""Views of the awareness room that are not pages: registering, cancelling, feeds, evaluations."""

import csv
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from awareness import services
from awareness.calendar import localize_items, translations_of
from awareness.forms import EvaluationForm, IntroductionAttendanceForm, RegistrationForm
from awareness.ics import calendar_document
from awareness.models import (
    Evaluation,
    IntroductionAttendance,
    ProgrammeItemPage,
    Registration,
    Session,
)
from awareness.permissions import can_manage_item, owns_registration
from home.models import EmployeeProfile, Theme


def default_department(user):
    """The user's department from their profile, else the one they chose when they last registered."""
    profile = EmployeeProfile.objects.filter(user=user).only("department_id").first()
    if profile is not None and profile.department_id:
        return profile.department_id
    last = (
        Registration.objects.filter(user=user, department__isnull=False)
        .order_by("-created_at")
        .only("department")
        .first()
    )
    return last.department_id if last else None


def register(request, session_id: int):
    # The form shows places left (counted with the session); a sign-up counts under its lock, and
    # a refused one's page counts them when it shows them (`Session.places_left`).
    sessions = Session.objects.with_counts() if request.method != "POST" else Session.objects.all()
    session = get_object_or_404(sessions.filter(item__live=True), pk=session_id)
    problem = None
    if session.cancelled:
        problem = _("Deze sessie gaat niet door.")
    elif session.is_past:
        problem = _("Deze sessie is al voorbij.")
    elif not session.is_open:
        problem = _("De aanmelding voor deze sessie is gesloten.")
    initial = {
        "name": request.user.get_full_name() or request.user.get_username(),
        "email": request.user.email,  # also the value posted: the field is disabled (below)
    }
    if not request.POST:  # a posted form carries the department chosen; initial shows on a new form
        initial["department"] = default_department(request.user)
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.user.email:
        # The account's address: people register themselves, not others, and only once.
        form.fields["email"].disabled = True
        form.fields["email"].help_text = _("Het adres van je account; dit kun je hier niet wijzigen.")
    if request.method == "POST" and problem is None and form.is_valid():
        applicant = services.Applicant(
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            department_id=form.cleaned_data["department"].pk if form.cleaned_data["department"] else None,
            user_id=request.user.pk,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        try:
            registration = services.register(session.pk, applicant)
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, _("Je bent aangemeld. De bevestiging staat in je mail."))
            else:
                messages.info(
                    request,
                    _(
                        "De sessie is vol: je staat op de wachtlijst. "
                        "We mailen je als er een plaats vrijkomt."
                    ),
                )
            return redirect("awareness:my_registrations")
    # The session belongs to the Dutch item; the page speaks of its translation where there is one.
    item = session.item  # loaded with the session for the form, on its own after a refused sign-up
    shown = item.get_translation_or_none(Locale.get_active())
    if shown is None or not shown.live:
        shown = item
    return render(
        request,
        "awareness/register.html",
        {
            "form": form,
            "session": session,
            "item": shown,
            "item_url": shown.get_url(request),
            "problem": problem,
        },
        status=200,
    )


def my_registrations(request):
    registrations = list(
        Registration.objects.filter(user=request.user)
        .select_related("session__item", "evaluation")
        .prefetch_related("session__item__themes")
        .order_by("-session__start")
    )
    # Activities under their title in the page's language (the sessions belong to the Dutch items).
    localize_items([r.session.item for r in registrations], Locale.get_active().pk, request)
    now = timezone.now()
    upcoming = [
        r for r in registrations if r.session.end >= now and r.status != Registration.Status.CANCELLED
    ]
    past = [r for r in registrations if r.session.end < now or r.status == Registration.Status.CANCELLED]
    for registration in past:
        registration.can_evaluate = (
            registration.status == Registration.Status.CONFIRMED
            and registration.attended is not False
            and registration.session.end < now
            and not hasattr(registration, "evaluation")
        )
    return render(request, "awareness/my_registrations.html", {"upcoming": upcoming, "past": past})


@require_POST
def cancel(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    if not owns_registration(request.user, registration):
        raise PermissionDenied
    try:
        services.cancel(registration.pk)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Je bent afgemeld."))
    return redirect("awareness:my_registrations")


@login_not_required  # the link in the e-mail: its signed token proves who it is for
def cancel_by_link(request, token: str):
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    done = registration.status == Registration.Status.CANCELLED
    error = None
    if request.method == "POST" and not done:
        try:
            services.cancel(registration.pk)
        except services.RegistrationError as exc:
            error = str(exc)
        else:
            done = True
    localize_items([registration.session.item], Locale.get_active().pk, request)
    return render(
        request,
        "awareness/cancel_by_link.html",
        {"registration": registration, "done": done, "error": error},
    )


def evaluate(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("session__item"), pk=pk)
    if not owns_registration(request.user, registration):
        raise PermissionDenied
    attended = registration.status == Registration.Status.CONFIRMED and registration.attended is not False
    if not attended or not registration.session.is_past:
        messages.error(request, _("Je kunt een sessie evalueren als je erbij was en hij voorbij is."))
        return redirect("awareness:my_registrations")
    if Evaluation.objects.filter(registration=registration).exists():
        messages.info(request, _("Je hebt deze sessie al geëvalueerd. Dank je wel!"))
        return redirect("awareness:my_registrations")
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.registration = registration
        form.save()
        messages.success(request, _("Dank je wel voor je evaluatie."))
        return redirect("awareness:my_registrations")
    localize_items([registration.session.item], Locale.get_active().pk, request)
    return render(request, "awareness/evaluate.html", {"form": form, "registration": registration})


def introduction(request):
    """A new colleague records attending an introduction meeting and taking the declaration."""
    mine = IntroductionAttendance.objects.filter(user=request.user).select_related("meeting").first()
    form = IntroductionAttendanceForm(
        request.POST or None, initial={"department": default_department(request.user)}
    )
    if mine is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            IntroductionAttendance.objects.update_or_create(
                meeting=data["meeting"],
                email=(request.user.email or f"{request.user.get_username()}@portaal.invalid").lower(),
                defaults={
                    "user": request.user,
                    "name": request.user.get_full_name() or request.user.get_username(),
                    "department": data["department"],
                    "declaration": data["declaration"],
                    "declaration_date": data["declaration_date"],
                    "administered_by": data["administered_by"],
                },
            )
        messages.success(request, _("Vastgelegd: je hebt de integriteitsverklaring afgelegd."))
        return redirect("awareness:introduction")
    return render(request, "awareness/introduction.html", {"form": form, "mine": mine})


def _ics_response(sessions, name: str, filename: str) -> HttpResponse:
    """The sessions as a calendar, each named and linked as its item's translation in the feed's
    language (the /en/ feed names English activities) where there is one."""
    sessions = list(sessions)
    items = [session.item for session in sessions]
    by_key = translations_of(items, Locale.get_active().pk)
    shown = {item.pk: by_key[item.translation_key] for item in items if item.translation_key in by_key}
    document = calendar_document(sessions, name, shown=shown)
    response = HttpResponse(document, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def feed_access(view):
    """Feeds open to a signed-in colleague, or to a calendar program with the colleague's token."""

    @login_not_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            not request.user.is_authenticated
            and services.user_from_feed_token(request.GET.get("token", "")) is None
        ):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


@feed_access
def feed_all(request):
    sessions = Session.objects.filter(item__live=True).select_related("item")
    return _ics_response(sessions, _("Activiteiten integriteit en weerbaarheid"), "activiteiten.ics")


@feed_access
def feed_theme(request, slug: str):
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        raise Http404
    sessions = (
        Session.objects.filter(item__live=True, item__themes__slug=slug).select_related("item").distinct()
    )
    return _ics_response(sessions, theme.name, f"{slug}.ics")


@feed_access
def feed_session(request, pk: int):
    session = get_object_or_404(Session.objects.filter(item__live=True).select_related("item"), pk=pk)
    translated = translations_of([session.item], Locale.get_active().pk).get(session.item.translation_key)
    return _ics_response([session], (translated or session.item).title, f"sessie-{pk}.ics")


# Organiser tools (in the Wagtail admin) ----------------------------------------------------------


def _managed_session(request, pk: int) -> Session:
    session = get_object_or_404(Session.objects.with_counts(), pk=pk)
    if not can_manage_item(request.user, session.item):
        raise PermissionDenied
    return session


def session_registrations(request, pk: int):
    """Registrations and waitlist of a session, with the check-in list for the door."""
    session = _managed_session(request, pk)
    registrations = list(
        session.registrations.select_related("department").order_by("status", "created_at", "pk")
    )
    if request.method == "POST":
        present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
        with transaction.atomic():
            for registration in registrations:
                if registration.status != Registration.Status.CONFIRMED:
                    continue
                attended = registration.pk in present
                if registration.attended != attended:
                    registration.attended = attended
                    registration.save(update_fields=["attended"])
        messages.success(request, _("De presentie is opgeslagen."))
        return redirect(reverse("awareness_admin_session", args=[session.pk]))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waitlist = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    cancelled = [r for r in registrations if r.status == Registration.Status.CANCELLED]
    return render(
        request,
        "awareness/admin/session_registrations.html",
        {"session": session, "confirmed": confirmed, "waitlist": waitlist, "cancelled": cancelled},
    )


EXPORT_HEADER = ["Naam", "E-mailadres", "Organisatieonderdeel", "Status", "Aangemeld op", "Aanwezig"]


def _export_rows(session: Session):
    for r in session.registrations.select_related("department").order_by("status", "created_at", "pk"):
        yield [
            r.name,
            r.email,
            r.department.name if r.department else "",
            r.get_status_display(),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            {True: "ja", False: "nee", None: ""}[r.attended],
        ]


def export_registrations(request, pk: int, fmt: str):
    session = _managed_session(request, pk)
    filename = f"aanmeldingen-sessie-{session.pk}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(EXPORT_HEADER)
        for row in _export_rows(session):
            writer.writerow([_csv_safe(value) for value in row])
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Aanmeldingen"))
        sheet.append(EXPORT_HEADER)
        for row in _export_rows(session):
            sheet.append([_xlsx_text(sheet, value) for value in row])
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        workbook.save(response)
        return response
    raise Http404


def _xlsx_text(sheet, value: str):
    """A cell that holds the value as text: openpyxl would store a value starting with "=" as a live
    formula (=HYPERLINK(...) sends whoever opens the file to a site of the typist's choosing)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from running typed-in formulas."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def item_evaluations(request, pk: int):
    item = get_object_or_404(ProgrammeItemPage, pk=pk)
    if not can_manage_item(request.user, item):
        raise PermissionDenied
    evaluations = Evaluation.objects.filter(registration__session__item=item).order_by("-created_at")
    from django.db.models import Avg, Count

    summary = evaluations.aggregate(count=Count("pk"), average=Avg("rating"))
    return render(
        request,
        "awareness/admin/item_evaluations.html",
        {"item": item, "evaluations": evaluations, "summary": summary},
    )
