"""Personal parts of the VPD pages (see portal/holes.py).

A department's page lists its teams for everyone; a manager of a team without a live instruction
also gets the way to start or edit it. That link is a hole, so the page is cached for everyone.
"""

from django.utils.html import format_html
from django.utils.translation import gettext

from portal import holes
from portal.prepared import PreparedQuery


def _managed_teams(user_id: int, team_ids: list[int]):
    from vpd.models import Team

    return Team.managers.through.objects.filter(user_id=user_id, team_id__in=team_ids).values_list("team_id")


_MANAGED = PreparedQuery(_managed_teams)


@holes.register_batch("vpd.team_action")
def team_action(person: holes.Person, calls: list[tuple[str, ...]]) -> list[str]:
    """For each team line: " — start" (no instruction yet) or " — edit the draft", for its managers;
    nothing for everyone else. One query for the whole page."""
    ids = sorted({int(team_id) for team_id, *_rest in calls if team_id.isdigit()})
    if person.pk is None or not ids:
        return [""] * len(calls)
    managed = {str(team_id) for (team_id,) in _MANAGED(person.pk, ids)}
    return [_action(action, target) if team_id in managed else "" for team_id, action, target in calls]


@holes.same_for_everyone
def _action(action: str, target: str) -> str:
    if action == "edit" and target.isdigit():
        return format_html(
            ' — <a class="utrecht-link" href="{}">{}</a>',
            holes.url("wagtailadmin_pages:edit", int(target)),
            gettext("concept bewerken"),
        )
    if action == "start":
        return format_html(
            ' — <a class="utrecht-link" href="{}">{}</a>',
            holes.url("vpd:team_instruction_start", target),
            gettext("teaminstructie starten"),
        )
    return ""
