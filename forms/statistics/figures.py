"""The statistics app's own source of figures: the employee survey (medewerkersonderzoek)."""

from typing import Any

from forms.statistics.base import StatisticsProvider


class EmployeeSurveyProvider(StatisticsProvider):
    """Respondents and how many experienced unwanted behaviour, as entered per year by editors.

    The percentage is the stored one when only that is known; otherwise the service computes it
    from the counts (to one decimal).
    """

    path = ("employee_survey",)
    models = ("statistics.EmployeeSurvey",)

    def compute(self, year: int) -> dict[str, Any] | None:
        from forms.statistics.models import EmployeeSurvey

        survey = EmployeeSurvey.objects.filter(year=year).first()
        if survey is None:
            return None
        return {
            "respondents": survey.respondents,
            "experienced": survey.experienced,
            "percentage": float(survey.percentage) if survey.percentage is not None else None,
        }

    def years(self) -> set[int]:
        from forms.statistics.models import EmployeeSurvey

        return set(EmployeeSurvey.objects.values_list("year", flat=True))

    def year_of(self, instance) -> int | None:
        return instance.year
