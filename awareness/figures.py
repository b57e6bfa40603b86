"""Annual figures of the awareness room for the statistics service (see forms/statistics/base.py)."""

import datetime
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
        from awareness.models import ProgrammeItemPage, Registration, default_language

        # Items in the source language only: a translated item is the same activity.
        programme_items = ProgrammeItemPage.objects.filter(
            edition__year=year, locale__language_code=default_language()
        ).count()
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
            # The session the registration was saved with (a sign-up loads it under its lock).
            if Registration.session.is_cached(instance):
                instance = instance.session
            else:
                instance = (
                    Session.objects.select_related("item__edition").filter(pk=instance.session_id).first()
                )
        if isinstance(instance, Session):
            instance = instance.item
        if isinstance(instance, ProgrammeItemPage) and instance.edition_id:
            edition = instance.edition if ProgrammeItemPage.edition.is_cached(instance) else None
            if edition is not None and edition.pk == instance.edition_id:
                return edition.year
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


class YearRoundProvider(StatisticsProvider):
    """Activities of the year-round calendar, outside any Week van de Weerbaarheid edition.

    An activity is a programme item placed in the calendar (not in an edition) with at least one
    session in the year that goes ahead. Registrations count confirmed places on those sessions;
    participants are distinct colleagues (by e-mail address); attended are distinct colleagues
    marked present at check-in, or None when no check-in was recorded for any of them (so that
    "no attendance recorded" never reads as "nobody came"). The resilience week keeps its own
    figures (`ResilienceWeekProvider`): an item in an edition never counts here.
    """

    path = ("awareness", "year_round")
    models = ("awareness.ProgrammeItemPage", "awareness.Session", "awareness.Registration")

    @staticmethod
    def sessions(year: int):
        from awareness.models import Session

        return Session.objects.filter(item__edition__isnull=True, start__year=year, cancelled=False)

    def compute(self, year: int) -> dict[str, Any] | None:
        from awareness.models import Registration

        activities = self.sessions(year).aggregate(activities=Count("item", distinct=True))["activities"]
        if not activities:
            return None
        # Grouped by e-mail address in a subquery, as for the resilience week: the groups are the
        # participants, their sizes the registrations; a group with a present mark attended.
        row = (
            Registration.objects.filter(session__in=self.sessions(year), status=Registration.Status.CONFIRMED)
            .order_by()
            .values("email")
            .annotate(
                places=Count("*"),
                present=Count("pk", filter=Q(attended=True)),
                recorded=Count("pk", filter=Q(attended__isnull=False)),
            )
            .aggregate(
                participants=Count("*"),
                registrations=Sum("places"),
                attended=Count("email", filter=Q(present__gt=0)),
                checked=Sum("recorded"),
            )
        )
        return {
            "activities": activities,
            "registrations": row["registrations"] or 0,
            "participants": row["participants"],
            "attended": row["attended"] if row["checked"] else None,
        }

    def years(self) -> set[int]:
        from awareness.models import Session

        starts = Session.objects.filter(item__edition__isnull=True, cancelled=False).dates("start", "year")
        return {d.year for d in starts}

    def year_of(self, instance) -> set[int]:
        """Every year the record counts in (an item counts in the years of its sessions)."""
        from awareness.models import ProgrammeItemPage, Registration, Session

        if isinstance(instance, Registration):
            start: datetime.datetime | None
            if Registration.session.is_cached(instance):  # as a sign-up saves it: no query
                start = instance.session.start
            else:
                start = Session.objects.filter(pk=instance.session_id).values_list("start", flat=True).first()
            year = year_from(start)
            return {year} if year else set()
        if isinstance(instance, Session):
            year = year_from(instance.start)
            return {year} if year else set()
        if isinstance(instance, ProgrammeItemPage) and instance.pk:
            return {d.year for d in Session.objects.filter(item_id=instance.pk).dates("start", "year")}
        return set()
