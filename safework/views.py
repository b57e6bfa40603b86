"""Site views of the declarations register: declare, see your own, decide as manager, second opinion
as the integrity office. The office and HR browse, filter and export the whole register in the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.roles import Role, has_role
from safework import permissions, screening, services
from safework.forms import DecisionForm, GiftDeclarationForm, OutsideWorkDeclarationForm
from safework.models import Declaration, DeclarationKind, DeclarationStatus
from safework.training_overview import can_view_training_overview

FORMS = {DeclarationKind.GIFT: GiftDeclarationForm, DeclarationKind.OUTSIDE_WORK: OutsideWorkDeclarationForm}


def declaration_list(request):
    user = request.user
    if not permissions.can_declare(user):
        raise PermissionDenied
    own = Declaration.objects.filter(employee=user)
    to_decide = Declaration.objects.none()
    if has_role(user, Role.MANAGER):
        to_decide = Declaration.objects.filter(manager=user, status=DeclarationStatus.AWAITING_MANAGER)
    if permissions.is_office(user):
        to_decide = Declaration.objects.filter(
            Q(status=DeclarationStatus.AWAITING_OFFICE)
            | Q(status=DeclarationStatus.AWAITING_MANAGER, manager__isnull=True)
            | Q(pk__in=to_decide.values("pk"))
        )
    return render(
        request,
        "safework/declaration_list.html",
        {
            "own": own.select_related("department"),
            "to_decide": to_decide.exclude(employee=user).select_related("department"),
            "can_view_register": permissions.can_view_register(user),
            "can_view_training_overview": can_view_training_overview(user),
        },
    )


@require_http_methods(["GET", "POST"])
def declaration_create(request, kind):
    if kind not in FORMS or not permissions.can_declare(request.user):
        raise PermissionDenied
    form = FORMS[kind](request.POST or None)
    if request.method == "POST" and form.is_valid():
        declaration = services.declare(form.save(commit=False), request.user)
        messages.success(
            request,
            _(
                "Je melding is ontvangen met kenmerk %(reference)s. "
                "Je leidinggevende besluit uiterlijk %(due)s."
            )
            % {"reference": declaration.reference, "due": declaration.decision_due.strftime("%d-%m-%Y")},
        )
        return redirect("safework:declaration_detail", reference=declaration.reference)
    return render(request, "safework/declaration_form.html", {"form": form, "kind": kind})


def _visible(request, reference) -> Declaration:
    declaration = get_object_or_404(
        Declaration.objects.select_related("department", "employee", "manager"), reference=reference
    )
    if not permissions.can_view_declaration(request.user, declaration):
        raise PermissionDenied
    return declaration


def declaration_detail(request, reference):
    declaration = _visible(request, reference)
    return render(
        request,
        "safework/declaration_detail.html",
        {
            "declaration": declaration,
            "can_decide": permissions.can_decide(request.user, declaration),
            "can_give_second_opinion": permissions.can_give_second_opinion(request.user, declaration),
        },
    )


@require_http_methods(["GET", "POST"])
def declaration_decide(request, reference):
    declaration = _visible(request, reference)
    second_opinion = declaration.status == DeclarationStatus.AWAITING_OFFICE
    allowed = (
        permissions.can_give_second_opinion(request.user, declaration)
        if second_opinion
        else permissions.can_decide(request.user, declaration)
    )
    if not allowed:
        raise PermissionDenied
    initial = {}
    if second_opinion:
        initial = {"decision": declaration.manager_decision, "conditions": declaration.conditions}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        step = services.give_second_opinion if second_opinion else services.decide
        try:
            step(declaration, request.user, data["decision"], data["reasons"], data["conditions"])
        except services.WorkflowError:
            messages.error(request, _("Over deze melding is intussen al besloten."))
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
        return redirect("safework:declaration_detail", reference=declaration.reference)
    return render(
        request,
        "safework/declaration_decide.html",
        {"form": form, "declaration": declaration, "second_opinion": second_opinion},
    )


def rescreening_list(request):
    """HR's list of employees due for periodic screening (position, profile, due date; no more)."""
    if not permissions.can_view_rescreening(request.user):
        raise PermissionDenied
    return render(request, "safework/rescreening_list.html", {"due": screening.due_for_rescreening()})
