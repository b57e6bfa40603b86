"""Annual figures of the awareness room for the statistics service (see forms/statistics/base.py)."""

from typing import Any

from django.db.models import Count, Q, Sum

from forms.statistics.base import StatisticsProvider, year_from


class IntroductionProvider(StatisticsProvider):
    """Introduction meetings of a year: meetings, online meetings, attendees, declarations taken."""

    path = ("awareness", "introduction")
    models = ("awareness.IntroductionMeeting", "awareness.IntroductionAttendance")

    def compute(self, year: int) -> dict[str, Any] | None:
        from awareness.models import IntroductionMeeting

        row = IntroductionMeeting.objects.filter(start__year=year).aggregate(
            sessions=Count("pk", distinct=True),
            sessions_online=Count("pk", filter=Q(format="online"), distinct=True),
            attendees=Count("attendances"),
            declarations_taken=Count("attendances", filter=Q(attendances__declaration_date__isnull=False)),
        )
        return row if row["sessions"] else None

    def years(self) -> set[int]:
        from awareness.models import IntroductionMeeting

        return {d.year for d in IntroductionMeeting.objects.dates("start", "year")}

    def year_of(self, instance) -> int | None:
        meeting = getattr(instance, "meeting", instance)
        return year_from(meeting.start) if meeting else None


class ResilienceWeekProvider(StatisticsProvider):
    """The Week van de Weerbaarheid of a year: programme items, registrations, distinct participants.

    Registrations count confirmed places (not the waitlist, not cancellations); participants are
    distinct colleagues (by e-mail address).
    """

    path = ("awareness", "resilience_week")
    models = (
        "awareness.EditionPage",
        "awareness.ProgrammeItemPage",
        "awareness.Session",
        "awareness.Registration",
    )

    def compute(self, year: int) -> dict[str, Any] | None:
        from awareness.models import ProgrammeItemPage, Registration

        programme_items = ProgrammeItemPage.objects.filter(edition__year=year).count()
        if not programme_items:
            return None
        # The year's confirmed registrations grouped by e-mail address in a subquery (a hashed
        # grouping: cheaper than COUNT(DISTINCT email), which sorts): the groups are the participants,
        # their sizes add up to the registrations.
        confirmed = Registration.objects.filter(
            session__item__edition__year=year, status=Registration.Status.CONFIRMED
        )
        row = (
            confirmed.order_by()
            .values("email")
            .annotate(places=Count("*"))
            .aggregate(participants=Count("*"), registrations=Sum("places"))
        )
        return {
            "programme_items": programme_items,
            "registrations": row["registrations"] or 0,
            "participants": row["participants"],
        }

    def years(self) -> set[int]:
        from awareness.models import EditionPage

        return set(EditionPage.objects.values_list("year", flat=True).distinct())

    def year_of(self, instance) -> int | None:
        from awareness.models import EditionPage, ProgrammeItemPage, Registration, Session

        if isinstance(instance, EditionPage):
            return instance.year
        if isinstance(instance, Registration):
            instance = Session.objects.select_related("item__edition").filter(pk=instance.session_id).first()
        if isinstance(instance, Session):
            instance = instance.item
        if isinstance(instance, ProgrammeItemPage) and instance.edition_id:
            return EditionPage.objects.filter(pk=instance.edition_id).values_list("year", flat=True).first()
        return None


class TeamSessionsProvider(StatisticsProvider):
    """Awareness sessions held in teams: number of sessions and participants in a year."""

    path = ("awareness", "team_sessions")
    models = ("awareness.TeamSession",)

    def compute(self, year: int) -> dict[str, Any] | None:
        from awareness.models import TeamSession

        row = TeamSession.objects.filter(date__year=year).aggregate(
            sessions=Count("pk"),
            participants=Sum("participants"),
            departments=Count("department", distinct=True),
        )
        if not row["sessions"]:
            return None
        return {**row, "participants": row["participants"] or 0}

    def years(self) -> set[int]:
        from awareness.models import TeamSession

        return {d.year for d in TeamSession.objects.dates("date", "year")}

    def year_of(self, instance) -> int | None:
        return year_from(instance.date)
