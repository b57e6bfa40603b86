"""Demo content of the annual statistics: historical figures of 2019 and 2020, the employee survey
and the annual report 2021 (jaarverslag). Runs after the other apps' demos, whose records give the
2021 figures. Figures are those of the 2021 annual report (`../shared/STATISTICS.md`)."""

from wagtail.models import Locale

from forms.statistics.models import AnnualReportPage, EmployeeSurvey, HistoricalFigure

SOURCE = "Jaarverslag integriteit en ongewenst gedrag 2021"

# (year, figure key, value). Department slugs as in home/demo.py: slugify(abbreviation or name).
HISTORICAL_FIGURES = [
    (2020, "integrity_reports.total", 9),
    (2020, "confidential_advisors.colleagues", 44),
    (2019, "confidential_advisors.colleagues", 74),
    (2020, "confidential_advisors.by_department.stadsbedrijven", 16),
    (2020, "confidential_advisors.by_department.wi", 3),
    (2020, "confidential_advisors.by_department.ruimte", 3),
    (2020, "public_aggression.total", 151),
    (2020, "public_aggression.by_type.persoonlijke-bedreiging", 39),
    (2020, "public_aggression.by_type.fysieke-agressie", 28),
]

#: Years the integrity office has published, oldest first (2021 compares with the published 2020).
PUBLISHED_YEARS = [2020, 2021]

# year, respondents, answered yes, percentage (only where the counts are unknown)
SURVEYS = [
    (2021, 3265, 228, None),
    (2020, None, None, 6),
    (2019, None, None, 9),
]

INTRO = (
    "<p>Integriteit en ongewenst gedrag waren in 2021 niet weg te denken uit het debat in het land. "
    "Ook in de organisatie is er stevig aandacht voor integriteit en ongewenst gedrag. Die aandacht "
    "vindt grofweg plaats langs vier lijnen, die de hoofdstukken vormen in dit jaarverslag.</p>"
)
NARRATIVE = [
    (
        "meldingen",
        "<p>In 2021 waren er 11 meldingen van (vermeende) integriteitsschendingen door medewerkers. "
        "We trekken ook breder lering uit de meldingen en onderzoeken: we kijken naar de "
        "omstandigheden en werkprocessen waarin niet-integer handelen de ruimte krijgt.</p>",
    ),
    (
        "medewerkersonderzoek",
        "<p>In het Medewerkersonderzoek staat sinds enkele jaren de vraag of medewerkers in het "
        "afgelopen jaar met ongewenste omgangsvormen te maken hebben gehad.</p>",
    ),
    (
        "agenda",
        "<p>In 2022 werken we verder aan omgangsvormen, de implementatie van verscherpte screening, "
        "Veilige Publieke Dienstverlening en ondersteuning van teams bij hun aanpak.</p>",
    ),
]


def load(log) -> None:
    for year, key, value in HISTORICAL_FIGURES:
        HistoricalFigure.objects.update_or_create(
            year=year, key=key, defaults={"value": value, "note": SOURCE}
        )
    log.write(f"  {len(HISTORICAL_FIGURES)} historical figures (2019, 2020)")
    for year, respondents, experienced, percentage in SURVEYS:
        EmployeeSurvey.objects.update_or_create(
            year=year,
            defaults={"respondents": respondents, "experienced": experienced, "percentage": percentage},
        )
    log.write(f"  employee survey {', '.join(str(year) for year, *_ in SURVEYS)}")

    from home.demo import ensure_child
    from home.models import ContentPage, HomePage

    dutch = Locale.objects.get(language_code="nl")
    home = HomePage.objects.get(locale=dutch, depth=2)
    section = ContentPage.objects.child_of(home).get(slug="melden")
    body = [("section", {"section": slug, "content": [("text", text)]}) for slug, text in NARRATIVE]
    ensure_child(
        section,
        AnnualReportPage,
        "jaarverslag-2021",
        title="Jaarverslag integriteit en ongewenst gedrag 2021",
        year=2021,
        intro=INTRO,
        body=body,
        show_in_menus=True,
    )
    log.write("  annual report 2021 (under Melden en opvolging)")

    from forms.statistics import publication

    for year in PUBLISHED_YEARS:  # the office published these; the demo keeps what it published
        if publication.latest_published(year) is None:
            publication.publish(year, None, reason="Demo")
    log.write(f"  published {', '.join(str(year) for year in PUBLISHED_YEARS)}")
