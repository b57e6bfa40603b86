"""The declaration workflow: declare, decide, second opinion. Each step is one transaction and
tells the people concerned after it commits (`portal.mail.send_mail_later`)."""

from django.db import transaction
from django.utils import timezone

from safework import notifications
from safework.models import (
    Decision,
    Declaration,
    DeclarationKind,
    DeclarationStatus,
    department_of,
    placement_of,
)


class WorkflowError(Exception):
    """The declaration is not in the state this step needs (someone else was first)."""


@transaction.atomic
def declare(declaration: Declaration, employee) -> Declaration:
    """Store a new declaration of `employee` with their department, manager and screening profile."""
    placement = placement_of(employee)
    declaration.employee = employee
    declaration.department = department_of(employee)
    declaration.manager = placement.manager if placement and placement.manager_id != employee.pk else None
    position = placement.position if placement else None
    declaration.screening_profile = position.screening_profile if position else ""
    declaration.needs_second_opinion = bool(
        declaration.kind == DeclarationKind.OUTSIDE_WORK and position and position.raised_profile
    )
    declaration.status = DeclarationStatus.AWAITING_MANAGER
    declaration.save()
    notifications.declaration_submitted(declaration)
    return declaration


def _locked(declaration: Declaration, status: str) -> Declaration:
    fresh = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if fresh.status != status:
        raise WorkflowError
    return fresh


@transaction.atomic
def decide(declaration: Declaration, user, decision: str, reasons: str, conditions: str = "") -> Declaration:
    fresh = _locked(declaration, DeclarationStatus.AWAITING_MANAGER)
    fresh.manager_decision = decision
    fresh.manager_reasons = reasons
    fresh.conditions = conditions if decision == Decision.CONDITIONS else ""
    fresh.manager_decided_by = user
    fresh.manager_decided_on = timezone.localdate()
    if fresh.needs_second_opinion:
        fresh.status = DeclarationStatus.AWAITING_OFFICE
        fresh.save()
        notifications.second_opinion_needed(fresh)
    else:
        fresh.status = DeclarationStatus.DECIDED
        fresh.decision = decision
        fresh.save()
        notifications.decision_made(fresh)
    return fresh


@transaction.atomic
def give_second_opinion(
    declaration: Declaration, user, decision: str, reasons: str, conditions: str = ""
) -> Declaration:
    """The office's opinion is final: it confirms or replaces the manager's decision."""
    fresh = _locked(declaration, DeclarationStatus.AWAITING_OFFICE)
    fresh.office_decision = decision
    fresh.office_reasons = reasons
    fresh.office_decided_by = user
    fresh.office_decided_on = timezone.localdate()
    fresh.decision = decision
    fresh.conditions = conditions if decision == Decision.CONDITIONS else ""
    fresh.status = DeclarationStatus.DECIDED
    fresh.save()
    notifications.decision_made(fresh)
    return fresh
