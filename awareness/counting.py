"""Where a programme item or session counts in the annual statistics, and warnings for editors who
place one where it will not count as they probably expect.

The figures (`awareness/figures.py`): an item in a Week van de Weerbaarheid edition counts in that
edition's year (`awareness.resilience_week`), whatever the dates of its sessions; an item placed in
the calendar counts as a year-round activity (`awareness.year_round`) in the years of its sessions
that go ahead; team sessions count only as registered team sessions (`awareness.team_sessions`).
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from awareness.models import EditionPage, ItemKind, ProgrammeItemPage, Session


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


def _edition_of(item: ProgrammeItemPage) -> EditionPage | None:
    if not item.edition_id:
        return None
    return EditionPage.objects.filter(pk=item.edition_id).first()


def session_warnings(session: Session) -> list[str]:
    """Why this session will not count where its dates suggest (empty when it counts as expected)."""
    item = ProgrammeItemPage.objects.filter(pk=session.item_id).first()
    edition = _edition_of(item) if item else None
    if edition is None or session.cancelled:
        return []
    day = timezone.localtime(session.start).date()
    if edition.start_date <= day <= edition.end_date:
        return []
    return [
        _(
            "Deze sessie (%(day)s) valt buiten de Week van de Weerbaarheid %(year)s (%(start)s t/m "
            "%(end)s). In de jaarcijfers telt ze mee bij die week in %(year)s, niet als activiteit door "
            "het jaar heen. Hoort ze niet bij de week, zet het programmaonderdeel dan in de kalender."
        )
        % {
            "day": _date(day),
            "year": edition.year,
            "start": _date(edition.start_date),
            "end": _date(edition.end_date),
        }
    ]


def item_warnings(item: ProgrammeItemPage) -> list[str]:
    """Why this programme item (or some of its sessions) will not count as the editor may expect."""
    warnings = []
    if item.kind == ItemKind.TEAM_SESSION:
        warnings.append(
            _(
                'Een programmaonderdeel van de soort "Teamsessie" telt in de jaarcijfers niet als '
                "teamsessie, maar als activiteit in de kalender of de Week van de Weerbaarheid. "
                "Registreer een sessie die een team zelf hield onder Bewustwording > Teamsessies."
            )
        )
    sessions = list(Session.objects.filter(item_id=item.pk))
    if item.edition_id is None and not any(not session.cancelled for session in sessions):
        warnings.append(
            _(
                "Dit programmaonderdeel heeft geen sessie die doorgaat en telt daarom nergens mee in "
                "de jaarcijfers. Voeg een sessie toe onder Bewustwording > Sessies."
            )
        )
    for session in sessions:
        warnings += session_warnings(session)
    return warnings
